import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openPlan } from '../../../../shared/model/index.js';
import {
  HistoryError, baselineOfReviewPoint, closePlanAsOf, createReviewPoint, deleteReviewPoint, getReviewPoint, importLegacyReviewPoint,
  listDayMarks, listReviewPoints, markDiscussed, openPlanAsOf, planDocAsOf, readClientActors, readDiscussed, recordDayMark,
  renameReviewPoint, setBaselineReviewPoint,
} from '../../../../shared/model/history/index.js';
import { TestContext, smallCascade } from '../support.js';
import { historyPlan, replicaOf, reviewPoint, syncBoth } from './history-support.js';

describe('review points in the plan', () => {
  it('are named, listed, renamed and deleted, and sync to every replica', () => {
    const alice = historyPlan({ actor: 'alice' });
    smallCascade(alice.plan);
    const bob = replicaOf(alice.doc, 'bob', 'b', alice.ctx.time);
    reviewPoint(alice.doc, alice.ctx, 'q1', 'Q1 offsite');
    bob.ctx.advance(7);
    reviewPoint(bob.doc, bob.ctx, 'w7', 'weekly review 2027-W07');
    syncBoth(alice.doc, bob.doc);
    expect(listReviewPoints(bob.doc).map((point) => [point.name, point.by])).toEqual([['Q1 offsite', 'alice'], ['weekly review 2027-W07', 'bob']]);

    renameReviewPoint(bob.doc, 'q1', '  Q1 leadership offsite ', { now: bob.ctx.time, actor: 'bob' });
    deleteReviewPoint(alice.doc, 'w7', { now: alice.ctx.time, actor: 'alice' });
    syncBoth(alice.doc, bob.doc);
    for (const doc of [alice.doc, bob.doc]) expect(listReviewPoints(doc).map((point) => point.name)).toEqual(['Q1 leadership offsite']);
    expect(readClientActors(alice.doc)).toEqual(new Map([[alice.doc.clientID, 'alice'], [bob.doc.clientID, 'bob']]));
  });

  it('refuse bad names, unknown ids and docs that keep no history, writing nothing', () => {
    const { doc, ctx } = historyPlan();
    const before = Y.encodeStateVector(doc);
    const attempt = (run: () => void) => { try { run(); return null; } catch (error) { return error; } };
    expect(attempt(() => createReviewPoint(doc, { id: 'a', name: '   ' }, { now: ctx.time, actor: 'alice' }))).toMatchObject({ code: 'invalid-name', message: 'a review point needs a name' });
    expect(attempt(() => createReviewPoint(doc, { id: 'bad id!', name: 'x' }, { now: ctx.time, actor: 'alice' }))).toMatchObject({ code: 'invalid-id' });
    expect(attempt(() => renameReviewPoint(doc, 'nope', 'x', { now: ctx.time, actor: 'alice' }))).toMatchObject({ code: 'unknown-review-point', message: 'no review point "nope" in this plan' });
    expect(attempt(() => setBaselineReviewPoint(doc, 'nope', { now: ctx.time, actor: 'alice' }))).toBeInstanceOf(HistoryError);
    const collecting = new Y.Doc();
    openPlan(collecting, new TestContext());
    expect(attempt(() => createReviewPoint(collecting, { id: 'a', name: 'x' }, { now: ctx.time, actor: 'alice' }))).toMatchObject({ code: 'history-off' });
    expect(attempt(() => planDocAsOf(doc, new Uint8Array([255, 255, 255])))).toMatchObject({ code: 'unreadable-snapshot' });
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('show the plan as it was: the old target, read from the same index the live plan uses', () => {
    const { doc, ctx, plan } = historyPlan();
    const ids = smallCascade(plan);
    const point = reviewPoint(doc, ctx, 'r1');
    ctx.advance(3);
    plan.updateNode(ids.keyResult, { target: 250 });
    plan.setTitle(ids.keyResult, 'Revenue (new)');
    const past = openPlanAsOf(doc, { at: point.at, snapshot: point.snapshot! }, ctx);
    expect(past.index.node(ids.keyResult)?.fields.target).toBe(100);
    expect(past.index.title(ids.keyResult)).toBe('Revenue');
    plan.index.refresh(ctx.time);
    expect(plan.index.node(ids.keyResult)?.fields.target).toBe(250);
    closePlanAsOf(past);
  });

  it('mark one baseline; priority shifts derived from it are the same on every device', () => {
    const alice = historyPlan({ actor: 'alice' });
    const ids = smallCascade(alice.plan);
    reviewPoint(alice.doc, alice.ctx, 'r1', 'Offsite');
    setBaselineReviewPoint(alice.doc, 'r1', { now: alice.ctx.time, actor: 'alice' });
    const bob = replicaOf(alice.doc, 'bob', 'b', alice.ctx.advance(1));
    bob.plan.updateNode(ids.keyResult, { target: 130, priority: 'critical' });
    syncBoth(alice.doc, bob.doc);
    const shifts = (side: typeof alice) => {
      const point = listReviewPoints(side.doc).find((candidate) => candidate.baseline)!;
      side.plan.index.setBaseline(baselineOfReviewPoint(side.doc, point, side.plan.ctx));
      side.plan.index.refresh(alice.ctx.time);
      return side.plan.index.signals().filter((signal) => signal.kind === 'priority_shift').map((signal) => JSON.stringify(signal));
    };
    const onAlice = shifts(alice);
    expect(onAlice).toEqual(shifts(bob));
    expect(onAlice.join()).toContain('"field":"target","before":100,"after":130');
    // Deleting the baseline review point clears the baseline everywhere.
    deleteReviewPoint(bob.doc, 'r1', { now: bob.ctx.time, actor: 'bob' });
    syncBoth(alice.doc, bob.doc);
    expect(listReviewPoints(alice.doc).some((point) => point.baseline)).toBe(false);
  });

  it('carry a device-local review point into the plan once', () => {
    const { doc, ctx, plan } = historyPlan();
    const ids = smallCascade(plan);
    plan.index.refresh(ctx.time);
    const legacy = plan.index.captureBaseline('Review 01/03/2027', ctx.time);
    expect(importLegacyReviewPoint(doc, legacy, { now: ctx.time, actor: 'alice' })).toBe(`legacy-${ctx.time}`);
    expect(importLegacyReviewPoint(doc, legacy, { now: ctx.time, actor: 'alice' })).toBeNull();
    expect(() => importLegacyReviewPoint(doc, { at: 'yesterday' }, { now: ctx.time, actor: 'alice' })).toThrow(/device-local review point is unreadable/);
    const [point] = listReviewPoints(doc);
    expect(point).toMatchObject({ name: 'Review 01/03/2027', snapshot: null });
    expect(point!.legacy?.nodes[ids.keyResult]?.target).toBe(100);
    expect(baselineOfReviewPoint(doc, point!, ctx).nodes[ids.keyResult]?.target).toBe(100);
  });

  it('keep discussion marks and day marks', () => {
    const { doc, ctx } = historyPlan();
    reviewPoint(doc, ctx, 'r1');
    markDiscussed(doc, 'r1', 'field-target:n3', true, { now: ctx.time, actor: 'alice' });
    markDiscussed(doc, 'r1', 'moved:n4', true, { now: ctx.time, actor: 'alice' });
    markDiscussed(doc, 'r1', 'moved:n4', false, { now: ctx.time, actor: 'alice' });
    expect([...readDiscussed(doc, 'r1').keys()]).toEqual(['field-target:n3']);
    expect(recordDayMark(doc, '2027-03-01', { now: ctx.time, actor: 'alice' })).toBe(true);
    expect(recordDayMark(doc, '2027-03-01', { now: ctx.time + 1, actor: 'alice' })).toBe(false);
    expect(listDayMarks(doc).map((mark) => mark.day)).toEqual(['2027-03-01']);
    expect(getReviewPoint(doc, 'r1')?.snapshot).toBeInstanceOf(Uint8Array);
  });
});
