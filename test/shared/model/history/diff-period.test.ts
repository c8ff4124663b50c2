// review40b F4, F5, F8: what a review diff says happened in its period.
// F4: several people checked in on one item; the row named only the last of them.
// F5: an item deleted before the review point and restored after it; its old check-ins (made before the
//     point) were counted as check-ins of the period.
// F8: review points taken on two devices that had not synced; the diff between them listed the changes
//     the later one had never received as undone.
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { describeChange, diffReview, getReviewPoint, listReviewPoints, reviewMarkdown, type ReviewChange, type ReviewDiff, type ReviewPoint } from '../../../../shared/model/history/index.js';
import type { Plan } from '../../../../shared/model/index.js';
import { smallCascade } from '../support.js';
import { historyPlan, replicaOf, reviewPoint, syncBoth } from './history-support.js';

const names: Record<string, string> = { ada: 'Ada Host', ben: 'Ben Marsh', cara: 'Cara Cruz' };
const nameOf = (actor: string) => names[actor] ?? actor;

function diffToNow(doc: Y.Doc, plan: Plan, point: ReviewPoint, now: number): ReviewDiff {
  plan.index.refresh(now);
  return diffReview(doc, point, { kind: 'now', index: plan.index, now }, plan.ctx);
}

const rows = (diff: ReviewDiff, nodeId: string, kind?: ReviewChange['kind']): ReviewChange[] => diff.changes.filter((change) => change.nodeId === nodeId && (!kind || change.kind === kind));

const markdownOf = (diff: ReviewDiff, plan: Plan) => reviewMarkdown(diff, { heading: 'Changes', nameOf, nodeTitle: (id) => plan.index.title(id), discussed: new Set() });

