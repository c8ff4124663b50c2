// people37 (review36c F4): removing a person or a team dropped concurrent work without a word. Ben,
// offline, made Carla the owner of a task, set her e-mail and added "Sales EMEA" under Sales, while Ada
// removed Carla and Sales. After the merge the task named a person that did not exist, Ben's e-mail was
// gone (written into the deleted entry) and Sales EMEA sat under a team nobody could pick. Removal is
// now a tombstone: the entry stays, marked `removedAt`/`removedBy`.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ROOT_ID, isPlanError, openPlan, type NodeId, type Plan, type PersonId, type TeamId } from '../../../shared/model/index.js';
import { TestContext, syncDocs, twoReplicas } from './support.js';
import { exportPlanFile, parsePlanFile, serializePlanFile, writePlanFile } from '../../../shared/files/plan-file.js';

function officeWithCarlaAndSales(a: Plan) {
  const strategy = a.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' });
  const objective = a.createNode({ kind: 'objective', parent: strategy, title: 'O' });
  const initiative = a.createNode({ kind: 'initiative', parent: objective, title: 'I' });
  const task = a.createNode({ kind: 'task', parent: initiative, title: 'T' });
  const sales = a.addTeam({ name: 'Sales' });
  const carla = a.addPerson({ name: 'Carla', team: sales });
  return { strategy, objective, initiative, task, carla, sales };
}

