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

describe('edits on deleted work', () => {
  it('a rename and a status change made offline on a task whose initiative was deleted meanwhile are listed on both sides, with who; restoring shows them', () => {
    const { ada, bo, cascade } = twoPeople();
    ada.ctx.time = T0 + DAY;
    ada.plan.deleteNode(cascade.initiative);
    bo.ctx.time = T0 + DAY + 60_000;
    bo.plan.setTitle(cascade.task, 'Ads in Munich');
    bo.ctx.time = T0 + DAY + 120_000;
    bo.plan.updateNode(cascade.task, { status: 'blocked', blockedReason: 'no budget' });
    exchange(ada.doc, bo.doc);
    for (const { plan } of [ada, bo]) {
      plan.index.refresh(T0 + 2 * DAY);
      expect(plan.index.node(cascade.task)).toBeUndefined();
      expect(plan.index.editsOnDeletedWork()).toEqual([{
        nodeId: cascade.task, deletedId: cascade.initiative, deletedAt: T0 + DAY, deletedBy: 'ada',
        count: 3, fields: ['blockedReason', 'status', 'title'], people: ['bo'], latestAt: T0 + DAY + 120_000, latestBy: 'bo', renamedBy: ['bo'],
      }]);
      // The check-ins listing is unchanged: there are none.
      expect(plan.index.checkInsOnDeletedWork()).toEqual([]);
    }
    ada.plan.restoreNode(cascade.initiative);
    exchange(ada.doc, bo.doc);
    bo.plan.index.refresh(T0 + 2 * DAY);
    expect(bo.plan.index.node(cascade.task)!.title).toBe('Ads in Munich');
    expect(bo.plan.index.node(cascade.task)!.fields.status).toBe('blocked');
    expect(bo.plan.index.editsOnDeletedWork()).toEqual([]);
  });

  it('edits from before the deletion are not listed: the deleter saw them', () => {
    const { ada, bo, cascade } = twoPeople();
    bo.plan.setTitle(cascade.task, 'Ads in Munich');
    bo.plan.updateNode(cascade.initiative, { status: 'paused' });
    exchange(ada.doc, bo.doc);
    ada.ctx.time = T0 + DAY;
    ada.plan.deleteNode(cascade.initiative);
    exchange(ada.doc, bo.doc);
    bo.plan.index.refresh(T0 + DAY);
    expect(bo.plan.index.editsOnDeletedWork()).toEqual([]);
  });

  it('an edit of the deleted item itself is listed under it, by each person who made one', () => {
    const { ada, bo, cascade } = twoPeople();
    const cy = { doc: new Y.Doc(), ctx: new TestContext(T0, 'cy', 'c') };
    syncDocs(ada.doc, cy.doc);
    const cyPlan = openPlan(cy.doc, cy.ctx);
    ada.ctx.time = T0 + DAY;
    ada.plan.deleteNode(cascade.keyResult);
    bo.ctx.time = T0 + DAY + 1;
    bo.plan.updateNode(cascade.keyResult, { target: 120 });
    cy.ctx.time = T0 + DAY + 2;
    cyPlan.setDescription(cascade.keyResult, 'Net of refunds');
    exchange(ada.doc, bo.doc);
    exchange(ada.doc, cy.doc);
    ada.plan.index.refresh(T0 + DAY);
    expect(ada.plan.index.editsOnDeletedWork().map(({ nodeId, deletedId, count, fields, people }) => ({ nodeId, deletedId, count, fields, people })))
      .toEqual([{ nodeId: cascade.keyResult, deletedId: cascade.keyResult, count: 2, fields: ['description', 'target'], people: ['cy', 'bo'] }]);
  });

  it('a child added offline under work deleted meanwhile is not hidden: it stays, under the nearest live item, flagged re-attached', () => {
    const { ada, bo, cascade } = twoPeople();
    ada.ctx.time = T0 + DAY;
    ada.plan.deleteNode(cascade.initiative);
    bo.ctx.time = T0 + DAY + 1;
    const subtask = bo.plan.createNode({ kind: 'task', parent: cascade.task, title: 'Book the ad slots' });
    exchange(ada.doc, bo.doc);
    for (const { plan } of [ada, bo]) {
      plan.index.refresh(T0 + DAY);
      expect(plan.index.node(subtask)).toMatchObject({ parent: cascade.keyResult, reattached: true });
    }
  });
});
