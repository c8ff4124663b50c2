// Work nobody is meant to do does not drive the plan (review33 F2).
// Everything below a cancelled initiative or a dropped task is inactive, as below archived work: no
// signals, no counts, no progress, no active work (counts-agree-with-health.test.ts has the property).
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openPlan, ROOT_ID, type Plan } from '../../../shared/model/index.js';
import { newPlan, signalKinds, snapshotIndex, TestContext } from './support.js';

function chain(plan: Plan) {
  const s = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' });
  const o = plan.createNode({ kind: 'objective', parent: s, title: 'O' });
  const kr = plan.createNode({ kind: 'key_result', parent: o, title: 'KR', start: 0, target: 100, direction: 'increase' });
  return { s, o, kr };
}

describe('work under withdrawn work (review33 F2)', () => {
  it('a cancelled initiative\'s blocked and overdue tasks no longer make the plan off track (repro f2b-cancelled-initiative)', () => {
    const { plan, ctx } = newPlan();
    const { kr } = chain(plan);
    plan.addCheckIn(kr, { value: 10 });
    const i = plan.createNode({ kind: 'initiative', parent: kr, title: 'Rebrand', status: 'active' });
    const t1 = plan.createNode({ kind: 'task', parent: i, title: 'Brief agency', status: 'todo', dueDate: '2027-03-03' });
    const t2 = plan.createNode({ kind: 'task', parent: i, title: 'Legal check', status: 'blocked' });
    plan.updateNode(i, { status: 'cancelled' });
    ctx.advance(10);
    plan.index.refresh(ctx.time);
    expect(signalKinds(plan.index, t1)).toEqual([]);
    expect(signalKinds(plan.index, t2)).toEqual([]);
    expect(plan.index.node(t1)!.inactive).toBe(true);
    expect(plan.index.node(i)!.health).toBe('on_track');
    const summary = plan.index.summary();
    expect(summary.healthCause?.signal.kind).not.toBe('blocked');
    expect(summary.counts).toMatchObject({ blocked: 0, overdue: 0 });
    expect(summary.activeWork).toBe(0);
  });

  it('a dropped task\'s subtasks count for nothing: its initiative reads 100 % when its only remaining task is done (repro f2-dropped-parent)', () => {
    const { plan, ctx } = newPlan();
    const { kr } = chain(plan);
    const i = plan.createNode({ kind: 'initiative', parent: kr, title: 'I', status: 'active' });
    const a = plan.createNode({ kind: 'task', parent: i, title: 'A', status: 'todo' });
    const b = plan.createNode({ kind: 'task', parent: i, title: 'B', status: 'todo' });
    const b1 = plan.createNode({ kind: 'task', parent: b, title: 'B1', status: 'todo', dueDate: '2027-03-02' });
    const b2 = plan.createNode({ kind: 'task', parent: b, title: 'B2', status: 'blocked' });
    plan.updateNode(a, { status: 'done' });
    plan.updateNode(b, { status: 'dropped' });
    ctx.advance(3);
    plan.index.refresh(ctx.time);
    expect(plan.index.node(i)!.progress).toBe(1);
    expect(plan.index.node(i)!.counts).toEqual({ tasks: 1, done: 1, blocked: 0, overdue: 0 });
    expect(signalKinds(plan.index, b1)).toEqual([]);
    expect(signalKinds(plan.index, b2)).toEqual([]);
    expect(plan.index.summary().counts).toEqual({ tasks: 1, done: 1, blocked: 0, overdue: 0 });
    expect(plan.index.summary().activeWork).toBe(1);
  });

  it('taking the cancel back brings the tasks back, and the incremental refresh equals a fresh index', () => {
    const { plan, ctx, doc } = newPlan();
    const { kr } = chain(plan);
    const i = plan.createNode({ kind: 'initiative', parent: kr, title: 'I', status: 'cancelled' });
    const t = plan.createNode({ kind: 'task', parent: i, title: 'T', status: 'blocked' });
    ctx.advance(4);
    plan.index.refresh(ctx.time);
    expect(plan.index.summary().counts.blocked).toBe(0);
    plan.updateNode(i, { status: 'active' });
    plan.index.refresh(ctx.time);
    expect(signalKinds(plan.index, t)).toContain('blocked');
    expect(plan.index.summary().counts.blocked).toBe(1);
    expect(plan.index.summary().healthCause?.signal.kind).toBe('blocked');
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    const fresh = openPlan(copy, new TestContext(ctx.time));
    fresh.index.refresh(ctx.time);
    expect(snapshotIndex(fresh.index)).toEqual(snapshotIndex(plan.index));
  });
});
