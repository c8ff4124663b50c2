// Property: a refresh in steps (PlanIndex.refreshing, for a batch of thousands of nodes such as a
// spreadsheet import or its undo) paused anywhere, with local operations (which read `structure()`),
// remote edits and refreshes that must wait arriving between steps, leaves the index equal to a
// one-shot build of the doc as it ends up, once one ordinary refresh has brought the rest in.
import * as Y from 'yjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PlanIndex, openPlan, type Plan } from '../../../shared/model/index.js';
import { generatePlan } from '../../../shared/model/fixtures/generate-plan.js';
import { TestContext, snapshotEverything, syncDocs } from './support.js';
import { applyFuzzOp, fuzzOpArb, newStats, type FuzzOp } from './fuzz-ops.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 10);
const SEED = Number(process.env.FUZZ_SEED ?? 20261203);

const source = new Y.Doc();
const generated = generatePlan(source, { nodes: 600, checkIns: 600, teams: 30, people: 30, seed: 9 });
const batch = Y.encodeStateAsUpdate(source);
const NOW = generated.now;

/** Between steps: run this many more steps, then maybe an edit here (local) or there (remote), maybe a refresh that must wait. */
interface Pause { steps: number; edit: FuzzOp | null; local: boolean; refresh: boolean }
const pauseArb: fc.Arbitrary<Pause> = fc.record({ steps: fc.nat({ max: 2 }), edit: fc.option(fuzzOpArb, { freq: 3 }), local: fc.boolean(), refresh: fc.boolean() });

/** A plan with a few nodes of its own that then receives the 600-node batch, and its index refreshed in steps. */
function refreshWithPauses(pauses: readonly Pause[], counters: { steps: number; edits: number; local: number; undone: number }, undoBatch: boolean): void {
  const doc = new Y.Doc();
  const ctx = new TestContext(NOW, 'alice', 'a');
  const plan: Plan = openPlan(doc, ctx, { now: NOW });
  const other = new Y.Doc();
  const otherCtx = new TestContext(NOW, 'bob', 'b');
  const otherPlan: Plan = openPlan(other, otherCtx, { now: NOW });
  const stats = newStats();
  const undo = new Y.UndoManager(plan.types.nodes, { trackedOrigins: new Set(['batch']) });
  Y.applyUpdate(doc, batch, 'batch');
  if (undoBatch) {
    plan.index.refresh(NOW);
    undo.undo();
    counters.undone++;
  }
  syncDocs(doc, other);
  otherPlan.index.refresh(NOW);
  expect(plan.index.pendingNodes).toBeGreaterThan(500);
  const steps = plan.index.refreshing(NOW);
  let next = steps.next();
  for (let p = 0; !next.done; p++) {
    const pause = pauses[p % Math.max(1, pauses.length)] ?? { steps: 1, edit: null, local: false, refresh: false };
    for (let i = 0; i < Math.max(1, pause.steps) && !next.done; i++) {
      next = steps.next();
      counters.steps++;
    }
    if (next.done || p >= pauses.length) continue;
    if (pause.edit) {
      if (pause.local) {
        applyFuzzOp(plan, ctx, pause.edit, stats);
        counters.local++;
      } else {
        applyFuzzOp(otherPlan, otherCtx, pause.edit, stats);
        otherPlan.index.refresh(NOW);
        syncDocs(other, doc);
      }
      counters.edits++;
    }
    // The session's refresh after an operation: it must leave the running one alone.
    if (pause.refresh) expect(plan.index.refresh(NOW).size).toBe(0);
  }
  expect(plan.index.refreshingInSteps).toBe(false);
  plan.index.refresh(NOW);
  const oneShot = new PlanIndex(doc, { now: NOW });
  expect(snapshotEverything(plan.index)).toEqual(snapshotEverything(oneShot));
  oneShot.destroy();
  plan.index.destroy();
  otherPlan.index.destroy();
}

describe('a refresh in steps equals the one-shot build', () => {
  it('with nothing arriving meanwhile, it is equal at once and takes many steps', () => {
    const doc = new Y.Doc();
    const plan = openPlan(doc, new TestContext(NOW), { now: NOW });
    Y.applyUpdate(doc, batch);
    const steps = plan.index.refreshing(NOW);
    let count = 0;
    let next = steps.next();
    for (; !next.done; next = steps.next()) count++;
    expect(next.value.size).toBeGreaterThan(600);
    expect(plan.index.dirty).toBe(false);
    const oneShot = new PlanIndex(doc, { now: NOW });
    expect(snapshotEverything(plan.index)).toEqual(snapshotEverything(oneShot));
    expect(count).toBeGreaterThan(6);
  });

  it(`with local operations, remote edits and waiting refreshes between steps (${RUNS} runs, seed ${SEED})`, { timeout: 300_000 }, () => {
    const counters = { steps: 0, edits: 0, local: 0, undone: 0 };
    fc.assert(fc.property(fc.array(pauseArb, { minLength: 1, maxLength: 30 }), fc.boolean(), (pauses, undoBatch) => refreshWithPauses(pauses, counters, undoBatch)), { seed: SEED, numRuns: RUNS });
    // The runs did real work: edits of both kinds landed between steps, and some runs refreshed an undone batch.
    expect(counters.local).toBeGreaterThan(RUNS / 2);
    expect(counters.edits - counters.local).toBeGreaterThan(RUNS / 2);
    expect(counters.undone).toBeGreaterThan(0);
  });
});
