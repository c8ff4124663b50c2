/**
 * What removing a person or a team takes from the plan's live work (people38): Remove asks first, naming
 * it, whenever this is not nothing. One shape for both, so People & teams has one confirmation path.
 *
 * - items: live items whose owner or assignee is the person, or whose team is the team;
 * - members: live people whose team is the team;
 * - subteams: live teams directly under the team (they move under the team's own parent on removal).
 */
import type { PlanIndex } from './plan-index.js';

export interface RemovalHoldings {
  items: number;
  members: number;
  subteams: number;
}

/** Counts for the person (`what: 'person'`) or team under `id`, as the plan shows now. */
export function removalHoldings(index: PlanIndex, what: 'person' | 'team', id: string): RemovalHoldings {
  let items = 0;
  for (const node of index.walk()) {
    const fields = index.node(node)?.fields;
    if (!fields) continue;
    if (what === 'person' ? fields.owner === id || fields.assignee === id : fields.team === id) items += 1;
  }
  if (what === 'person') return { items, members: 0, subteams: 0 };
  const members = index.people().filter((person) => person.team === id).length;
  const subteams = index.teams().filter((team) => team.parent === id).length;
  return { items, members, subteams };
}

/** Whether removing takes anything (then Remove asks first). */
export function holdsAnything(holdings: RemovalHoldings): boolean {
  return holdings.items + holdings.members + holdings.subteams > 0;
}
