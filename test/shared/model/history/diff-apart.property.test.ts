// review40b F8, as a property: review points taken on two devices that had not synced. Alice and Bob start
// in sync; each makes random edits, check-ins, deletes and restores; now and then Bob's changes reach Alice
// (never hers him). Alice takes a point A, Bob a point B, then they sync. Whatever B never saw of A — Alice's
// own changes — must not read as undone: the diff from A to B is the diff from T to B, where T is Bob's
// plan as Alice last received it (what both had seen), taken on Bob's device at that moment. The same the
// other way round: from B to A is from T to A. Exactly, but for what both did apart alike (both restored one
// item: it was back at both points, and no change between them): every change listed from A to B is listed
// from T to B with the same outcome, and the lists are equal in most runs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { diffReview, getReviewPoint, takeSnapshot, type ReviewChange, type ReviewDiff, type ReviewPoint } from '../../../../shared/model/history/index.js';
import { smallCascade } from '../support.js';
import { historyPlan, replicaOf, reviewPoint, syncBoth } from './history-support.js';
import { docWithClient, opArbitrary, runOp, type Op } from './history-ops.js';

/** A change as a person reads it (its key, values, author, cause). */
const said = (change: ReviewChange) => JSON.stringify(change);
const listed = (diff: ReviewDiff) => diff.changes.map(said);
/** What a change says the later side holds, and who made it: without what it was before (nor why a figure moved). */
function outcome(change: ReviewChange): string {
  const { before: _before, cause: _cause, ...rest } = change as ReviewChange & { before?: unknown; cause?: unknown };
  return JSON.stringify(change.kind === 'removed' ? { key: change.key, by: change.by } : rest);
}

/** Each change of `diff` is one of `allowed`, by outcome; returns whether the two are equal whole. */
function within(diff: ReviewDiff, allowed: ReviewDiff): boolean {
  const outcomes = new Set(allowed.changes.map(outcome));
  for (const change of diff.changes) expect(outcomes, `${change.kind} ${change.key}`).toContain(outcome(change));
  return JSON.stringify(listed(diff)) === JSON.stringify(listed(allowed));
}

/** Who acts in one step: Alice or Bob makes an op, or Bob's changes so far reach Alice. */
type Step = { who: 'alice' | 'bob'; op: Op } | { who: 'deliver' };
const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: fc.record({ who: fc.constantFrom('alice' as const, 'bob' as const), op: opArbitrary }), weight: 6 },
  fc.constant({ who: 'deliver' as const }),
);

describe('diff between review points taken apart (review40b F8)', () => {
  it('says nothing of what the later side never saw: A → B is T → B, B → A is T → A', () => {
    const seen = { unseen: 0, removedByBob: 0, fieldByBob: 0, deliveries: 0, equal: 0 };
    fc.assert(fc.property(fc.array(opArbitrary, { maxLength: 12 }), fc.array(stepArbitrary, { minLength: 1, maxLength: 40 }), fc.boolean(), (before, steps, aliceFirst) => {
      const alice = historyPlan({ actor: 'alice', doc: docWithClient(aliceFirst ? 1 : 2) });
      const people = [alice.plan.addPerson({ name: 'P1' }), alice.plan.addPerson({ name: 'P2' })];
      const periods = [alice.plan.addPeriod({ name: 'Q1', start: '2027-01-01', end: '2027-03-31' })];
      const ids = smallCascade(alice.plan);
      alice.plan.createNode({ kind: 'initiative', parent: ids.keyResult, title: 'Second initiative', status: 'active' });
      for (const op of before) runOp(alice.plan, op, people, periods);
      const bob = replicaOf(alice.doc, 'bob', 'b', alice.ctx.advance(0.01), aliceFirst ? 2 : 1);
      // What both have seen: Bob's plan as Alice last received it.
      let both = takeSnapshot(bob.doc);
      for (const step of steps) {
        if (step.who === 'deliver') {
          Y.applyUpdate(alice.doc, Y.encodeStateAsUpdate(bob.doc, Y.encodeStateVector(alice.doc)));
          both = takeSnapshot(bob.doc);
          seen.deliveries++;
          continue;
        }
        const side = step.who === 'alice' ? alice : bob;
        side.ctx.advance(0.01);
        if (step.op.type !== 'sync') runOp(side.plan, step.op, people, periods);
      }
      alice.ctx.advance(0.01);
      reviewPoint(alice.doc, alice.ctx, 'a', 'Weekly review');
      bob.ctx.time = alice.ctx.advance(0.01);
      reviewPoint(bob.doc, bob.ctx, 'b', 'Weekly review');
      syncBoth(alice.doc, bob.doc);
      const [a, b] = [getReviewPoint(alice.doc, 'a')!, getReviewPoint(alice.doc, 'b')!];
      // T, read as of each point's time: the same clock as the side it stands in for.
      const common = (at: number): ReviewPoint => ({ id: 't', name: 'What both had seen', at, by: 'bob', snapshot: both, legacy: null, baseline: false });
      alice.plan.index.refresh(alice.ctx.time);
      const aToB = diffReview(alice.doc, a, { kind: 'point', point: b }, alice.plan.ctx);
      const bToA = diffReview(alice.doc, b, { kind: 'point', point: a }, alice.plan.ctx);
      const equal = within(aToB, diffReview(alice.doc, common(a.at), { kind: 'point', point: b }, alice.plan.ctx))
        && within(bToA, diffReview(alice.doc, common(b.at), { kind: 'point', point: a }, alice.plan.ctx));
      if (equal) seen.equal++;
      // Bob's device reads the same.
      expect(listed(diffReview(bob.doc, getReviewPoint(bob.doc, 'a')!, { kind: 'point', point: getReviewPoint(bob.doc, 'b')! }, bob.plan.ctx))).toEqual(listed(aToB));
      if (aToB.unseenByLater) seen.unseen++;
      if (aToB.changes.some((change) => change.kind === 'removed' && change.by === 'bob')) seen.removedByBob++;
      if (aToB.changes.some((change) => change.kind === 'field' && change.by === 'bob')) seen.fieldByBob++;
    }), { numRuns: 60, seed: 20261207 });
    // The run did real work: Alice's points held changes Bob's lacked, Bob's own removals and edits were listed,
    // and Bob's changes reached Alice part way.
    expect(seen.unseen).toBeGreaterThan(20);
    expect(seen.removedByBob).toBeGreaterThan(3);
    expect(seen.fieldByBob).toBeGreaterThan(10);
    expect(seen.deliveries).toBeGreaterThan(20);
    expect(seen.equal).toBeGreaterThan(50);
  });
});