describe('the check-ins of a review period', () => {
  it('names every author of the check-ins on one item, in the view words and the Markdown (F4)', () => {
    const ada = historyPlan({ actor: 'ada' });
    const ids = smallCascade(ada.plan);
    const start = reviewPoint(ada.doc, ada.ctx, 'start', 'Offsite start');
    const ben = replicaOf(ada.doc, 'ben', 'b', ada.ctx.advance(1));
    const cara = replicaOf(ada.doc, 'cara', 'c', ada.ctx.advance(1));
    // In this order (each device's clock): Ada, Ben, Cara, Ben again.
    ada.plan.addCheckIn(ids.task, { note: 'briefed the agency' });
    ben.ctx.advance(1.5);
    ben.plan.addCheckIn(ids.task, { note: 'booked the slots' });
    cara.ctx.advance(1);
    cara.plan.addCheckIn(ids.task, { note: 'first ads live' });
    ben.ctx.advance(1);
    ben.plan.addCheckIn(ids.task, { note: 'second wave' });
    syncBoth(ada.doc, ben.doc);
    syncBoth(ada.doc, cara.doc);
    const diff = diffToNow(ada.doc, ada.plan, start, ada.ctx.advance(3));
    const [checkIns] = rows(diff, ids.task, 'check-ins');
    expect(checkIns).toMatchObject({ kind: 'check-ins', authors: ['ada', 'ben', 'cara'] });
    expect(describeChange(checkIns!, (id) => ada.plan.index.title(id))).toBe('4 check-ins recorded');
    const line = markdownOf(diff, ada.plan).split('\n').find((candidate) => candidate.includes('check-ins recorded'));
    // Each name isolated, as the rest of the report's names are.
    expect(line).toBe('- [ ] **\u2068Ads\u2069**: 4 check-ins recorded — \u2068Ada Host\u2069, \u2068Ben Marsh\u2069 and \u2068Cara Cruz\u2069');
  });

  it('counts only the check-ins made since the point on an item deleted before it and restored after (F5)', () => {
    const ada = historyPlan({ actor: 'ada' });
    const ids = smallCascade(ada.plan);
    const cara = replicaOf(ada.doc, 'cara', 'c', ada.ctx.advance(1));
    // Before the point: Cara checks in twice on the task (the second raises a blocker), then deletes its initiative.
    cara.plan.addCheckIn(ids.task, { note: 'agency picked' });
    cara.ctx.advance(0.1);
    cara.plan.addCheckIn(ids.task, { blocker: true, note: 'Waiting for budget approval' });
    cara.plan.deleteNode(ids.initiative);
    syncBoth(ada.doc, cara.doc);
    ada.ctx.advance(1);
    const start = reviewPoint(ada.doc, ada.ctx, 'start', 'Offsite start');
    // After it: Ada restores the initiative, Ben checks in once on the task.
    ada.ctx.advance(1);
    ada.plan.restoreNode(ids.initiative);
    const ben = replicaOf(ada.doc, 'ben', 'b', ada.ctx.advance(1));
    const benCheckIn = ben.plan.addCheckIn(ids.task, { blocker: true, note: 'Still no budget' });
    syncBoth(ada.doc, ben.doc);
    const diff = diffToNow(ada.doc, ada.plan, start, ada.ctx.advance(1));
    expect(rows(diff, ids.task, 'added')[0]).toMatchObject({ restored: true, by: 'ada' });
    const [checkIns] = rows(diff, ids.task, 'check-ins');
    expect(checkIns).toMatchObject({ authors: ['ben'], by: 'ben' });
    expect(checkIns?.kind === 'check-ins' ? checkIns.checkIns.map((checkIn) => checkIn.id) : []).toEqual([benCheckIn]);
    // The blocker shown is Ben's, raised in the period.
    expect(rows(diff, ids.task, 'blocker')[0]).toMatchObject({ state: 'new', by: 'ben', reason: 'Still no budget' });
  });

  it('a restored blocked task names who raised its blocker before the point, not "someone" (F5)', () => {
    const ada = historyPlan({ actor: 'ada' });
    const ids = smallCascade(ada.plan);
    const cara = replicaOf(ada.doc, 'cara', 'c', ada.ctx.advance(1));
    cara.plan.addCheckIn(ids.task, { blocker: true, note: 'Waiting for budget approval' });
    cara.plan.deleteNode(ids.initiative);
    syncBoth(ada.doc, cara.doc);
    ada.ctx.advance(1);
    const start = reviewPoint(ada.doc, ada.ctx, 'start', 'Offsite start');
    cara.ctx.advance(2);
    cara.plan.restoreNode(ids.initiative);
    syncBoth(ada.doc, cara.doc);
    const diff = diffToNow(ada.doc, ada.plan, start, ada.ctx.advance(3));
    expect(rows(diff, ids.task).map((change) => [change.kind, change.by])).toEqual([['added', 'cara'], ['blocker', 'cara']]);
    expect(rows(diff, ids.task, 'blocker')[0]).toMatchObject({ state: 'new', reason: 'Waiting for budget approval' });
  });
});

