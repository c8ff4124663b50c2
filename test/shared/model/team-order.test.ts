import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { teamsInHierarchy, type PlacedTeam, type TeamLink } from '../../../shared/model/index.js';
import { twoReplicas } from './support.js';

interface Team extends TeamLink { readonly name: string }
const byName = (a: Team, b: Team) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);

/** The team a placed team hangs under in the list: the nearest earlier one a level up. */
function shownParent(placed: readonly PlacedTeam<Team>[], at: number): string | null {
  for (let i = at - 1; i >= 0; i--) if (placed[i]!.depth === placed[at]!.depth - 1) return placed[i]!.team.id;
  return null;
}

/** Any teams, any parents: none, a missing team, itself, or another (loops included). */
const teamsArbitrary = fc.integer({ min: 0, max: 14 }).chain((count) => fc.tuple(
  fc.constant(count),
  fc.array(fc.oneof(fc.constant(null), fc.constant('gone'), fc.integer({ min: 0, max: Math.max(0, count - 1) }).map((n) => `t${n}`)), { minLength: count, maxLength: count }),
  fc.array(fc.string({ maxLength: 3 }), { minLength: count, maxLength: count }),
)).map(([count, parents, names]) => Array.from({ length: count }, (_, n): Team => ({ id: `t${n}`, name: names[n]!, parent: parents[n]! })));

describe('teams in their hierarchy (the Teams page, the team pickers and the team filter)', () => {
  it('lists every team exactly once, each under its own parent wherever the parent is listed above it', () => {
    fc.assert(fc.property(teamsArbitrary, (teams) => {
      const placed = teamsInHierarchy(teams, byName);
      expect(placed.map((entry) => entry.team.id).sort()).toEqual(teams.map((team) => team.id).sort());
      placed.forEach((entry, at) => {
        if (entry.depth > 0) expect(shownParent(placed, at)).toBe(entry.team.parent);
        // Top level only when it has no parent here, or where the walk entered a parent loop (a team on it).
        const ids = new Set(teams.map((team) => team.id));
        if (entry.depth === 0 && entry.team.parent !== null && ids.has(entry.team.parent) && entry.team.parent !== entry.team.id) {
          expect(inLoop(teams, entry.team.id)).toBe(true);
        }
      });
    }), { numRuns: 500 });
  });

  it('keeps both teams of a loop two people made at once (A under B on one laptop, B under A on the other)', () => {
    const replicas = twoReplicas((plan) => ({ sales: plan.addTeam({ name: 'Sales' }), emea: plan.addTeam({ name: 'EMEA' }) }));
    replicas.a.updateTeam(replicas.emea, { parent: replicas.sales });
    replicas.b.updateTeam(replicas.sales, { parent: replicas.emea });
    replicas.sync();
    for (const plan of [replicas.a, replicas.b]) {
      const placed = teamsInHierarchy(plan.index.teams(), byName);
      // EMEA sorts first, so the walk enters the loop there, with Sales under it.
      expect(placed.map((entry) => [entry.team.name, entry.depth])).toEqual([['EMEA', 0], ['Sales', 1]]);
    }
  });

  it('walks a chain of 20,000 nested teams without running out of stack', () => {
    const teams = Array.from({ length: 20_000 }, (_, n): Team => ({ id: `t${n}`, name: `Team ${n}`, parent: n === 0 ? null : `t${n - 1}` }));
    const placed = teamsInHierarchy(teams, byName);
    expect(placed.at(-1)).toEqual({ team: teams.at(-1), depth: 19_999 });
  });
});

/** True when following parents up from the team comes back to it. */
function inLoop(teams: readonly Team[], id: string): boolean {
  const parentOf = new Map(teams.map((team) => [team.id, team.parent]));
  const seen = new Set<string>();
  for (let at = parentOf.get(id); at != null && parentOf.has(at) && !seen.has(at); at = parentOf.get(at)) {
    if (at === id) return true;
    seen.add(at);
  }
  return false;
}
