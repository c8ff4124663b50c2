// Nothing is silently left out of a roll-up (review33 F3). A merge can put a node under a parent its kind may
// not sit under (SPEC §2 cascade): a sub-objective turned into a key result while someone adds a key result
// under it, a key result moved into an objective someone deletes (re-attached under the strategy). Such a node
// carries a "misplaced" signal (at risk: it reaches the plan's health and the pulse's "where risk begins"),
// saying where it belongs and, for a strategy, objective or key result, that its progress is counted in no
// roll-up; its parent carries an info signal saying how many children below it are left out.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { isPlanError, MERGE_PARENTS, openPlan, parentAllowed, ROOT_ID, type NodeKind, type Plan } from '../../../shared/model/index.js';
import { snapshotIndex, syncDocs, T0, TestContext } from './support.js';

function pair() {
  const docA = new Y.Doc(); const ctxA = new TestContext(T0, 'ada', 'a');
  const planA = openPlan(docA, ctxA);
  const docB = new Y.Doc(); syncDocs(docA, docB);
  const ctxB = new TestContext(T0, 'ben', 'b');
  const planB = openPlan(docB, ctxB);
  return { docA, ctxA, planA, docB, ctxB, planB };
}
const misplaced = (plan: Plan, id: string) => plan.index.node(id)!.signals.filter((signal) => signal.kind === 'misplaced');

