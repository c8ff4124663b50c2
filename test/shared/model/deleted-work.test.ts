// A check-in made on work someone deleted meanwhile (offline, or at the same moment) is hidden with the
// deletion; the index lists it so the pulse and Deleted items can say so instead of showing nothing.
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { openPlan } from '../../../shared/model/index.js';
import { DAY, T0, TestContext, newPlan, smallCascade, syncDocs } from './support.js';

/** Ada's plan with the small cascade, and Bo's replica of it. */
function twoPeople() {
  const ada = newPlan({ actor: 'ada', prefix: 'a' });
  const cascade = smallCascade(ada.plan);
  const boDoc = new Y.Doc();
  syncDocs(ada.doc, boDoc);
  const boCtx = new TestContext(T0, 'bo', 'b');
  const bo = { doc: boDoc, ctx: boCtx, plan: openPlan(boDoc, boCtx) };
  return { ada, bo, cascade };
}

function exchange(a: Y.Doc, b: Y.Doc): void {
  syncDocs(a, b);
  syncDocs(b, a);
}

describe('check-ins on deleted work', () => {
  it('a blocker reported offline on a task whose initiative was deleted meanwhile is listed on both sides, and restoring shows it again', () => {
    const { ada, bo, cascade } = twoPeople();
    bo.plan.addCheckIn(cascade.task, { note: 'checked before', at: T0 });
    exchange(ada.doc, bo.doc);
    ada.ctx.time = T0 + DAY;
    ada.plan.deleteNode(cascade.initiative);
    bo.ctx.time = T0 + DAY + 60_000;
    bo.plan.addCheckIn(cascade.task, { blocker: true, status: 'off_track', note: 'landlord silent' });
    bo.plan.addCheckIn(cascade.task, { note: 'still waiting' });
    exchange(ada.doc, bo.doc);
    for (const { plan } of [ada, bo]) {
      plan.index.refresh(T0 + 2 * DAY);
      expect(plan.index.node(cascade.task)).toBeUndefined();
      expect(plan.index.checkInsOnDeletedWork()).toEqual([{
        nodeId: cascade.task, deletedId: cascade.initiative, deletedAt: T0 + DAY, deletedBy: 'ada',
        count: 2, blockers: 1, latestAt: T0 + DAY + 60_000, latestBy: 'bo',
      }]);
    }
    ada.plan.restoreNode(cascade.initiative);
    exchange(ada.doc, bo.doc);
    bo.plan.index.refresh(T0 + 2 * DAY);
    expect(bo.plan.index.node(cascade.task)).toBeDefined();
    expect(bo.plan.index.checkInsOnDeletedWork()).toEqual([]);
  });

  it('check-ins from before the deletion are not listed: the deleter saw them', () => {
    const { ada, bo, cascade } = twoPeople();
    bo.plan.addCheckIn(cascade.keyResult, { value: 10, at: T0 });
    bo.plan.addCheckIn(cascade.task, { blocker: true, at: T0 });
    exchange(ada.doc, bo.doc);
    ada.ctx.time = T0 + DAY;
    ada.plan.deleteNode(cascade.objective);
    exchange(ada.doc, bo.doc);
    bo.plan.index.refresh(T0 + DAY);
    expect(bo.plan.index.checkInsOnDeletedWork()).toEqual([]);
  });

  it('a check-in on the deleted item itself is listed under it', () => {
    const { ada, bo, cascade } = twoPeople();
    ada.ctx.time = T0 + DAY;
    ada.plan.deleteNode(cascade.keyResult);
    bo.ctx.time = T0 + DAY + 1;
    bo.plan.addCheckIn(cascade.keyResult, { value: 12 });
    exchange(ada.doc, bo.doc);
    ada.plan.index.refresh(T0 + DAY);
    expect(ada.plan.index.checkInsOnDeletedWork().map(({ nodeId, deletedId, count, blockers }) => ({ nodeId, deletedId, count, blockers })))
      .toEqual([{ nodeId: cascade.keyResult, deletedId: cascade.keyResult, count: 1, blockers: 0 }]);
  });
});