describe('removing a person or a team while someone offline works with them (review36c F4)', () => {
  it('keeps the assignment, the edit and the sub-team, on both replicas', () => {
    const r = twoReplicas(officeWithCarlaAndSales, ['ada', 'ben']);
    r.ctxA.time += 7_200_000;
    r.ctxB.time += 3_600_000;
    // Ben, offline.
    r.b.updateNode(r.task, { owner: r.carla });
    r.b.updatePerson(r.carla, { email: 'carla@example.com' });
    const emea = r.b.addTeam({ name: 'Sales EMEA', parent: r.sales });
    r.b.updateNode(r.initiative, { team: emea });
    // Ada, not having seen any of it.
    r.a.removePerson(r.carla);
    r.a.removeTeam(r.sales);
    r.sync();
    for (const plan of [r.a, r.b]) {
      // The task still names Carla, and her name can be shown, marked removed by Ada.
      expect(plan.index.node(r.task)!.fields.owner).toBe(r.carla);
      expect(plan.index.person(r.carla)).toMatchObject({ name: 'Carla', email: 'carla@example.com', removed: { at: expect.any(Number), by: 'ada' } });
      // Not offered as an owner, but listed as removed, with Ben's e-mail.
      expect(plan.index.people().map((person) => person.id)).not.toContain(r.carla);
      expect(plan.index.removedPeople().map((person) => [person.name, person.email])).toEqual([['Carla', 'carla@example.com']]);
      // Sales EMEA is at the top level (Sales was at the top), pickable, with its initiative.
      expect(plan.index.teams().map((team) => [team.name, team.parent])).toEqual([['Sales EMEA', null]]);
      expect(plan.index.team(r.sales)).toMatchObject({ name: 'Sales', removed: { by: 'ada' } });
      expect(plan.index.node(r.initiative)!.fields.team).toBe(emea);
    }
    // Restoring brings Carla back as Ben left her, and Sales EMEA back under Sales.
    r.a.restorePerson(r.carla);
    r.a.restoreTeam(r.sales);
    r.sync();
    for (const plan of [r.a, r.b]) {
      expect(plan.index.people().map((person) => [person.name, person.email, person.removed])).toEqual([['Carla', 'carla@example.com', undefined]]);
      expect(plan.index.teams().find((team) => team.id === emea)!.parent).toBe(r.sales);
    }
  });

  it('puts a sub-team under the nearest live team above a removed one', () => {
    const r = twoReplicas((a) => {
      const company = a.addTeam({ name: 'Company' });
      const sales = a.addTeam({ name: 'Sales', parent: company });
      const emea = a.addTeam({ name: 'EMEA', parent: sales });
      return { company, sales, emea };
    }, ['ada', 'ben']);
    const dach = r.b.addTeam({ name: 'DACH', parent: r.emea });
    r.a.removeTeam(r.emea);
    r.a.removeTeam(r.sales);
    r.sync();
    for (const plan of [r.a, r.b]) {
      expect(plan.index.teams().map((team) => [team.name, team.parent])).toEqual([['Company', null], ['DACH', r.company]]);
    }
    expect(r.a.types.teams.get(dach)!.get('parent')).toBe(r.emea);
  });

  it('refuses a removed person or team as a new owner, team, member team or parent, and an edit of a removed one', () => {
    const { a: plan, task, carla, sales } = twoReplicas(officeWithCarlaAndSales);
    plan.removePerson(carla);
    plan.removeTeam(sales);
    const code = (run: () => unknown) => { try { run(); return 'ok'; } catch (error) { return isPlanError(error) ? error.code : 'thrown'; } };
    expect(code(() => plan.updateNode(task, { owner: carla }))).toBe('removed-person');
    expect(code(() => plan.updateNode(task, { assignee: carla }))).toBe('removed-person');
    expect(code(() => plan.updateNode(task, { team: sales }))).toBe('removed-team');
    expect(code(() => plan.addTeam({ name: 'X', parent: sales }))).toBe('removed-team');
    expect(code(() => plan.addPerson({ name: 'Dan', team: sales }))).toBe('removed-team');
    expect(code(() => plan.updatePerson(carla, { role: 'AE' }))).toBe('removed-person');
    expect(code(() => plan.removePerson(carla))).toBe('removed-person');
    expect(code(() => plan.restorePerson(carla))).toBe('ok');
    expect(code(() => plan.restorePerson(carla))).toBe('not-removed');
    expect(code(() => plan.updateNode(task, { owner: carla }))).toBe('ok');
  });

  it('opens an old plan whose people were deleted outright, and an older reader of a tombstone sees a live entry', () => {
    const doc = new Y.Doc();
    const plan = openPlan(doc, new TestContext());
    const { task, carla, sales } = officeWithCarlaAndSales(plan);
    plan.updateNode(task, { owner: carla, team: sales });
    // What an older Throughline wrote: the entry deleted.
    doc.transact(() => { plan.types.people.delete(carla); plan.types.teams.delete(sales); });
    plan.index.refresh(plan.index.now);
    expect(plan.index.person(carla)).toBeUndefined();
    expect(plan.index.removedPeople()).toEqual([]);
    expect(plan.index.node(task)!.fields.owner).toBe(carla);
    // A tombstone is two more scalars in the entry: the plan file carries them, and the file's entry
    // schema (scalars of any name) is the one older versions read too.
    const dan = plan.addPerson({ name: 'Dan' });
    plan.removePerson(dan);
    const file = parsePlanFile(serializePlanFile(exportPlanFile(doc)));
    expect(file.ok && file.file.people[dan]).toMatchObject({ name: 'Dan', removedAt: expect.any(Number), removedBy: 'alice' });
    const copy = new Y.Doc();
    writePlanFile(copy, file.ok ? file.file : (undefined as never));
    const reopened = openPlan(copy, new TestContext());
    expect(reopened.index.person(dan)?.removed).toMatchObject({ by: 'alice' });
  });

  it('an undo of a removal restores the person', async () => {
    const { createUndoManager } = await import('../../../shared/model/index.js');
    const { a: plan, carla } = twoReplicas(officeWithCarlaAndSales);
    const undo = createUndoManager(plan, { captureTimeout: 0 });
    plan.removePerson(carla);
    plan.index.refresh(plan.index.now);
    expect(plan.index.people()).toEqual([]);
    undo.undo();
    plan.index.refresh(plan.index.now);
    expect(plan.index.people().map((person) => person.name)).toEqual(['Carla']);
  });

  // review39a F7: the restore was refused ("the owner "Carla" was removed from this plan; restore them
  // first or choose another"), and an item an undo took away is in no view where another can be chosen.
  it('an item an undo took away comes back naming its removed owner, assignee and team, flagged as every item that names them is', async () => {
    const { createUndoManager, shownName } = await import('../../../shared/model/index.js');
    const { a: plan, initiative, carla, sales } = twoReplicas(officeWithCarlaAndSales);
    const undo = createUndoManager(plan, { captureTimeout: 0 });
    const task = plan.createNode({ kind: 'task', parent: initiative, title: 'Call the EMEA leads', owner: carla, assignee: carla, team: sales });
    undo.undo();
    undo.clear();
    plan.removePerson(carla);
    plan.removeTeam(sales);
    plan.index.refresh(plan.index.now);
    expect(plan.index.removedNode(task)).not.toBeNull();
    plan.restoreRemovedNode(task);
    plan.index.refresh(plan.index.now);
    expect(plan.index.node(task)).toMatchObject({ title: 'Call the EMEA leads', fields: { owner: carla, assignee: carla, team: sales } });
    expect(shownName(plan.index.person(carla))).toBe('Carla (removed)');
    // Naming a removed person afresh is still refused.
    expect(() => plan.createNode({ kind: 'task', parent: initiative, title: 'New', owner: carla })).toThrow(/was removed from this plan/);
  });
});

// ── Property: several replicas, random directory and assignment ops, delivered in random order ──

