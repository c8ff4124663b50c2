import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ROOT_ID, createUndoManager, type Plan } from '../../../../shared/model/index.js';
import {
  diffReview, listReviewPoints as reviewPointsOf, reviewMarkdown, type ReviewChange, type ReviewDiff,
} from '../../../../shared/model/history/index.js';
import { isolatedText } from '../../../../shared/text/bidi-isolation.js';
import { smallCascade } from '../support.js';
import { historyPlan, replicaOf, reviewPoint, syncBoth, T0 } from './history-support.js';

const DAY = 86_400_000;
/** A name or title as the Markdown export writes it: a bidi isolate (report.ts). */
const iso = isolatedText;

function changesOf(diff: ReviewDiff, nodeId: string): ReviewChange[] {
  return diff.changes.filter((change) => change.nodeId === nodeId);
}

function only<K extends ReviewChange['kind']>(diff: ReviewDiff, nodeId: string, kind: K): Extract<ReviewChange, { kind: K }> {
  const found = changesOf(diff, nodeId).filter((change): change is Extract<ReviewChange, { kind: K }> => change.kind === kind);
  expect(found, `${kind} changes of ${nodeId}`).toHaveLength(1);
  return found[0]!;
}

function diffToNow(doc: Y.Doc, plan: Plan, pointId: string, now: number): ReviewDiff {
  plan.index.refresh(now);
  const point = reviewPointOf(doc, pointId);
  return diffReview(doc, point, { kind: 'now', index: plan.index, now }, plan.ctx);
}

function reviewPointOf(doc: Y.Doc, id: string) {
  // Read back through the public list, as the app does.
  return reviewPointsOf(doc).find((point) => point.id === id)!;
}

