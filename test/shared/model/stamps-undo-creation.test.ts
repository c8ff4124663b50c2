// trust3 (twenty-fifth session): the stamps the app sets itself (doneAt, blockedSince) across an undo and a
// redo of a task's creation. What a person sees of a task — done when, blocked since when, the figures read
// from those (blocked for N days, slowdown, effort) — is what it was before the undo, whatever a second
// person did to the task meanwhile on their own copy (offline, or synced before the undo).
//
// Found: Ben, offline, marks Ada's task done (or blocked) while she undoes and redoes its creation. The
// task shows his status (its edit record names the copy of the node he wrote into) but the stamp he set
// beside it has no record and was in no map: the done task had no done date, the blocked one read
// "Blocked for 4 days" (since its creation) where Ben had blocked it 3 days before.
import fc from 'fast-check';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { createUndoManager, openPlan, ROOT_ID, type NodeId, type Plan, type PlanIndex } from '../../../shared/model/index.js';
import { DAY, syncDocs, T0, TestContext } from './support.js';

type Status = 'todo' | 'in_progress' | 'blocked' | 'done' | 'dropped';
const STATUSES: readonly Status[] = ['todo', 'in_progress', 'blocked', 'done', 'dropped'];

interface Scenario {
  /** Ada's task: created with this status, then set to each of `adaSteps` a few hours apart. */
  created: Status;
  adaSteps: { status: Status; hours: number }[];
  /** Ben's edits on his copy between Ada's undo and her redo (status, or a priority), each some hours apart. */
  benSteps: { status: Status | null; hours: number }[];
  /** Ben's edits reach Ada before she undoes (else only after her redo: he was offline). */
  benSyncedFirst: boolean;
  /** The gc of both docs: off as in the app (the stamp is read from the old copy), on (taken from the status write's time). */
  gc: boolean;
  /** Days between Ada's undo and her redo, and after it. */
  gapDays: number;
  laterDays: number;
}

const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  created: fc.constantFrom(...STATUSES),
  adaSteps: fc.array(fc.record({ status: fc.constantFrom(...STATUSES), hours: fc.integer({ min: 1, max: 30 }) }), { maxLength: 3 }),
  benSteps: fc.array(fc.record({ status: fc.option(fc.constantFrom(...STATUSES), { nil: null }), hours: fc.integer({ min: 1, max: 60 }) }), { maxLength: 3 }),
  benSyncedFirst: fc.boolean(),
  gc: fc.boolean(),
  gapDays: fc.integer({ min: 0, max: 5 }),
  laterDays: fc.integer({ min: 0, max: 20 }),
});

/** A plan with an active initiative (slowdown and effort read its tasks' done dates) and five tasks done weeks ago. */
function cascade(plan: Plan): NodeId {
  const strategy = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow' });
  const objective = plan.createNode({ kind: 'objective', parent: strategy, title: 'Win EU' });
  const keyResult = plan.createNode({ kind: 'key_result', parent: objective, title: 'Revenue', start: 0, target: 100 });
  const initiative = plan.createNode({ kind: 'initiative', parent: keyResult, title: 'Campaign', status: 'active' });
  for (let n = 0; n < 5; n++) plan.createNode({ kind: 'task', parent: initiative, title: `Old ${n}`, status: 'done' });
  return initiative;
}

/** What a person sees of the task and the figures read from its stamps. */
function seen(index: PlanIndex, task: NodeId, initiative: NodeId): Seen {
  const view = index.node(task);
  const signals = (id: NodeId) => (index.node(id)?.signals ?? []).map((signal) => ({ kind: signal.kind, message: signal.message, since: signal.since, severity: signal.severity }));
  return {
    status: view?.fields.status, doneAt: view?.fields.doneAt, blockedSince: view?.fields.blockedSince, priority: view?.fields.priority,
    task: signals(task), initiative: signals(initiative), blocked: index.summary().counts,
  };
}

/**
 * Runs the scenario twice on fresh docs with the same client ids: once with Ada's undo and redo of the
 * creation, once without (the plan as it would be had she never pressed them). Returns both views.
 */
interface Seen { status: unknown; doneAt: unknown; blockedSince: unknown; priority: unknown; task: unknown; initiative: unknown; blocked: unknown }

/** Every doneAt and blockedSince a status write set, as its writer's replica held it right after. */
type Written = { doneAt: Set<number>; blockedSince: Set<number> };

