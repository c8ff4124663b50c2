// leftovers40: two people adding "Sales" at once made two Sales teams, unsaid, with no way to fold one into
// the other (leftovers39 did it for people). `Plan.mergeTeam(from, into)` moves the merged team's items,
// members and sub-teams, removes it with `mergedInto`, and whatever a peer gives the merged team meanwhile
// reads as the kept one. Real Y.Docs; the property runs a merge on one replica while the other edits.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROOT_ID, createUndoManager, isPlanError, type NodeId, type Plan, type TeamId } from '../../../shared/model/index.js';
import { snapshotEverything, twoReplicas } from './support.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const SEED = Number(process.env.FUZZ_SEED ?? 20271207);

const liveTeams = (plan: Plan) => plan.index.teams().map((team) => [team.name, team.parent && plan.index.team(team.parent)?.name]).sort();
const refused = (run: () => void) => { try { run(); return null; } catch (error) { return isPlanError(error) ? error.code : 'other'; } };

function salesTwice(a: Plan) {
  const sales = a.addTeam({ name: 'Sales' });
  const ops = a.addTeam({ name: 'Ops' });
  const sales2 = a.addTeam({ name: 'sales ' });
  const emea = a.addTeam({ name: 'EMEA', parent: sales2 });
  const strategy = a.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' });
  const objective = a.createNode({ kind: 'objective', parent: strategy, title: 'O', team: sales });
  const items: NodeId[] = [];
  for (let i = 0; i < 6; i++) items.push(a.createNode({ kind: 'initiative', parent: objective, title: `I${i}`, team: [sales, sales2, ops][i % 3] }));
  const ann = a.addPerson({ name: 'Ann', team: sales2 });
  const bob = a.addPerson({ name: 'Bob', team: sales });
  return { sales, sales2, ops, emea, objective, items, ann, bob };
}

