// review45c F3: two people check in on one initiative with their own confidence. Ben said 8; an hour later Mia,
// her first confidence, said 4: the initiative read "Confidence fell from 8 to 4" (at risk), and Ben's 8 the next
// day took it away while Mia's 4 stood. The invariant a leader relies on: a confidence drop is one person's
// confidence falling between their consecutive check-ins; another person's confidence neither makes nor clears it.
// Two real Y.Docs exchanging updates, one person each.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import fc from 'fast-check';
import { openPlan, ROOT_ID, type NodeId, type Plan } from '../../../shared/model/index.js';
import { T0, TestContext } from './support.js';

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

/** Ben's and Mia's replicas of a plan with one active initiative. */
function pair(): { docs: [Y.Doc, Y.Doc]; ctxs: [TestContext, TestContext]; plans: [Plan, Plan]; initiative: NodeId } {
  const docs: [Y.Doc, Y.Doc] = [new Y.Doc(), new Y.Doc()];
  const ctxs: [TestContext, TestContext] = [new TestContext(T0, 'ben', 'b'), new TestContext(T0, 'mia', 'm')];
  const ben = openPlan(docs[0], ctxs[0]);
  const s = ben.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow' });
  const o = ben.createNode({ kind: 'objective', parent: s, title: 'Win EU' });
  const k = ben.createNode({ kind: 'key_result', parent: o, title: 'Revenue', start: 0, target: 100 });
  const initiative = ben.createNode({ kind: 'initiative', parent: k, title: 'Campaign', status: 'active' });
  sync(docs[0], docs[1]);
  return { docs, ctxs, plans: [ben, openPlan(docs[1], ctxs[1])], initiative };
}

function drops(plan: Plan, initiative: NodeId, now: number) {
  plan.index.refresh(now);
  return plan.index.node(initiative)!.signals.filter((signal) => signal.kind === 'confidence_drop').map((signal) => signal.message);
}

describe('review45c F3: a confidence drop is one person\'s confidence falling', () => {
  it('Mia\'s first 4 after Ben\'s 8 is no drop; Ben\'s own fall is, and Mia\'s later 9 does not clear it', () => {
    const { docs, ctxs, plans, initiative } = pair();
    const step = (who: 0 | 1, confidence: number) => {
      for (const ctx of ctxs) ctx.time += 3_600_000;
      plans[who].addCheckIn(initiative, { confidence });
      sync(docs[0], docs[1]);
    };
    step(0, 8);
    step(1, 4);
    expect(drops(plans[0], initiative, ctxs[0].time)).toEqual([]);
    step(0, 5);
    step(1, 9);
    for (const plan of plans) expect(drops(plan, initiative, ctxs[0].time)).toEqual(['Confidence fell from 8 to 5']);
  });

  it('property: a drop is shown exactly when someone\'s latest confidence is `confidenceDrop` below their previous one', () => {
    fc.assert(fc.property(fc.array(fc.record({ who: fc.constantFrom(0 as const, 1 as const), confidence: fc.integer({ min: 0, max: 10 }) }), { maxLength: 8 }), (steps) => {
      const { docs, ctxs, plans, initiative } = pair();
      const given: [number[], number[]] = [[], []];
      for (const { who, confidence } of steps) {
        for (const ctx of ctxs) ctx.time += 3_600_000;
        plans[who].addCheckIn(initiative, { confidence });
        given[who].push(confidence);
        sync(docs[0], docs[1]);
      }
      const fell = given.some((list) => list.length >= 2 && list.at(-2)! - list.at(-1)! >= 3);
      for (const plan of plans) {
        const found = drops(plan, initiative, ctxs[0].time);
        expect(found.length).toBe(fell ? 1 : 0);
        // The figures named are one person's two latest confidences.
        if (found[0]) expect(given.some((list) => found[0] === `Confidence fell from ${list.at(-2)} to ${list.at(-1)}`)).toBe(true);
      }
    }), { numRuns: 60 });
  });
});
