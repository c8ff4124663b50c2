import { planViews, type PlanView } from '../store/ui-slice.js';
import { roomIdPattern } from '../library/plan-library.js';

/** Where the window is: the plan library, or a view of one plan. Kept in the URL hash. */
export type Route = { kind: 'library' } | { kind: 'plan'; planId: string; view: PlanView };

/** Reads `#/plan/<id>/<view>` (view optional) or anything else as the library. */
export function parseRoute(hash: string): Route {
  const match = /^#\/plan\/([^/]+)(?:\/([a-z]+))?$/.exec(hash);
  if (!match || !roomIdPattern.test(match[1]!)) return { kind: 'library' };
  const view = (planViews as readonly string[]).includes(match[2] ?? '') ? (match[2] as PlanView) : 'outline';
  return { kind: 'plan', planId: match[1]!, view };
}

export function routeHash(route: Route): string {
  return route.kind === 'library' ? '#/' : `#/plan/${route.planId}/${route.view}`;
}