type Op =
  | { op: 'addPerson'; name: number; team: number | null }
  | { op: 'removePerson'; person: number }
  | { op: 'restorePerson'; person: number }
  | { op: 'editPerson'; person: number; email: number }
  | { op: 'assign'; node: number; person: number; field: 'owner' | 'assignee' }
  | { op: 'addTeam'; name: number; parent: number | null }
  | { op: 'removeTeam'; team: number }
  | { op: 'restoreTeam'; team: number }
  | { op: 'moveTeam'; team: number; parent: number | null }
  | { op: 'teamOf'; node: number; team: number };
type Step = { kind: 'edit'; replica: number; op: Op } | { kind: 'deliver'; from: number; to: number };

const REPLICAS = 3;
const pick = fc.nat({ max: 50 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('addPerson' as const), name: pick, team: fc.option(pick, { nil: null }) }),
  fc.record({ op: fc.constant('removePerson' as const), person: pick }),
  fc.record({ op: fc.constant('restorePerson' as const), person: pick }),
  fc.record({ op: fc.constant('editPerson' as const), person: pick, email: pick }),
  fc.record({ op: fc.constant('assign' as const), node: pick, person: pick, field: fc.constantFrom('owner' as const, 'assignee' as const) }),
  fc.record({ op: fc.constant('addTeam' as const), name: pick, parent: fc.option(pick, { nil: null }) }),
  fc.record({ op: fc.constant('removeTeam' as const), team: pick }),
  fc.record({ op: fc.constant('restoreTeam' as const), team: pick }),
  fc.record({ op: fc.constant('moveTeam' as const), team: pick, parent: fc.option(pick, { nil: null }) }),
  fc.record({ op: fc.constant('teamOf' as const), node: pick, team: pick }),
);
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('edit' as const), replica: fc.nat({ max: REPLICAS - 1 }), op: opArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deliver' as const), from: fc.nat({ max: REPLICAS - 1 }), to: fc.nat({ max: REPLICAS - 1 }) }) },
);

const of = <T>(list: readonly T[], n: number): T | undefined => (list.length === 0 ? undefined : list[n % list.length]);

