import { isPlanId, type PlanId } from '../../../shared/model/ids.js';
import { planViews, type PlanView } from '../store/ui-slice.js';

/** Where the window is: the plan library, or a view of one plan. Kept in the URL hash. */
export type Route = { kind: 'library' } | { kind: 'plan'; planId: PlanId; view: PlanView };

/** Reads `#/plan/<id>/<view>` (view optional) or anything else as the library. The URL is a boundary: the plan id is checked here. */
export function parseRoute(hash: string): Route {
  const match = /^#\/plan\/([^/]+)(?:\/([a-z]+))?$/.exec(hash);
  const planId = match?.[1];
  if (!match || !isPlanId(planId)) return { kind: 'library' };
  const view = (planViews as readonly string[]).includes(match[2] ?? '') ? (match[2] as PlanView) : 'outline';
  return { kind: 'plan', planId, view };
}

export function routeHash(route: Route): string {
  return route.kind === 'library' ? '#/' : `#/plan/${route.planId}/${route.view}`;
}
