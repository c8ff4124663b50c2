import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import fc from 'fast-check';
import { openPlan, ROOT_ID, teamScope, teamWithSubteams, type NodeId, type Plan } from '../../../shared/model/index.js';
import { generatePlan } from '../../../shared/model/fixtures/generate-plan.js';
import { hasFilteredRow } from '../../../renderer/src/outline/outline-filter.js';
import { outlineRowsOf } from '../../../renderer/src/outline/prepared-rows.js';
import { noFilters, type OutlineFilters } from '../../../renderer/src/store/ui-slice.js';

const today = Date.UTC(2027, 0, 10);

function fresh(): Plan {
  let id = 0;
  return openPlan(new Y.Doc(), { now: () => today, newId: () => `id${++id}`, actor: 't' }, { now: today });
}

describe('showInOutline keeps the filters while the node has a row (teams20, review26b F5)', () => {
  it('the key result above a Sales initiative is a context row under the Sales filter: kept; another team\'s task: no row', () => {
    const plan = fresh();
    const sales = plan.addTeam({ name: 'Sales' });
    const platform = plan.addTeam({ name: 'Platform' });
    const objective = plan.createNode({ kind: 'objective', parent: plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow' }), title: 'Win DACH' });
    const kr = plan.createNode({ kind: 'key_result', parent: objective, title: 'Revenue', start: 0, target: 100 });
    plan.createNode({ kind: 'initiative', parent: kr, title: 'Roadshow', team: sales });
    const other = plan.createNode({ kind: 'initiative', parent: objective, title: 'Billing', team: platform });
    const otherTask = plan.createNode({ kind: 'task', parent: other, title: 'Invoice run' });
    plan.index.refresh(today);
    const filters = { ...noFilters, team: sales };
    const rows = outlineRowsOf(plan.index, new Set(), filters);
    expect(rows.find((row) => row.id === kr)).toMatchObject({ matches: false });
    expect(hasFilteredRow(plan.index, filters, kr)).toBe(true);
    expect(rows.some((row) => row.id === otherTask)).toBe(false);
    expect(hasFilteredRow(plan.index, filters, otherTask)).toBe(false);
    expect(hasFilteredRow(plan.index, noFilters, otherTask)).toBe(true);
  });

  it('property: over generated plans and filters, a node has a row in the filtered outline exactly when hasFilteredRow says so', () => {
    const filterOf = (plan: Plan, pick: number, owner: boolean, text: string): OutlineFilters => {
      const teams = plan.index.teams();
      const people = plan.index.people();
      return {
        ...noFilters,
        team: teams.length > 0 && pick % 3 !== 0 ? teams[pick % teams.length]!.id : '',
        owner: owner && people.length > 0 ? people[pick % people.length]!.id : '',
        text,
      };
    };
    fc.assert(fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 20, max: 150 }), fc.nat(50), fc.boolean(), fc.constantFrom('', 'a', 'ship'), (seed, nodes, pick, owner, text) => {
      const doc = new Y.Doc();
      const generated = generatePlan(doc, { nodes, seed, teams: 4 });
      const plan = openPlan(doc, { now: () => generated.now, newId: () => 'unused', actor: 'tester' }, { now: generated.now });
      const filters = filterOf(plan, pick, owner, text);
      const shown = new Set(outlineRowsOf(plan.index, new Set(), filters).map((row) => row.id));
      for (const id of plan.index.walk()) expect(hasFilteredRow(plan.index, filters, id as NodeId), `${id}`).toBe(shown.has(id as NodeId));
      plan.index.destroy();
    }), { numRuns: 25, seed: 20 });
  });
});

describe('teamWithSubteams walks down once (teams20, review26b F6)', () => {
  /** The rule as usercheck20 wrote it: a team is in the scope when the walk up from it meets the chosen team. */
  function byWalkingUp(teams: readonly { id: string; parent: string | null }[], teamId: string): Set<string> {
    const parentOf = new Map(teams.map((team) => [team.id, team.parent]));
    const scope = new Set([teamId]);
    for (const team of teams) {
      const seen = new Set<string>();
      for (let at: string | null = team.id; at !== null && !seen.has(at); at = parentOf.get(at) ?? null) {
        seen.add(at);
        if (at === teamId) { scope.add(team.id); break; }
      }
    }
    return scope;
  }

  it('property: the same scope as walking up from every team, parent loops (a merge of two peers\' edits) included', () => {
    fc.assert(fc.property(fc.array(fc.option(fc.nat(9), { nil: null }), { minLength: 1, maxLength: 10 }), fc.nat(9), (parents, chosen) => {
      const teams = parents.map((parent, i) => ({ id: `t${i}`, parent: parent === null ? null : `t${parent % parents.length}` }));
      const teamId = `t${chosen % teams.length}`;
      expect([...teamWithSubteams(teams, teamId)].sort()).toEqual([...byWalkingUp(teams, teamId)].sort());
    }), { numRuns: 300, seed: 6 });
  });

  it('A under B, B under A, C under A: A\'s scope is all three, C\'s is C', () => {
    const teams = [{ id: 'a', parent: 'b' }, { id: 'b', parent: 'a' }, { id: 'c', parent: 'a' }];
    expect([...teamWithSubteams(teams, 'a')].sort()).toEqual(['a', 'b', 'c']);
    expect([...teamWithSubteams(teams, 'c')]).toEqual(['c']);
  });

  it('a chain of 4,000 teams is walked down in one pass: each team is reached from its parent once', () => {
    const teams = Array.from({ length: 4000 }, (_, i) => ({ id: `t${i}`, parent: i === 0 ? null : `t${i - 1}` }));
    let lookups = 0;
    const children = new Map<string, string[]>();
    for (const team of teams) if (team.parent !== null) children.set(team.parent, [team.id]);
    const counted = { get: (id: string) => { lookups++; return children.get(id); } } as unknown as ReadonlyMap<string, readonly string[]>;
    expect(teamScope(counted, 't0').size).toBe(4000);
    expect(lookups).toBe(4000);
  });
});