describe('two teams of the same name (leftovers40)', () => {
  it('merging one into the other moves its items, members and sub-teams, removes it, on both replicas; undo brings it back', () => {
    const r = twoReplicas(salesTwice, ['ada', 'ben']);
    r.sync();
    const undo = createUndoManager(r.a);
    expect(r.a.mergeTeam(r.sales2, r.sales)).toEqual({ items: 2, members: 1, subteams: 1 });
    r.sync();
    for (const plan of [r.a, r.b]) {
      expect(liveTeams(plan)).toEqual([['EMEA', 'Sales'], ['Ops', null], ['Sales', null]]);
      expect(r.items.map((id) => plan.index.node(id)!.fields.team)).toEqual([r.sales, r.sales, r.ops, r.sales, r.sales, r.ops]);
      expect(plan.index.person(r.ann)!.team).toBe(r.sales);
      expect(plan.index.team(r.sales2)).toMatchObject({ removed: { by: 'ada' }, mergedInto: r.sales });
    }
    undo.undo();
    r.sync();
    for (const plan of [r.a, r.b]) {
      expect(liveTeams(plan)).toEqual([['EMEA', 'sales '], ['Ops', null], ['Sales', null], ['sales ', null]]);
      expect(r.items.map((id) => plan.index.node(id)!.fields.team)).toEqual([r.sales, r.sales2, r.ops, r.sales, r.sales2, r.ops]);
      expect(plan.index.person(r.ann)!.team).toBe(r.sales2);
    }
  });

  it('a kept team below the merged one takes its place first (no loop)', () => {
    const r = twoReplicas((a) => {
      const top = a.addTeam({ name: 'Sales' });
      const mid = a.addTeam({ name: 'Field', parent: top });
      const kept = a.addTeam({ name: 'SALES', parent: mid });
      return { top, mid, kept };
    });
    r.sync();
    r.a.mergeTeam(r.top, r.kept);
    r.sync();
    for (const plan of [r.a, r.b]) expect(liveTeams(plan)).toEqual([['Field', 'SALES'], ['SALES', null]]);
  });

  it('refuses teams of other names, the same team, and a removed one, writing nothing', () => {
    const r = twoReplicas(salesTwice, ['ada', 'ben']);
    r.sync();
    expect(refused(() => r.a.mergeTeam(r.sales, r.ops))).toBe('invalid-input');
    expect(refused(() => r.a.mergeTeam(r.sales, r.sales))).toBe('invalid-input');
    r.a.removeTeam(r.sales2);
    r.sync();
    expect(refused(() => r.a.mergeTeam(r.sales2, r.sales))).toBe('removed-team');
    expect(refused(() => r.a.mergeTeam(r.sales, r.sales2))).toBe('removed-team');
    expect(liveTeams(r.a)).toEqual([['EMEA', null], ['Ops', null], ['Sales', null]]);
  });

  it('a merge meets two at once (each keeping its own): one of the two is kept on both replicas, with all the work', () => {
    const r = twoReplicas(salesTwice, ['ada', 'ben']);
    r.sync();
    r.a.mergeTeam(r.sales2, r.sales);
    r.b.mergeTeam(r.sales, r.sales2);
    r.sync();
    const kept = r.sales < r.sales2 ? r.sales : r.sales2;
    for (const plan of [r.a, r.b]) {
      expect(plan.index.teams().filter((team) => team.name.trim() === 'Sales' || team.name.trim() === 'sales').map((team) => team.id)).toEqual([kept]);
      expect(r.items.map((id) => plan.index.node(id)!.fields.team)).toEqual([kept, kept, r.ops, kept, kept, r.ops]);
      expect([plan.index.person(r.ann)!.team, plan.index.person(r.bob)!.team]).toEqual([kept, kept]);
      // The kept one can be edited and picked, as any live team.
      expect(refused(() => plan.updateTeam(kept as TeamId, { name: 'Sales' }))).toBe(null);
    }
    expect(snapshotEverything(r.a.index)).toEqual(snapshotEverything(r.b.index));
  });

  // What the other replica does meanwhile, to the merged team's work and to the rest.
  type Edit =
    | { op: 'setTeam'; item: number; team: 'from' | 'into' | 'ops' | 'none' }
    | { op: 'create'; team: 'from' | 'into' | 'ops' }
    | { op: 'join'; person: 'ann' | 'bob' | 'new'; team: 'from' | 'into' | 'ops' }
    | { op: 'subteam'; under: 'from' | 'into' }
    | { op: 'rename'; item: number }
    | { op: 'deleteRestore'; item: number }
    | { op: 'mergeBack' };
  const teamArb = fc.constantFrom('from' as const, 'into' as const, 'ops' as const);
  const editArb: fc.Arbitrary<Edit> = fc.oneof(
    fc.record({ op: fc.constant('setTeam' as const), item: fc.nat(5), team: fc.constantFrom('from' as const, 'into' as const, 'ops' as const, 'none' as const) }),
    fc.record({ op: fc.constant('create' as const), team: teamArb }),
    fc.record({ op: fc.constant('join' as const), person: fc.constantFrom('ann' as const, 'bob' as const, 'new' as const), team: teamArb }),
    fc.record({ op: fc.constant('subteam' as const), under: fc.constantFrom('from' as const, 'into' as const) }),
    fc.record({ op: fc.constant('rename' as const), item: fc.nat(5) }),
    fc.record({ op: fc.constant('deleteRestore' as const), item: fc.nat(5) }),
    fc.constant({ op: 'mergeBack' as const }),
  );

  it(`a merge on one replica while the other edits the merged team's work: nothing lost, no work under a team that is gone (${RUNS} runs, seed ${SEED})`, () => {
    const counters = { merged: 0, loops: 0 };
    fc.assert(fc.property(fc.boolean(), fc.array(editArb, { minLength: 1, maxLength: 12 }), fc.boolean(), (keepFirst, edits, syncMidway) => {
      const r = twoReplicas(salesTwice, ['ada', 'ben']);
      r.sync();
      const [from, into] = keepFirst ? [r.sales2, r.sales] : [r.sales, r.sales2];
      const ids = { from, into, ops: r.ops };
      const created: NodeId[] = [];
      const renamed = new Map<NodeId, string>();
      const newPeople: string[] = [];
      const newTeams: TeamId[] = [];
      let mergedBack = false;
      r.a.mergeTeam(from, into);
      const applied: Edit[] = [];
      edits.forEach((edit, n) => {
        const b = r.b;
        b.index.refresh(b.index.now);
        // Ben picks only teams he still sees (after a sync midway the merged one is gone from his pickers).
        const named = 'team' in edit && edit.team !== 'none' ? ids[edit.team] : 'under' in edit ? ids[edit.under] : null;
        if (named !== null && b.index.team(named)?.removed) return;
        if (edit.op === 'mergeBack' && (mergedBack || b.index.team(from)?.removed)) return;
        applied.push(edit);
        if (edit.op === 'setTeam') b.updateNode(r.items[edit.item]!, { team: edit.team === 'none' ? null : ids[edit.team] });
        else if (edit.op === 'create') created.push(b.createNode({ kind: 'initiative', parent: r.objective, title: `New ${n}`, team: ids[edit.team] }));
        else if (edit.op === 'join' && edit.person === 'new') newPeople.push(b.addPerson({ name: `P${n}`, team: ids[edit.team] }));
        else if (edit.op === 'join') b.updatePerson(edit.person === 'ann' ? r.ann : r.bob, { team: ids[edit.team] });
        else if (edit.op === 'subteam') newTeams.push(b.addTeam({ name: `Sub ${n}`, parent: ids[edit.under] }));
        else if (edit.op === 'rename') { b.setTitle(r.items[edit.item]!, `Renamed ${n}`); renamed.set(r.items[edit.item]!, `Renamed ${n}`); }
        else if (edit.op === 'deleteRestore') { b.deleteNode(r.items[edit.item]!); b.restoreNode(r.items[edit.item]!); }
        else if (edit.op === 'mergeBack') { b.mergeTeam(into, from); mergedBack = true; }
        if (syncMidway && n === Math.floor(edits.length / 2)) r.sync();
      });
      r.sync();
      counters.merged++;
      if (mergedBack && !syncMidway) counters.loops++;
      // Both replicas show the same plan.
      expect(snapshotEverything(r.a.index)).toEqual(snapshotEverything(r.b.index));
      for (const plan of [r.a, r.b]) {
        const live = new Set(plan.index.teams().map((team) => team.id as string));
        // Exactly one of the two same-named teams is live; Ops and every sub-team made meanwhile are live.
        expect([from, into].filter((id) => live.has(id))).toHaveLength(1);
        for (const id of [r.ops, r.emea, ...newTeams]) expect(live.has(id)).toBe(true);
        // No item, person or team names a team that is gone.
        for (const id of plan.index.walk()) {
          const team = plan.index.node(id)!.fields.team;
          if (team !== undefined) expect(live.has(team)).toBe(true);
          for (const owner of plan.index.node(id)!.teamIds) expect(live.has(owner)).toBe(true);
        }
        for (const person of plan.index.people()) if (person.team !== null) expect(live.has(person.team)).toBe(true);
        for (const team of plan.index.teams()) if (team.parent !== null) expect(live.has(team.parent)).toBe(true);
        // Nothing lost: every item, the new ones, the renames, the new people.
        for (const id of [...r.items, ...created]) expect(plan.index.node(id)).toBeDefined();
        for (const [id, title] of renamed) expect(plan.index.title(id)).toBe(title);
        for (const id of newPeople) expect(plan.index.person(id)?.removed).toBeUndefined();
        // The two Sales teams' work is together: no item of the pair reads as Ops or none unless Ben said so.
        const kept = [from, into].find((id) => live.has(id))!;
        const pair = new Set<string>([from, into]);
        r.items.forEach((id, i) => {
          const lastSet = [...applied].reverse().find((edit) => edit.op === 'setTeam' && edit.item === i) as Extract<Edit, { op: 'setTeam' }> | undefined;
          const was = lastSet ? (lastSet.team === 'none' ? undefined : ids[lastSet.team]) : [r.sales, r.sales2, r.ops][i % 3];
          expect(plan.index.node(id)!.fields.team).toBe(was !== undefined && pair.has(was) ? kept : was);
        });
      }
    }), { seed: SEED, numRuns: RUNS });
    expect(counters.merged).toBe(RUNS);
    expect(counters.loops).toBeGreaterThan(0);
  });
});
