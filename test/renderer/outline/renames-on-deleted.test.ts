// review39b F10: an offline rename inside a subtree someone deleted meanwhile was told nowhere on
// reconnect (only the pulse and Deleted items listed it). renamesOnDeletedWork finds, for the person who
// renamed, each deletion that hid their rename, with the titles the notice names.
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { openPlan } from '../../../shared/model/index.js';
import { renamesOnDeletedWork } from '../../../renderer/src/outline/renames-on-deleted.js';
import { DAY, T0, TestContext, newPlan, smallCascade, syncDocs } from '../../shared/model/support.js';

function twoPeople() {
  const ada = newPlan({ actor: 'ada', prefix: 'a' });
  const cascade = smallCascade(ada.plan);
  const boDoc = new Y.Doc();
  syncDocs(ada.doc, boDoc);
  const boCtx = new TestContext(T0, 'bo', 'b');
  return { ada, bo: { doc: boDoc, ctx: boCtx, plan: openPlan(boDoc, boCtx) }, cascade };
}

function exchange(a: Y.Doc, b: Y.Doc): void {
  syncDocs(a, b);
  syncDocs(b, a);
}

describe('renames on deleted work, told to who renamed', () => {
  it('an offline rename of a task and of its key result, both in an objective deleted meanwhile: one deletion naming both, for Bo only', () => {
    const { ada, bo, cascade } = twoPeople();
    ada.ctx.time = T0 + DAY;
    ada.plan.deleteNode(cascade.objective);
    bo.ctx.time = T0 + DAY + 60_000;
    bo.plan.setTitle(cascade.task, 'Ads in Munich (urgent)');
    bo.plan.setTitle(cascade.keyResult, 'Revenue, renamed');
    bo.plan.updateNode(cascade.initiative, { status: 'paused' });
    bo.plan.index.refresh(T0 + DAY);
    expect(renamesOnDeletedWork(bo.plan.index, 'bo')).toEqual([]);
    exchange(ada.doc, bo.doc);
    bo.plan.index.refresh(T0 + 2 * DAY);
    ada.plan.index.refresh(T0 + 2 * DAY);
    const found = renamesOnDeletedWork(bo.plan.index, 'bo');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ deletedId: cascade.objective, deletedBy: 'ada', key: `${cascade.objective}@${T0 + DAY}` });
    expect(found[0]!.renamed.map((item) => item.title).sort()).toEqual(['Ads in Munich (urgent)', 'Revenue, renamed']);
    // The status edit is no rename; Ada renamed nothing.
    expect(renamesOnDeletedWork(ada.plan.index, 'ada')).toEqual([]);
    // Restored: nothing left to tell.
    ada.plan.restoreNode(cascade.objective);
    exchange(ada.doc, bo.doc);
    bo.plan.index.refresh(T0 + 2 * DAY);
    expect(renamesOnDeletedWork(bo.plan.index, 'bo')).toEqual([]);
  });

  it('purged: nothing left to tell (the notice goes)', () => {
    const { ada, bo, cascade } = twoPeople();
    ada.ctx.time = T0 + DAY;
    ada.plan.deleteNode(cascade.initiative);
    bo.ctx.time = T0 + DAY + 60_000;
    bo.plan.setTitle(cascade.task, 'Ads in Munich (urgent)');
    exchange(ada.doc, bo.doc);
    bo.plan.index.refresh(T0 + 2 * DAY);
    expect(renamesOnDeletedWork(bo.plan.index, 'bo').map((group) => group.renamed.map((item) => item.title))).toEqual([['Ads in Munich (urgent)']]);
    ada.plan.purgeNode(cascade.initiative);
    exchange(ada.doc, bo.doc);
    bo.plan.index.refresh(T0 + 2 * DAY);
    expect(renamesOnDeletedWork(bo.plan.index, 'bo')).toEqual([]);
  });

  it('a rename Ada had seen before she deleted is not told', () => {
    const { ada, bo, cascade } = twoPeople();
    bo.plan.setTitle(cascade.task, 'Ads in Munich (urgent)');
    exchange(ada.doc, bo.doc);
    ada.ctx.time = T0 + DAY;
    ada.plan.deleteNode(cascade.initiative);
    exchange(ada.doc, bo.doc);
    bo.plan.index.refresh(T0 + DAY);
    expect(renamesOnDeletedWork(bo.plan.index, 'bo')).toEqual([]);
  });
});