describe('review points taken on two devices that had not synced (F8)', () => {
  /**
   * Ada and Ben start in sync. Ben, offline for a day, raises the target, adds a task, deletes another,
   * renames the key result, checks in, and takes "Weekly review"; Ada, online, changes a weight, checks in on
   * the same task, sets the target otherwise, and takes "Weekly review" too. Then they sync.
   */
  function unsyncedPoints() {
    const ada = historyPlan({ actor: 'ada' });
    const ids = smallCascade(ada.plan);
    const spare = ada.plan.createNode({ kind: 'task', parent: ids.initiative, title: 'Print flyers', status: 'todo' });
    // Set as an edit (not at creation), so the two edits apart each overwrite, and delete, this value.
    ada.plan.updateNode(ids.keyResult, { target: 110 });
    const ben = replicaOf(ada.doc, 'ben', 'b', ada.ctx.advance(1));
    ben.plan.updateNode(ids.keyResult, { target: 150 });
    const benTask = ben.plan.createNode({ kind: 'task', parent: ids.initiative, title: 'Book a fair stand', status: 'todo' });
    ben.plan.deleteNode(spare);
    ben.plan.setTitle(ids.keyResult, 'Revenue DACH');
    ben.plan.addCheckIn(ids.task, { note: 'on the train' });
    ben.ctx.advance(1);
    const benPoint = reviewPoint(ben.doc, ben.ctx, 'ben-weekly', 'Weekly review');
    ada.ctx.advance(1.5);
    ada.plan.updateNode(ids.objective, { weight: 3 });
    ada.plan.updateNode(ids.keyResult, { target: 120 });
    const adaCheckIn = ada.plan.addCheckIn(ids.task, { note: 'ads live' });
    ada.ctx.advance(0.1);
    const adaPoint = reviewPoint(ada.doc, ada.ctx, 'ada-weekly', 'Weekly review');
    syncBoth(ada.doc, ben.doc);
    return { ada, ben, ids, spare, benTask, benPoint, adaPoint, adaCheckIn };
  }

  const shown = (diff: ReviewDiff, plan: Plan) => diff.changes.map((change) => `${change.kind} ${change.title}: ${describeChange(change, (id) => plan.index.title(id))}`);

  it('from Ben\'s point to Ada\'s: Ada\'s changes, none of Ben\'s as undone', () => {
    const { ada, ids, adaPoint, adaCheckIn } = unsyncedPoints();
    for (const side of [ada]) {
      const from = getReviewPoint(side.doc, 'ben-weekly')!;
      const diff = diffReview(side.doc, from, { kind: 'point', point: adaPoint }, side.plan.ctx);
      // The target both set apart reads from the value both had seen, not from Ben's (nor "—").
      expect(shown(diff, side.plan)).toEqual(['field Win EU: weight — → 3', 'field Revenue: target 110 → 120', 'check-ins Ads: 1 check-in recorded']);
      expect(rows(diff, ids.task, 'check-ins')[0]).toMatchObject({ authors: ['ada'] });
      expect(rows(diff, ids.task, 'check-ins')[0]?.kind === 'check-ins' && rows(diff, ids.task, 'check-ins')[0]).toMatchObject({ checkIns: [{ id: adaCheckIn }] });
      expect(diff.unseenByLater).toBe(true);
      expect(markdownOf(diff, side.plan)).toContain('not listed as undone');
    }
  });

  it('from Ada\'s point to Ben\'s: Ben\'s changes, Ada\'s not undone; on either device', () => {
    const { ada, ben, ids, benTask, spare } = unsyncedPoints();
    for (const side of [ada, ben]) {
      const [from, to] = [getReviewPoint(side.doc, 'ada-weekly')!, getReviewPoint(side.doc, 'ben-weekly')!];
      const diff = diffReview(side.doc, from, { kind: 'point', point: to }, side.plan.ctx);
      const kinds = diff.changes.map((change) => [change.kind, change.nodeId, change.by]);
      expect(kinds).toEqual(expect.arrayContaining([['retitled', ids.keyResult, 'ben'], ['field', ids.keyResult, 'ben'], ['added', benTask, 'ben'], ['removed', spare, 'ben'], ['check-ins', ids.task, 'ben']]));
      expect(diff.changes.find((change) => change.kind === 'field' && change.field === 'target')).toMatchObject({ before: 110, after: 150 });
      // Nothing of Ada's weight or check-in is said undone.
      expect(diff.changes.filter((change) => change.nodeId === ids.objective && change.kind === 'field')).toEqual([]);
      expect(diff.changes.filter((change) => change.by === 'ada')).toEqual([]);
      expect(diff.unseenByLater).toBe(true);
    }
  });

  it('between two points on one synced device nothing is left out', () => {
    const { ada, adaPoint, benTask, spare } = unsyncedPoints();
    ada.ctx.advance(1);
    const after = reviewPoint(ada.doc, ada.ctx, 'after', 'After the sync');
    const diff = diffReview(ada.doc, adaPoint, { kind: 'point', point: after }, ada.plan.ctx);
    expect(diff.unseenByLater).toBe(false);
    // Ben's changes arrived after Ada's point: they are changes of this period. (Not the target: which of the two
    // set apart wins depends on the Yjs client ids, random here.)
    expect(diff.changes.filter((change) => change.nodeId === benTask || change.nodeId === spare).map((change) => [change.kind, change.by])).toEqual([['added', 'ben'], ['removed', 'ben']]);
    expect(listReviewPoints(ada.doc)).toHaveLength(3);
  });
});