describe('diff between a review point and now', () => {
  it('reports every kind of change, each naming who made it', () => {
    const { doc, ctx, plan } = historyPlan({ actor: 'alice' });
    const ids = smallCascade(plan);
    const owner = plan.addPerson({ name: 'Dana' });
    const secondObjective = plan.createNode({ kind: 'objective', parent: ids.strategy, title: 'Win US' });
    const doomed = plan.createNode({ kind: 'task', parent: ids.initiative, title: 'Flyers', status: 'todo' });
    plan.updateNode(ids.initiative, { startDate: '2027-02-01', dueDate: '2027-04-30' });
    ctx.advance(1);
    reviewPoint(doc, ctx, 'q1', 'Q1 offsite');

    // Bob edits on his own device after the review point.
    const bob = replicaOf(doc, 'bob', 'b', ctx.advance(1));
    bob.plan.updateNode(ids.keyResult, { target: 150, weight: 2, priority: 'high', owner });
    bob.plan.moveNode(ids.initiative, { parent: ids.objective });
    bob.plan.setTitle(ids.objective, 'Win Europe');
    bob.plan.updateNode(ids.task, { status: 'blocked', blockedReason: 'waiting for legal' });
    bob.plan.updateNode(ids.initiative, { dueDate: '2027-05-31' });
    bob.plan.deleteNode(doomed);
    const added = bob.plan.createNode({ kind: 'key_result', parent: secondObjective, title: 'US revenue', start: 0, target: 10, direction: 'increase' });
    bob.plan.addCheckIn(ids.keyResult, { value: 75, confidence: 7, note: 'halfway' });
    syncBoth(doc, bob.doc);

    const diff = diffToNow(doc, plan, 'q1', ctx.advance(1));
    const fields = changesOf(diff, ids.keyResult).filter((change) => change.kind === 'field');
    expect(fields.map((change) => change.kind === 'field' && [change.field, change.before, change.after, change.by])).toEqual([
      ['target', 100, 150, 'bob'], ['weight', null, 2, 'bob'], ['priority', null, 'high', 'bob'], ['owner', null, owner, 'bob'],
    ]);
    expect(only(diff, ids.initiative, 'moved')).toMatchObject({ from: ids.keyResult, to: ids.objective, by: 'bob' });
    expect(only(diff, ids.initiative, 'field')).toMatchObject({ field: 'dueDate', before: '2027-04-30', after: '2027-05-31', by: 'bob' });
    expect(only(diff, ids.objective, 'retitled')).toMatchObject({ before: 'Win EU', after: 'Win Europe', by: 'bob' });
    expect(only(diff, ids.task, 'blocker')).toMatchObject({ state: 'new', reason: 'waiting for legal', by: 'bob' });
    expect(changesOf(diff, ids.task).find((change) => change.kind === 'field')).toMatchObject({ field: 'status', before: 'todo', after: 'blocked', by: 'bob' });
    expect(only(diff, doomed, 'removed')).toMatchObject({ title: 'Flyers', by: 'bob' });
    expect(only(diff, added, 'added')).toMatchObject({ title: 'US revenue', by: 'bob', strategyId: ids.strategy });
    const checkIns = only(diff, ids.keyResult, 'check-ins');
    expect(checkIns.checkIns.map((checkIn) => [checkIn.value, checkIn.by])).toEqual([[75, 'bob']]);
    expect(only(diff, ids.keyResult, 'progress')).toMatchObject({ before: 0, after: 0.5, by: null });
    // Every change sits under the plan's one strategy.
    expect(diff.groups.map((group) => group.title)).toEqual(['Grow']);
    expect(diff.groups[0]!.changes).toHaveLength(diff.changes.length);
  });

  it('reports health deltas, a blocker raised and resolved through check-ins, and alice’s own edits as hers', () => {
    const { doc, ctx, plan } = historyPlan({ actor: 'alice' });
    const ids = smallCascade(plan);
    plan.addCheckIn(ids.initiative, { blocker: true, note: 'no budget' });
    ctx.advance(1);
    reviewPoint(doc, ctx, 'w1');
    ctx.advance(1);
    plan.addCheckIn(ids.initiative, { blocker: false, note: 'budget approved', clears: plan.index.standingBlockers(ids.initiative).map((checkIn) => checkIn.id) });
    plan.addCheckIn(ids.task, { blocker: true, note: 'vendor silent' });
    const diff = diffToNow(doc, plan, 'w1', ctx.advance(1));
    expect(only(diff, ids.initiative, 'blocker')).toMatchObject({ state: 'resolved', by: 'alice' });
    expect(only(diff, ids.task, 'blocker')).toMatchObject({ state: 'new', by: 'alice' });
    expect(only(diff, ids.task, 'check-ins').checkIns).toHaveLength(1);
    // The blocked initiative made its ancestors unhealthy at the review point; now the task does.
    const beforeHealth = changesOf(diff, ids.initiative).find((change) => change.kind === 'health');
    expect(beforeHealth === undefined || beforeHealth.by === null).toBe(true);
  });

  it('gives the same diff from a cached earlier side as from a fresh one', () => {
    const { doc, ctx, plan } = historyPlan({ actor: 'alice' });
    const ids = smallCascade(plan);
    const point = reviewPoint(doc, ctx, 'r1');
    const cache = new Map();
    plan.updateNode(ids.keyResult, { target: 140 });
    plan.index.refresh(ctx.advance(1));
    const first = diffReview(doc, point, { kind: 'now', index: plan.index, now: ctx.time }, plan.ctx, cache);
    plan.moveNode(ids.initiative, { parent: ids.objective });
    plan.index.refresh(ctx.advance(1));
    const cached = diffReview(doc, point, { kind: 'now', index: plan.index, now: ctx.time }, plan.ctx, cache);
    const fresh = diffReview(doc, point, { kind: 'now', index: plan.index, now: ctx.time }, plan.ctx);
    expect(cache.size).toBe(1);
    expect(cached).toEqual(fresh);
    expect(cached.changes.length).toBeGreaterThan(first.changes.length);
  });

  it('reports nothing when nothing changed', () => {
    const { doc, ctx, plan } = historyPlan();
    smallCascade(plan);
    reviewPoint(doc, ctx, 'same');
    const diff = diffToNow(doc, plan, 'same', ctx.time);
    expect(diff.changes).toEqual([]);
    expect(reviewMarkdown(diff, { heading: 'Since same', nameOf: (actor) => actor, nodeTitle: (id) => id, discussed: new Set() })).toContain('Nothing changed.');
  });
});

