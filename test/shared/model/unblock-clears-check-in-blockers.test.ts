// fix45a, forty-first session: review45c F5 — a blocker raised in a check-in outlived the unblocking of its
// task: the status set back to In progress, the pulse still said "Blocker raised in a check-in …" and
// turned the task off track after the cadence. A status set away from Blocked now clears, knowingly, the
// check-in blockers its author saw standing (a check-in naming them); one raised unseen (offline) stays.
// On real Y.Docs that exchange updates as replicas do.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import fc from 'fast-check';
import { openPlan, ROOT_ID, type NodeId, type Plan } from '../../../shared/model/index.js';
import { DAY, T0, TestContext } from './support.js';

const HOUR = 3_600_000;

function sync(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

function replicas(): { docs: [Y.Doc, Y.Doc]; ctxs: [TestContext, TestContext]; plans: [Plan, Plan] } {
  const docA = new Y.Doc(), docB = new Y.Doc();
  const mia = new TestContext(T0, 'mia', 'm'), ben = new TestContext(T0, 'ben', 'b');
  return { docs: [docA, docB], ctxs: [mia, ben], plans: [openPlan(docA, mia), openPlan(docB, ben)] };
}

/** Task "Landing" under an initiative, in progress; made on the first replica and synced to the second. */
function landing(plans: [Plan, Plan], docs: [Y.Doc, Y.Doc]): NodeId {
  const plan = plans[0];
  const strategy = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' });
  const objective = plan.createNode({ kind: 'objective', parent: strategy, title: 'O' });
  const keyResult = plan.createNode({ kind: 'key_result', parent: objective, title: 'Revenue', start: 0, target: 100, direction: 'increase' });
  const initiative = plan.createNode({ kind: 'initiative', parent: keyResult, title: 'Campaign', status: 'active' });
  const task = plan.createNode({ kind: 'task', parent: initiative, title: 'Landing', status: 'in_progress' });
  sync(docs[0], docs[1]);
  return task;
}

const blockedSignal = (plan: Plan, id: NodeId, now: number) => {
  plan.index.refresh(now);
  return plan.index.node(id)!.signals.find((signal) => signal.kind === 'blocked') ?? null;
};

describe('review45c F5: a status set away from Blocked clears the check-in blockers its author saw', () => {
  it('the two-week story: blocked Tue, blocker check-in Wed, In progress Fri → no blocker, then or a week later', () => {
    const { docs, ctxs: [, benCtx], plans } = replicas();
    const [mia, ben] = plans;
    const task = landing(plans, docs);
    benCtx.time = T0 + DAY;
    ben.updateNode(task, { status: 'blocked', blockedReason: 'waiting for legal' });
    benCtx.time = T0 + 2 * DAY;
    const raised = ben.addCheckIn(task, { blocker: true, note: 'still waiting' });
    expect(blockedSignal(ben, task, benCtx.time)).not.toBeNull();
    benCtx.time = T0 + 4 * DAY;
    ben.updateNode(task, { status: 'in_progress' });
    sync(docs[1], docs[0]);
    for (const plan of [mia, ben]) {
      expect(blockedSignal(plan, task, T0 + 4 * DAY + HOUR)).toBeNull();
      // After the cadence (the old code's "off track … 8 days ago"): still nothing.
      expect(blockedSignal(plan, task, T0 + 10 * DAY)).toBeNull();
      expect(plan.index.standingBlockers(task)).toEqual([]);
      plan.index.refresh(T0 + 10 * DAY);
      expect(plan.index.summary().counts.blocked).toBe(0);
      // History says who ended it: a check-in by Ben naming the blocker.
      const clearing = plan.index.checkIns(task).find((checkIn) => checkIn.clears?.includes(raised));
      expect(clearing?.by).toBe('ben');
    }
  });

  it('one replica unblocks while the other, offline, raises a new blocker: the new one stays on both', () => {
    const { docs, ctxs: [miaCtx, benCtx], plans } = replicas();
    const [mia, ben] = plans;
    const task = landing(plans, docs);
    miaCtx.time = benCtx.time = T0 + DAY;
    mia.updateNode(task, { status: 'blocked', blockedReason: 'waiting for legal' });
    const seen = mia.addCheckIn(task, { blocker: true, note: 'still waiting for legal' });
    sync(docs[0], docs[1]);
    // Ben goes offline; Mia unblocks, Ben raises a new reason the same morning, neither seeing the other.
    miaCtx.time = benCtx.time = T0 + 3 * DAY;
    mia.updateNode(task, { status: 'in_progress' });
    benCtx.time += HOUR;
    const unseen = ben.addCheckIn(task, { blocker: true, note: 'printer broken' });
    sync(docs[0], docs[1]); sync(docs[1], docs[0]);
    for (const plan of [mia, ben]) {
      const signal = blockedSignal(plan, task, T0 + 3 * DAY + 2 * HOUR);
      expect(signal?.evidence.source).toBe('check-in');
      expect(signal?.message).toContain('printer broken');
      expect(plan.index.standingBlockers(task).map((checkIn) => checkIn.id)).toEqual([unseen]);
      expect(plan.index.node(task)!.fields.status).toBe('in_progress');
    }
    expect(seen).not.toBe(unseen);
  });

  it('a status change that leaves no Blocked (todo → in progress), or sets Blocked, clears nothing', () => {
    const { docs, ctxs: [miaCtx], plans } = replicas();
    const [mia] = plans;
    const task = landing(plans, docs);
    mia.updateNode(task, { status: 'todo' });
    const raised = mia.addCheckIn(task, { blocker: true, note: 'vendor silent' });
    miaCtx.time += HOUR;
    mia.updateNode(task, { status: 'in_progress' });
    mia.updateNode(task, { status: 'blocked' });
    expect(mia.index.standingBlockers(task).map((checkIn) => checkIn.id)).toEqual([raised]);
  });

  it('property: after unblocking on one replica and merging, exactly the blockers raised unseen stand', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }), fc.boolean(), (seenCount, unseenCount, unseenOnSame) => {
      const { docs, ctxs: [miaCtx, benCtx], plans } = replicas();
      const [mia, ben] = plans;
      const task = landing(plans, docs);
      mia.updateNode(task, { status: 'blocked' });
      for (let i = 0; i < seenCount; i++) { miaCtx.time += HOUR; mia.addCheckIn(task, { blocker: true, note: `seen ${i}` }); }
      sync(docs[0], docs[1]);
      benCtx.time = miaCtx.time;
      // Unseen blockers: raised offline on the other replica (before or after the unblocking there, it never saw it).
      const unseen: string[] = [];
      const raiseUnseen = () => { for (let i = 0; i < unseenCount; i++) { benCtx.time += HOUR; unseen.push(ben.addCheckIn(task, { blocker: true, note: `unseen ${i}` })); } };
      if (unseenOnSame) raiseUnseen();
      miaCtx.time += HOUR;
      mia.updateNode(task, { status: 'in_progress' });
      if (!unseenOnSame) raiseUnseen();
      sync(docs[0], docs[1]); sync(docs[1], docs[0]);
      const now = Math.max(miaCtx.time, benCtx.time) + HOUR;
      for (const plan of [mia, ben]) {
        plan.index.refresh(now);
        expect(new Set(plan.index.standingBlockers(task).map((checkIn) => checkIn.id))).toEqual(new Set(unseen));
        expect(blockedSignal(plan, task, now) !== null).toBe(unseen.length > 0);
      }
    }), { numRuns: 40 });
  });
});
