// Property: applying the changes a diff reports to the earlier plan gives the later plan, for every
// field the diff covers — whatever random edits two offline replicas made in between, and in
// whatever order their changes were delivered. And the check-ins it lists are exactly those made in the
// period, each row naming every author (review40b F4, F5: an item deleted before the first point and
// restored since brought its old check-ins into the count).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyReviewChanges, diffReview, listReviewPoints, planStateOf, type PlanState, type ReviewDiff } from '../../../../shared/model/history/index.js';
import { smallCascade } from '../support.js';
import { historyPlan, replicaOf, reviewPoint, syncBoth } from './history-support.js';
import { docWithClient, opArbitrary, runOp, stateAt } from './history-ops.js';

/** The ids of the check-ins a diff lists, sorted. */
const listedCheckIns = (diff: ReviewDiff) => diff.changes.flatMap((change) => (change.kind === 'check-ins' ? change.checkIns.map((checkIn) => checkIn.id) : [])).sort();
/** The ids of the check-ins of a plan (on its live items) made after `from` and by `to`, sorted. */
const madeBetween = (state: PlanState, from: number, to: number) => [...state.checkIns.values()].filter((checkIn) => checkIn.at > from && checkIn.at <= to).map((checkIn) => checkIn.id).sort();

const covered = (state: PlanState) => ({
  nodes: [...state.nodes.entries()].sort(([a], [b]) => (a < b ? -1 : 1)),
  checkIns: [...state.checkIns.keys()].sort(),
});

describe('diff property', () => {
  it('applying the reported changes to the earlier plan gives the later one', () => {
    const kindsSeen = new Set<string>();
    fc.assert(fc.property(fc.array(opArbitrary, { minLength: 1, maxLength: 25 }), fc.array(fc.tuple(fc.boolean(), opArbitrary), { minLength: 1, maxLength: 40 }), fc.boolean(), (before, between, aliceFirst) => {
      // Yjs breaks ties between concurrent edits by client id; a random id made a failure unrepeatable
      // from its seed (one failed once and never again), so the order of the two ids is drawn too.
      const alice = historyPlan({ actor: 'alice', doc: docWithClient(aliceFirst ? 1 : 2) });
      const people = [alice.plan.addPerson({ name: 'P1' }), alice.plan.addPerson({ name: 'P2' })];
      const periods = [alice.plan.addPeriod({ name: 'Q1', start: '2027-01-01', end: '2027-03-31' }), alice.plan.addPeriod({ name: 'Q1–Q2', start: '2027-01-01', end: '2027-06-30' })];
      // A small cascade to start from, so every kind of edit has something to work on.
      const ids = smallCascade(alice.plan);
      alice.plan.createNode({ kind: 'initiative', parent: ids.keyResult, title: 'Second initiative', status: 'active' });
      alice.plan.createNode({ kind: 'key_result', parent: ids.objective, title: 'Second key result', start: 0, target: 50, direction: 'increase' });
      for (const op of before) runOp(alice.plan, op, people, periods);
      const first = reviewPoint(alice.doc, alice.ctx, 'r1');
      const bob = replicaOf(alice.doc, 'bob', 'b', alice.ctx.time, aliceFirst ? 2 : 1);
      const createdBy = new Map<string, string>();
      const restorers = new Set<string>();
      for (const [onAlice, op] of between) {
        const side = onAlice ? alice : bob;
        side.ctx.advance(0.01);
        if (op.type === 'sync') { syncBoth(alice.doc, bob.doc); continue; }
        const made = runOp(side.plan, op, people, periods);
        if (made.created) createdBy.set(made.created, side.ctx.actor);
        if (made.restored) restorers.add(side.ctx.actor);
      }
      syncBoth(alice.doc, bob.doc);
      alice.ctx.advance(1);
      const second = reviewPoint(alice.doc, alice.ctx, 'r2');
      const earlier = stateAt(alice.doc, first, alice.plan);
      const later = stateAt(alice.doc, second, alice.plan);
      const diff = diffReview(alice.doc, listReviewPoints(alice.doc)[0]!, { kind: 'point', point: second }, alice.plan.ctx);
      expect(covered(applyReviewChanges(earlier, diff.changes, later.at))).toEqual(covered(later));
      // Every check-in made between the two points is listed, and nothing else (F5): all of them are made
      // after the first point on either replica's clock, and the two replicas synced before the second.
      expect(listedCheckIns(diff)).toEqual(madeBetween(later, first.at, second.at));
      if ([...later.checkIns.values()].some((checkIn) => checkIn.at <= first.at && !earlier.checkIns.has(checkIn.id))) kindsSeen.add('check-ins brought back');
      for (const change of diff.changes) {
        // review39b F4: an item new since the review point names its creator; one back since names a restorer.
        if (change.kind === 'added' && !change.restored) expect(change.by).toBe(createdBy.get(change.nodeId));
        if (change.kind === 'added' && change.restored) {
          expect(createdBy.has(change.nodeId)).toBe(false);
          expect(restorers).toContain(change.by);
          kindsSeen.add('restored');
        }
        // Blocked work new since the review point is a new blocker too.
        if (change.kind === 'added' && change.node.blocked) expect(diff.changes.some((other) => other.kind === 'blocker' && other.nodeId === change.nodeId && other.state === 'new')).toBe(true);
        kindsSeen.add(change.kind === 'field' ? `field-${change.field}` : change.kind === 'range' ? change.range : change.kind);
        // Every progress and health row says why it moved (review36a F1).
        if (change.kind === 'progress' || change.kind === 'health') expect(change.cause).toBeDefined();
        // A check-ins row names everyone who made one (F4), first comers first.
        if (change.kind === 'check-ins') {
          expect(change.authors).toEqual([...new Set(change.checkIns.map((checkIn) => checkIn.by))]);
          if (change.authors.length > 1) kindsSeen.add('check-ins by several');
        }
      }
      // Against now: the live index.
      alice.plan.index.refresh(alice.ctx.time);
      const toNow = diffReview(alice.doc, first, { kind: 'now', index: alice.plan.index, now: alice.ctx.time }, alice.plan.ctx);
      const now = planStateOf(alice.plan.index, alice.ctx.time);
      expect(covered(applyReviewChanges(earlier, toNow.changes, alice.ctx.time))).toEqual(covered(now));
      expect(listedCheckIns(toNow)).toEqual(madeBetween(now, first.at, alice.ctx.time));
    }), { numRuns: 60, seed: 20261202 });
    // The run did real work: every kind of change was reported somewhere. The seed is fixed because
    // this coverage check is about the run, not the property: a random seed left out one kind once.
    expect([...kindsSeen].sort()).toEqual([
      'added', 'blocker', 'check-ins', 'check-ins brought back', 'check-ins by several',
      'field-archived', 'field-direction', 'field-dueDate', 'field-manualProgress', 'field-owner', 'field-period',
      'field-priority', 'field-start', 'field-status', 'field-target', 'field-unit', 'field-weight',
      'health', 'healthyRange', 'moved', 'progress', 'range', 'removed', 'restored', 'retitled',
    ].sort());
  });
});