describe('diff between two review points', () => {
  it('keeps concurrent offline edits of two replicas apart, each with its author', () => {
    const alice = historyPlan({ actor: 'alice' });
    const ids = smallCascade(alice.plan);
    const other = alice.plan.createNode({ kind: 'key_result', parent: ids.objective, title: 'Margin', start: 0, target: 20, direction: 'increase' });
    const first = reviewPoint(alice.doc, alice.ctx, 'r1', 'Weekly review W1');
    const bob = replicaOf(alice.doc, 'bob', 'b', alice.ctx.time);

    // Both offline: alice changes a target and moves the initiative; bob renames, blocks the task and
    // changes the same target (a conflict: one value wins on every replica).
    alice.ctx.advance(2);
    bob.ctx.advance(2);
    alice.plan.updateNode(ids.keyResult, { target: 120 });
    alice.plan.moveNode(ids.initiative, { parent: other });
    bob.plan.setTitle(ids.keyResult, 'Revenue (EUR)');
    bob.plan.updateNode(ids.task, { status: 'blocked', blockedReason: 'legal' });
    bob.plan.updateNode(ids.keyResult, { target: 130 });
    bob.plan.updateNode(other, { priority: 'critical' });
    syncBoth(alice.doc, bob.doc);
    expect(Y.encodeStateAsUpdate(alice.doc)).toEqual(Y.encodeStateAsUpdate(bob.doc));

    alice.plan.index.refresh(alice.ctx.time);
    const wonTarget = alice.plan.index.node(ids.keyResult)?.fields.target;
    bob.ctx.advance(1);
    reviewPoint(bob.doc, bob.ctx, 'r2', 'Weekly review W2');
    syncBoth(alice.doc, bob.doc);
    // Later edits do not leak into the diff between the two review points.
    alice.plan.updateNode(ids.keyResult, { target: 999 });

    const second = reviewPointsOf(alice.doc).find((point) => point.id === 'r2')!;
    const onAlice = diffReview(alice.doc, first, { kind: 'point', point: second }, alice.plan.ctx);
    const onBob = diffReview(bob.doc, reviewPointsOf(bob.doc)[0]!, { kind: 'point', point: reviewPointsOf(bob.doc)[1]! }, bob.plan.ctx);
    // The same diff on both devices.
    expect(JSON.stringify(onBob.changes)).toEqual(JSON.stringify(onAlice.changes));

    const target = onAlice.changes.find((change) => change.nodeId === ids.keyResult && change.kind === 'field' && change.field === 'target');
    // The target that won the conflict is reported, with the person whose value won.
    expect(target).toMatchObject({ before: 100, after: wonTarget, by: wonTarget === 120 ? 'alice' : 'bob' });
    expect(only(onAlice, ids.initiative, 'moved')).toMatchObject({ from: ids.keyResult, to: other, by: 'alice' });
    expect(only(onAlice, ids.keyResult, 'retitled')).toMatchObject({ after: 'Revenue (EUR)', by: 'bob' });
    expect(only(onAlice, ids.task, 'blocker')).toMatchObject({ state: 'new', by: 'bob' });
    expect(onAlice.changes.find((change) => change.nodeId === other && change.kind === 'field')).toMatchObject({ field: 'priority', after: 'critical', by: 'bob' });
    expect(onAlice.changes.some((change) => change.kind === 'field' && change.after === 999)).toBe(false);
  });

  // usercheck18: a rename was credited to the client whose typed characters had the highest Yjs clock,
  // deleted ones included, and clocks of two clients say nothing about which came last. Alice (her
  // device had made the plan: a high clock) renamed the key result after the review; Bob renamed it
  // again, seeing hers, or offline at the same time and later: the title shown is Bob's, and the diff
  // said "by alice".
  it('names who made the title shown: a rename after another, and the one that won two offline renames', () => {
    for (const offline of [false, true]) {
      const alice = historyPlan({ actor: 'alice' });
      const ids = smallCascade(alice.plan);
      for (let i = 0; i < 20; i++) alice.plan.setTitle(ids.task, `Ads ${i}`);
      const first = reviewPoint(alice.doc, alice.ctx, 'r1', 'Weekly review W1');
      const bob = replicaOf(alice.doc, 'bob', 'b', alice.ctx.time);
      alice.ctx.advance(1);
      alice.plan.setTitle(ids.keyResult, 'Revenue in EUR (Alice)');
      if (!offline) syncBoth(alice.doc, bob.doc);
      bob.ctx.advance(2);
      bob.plan.setTitle(ids.keyResult, 'Revenue (EUR)');
      syncBoth(alice.doc, bob.doc);
      alice.plan.index.refresh(alice.ctx.advance(3));
      expect(alice.plan.index.title(ids.keyResult)).toBe('Revenue (EUR)');
      const diff = diffReview(alice.doc, first, { kind: 'now', index: alice.plan.index, now: alice.ctx.time }, alice.plan.ctx);
      expect(only(diff, ids.keyResult, 'retitled'), offline ? 'offline renames' : 'one rename after the other').toMatchObject({ before: 'Revenue', after: 'Revenue (EUR)', by: 'bob' });
    }
  });

  // review24: an undo that brings a rename back restores its record as a new item by the undoer's device;
  // the review credited the rename's author, who did nothing since the review point.
  it('names who pressed the undo that brought an earlier rename back, not that rename\'s author', () => {
    const alice = historyPlan({ actor: 'alice' });
    const ids = smallCascade(alice.plan);
    alice.ctx.advance(1);
    alice.plan.setTitle(ids.keyResult, 'Revenue (Alice)');
    const bob = replicaOf(alice.doc, 'bob', 'b', alice.ctx.time);
    const undoBob = createUndoManager(bob.plan, { captureTimeout: 0 });
    bob.ctx.advance(2);
    bob.plan.setTitle(ids.keyResult, 'Revenue (Bob)');
    syncBoth(alice.doc, bob.doc);
    alice.ctx.advance(3);
    const first = reviewPoint(alice.doc, alice.ctx, 'r1', 'W1');
    syncBoth(alice.doc, bob.doc);
    bob.ctx.advance(4);
    undoBob.undo();
    syncBoth(alice.doc, bob.doc);
    alice.plan.index.refresh(alice.ctx.advance(5));
    expect(alice.plan.index.title(ids.keyResult)).toBe('Revenue (Alice)');
    const diff = diffReview(alice.doc, first, { kind: 'now', index: alice.plan.index, now: alice.ctx.time }, alice.plan.ctx);
    expect(only(diff, ids.keyResult, 'retitled')).toMatchObject({ before: 'Revenue (Bob)', after: 'Revenue (Alice)', by: 'bob' });
  });

  it('groups changes by strategy in outline order, a removed strategy last', () => {
    const { doc, ctx, plan } = historyPlan();
    const a = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'A' });
    const b = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'B' });
    const c = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'C' });
    reviewPoint(doc, ctx, 'r1');
    ctx.advance(1);
    plan.createNode({ kind: 'objective', parent: b, title: 'under B' });
    plan.createNode({ kind: 'objective', parent: a, title: 'under A' });
    plan.deleteNode(c);
    reviewPoint(doc, ctx, 'r2');
    const [first, second] = reviewPointsOf(doc);
    const diff = diffReview(doc, first!, { kind: 'point', point: second! }, plan.ctx);
    expect(diff.groups.map((group) => [group.title, group.changes.map((change) => change.kind)])).toEqual([
      ['A', ['added']], ['B', ['added']], ['C', ['removed']],
    ]);
    expect(diff.from).toBe(T0);
    expect(diff.to).toBe(T0 + DAY);
  });
});

