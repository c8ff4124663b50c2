import { isTeamWork, subteamsOf, teamScope, teamWithSubteams, type NodeView, type PlanIndex, type NodeId } from '../../../shared/model/index.js';
import type { OutlineFilters } from '../store/ui-slice.js';
import { textHolds } from '../../../shared/text/fold-for-search.js';
import { appendAll } from '../../../shared/collections/long-lists.js';

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
 * initiative, and Sales EMEA's work, are Sales' work (usercheck20; the own team alone hid them). The
 * team's slowdown on the pulse counts the same tasks (shared/model/team-scope.ts, teams20).
 */
export function nodeMatches(node: NodeView, title: string, filters: OutlineFilters, teamScope: ReadonlySet<string> = new Set([filters.team])): boolean {
  if (filters.owner && node.fields.owner !== filters.owner && node.fields.assignee !== filters.owner) return false;
  if (filters.team && !isTeamWork(node.teamIds, teamScope)) return false;
  if (filters.period && node.periodId !== filters.period) return false;
  if (filters.health && node.health !== filters.health) return false;
  return textHolds(title, filters.text);
}

/** Kept here for the outline's callers; the rule lives in the model (shared/model/team-scope.ts). */
export { teamWithSubteams };

/**
 * Whether a node is the work of a removed team, for a team filter chosen before the removal (review38a 4):
 * the model counts a removed team as nobody's (derive.ts), so `teamIds` never hold it and the filter,
 * labelled "Sales (removed)", found nothing. Its work is what still names it, or a team removed below
 * it, and the work under that which names no team of its own. Live sub-teams moved out from under it.
 */
function removedTeamWork(index: PlanIndex, teamId: string): (id: NodeId) => boolean {
  const scope = teamScope(subteamsOf(index.removedTeams()), teamId);
  const known = new Map<string, boolean>();
  const decide = (id: NodeId): boolean => {
    const path: string[] = [];
    let answer = false;
    for (let at: string | undefined = id; at !== undefined; at = index.parentOf(at) ?? undefined) {
      const cached = known.get(at);
      if (cached !== undefined) { answer = cached; break; }
      path.push(at);
      const team = index.node(at)?.fields.team;
      if (team === undefined) continue;
      if (scope.has(team)) { answer = true; break; }
      if (index.team(team)?.removed === undefined) break;
    }
    for (const at of path) known.set(at, answer);
    return answer;
  };
  return decide;
}

/** The filter predicate over node ids, or undefined when no filter is set. */
export function filterPredicate(index: PlanIndex, filters: OutlineFilters): ((id: NodeId) => boolean) | undefined {
  if (!hasFilters(filters)) return undefined;
  const removedTeam = filters.team !== '' && index.team(filters.team)?.removed !== undefined;
  const scope = filters.team && !removedTeam ? teamWithSubteams(index.teams(), filters.team) : new Set<string>();
  const teamWork = removedTeam ? removedTeamWork(index, filters.team) : undefined;
  const others = teamWork ? { ...filters, team: '' } : filters;
  const added = filters.added;
  return (id) => {
    const node = index.node(id);
    if (node === undefined) return false;
    // What this person added under these filters shows until they change (OutlineFilters.added).
    if (added?.has(id)) return true;
    return nodeMatches(node, index.title(id), others, scope) && (teamWork === undefined || teamWork(id));
  };
}

/**
 * True when the filtered outline has a row for the node: it matches, or work below it does and its row
 * is there as context (`outlineRows` keeps a node with a matching descendant). `showInOutline` clears
 * the filters only when this is false (teams20: it cleared them for a context row on screen, and the
 * user's Sales filter went when they clicked the key result above a Sales initiative in the pulse).
 */
export function hasFilteredRow(index: PlanIndex, filters: OutlineFilters, id: NodeId): boolean {
  const matches = filterPredicate(index, filters);
  if (!matches) return true;
  if (index.node(id) === undefined) return false;
  for (const stack = [id]; stack.length > 0;) {
    const at = stack.pop()!;
    if (matches(at)) return true;
    appendAll(stack, index.children(at));
  }
  return false;
}