function run(scenario: Scenario, undoRedo: boolean, written: Written = { doneAt: new Set(), blockedSince: new Set() }): Seen {
  const docA = new Y.Doc({ gc: scenario.gc });
  const docB = new Y.Doc({ gc: scenario.gc });
  docA.clientID = 101;
  docB.clientID = 202;
  const ctxA = new TestContext(T0, 'ada', 'a');
  const a = openPlan(docA, ctxA);
  const initiative = cascade(a);
  ctxA.advance(-40);
  a.index.refresh(ctxA.now());
  ctxA.advance(40);
  const undo = createUndoManager(a, { captureTimeout: 0 });
  const task = a.createNode({ kind: 'task', parent: initiative, title: 'Ship the ads', status: scenario.created });
  const note = (plan: Plan) => {
    const fields = plan.index.structure().records.get(task)?.fields;
    if (fields?.doneAt !== undefined) written.doneAt.add(fields.doneAt);
    if (fields?.blockedSince !== undefined) written.blockedSince.add(fields.blockedSince);
  };
  note(a);
  for (const step of scenario.adaSteps) {
    ctxA.time += step.hours * 3_600_000;
    if (a.index.structure().records.get(task)?.fields.status !== step.status) a.updateNode(task, { status: step.status });
    note(a);
  }
  syncDocs(docA, docB);
  const ctxB = new TestContext(ctxA.time, 'ben', 'b');
  const b = openPlan(docB, ctxB);
  const benEdits = () => {
    for (const [n, step] of scenario.benSteps.entries()) {
      ctxB.time += step.hours * 3_600_000;
      if (step.status !== null && b.index.structure().records.get(task)?.fields.status === step.status) continue;
      b.updateNode(task, step.status === null ? { priority: (['high', 'low'] as const)[n % 2] } : { status: step.status });
      note(b);
    }
  };
  if (scenario.benSyncedFirst) { benEdits(); syncDocs(docB, docA); }
  ctxA.time = Math.max(ctxA.time, ctxB.time) + DAY;
  const steps = 1 + scenario.adaSteps.length;
  if (undoRedo) for (let n = 0; n < steps; n++) undo.undo();
  if (!scenario.benSyncedFirst) benEdits();
  ctxA.time = Math.max(ctxA.time, ctxB.time) + scenario.gapDays * DAY;
  if (undoRedo) for (let n = 0; n < steps; n++) undo.redo();
  syncDocs(docA, docB);
  syncDocs(docB, docA);
  const now = Math.max(ctxA.time, ctxB.time) + scenario.laterDays * DAY;
  a.index.refresh(now);
  b.index.refresh(now);
  const fromA = seen(a.index, task, initiative);
  // Both replicas show the same, and never a stamp beside another status (the outline, pulse and signals read them with it).
  expect(fromA.doneAt !== undefined).toBe(fromA.status === 'done');
  expect(fromA.blockedSince !== undefined).toBe(fromA.status === 'blocked');
  expect(seen(b.index, task, initiative)).toEqual(fromA);
  return fromA;
}

describe('stamps across an undo and a redo of a creation', () => {
  it('Ben marks the task done offline while Ada undoes and redoes its creation: the done date is when he did it', () => {
    const scenario: Scenario = { created: 'todo', adaSteps: [], benSteps: [{ status: 'done', hours: 5 }], benSyncedFirst: false, gc: false, gapDays: 1, laterDays: 2 };
    const after = run(scenario, true) as { doneAt: number };
    expect(after).toEqual(run(scenario, false));
    expect(after.doneAt).toBe(T0 + 5 * 3_600_000);
  });

  it('Ben blocks the task offline 3 days before Ada redoes it: still "Blocked for 3 days", not counted from its creation', () => {
    const scenario: Scenario = { created: 'todo', adaSteps: [], benSteps: [{ status: 'blocked', hours: 24 }], benSyncedFirst: false, gc: false, gapDays: 3, laterDays: 0 };
    const after = run(scenario, true) as { task: { message: string }[] };
    expect(after).toEqual(run(scenario, false));
    expect(after.task.map((signal) => signal.message)).toEqual(['Blocked for 3 days']);
  });

  it('the same with garbage collection on (the old copy is gone): the stamp is the time of Ben\'s status write', () => {
    const scenario: Scenario = { created: 'todo', adaSteps: [], benSteps: [{ status: 'blocked', hours: 24 }], benSyncedFirst: false, gc: true, gapDays: 2, laterDays: 0 };
    expect(run(scenario, true)).toEqual(run(scenario, false));
  });

  it('for any statuses Ada and Ben set, synced before the undo or after the redo, a shown stamp is one a status write set, never the redo\'s time or a fallback', () => {
    let benStatusShown = 0;
    fc.assert(fc.property(scenarioArb, (scenario) => {
      const written: Written = { doneAt: new Set(), blockedSince: new Set() };
      const after = run(scenario, true, written);
      const without = run(scenario, false);
      if (after.doneAt !== undefined) expect(written.doneAt).toContain(after.doneAt);
      if (after.blockedSince !== undefined) expect(written.blockedSince).toContain(after.blockedSince);
      // When Ben changed no status, or the one shown is the one the plan shows without the undo and redo
      // (his, when he set one last), every figure is what it was. (A redo is its presser's write: a status
      // Ben set meanwhile can be offered beside hers as a conflict — undo.ts — and then hers shows.)
      const benStatus = scenario.benSteps.some((step) => step.status !== null);
      if (!benStatus || (after.status === without.status && after.doneAt === without.doneAt && after.blockedSince === without.blockedSince)) expect(after).toEqual(without);
      if (benStatus && after.status === without.status) benStatusShown++;
    }), { numRuns: 200 });
    expect(benStatusShown).toBeGreaterThan(20);
  });
});