describe('a node a merge put where its kind does not belong is flagged (review33 F3)', () => {
  it('a key result added under a sub-objective someone turned into a key result says it is counted in no roll-up, and so does its parent (repro f5b-kind-vs-child)', () => {
    const { planA, docA, planB, docB } = pair();
    const s = planA.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' });
    const o = planA.createNode({ kind: 'objective', parent: s, title: 'Grow EU' });
    const sub = planA.createNode({ kind: 'objective', parent: o, title: 'Win DACH' });
    const k1 = planA.createNode({ kind: 'key_result', parent: o, title: 'EU revenue', start: 0, target: 100 });
    planA.addCheckIn(k1, { value: 10 });
    syncDocs(docA, docB);
    planA.changeKind(sub, 'key_result');
    const k2 = planB.createNode({ kind: 'key_result', parent: sub, title: 'DACH revenue', start: 0, target: 100 });
    planB.addCheckIn(k2, { value: 90 });
    syncDocs(docA, docB); syncDocs(docB, docA);
    for (const plan of [planA, planB]) {
      plan.index.refresh(T0);
      const [own] = misplaced(plan, k2);
      expect(own).toMatchObject({ severity: 'at_risk', evidence: { leftOut: true, parentKind: 'key_result', belongsUnder: ['objective'] } });
      expect(own!.message).toBe('A key result does not belong under a key result, so its progress is counted in no roll-up: move it under an objective');
      const [below] = misplaced(plan, sub);
      expect(below).toMatchObject({ severity: 'info', evidence: { nodeIds: [k2], leftOut: true } });
      expect(below!.message).toBe('A key result below does not belong under a key result, it is counted in no roll-up, this one included: move it where its kind belongs');
      // Grow EU's figure leaves it out, and its health says why, down to the key result.
      expect(plan.index.node(o)!.healthCause?.signal.kind).toBe('misplaced');
      expect(plan.index.node(o)!.healthCause?.path).toEqual([o, sub, k2]);
      expect(plan.index.summary().health).not.toBe('on_track');
    }
  });

  it('a key result moved into an objective someone deleted, re-attached under the strategy, says so on itself and on the strategy (repro f8-move-delete-rollup)', () => {
    const { planA, docA, ctxA, planB, docB, ctxB } = pair();
    const s = planA.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' });
    const o1 = planA.createNode({ kind: 'objective', parent: s, title: 'O1' });
    const o2 = planA.createNode({ kind: 'objective', parent: s, title: 'O2' });
    const kr1 = planA.createNode({ kind: 'key_result', parent: o1, title: 'KR1', start: 0, target: 100 });
    planA.addCheckIn(kr1, { value: 80 });
    syncDocs(docA, docB);
    ctxA.time += 1000; ctxB.time += 1000;
    planA.moveNode(kr1, { parent: o2 });
    planB.deleteNode(o2);
    syncDocs(docA, docB); syncDocs(docB, docA);
    for (const plan of [planA, planB]) {
      plan.index.refresh(ctxA.time);
      expect(plan.index.node(kr1)!.parent).toBe(s);
      expect(misplaced(plan, kr1)[0]!.message).toBe('A key result does not belong under a strategy, so its progress is counted in no roll-up: move it under an objective');
      expect(misplaced(plan, s)[0]).toMatchObject({ severity: 'info', evidence: { nodeIds: [kr1] } });
      expect(plan.index.summary().healthCause?.signal.kind).toBe('misplaced');
    }
  });

  it('on one screen: a deleted key result restored under a sub-objective that was turned into a key result meanwhile says so (changeKind saw no live child)', () => {
    const { planA } = pair();
    const s = planA.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' });
    const o = planA.createNode({ kind: 'objective', parent: s, title: 'O' });
    const sub = planA.createNode({ kind: 'objective', parent: o, title: 'Sub' });
    const kr = planA.createNode({ kind: 'key_result', parent: sub, title: 'KR', start: 0, target: 10 });
    planA.deleteNode(kr);
    planA.changeKind(sub, 'key_result');
    planA.restoreNode(kr);
    planA.index.refresh(T0);
    expect(planA.index.node(kr)!.parent).toBe(sub);
    expect(misplaced(planA, kr)[0]).toMatchObject({ severity: 'at_risk', evidence: { leftOut: true } });
    expect(misplaced(planA, sub)[0]).toMatchObject({ severity: 'info', evidence: { nodeIds: [kr] } });
  });

  it('a task under an objective says where it belongs, without a roll-up to leave it out of', () => {
    const { planA, docA, planB, docB } = pair();
    const s = planA.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' });
    const o = planA.createNode({ kind: 'objective', parent: s, title: 'O' });
    const i = planA.createNode({ kind: 'initiative', parent: o, title: 'I' });
    syncDocs(docA, docB);
    planA.changeKind(i, 'key_result');
    const t = planB.createNode({ kind: 'task', parent: i, title: 'T' });
    syncDocs(docA, docB); syncDocs(docB, docA);
    planA.index.refresh(T0);
    expect(misplaced(planA, t)[0]!.message).toBe('A task does not belong under a key result: move it under an initiative or a task');
    expect(misplaced(planA, t)[0]!.evidence.leftOut).toBe(false);
  });
});

type Op = { who: number; op: 'move' | 'moveKind' | 'kind' | 'create' | 'delete' | 'checkIn'; a: number; b: number; k: number };
const KINDS: NodeKind[] = ['objective', 'key_result', 'kpi', 'initiative', 'task'];
const opArb = fc.record({ who: fc.nat({ max: 2 }), op: fc.constantFrom('move', 'moveKind', 'kind', 'create', 'delete', 'checkIn') as fc.Arbitrary<Op['op']>, a: fc.nat({ max: 50 }), b: fc.nat({ max: 50 }), k: fc.nat({ max: 4 }) });

