import type { NodeView, PlanIndex, NodeId, TeamView } from '../../../shared/model/index.js';
import type { OutlineFilters } from '../store/ui-slice.js';

/** True when any filter is set. */
export function hasFilters(filters: OutlineFilters): boolean {
  return filters.owner !== '' || filters.team !== '' || filters.period !== '' || filters.health !== '' || filters.text.trim() !== '';
}

/**
 * A node matches when it passes every set filter (owner also matches a task's assignee). The period is
 * the node's own or its nearest ancestor's (`NodeView.periodId`): initiatives and tasks have no period
 * of their own, and the work under a Q1 key result was not found by the Q1 filter (usercheck18).
 * The team is read the same way (`NodeView.teamIds`: own team, else the team of the work above it and
 * a task's assignee's team), and a team takes in its sub-teams (`teamScope`): the tasks of Sales'
 * initiative, and Sales EMEA's work, are Sales' work (usercheck20; the own team alone hid them).
 */
export function nodeMatches(node: NodeView, title: string, filters: OutlineFilters, teamScope: ReadonlySet<string> = new Set([filters.team])): boolean {
  if (filters.owner && node.fields.owner !== filters.owner && node.fields.assignee !== filters.owner) return false;
  if (filters.team && !node.teamIds.some((team) => teamScope.has(team))) return false;
  if (filters.period && node.periodId !== filters.period) return false;
  if (filters.health && node.health !== filters.health) return false;
  const text = searchable(filters.text).trim();
  if (text && !searchable(title).includes(text)) return false;
  return true;
}

/** Text as Find compares it: lower case, compatibility-normalised, zero-width characters removed. */
export function searchable(text: string): string {
  return text.normalize('NFKC').replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, '').toLowerCase();
}

/** A team and every team below it in the team hierarchy (a parent loop written by two peers ends the walk). */
export function teamWithSubteams(teams: readonly TeamView[], teamId: string): ReadonlySet<string> {
  const parentOf = new Map<string, string | null>(teams.map((team) => [team.id, team.parent]));
  const scope = new Set<string>([teamId]);
  for (const team of teams) {
    const seen = new Set<string>();
    for (let at: string | null = team.id; at !== null && !seen.has(at); at = parentOf.get(at) ?? null) {
      seen.add(at);
      if (at === teamId) { scope.add(team.id); break; }
    }
  }
  return scope;
}

/** The filter predicate over node ids, or undefined when no filter is set. */
export function filterPredicate(index: PlanIndex, filters: OutlineFilters): ((id: NodeId) => boolean) | undefined {
  if (!hasFilters(filters)) return undefined;
  const teamScope = filters.team ? teamWithSubteams(index.teams(), filters.team) : new Set<string>();
  return (id) => {
    const node = index.node(id);
    return node !== undefined && nodeMatches(node, index.title(id), filters, teamScope);
  };
}
