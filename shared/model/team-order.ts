import type { TeamLink } from './team-scope.js';

/** A team in its place in the hierarchy: `depth` 0 for a top-level team. */
export interface PlacedTeam<T> {
  readonly team: T;
  readonly depth: number;
}

/**
 * The teams depth first, siblings in `compare` order, each exactly once. A team whose parent is gone
 * is top level. A parent loop two people wrote at once (A under B on one laptop, B under A on
 * another; each write was valid where it was made) has no top: the walk enters it at a team on the loop
 * (reached from the first unlisted team in `compare` order), shown at top level, so no team drops out
 * of a list (the Teams page lost both).
 * Iterative: a chain of thousands of nested teams must not exhaust the stack.
 */
export function teamsInHierarchy<T extends TeamLink>(teams: readonly T[], compare: (a: T, b: T) => number): PlacedTeam<T>[] {
  const ids = new Set(teams.map((team) => team.id));
  const children = new Map<string | null, T[]>();
  for (const team of teams) {
    const parent = team.parent !== null && ids.has(team.parent) && team.parent !== team.id ? team.parent : null;
    const list = children.get(parent);
    if (list) list.push(team);
    else children.set(parent, [team]);
  }
  for (const list of children.values()) list.sort(compare);
  const placed: PlacedTeam<T>[] = [];
  const seen = new Set<string>();
  const walkFrom = (root: T) => {
    const stack: PlacedTeam<T>[] = [{ team: root, depth: 0 }];
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (seen.has(next.team.id)) continue;
      seen.add(next.team.id);
      placed.push(next);
      const below = children.get(next.team.id) ?? [];
      for (let i = below.length - 1; i >= 0; i--) if (!seen.has(below[i]!.id)) stack.push({ team: below[i]!, depth: next.depth + 1 });
    }
  };
  for (const root of children.get(null) ?? []) walkFrom(root);
  if (seen.size < ids.size) {
    const byId = new Map(teams.map((team) => [team.id, team]));
    for (const team of [...teams].sort(compare)) if (!seen.has(team.id)) walkFrom(loopEntry(team, byId));
  }
  return placed;
}

/** The team where following parents up from `team` first comes back to a team met before: one on the loop. */
function loopEntry<T extends TeamLink>(team: T, byId: ReadonlyMap<string, T>): T {
  const met = new Set<string>();
  let at = team;
  while (!met.has(at.id)) {
    met.add(at.id);
    const parent = at.parent === null ? undefined : byId.get(at.parent);
    if (!parent) return at;
    at = parent;
  }
  return at;
}
