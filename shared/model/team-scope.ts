/**
 * Which work is a team's: the one rule the outline's team filter and the team's slowdown on the pulse
 * both read (teams20; the pulse counted a task's single `NodeContext.team` while the filter its button
 * opens took in sub-teams and inherited work, so "0 done per week" led to an outline with 8 done).
 * Work is team T's when one of its `teamIds` (NodeContext.teams) is T or a team below T.
 */

/** A team as the hierarchy is read: its id and its parent's. */
export interface TeamLink {
  readonly id: string;
  readonly parent: string | null;
}

/** Each team's sub-teams (parent → children), built once per hierarchy. */
export function subteamsOf(teams: Iterable<TeamLink>): ReadonlyMap<string, readonly string[]> {
  const children = new Map<string, string[]>();
  for (const team of teams) {
    if (team.parent === null) continue;
    const list = children.get(team.parent);
    if (list) list.push(team.id);
    else children.set(team.parent, [team.id]);
  }
  return children;
}

/**
 * A team and every team below it, walking down from it once (O(teams in scope)): a parent loop two
 * peers wrote (A under B, B under A) ends the walk at a team already in the scope.
 */
export function teamScope(subteams: ReadonlyMap<string, readonly string[]>, teamId: string): ReadonlySet<string> {
  const scope = new Set<string>([teamId]);
  for (let queue = [teamId], i = 0; i < queue.length; i++) {
    for (const child of subteams.get(queue[i]!) ?? []) {
      if (scope.has(child)) continue;
      scope.add(child);
      queue.push(child);
    }
  }
  return scope;
}

/** A team and every team below it in the team hierarchy (a parent loop written by two peers ends the walk). */
export function teamWithSubteams(teams: Iterable<TeamLink>, teamId: string): ReadonlySet<string> {
  return teamScope(subteamsOf(teams), teamId);
}

/** A team and every team above it: the teams whose scope takes it in (a parent loop ends the walk). */
export function teamWithParents(teams: ReadonlyMap<string, TeamLink>, teamId: string): readonly string[] {
  const seen = new Set<string>();
  for (let at: string | null = teamId; at !== null && !seen.has(at); at = teams.get(at)?.parent ?? null) seen.add(at);
  return [...seen];
}

/** True when work with these teams (NodeView.teamIds) is the work of a team whose scope is `scope`. */
export function isTeamWork(teamIds: readonly string[], scope: ReadonlySet<string>): boolean {
  return teamIds.some((team) => scope.has(team));
}