/** Three replicas make random structural edits concurrently (rounds), merged in a random order after each round. */
function runReplicas(rounds: Op[][], syncOrder: number[]): { plans: Plan[]; docs: Y.Doc[] } {
  const docs = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
  const ctxs = [new TestContext(T0, 'ada', 'a'), new TestContext(T0, 'ben', 'b'), new TestContext(T0, 'cy', 'c')];
  const p0 = openPlan(docs[0]!, ctxs[0]!);
  const s = p0.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' });
  const o = p0.createNode({ kind: 'objective', parent: s, title: 'O' });
  const o2 = p0.createNode({ kind: 'objective', parent: o, title: 'O2' });
  const k = p0.createNode({ kind: 'key_result', parent: o, title: 'K', start: 0, target: 10 });
  const i = p0.createNode({ kind: 'initiative', parent: k, title: 'I' });
  p0.createNode({ kind: 'task', parent: i, title: 'T' });
  p0.createNode({ kind: 'key_result', parent: o2, title: 'K2', start: 0, target: 10 });
  syncDocs(docs[0]!, docs[1]!); syncDocs(docs[0]!, docs[2]!);
  const plans: Plan[] = [p0, openPlan(docs[1]!, ctxs[1]!), openPlan(docs[2]!, ctxs[2]!)];
  for (const round of rounds) {
    for (const step of round) {
      const plan = plans[step.who]!;
      const ids = [...plan.index.structure().tree.parent.keys()].sort();
      const a = ids[step.a % ids.length]! as never, b = ids[step.b % ids.length]! as never;
      try {
        if (step.op === 'move') plan.moveNode(a, { parent: b });
        if (step.op === 'moveKind') plan.moveNode(a, { parent: b, kind: KINDS[step.k]! });
        if (step.op === 'kind') plan.changeKind(a, KINDS[step.k]!);
        if (step.op === 'create') plan.createNode({ kind: KINDS[step.k]!, parent: b, title: 'new', ...(KINDS[step.k] === 'key_result' ? { start: 0, target: 10 } : {}) });
        if (step.op === 'delete') plan.deleteNode(a);
        if (step.op === 'checkIn') plan.addCheckIn(a, { value: step.b % 11 });
      } catch (error) { if (!isPlanError(error)) throw error; }
      plan.index.refresh(T0);
    }
    for (const x of syncOrder) for (const y of syncOrder) if (x !== y) syncDocs(docs[x]!, docs[y]!);
  }
  for (const x of [0, 1, 2]) for (const y of [0, 1, 2]) if (x !== y) syncDocs(docs[x]!, docs[y]!);
  return { plans, docs };
}

describe('property: nothing is silently left out of a roll-up (review33 F3)', () => {
  it('on every replica, after random concurrent moves, kind changes, creates and deletes in random delivery orders, every active key result counts in its objective\'s roll-up or is flagged; every node out of place is flagged, and so is its parent', () => {
    fc.assert(fc.property(fc.array(fc.array(opArb, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }), fc.shuffledSubarray([0, 1, 2], { minLength: 3, maxLength: 3 }), (rounds, order) => {
      const { plans, docs } = runReplicas(rounds, order);
      for (const plan of plans) {
        plan.index.refresh(T0);
        for (const id of plan.index.walk()) {
          const view = plan.index.node(id)!;
          if (view.inactive) continue;
          const parentKind = view.parent === ROOT_ID ? ROOT_ID : plan.index.node(view.parent)!.kind;
          const flagged = view.signals.some((signal) => signal.kind === 'misplaced' && signal.severity === 'at_risk');
          if (view.kind === 'key_result') expect(parentKind === 'objective' || flagged).toBe(true);
          expect(flagged).toBe(!parentAllowed(view.kind, parentKind));
          // The import takes back what a merge can make (review40a F5): every place a merge left is one of those.
          expect(MERGE_PARENTS[view.kind].has(parentKind)).toBe(true);
          if (flagged && view.parent !== ROOT_ID && !plan.index.node(view.parent)!.inactive) {
            expect(plan.index.node(view.parent)!.signals.some((signal) => signal.kind === 'misplaced' && signal.evidence.nodeIds.includes(id))).toBe(true);
          }
        }
      }
      // The incremental refresh (each replica's, edit by edit) equals an index opened on the merged doc.
      const fresh = openPlan(docs[0]!, new TestContext(T0, 'zed', 'z'));
      fresh.index.refresh(T0);
      for (const plan of plans) expect(snapshotIndex(plan.index)).toEqual(snapshotIndex(fresh.index));
      for (const plan of [...plans, fresh]) plan.index.destroy();
    }), { numRuns: 250, seed: 3103 });
  });
});
