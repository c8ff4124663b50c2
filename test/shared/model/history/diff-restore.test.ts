// review39b F4: the review diff on a restore. A restored item reads "restored by" whoever restored it
// (not "added by" its creator), the re-attachment a restore undoes is named as part of that restore, and
// blocked work new since the review point (or restored) is listed as a new blocker.
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { describeChange, diffReview, listReviewPoints, type ReviewChange, type ReviewDiff } from '../../../../shared/model/history/index.js';
import type { Plan } from '../../../../shared/model/index.js';
import { smallCascade } from '../support.js';
import { historyPlan, replicaOf, reviewPoint, syncBoth } from './history-support.js';

function diffToNow(doc: Y.Doc, plan: Plan, now: number): ReviewDiff {
  plan.index.refresh(now);
  return diffReview(doc, listReviewPoints(doc)[0]!, { kind: 'now', index: plan.index, now }, plan.ctx);
}

const rows = (diff: ReviewDiff, nodeId: string): ReviewChange[] => diff.changes.filter((change) => change.nodeId === nodeId);

describe('review diff: restores and blockers on new work (review39b F4)', () => {
  it('names the restorer, ties the re-attachment to the restore, and lists blockers on new and restored work', () => {
    const ada = historyPlan({ actor: 'ada' });
    const ids = smallCascade(ada.plan);
    // Cara's task in the initiative is blocked.
    const blocked = ada.plan.createNode({ kind: 'task', parent: ids.initiative, title: 'Hire country manager', status: 'blocked', blockedReason: 'No budget' });
    const ben = replicaOf(ada.doc, 'ben', 'b', ada.ctx.advance(1));
    const cara = replicaOf(ada.doc, 'cara', 'c', ada.ctx.advance(1));
    // Ben, offline, adds a task to the initiative while Cara deletes it: his task is kept, under the key result.
    const offline = ben.plan.createNode({ kind: 'task', parent: ids.initiative, title: 'Find an office', status: 'todo' });
    cara.plan.deleteNode(ids.initiative);
    syncBoth(ben.doc, cara.doc);
    syncBoth(ada.doc, cara.doc);
    ada.ctx.advance(1);
    reviewPoint(ada.doc, ada.ctx, 'start', 'Offsite start');
    // Later Cara restores the initiative; Ada adds a task and Ben raises a blocker on it.
    cara.ctx.advance(3);
    syncBoth(ada.doc, cara.doc);
    cara.plan.restoreNode(ids.initiative);
    syncBoth(ada.doc, cara.doc);
    const council = ada.plan.createNode({ kind: 'task', parent: ids.initiative, title: 'Works council approval', status: 'todo' });
    syncBoth(ada.doc, ben.doc);
    ben.plan.addCheckIn(council, { blocker: true, note: 'Council meets only in January' });
    syncBoth(ada.doc, ben.doc);

    const diff = diffToNow(ada.doc, ada.plan, ada.ctx.advance(5));
    const title = (id: string) => ada.plan.index.title(id);
    const [initiativeRestored] = rows(diff, ids.initiative);
    expect(initiativeRestored).toMatchObject({ kind: 'added', restored: true, by: 'cara' });
    expect(describeChange(initiativeRestored!, title)).toBe('restored (initiative)');
    expect(rows(diff, blocked).map((change) => [change.kind, change.by])).toEqual([['added', 'cara'], ['blocker', 'ada']]);
    expect(rows(diff, blocked)[1]).toMatchObject({ kind: 'blocker', state: 'new', reason: 'No budget' });
    const moved = rows(diff, offline).find((change) => change.kind === 'moved')!;
    expect(moved).toMatchObject({ from: ids.keyResult, to: ids.initiative, by: 'cara', because: { kind: 'restore', nodeId: ids.initiative } });
    expect(describeChange(moved, title)).toContain('as part of restoring');
    expect(rows(diff, council).map((change) => [change.kind, change.by])).toEqual([['added', 'ada'], ['blocker', 'ben'], ['check-ins', 'ben']]);
    expect(rows(diff, council)[1]).toMatchObject({ state: 'new', reason: 'Council meets only in January' });
  });

  it('names the delete that re-attached a task as part of that delete', () => {
    const ada = historyPlan({ actor: 'ada' });
    const ids = smallCascade(ada.plan);
    const cara = replicaOf(ada.doc, 'cara', 'c', ada.ctx.advance(1));
    const ben = replicaOf(ada.doc, 'ben', 'b', ada.ctx.advance(1));
    // Ben's task reaches Ada before the review point; Cara, offline, has not seen it when she deletes the initiative.
    const late = ben.plan.createNode({ kind: 'task', parent: ids.initiative, title: 'Find an office', status: 'todo' });
    syncBoth(ada.doc, ben.doc);
    ada.ctx.advance(1);
    reviewPoint(ada.doc, ada.ctx, 'start', 'Offsite start');
    cara.plan.deleteNode(ids.initiative);
    syncBoth(ada.doc, cara.doc);
    const diff = diffToNow(ada.doc, ada.plan, ada.ctx.advance(5));
    const moved = rows(diff, late).find((change) => change.kind === 'moved')!;
    expect(moved).toMatchObject({ from: ids.initiative, to: ids.keyResult, by: 'cara', because: { kind: 'delete', nodeId: ids.initiative, title: 'Campaign' } });
    expect(describeChange(moved, (id) => ada.plan.index.title(id))).toContain('when \u2068Campaign\u2069 was deleted');
  });
  it('names who restored an item, not who moved it after the restore (review40a F4)', () => {
    const ada = historyPlan({ actor: 'ada' });
    const ids = smallCascade(ada.plan);
    const otherKr = ada.plan.createNode({ kind: 'key_result', parent: ids.objective, title: 'Margin', start: 0, target: 10, direction: 'increase' });
    const events = ada.plan.createNode({ kind: 'initiative', parent: otherKr, title: 'Events', status: 'active' });
    ada.plan.deleteNode(ids.initiative); // the initiative, with its task, is deleted before the review point
    ada.ctx.advance(1);
    reviewPoint(ada.doc, ada.ctx, 'start', 'Offsite start');
    const cara = replicaOf(ada.doc, 'cara', 'c', ada.ctx.advance(1));
    cara.plan.restoreNode(ids.initiative);
    syncBoth(ada.doc, cara.doc);
    // Ben moves the initiative under another key result, and its task out of it: he restored nothing.
    const ben = replicaOf(ada.doc, 'ben', 'b', ada.ctx.advance(1));
    ben.plan.moveNode(ids.initiative, { parent: otherKr });
    ben.plan.moveNode(ids.task, { parent: events });
    syncBoth(ada.doc, ben.doc);
    const diff = diffToNow(ada.doc, ada.plan, ada.ctx.advance(1));
    for (const id of [ids.initiative, ids.task]) expect(rows(diff, id).find((change) => change.kind === 'added')).toMatchObject({ restored: true, by: 'cara' });
  });
  it('two people restoring the same item at once: every replica names the same one of them (review40a F4)', () => {
    const ada = historyPlan({ actor: 'ada' });
    const ids = smallCascade(ada.plan);
    ada.plan.deleteNode(ids.initiative);
    ada.ctx.advance(1);
    reviewPoint(ada.doc, ada.ctx, 'start', 'Offsite start');
    const cara = replicaOf(ada.doc, 'cara', 'c', ada.ctx.advance(1));
    const dan = replicaOf(ada.doc, 'dan', 'd', ada.ctx.advance(1));
    cara.plan.restoreNode(ids.initiative);
    dan.plan.restoreNode(ids.initiative);
    // Delivered in opposite orders: Cara's device gets Dan's restore, Ada's gets Cara's first.
    syncBoth(cara.doc, dan.doc);
    syncBoth(ada.doc, cara.doc);
    const named = [cara, dan, ada].map((side) => {
      const diff = diffToNow(side.doc, side.plan, side.ctx.advance(5));
      return [ids.initiative, ids.task].map((id) => rows(diff, id).find((change) => change.kind === 'added')?.by);
    });
    expect(['cara', 'dan']).toContain(named[0]![0]);
    expect(named).toEqual([named[0], named[0], named[0]]);
    expect(named[0]![1]).toBe(named[0]![0]);
    expect(ada.plan.index.node(ids.task)).toBeDefined();
  });
});