function run(steps: readonly Step[]): { plans: Plan[]; checked: number } {
  const docs = Array.from({ length: REPLICAS }, () => new Y.Doc());
  const ctxs = ['ada', 'ben', 'cy'].map((name, i) => new TestContext(undefined, name, `${'abc'[i]}`));
  const first = openPlan(docs[0]!, ctxs[0]!);
  const strategy = first.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' });
  const objective = first.createNode({ kind: 'objective', parent: strategy, title: 'O' });
  const initiative = first.createNode({ kind: 'initiative', parent: objective, title: 'I' });
  const nodes: NodeId[] = [objective, initiative, first.createNode({ kind: 'task', parent: initiative, title: 'T1' }), first.createNode({ kind: 'task', parent: initiative, title: 'T2' })];
  const sales = first.addTeam({ name: 'Sales' });
  first.addTeam({ name: 'EMEA', parent: sales });
  first.addPerson({ name: 'Carla', team: sales });
  first.addPerson({ name: 'Dan' });
  for (const doc of docs.slice(1)) syncDocs(docs[0]!, doc);
  const plans = docs.map((doc, i) => (i === 0 ? first : openPlan(doc, ctxs[i]!)));
  let checked = 0;
  for (const step of steps) {
    if (step.kind === 'deliver') { syncDocs(docs[step.from]!, docs[step.to]!); continue; }
    const plan = plans[step.replica]!;
    ctxs[step.replica]!.time += 60_000;
    plan.index.refresh(plan.index.now);
    // Every id the replica knows, removed ones too: operations on those must be refused, not crash.
    const people = [...plan.types.people.keys()].sort() as PersonId[];
    const teams = [...plan.types.teams.keys()].sort() as TeamId[];
    const op = step.op;
    try {
      switch (op.op) {
        case 'addPerson': plan.addPerson({ name: `P${op.name}`, team: op.team === null ? null : of(teams, op.team) ?? null }); break;
        case 'removePerson': { const id = of(people, op.person); if (id) plan.removePerson(id); break; }
        case 'restorePerson': { const id = of(people, op.person); if (id) plan.restorePerson(id); break; }
        case 'editPerson': { const id = of(people, op.person); if (id) plan.updatePerson(id, { email: `p${op.email}@example.com` }); break; }
        case 'assign': { const id = of(people, op.person); const node = of(nodes, op.node)!; if (id && (op.field === 'owner' || plan.index.node(node)?.kind === 'task')) plan.updateNode(node, { [op.field]: id }); break; }
        case 'addTeam': plan.addTeam({ name: `T${op.name}`, parent: op.parent === null ? null : of(teams, op.parent) ?? null }); break;
        case 'removeTeam': { const id = of(teams, op.team); if (id) plan.removeTeam(id); break; }
        case 'restoreTeam': { const id = of(teams, op.team); if (id) plan.restoreTeam(id); break; }
        case 'moveTeam': { const id = of(teams, op.team); if (id) plan.updateTeam(id, { parent: op.parent === null ? null : of(teams, op.parent) ?? null }); break; }
        case 'teamOf': { const id = of(teams, op.team); if (id) plan.updateNode(of(nodes, op.node)!, { team: id }); break; }
      }
    } catch (error) {
      if (!isPlanError(error)) throw error;
    }
  }
  // Full sync, in every order.
  for (let round = 0; round < 2; round++) for (const from of docs) for (const to of docs) if (from !== to) syncDocs(from, to);
  for (const plan of plans) plan.index.refresh(plan.index.now);
  const shown = (plan: Plan) => ({
    people: plan.index.people().map((person) => JSON.stringify(person)).sort(),
    removedPeople: plan.index.removedPeople().map((person) => JSON.stringify(person)).sort(),
    teams: plan.index.teams().map((team) => JSON.stringify(team)).sort(),
    removedTeams: plan.index.removedTeams().map((team) => JSON.stringify(team)).sort(),
    fields: nodes.map((node) => plan.index.node(node)!.fields),
  });
  const expected = shown(plans[0]!);
  for (const plan of plans) {
    // All converge.
    expect(shown(plan)).toEqual(expected);
    // No assignment points at nothing: every owner, assignee and node team resolves to a name (removed or not).
    for (const node of nodes) {
      const { owner, assignee, team } = plan.index.node(node)!.fields;
      for (const person of [owner, assignee]) if (person) { expect(plan.index.person(person)?.name, `person ${person} named by ${node}`).toBeTruthy(); checked++; }
      if (team) { expect(plan.index.team(team)?.name, `team ${team} of ${node}`).toBeTruthy(); checked++; }
    }
    // No sub-team orphaned: every live team's parent is a live team (or none).
    const live = new Set(plan.index.teams().map((team) => team.id));
    for (const team of plan.index.teams()) {
      if (team.parent !== null) expect(live.has(team.parent), `${team.name} under ${team.parent}`).toBe(true);
      checked++;
    }
    // Every person and team the doc holds is listed once, live or removed: nothing edited is dropped.
    expect(plan.index.people().length + plan.index.removedPeople().length).toBe(plan.types.people.size);
    expect(plan.index.teams().length + plan.index.removedTeams().length).toBe(plan.types.teams.size);
  }
  return { plans, checked };
}

describe('removed people and teams under random concurrent edits (property)', () => {
  it('three replicas converge; no assignment or sub-team points at nothing', () => {
    let checked = 0;
    fc.assert(fc.property(fc.array(stepArb, { minLength: 5, maxLength: 40 }), (steps) => { checked += run(steps).checked; }), { seed: 37, numRuns: 120 });
    expect(checked).toBeGreaterThan(120);
  });
});

// peopleui38 (review38b F1): Ben was typing Carla's e-mail when Ada's removal of Carla arrived; the
// row went, and his words with it. The People row keeps him typing and saves into the tombstone.
describe('words typed into a person while someone else removed them (review38b F1)', () => {
  it('land in the removed person on both replicas and come back with a restore; a team change is still refused', () => {
    const r = twoReplicas(officeWithCarlaAndSales, ['ada', 'ben']);
    r.a.removePerson(r.carla);
    r.sync();
    const code = (run: () => unknown) => { try { run(); return 'ok'; } catch (error) { return isPlanError(error) ? error.code : 'thrown'; } };
    // Without the option the edit of a removed person stays refused.
    expect(code(() => r.b.updatePerson(r.carla, { email: 'carla@example.com' }))).toBe('removed-person');
    r.b.updatePerson(r.carla, { email: 'carla@example.com', role: 'AE' }, { typedBeforeRemoval: true });
    expect(code(() => r.b.updatePerson(r.carla, { team: null }, { typedBeforeRemoval: true }))).toBe('removed-person');
    r.sync();
    for (const plan of [r.a, r.b]) {
      expect(plan.index.person(r.carla)).toMatchObject({ name: 'Carla', email: 'carla@example.com', role: 'AE', team: r.sales, removed: { by: 'ada' } });
      expect(plan.index.people().map((person) => person.name)).toEqual([]);
    }
    r.a.restorePerson(r.carla);
    r.sync();
    expect(r.b.index.people()).toMatchObject([{ name: 'Carla', email: 'carla@example.com', role: 'AE' }]);
  });
});