describe('the review section in Markdown', () => {
  it('lists each change under its strategy with its author and discussion mark', () => {
    const { doc, ctx, plan } = historyPlan({ actor: 'alice' });
    const ids = smallCascade(plan);
    reviewPoint(doc, ctx, 'r1', 'Q1 offsite');
    plan.updateNode(ids.keyResult, { target: 140 });
    plan.setTitle(ids.task, 'Ads *now* [EU]');
    const diff = diffToNow(doc, plan, 'r1', ctx.advance(1));
    const targetKey = diff.changes.find((change) => change.kind === 'field')!.key;
    const markdown = reviewMarkdown(diff, { heading: 'Since “Q1 offsite”', nameOf: (actor) => (actor === 'alice' ? 'Alice Martin' : actor), nodeTitle: (id) => plan.index.title(id), discussed: new Set([targetKey]) });
    expect(markdown).toContain('## Since “Q1 offsite”');
    expect(markdown).toContain(`### ${iso('Grow')}`);
    expect(markdown).toContain(`- [x] **${iso('Revenue')}**: target 100 → 140 — ${iso('Alice Martin')}`);
    expect(markdown).toContain(`- [ ] **${iso('Ads \\*now\\* \\[EU\\]')}**: renamed from “${iso('Ads')}” — ${iso('Alice Martin')}`);
  });

  // usercheck9: the review view says a rename or value that lost to the listed one and still stands to
  // be picked; the exported section (the review pack a meeting prints) said only the winner's.
  it('says the concurrent rename and value still standing to be picked beside the change they lost to', () => {
    const { doc, ctx, plan } = historyPlan({ actor: 'alice' });
    const ids = smallCascade(plan);
    reviewPoint(doc, ctx, 'r1', 'Q1 offsite');
    const ben = replicaOf(doc, 'ben', 'b', ctx.now());
    plan.setTitle(ids.initiative, 'Open a Paris office');
    plan.updateNode(ids.keyResult, { target: 800 });
    ben.plan.setTitle(ids.initiative, 'Open a Berlin office', 'Campaign');
    ben.plan.updateNode(ids.keyResult, { target: 500 });
    syncBoth(doc, ben.doc);
    const now = ctx.advance(1);
    const diff = diffToNow(doc, plan, 'r1', now);
    const nameOf = (actor: string) => ({ alice: 'Alice Martin', ben: 'Ben Guest' })[actor] ?? actor;
    const markdown = reviewMarkdown(diff, { heading: 'Since “Q1 offsite”', nameOf, nodeTitle: (id) => plan.index.title(id), discussed: new Set(), nodeNow: (id) => plan.index.node(id) });
    const shown = plan.index.title(ids.initiative);
    const other = shown === 'Open a Paris office' ? ['Open a Berlin office', 'Ben Guest'] : ['Open a Paris office', 'Alice Martin'];
    expect(markdown).toContain(`**${iso(shown)}**: renamed from “${iso('Campaign')}”`);
    expect(markdown).toContain(`  - also renamed to “${iso(other[0]!)}” by ${iso(other[1]!)} at the same time: pick one in the outline`);
    const shownTarget = plan.index.node(ids.keyResult)!.fields.target;
    expect(markdown).toContain(`  - also set to ${shownTarget === 800 ? `500 by ${iso('Ben Guest')}` : `800 by ${iso('Alice Martin')}`} at the same time: pick one in the details`);
    // Between two review points nothing of now is said.
    expect(reviewMarkdown(diff, { heading: 'h', nameOf, nodeTitle: (id) => plan.index.title(id), discussed: new Set() })).not.toContain('also ');
  });
});
