// trust36, thirty-second session: review35 F5 — an author whose clock is behind made the item look stale
// right after checking in. The last check-in time is now the latest time over the series among check-ins
// not dated in the future (derive.ts lastCheckInTime), on real Y.Docs that exchange updates as replicas do.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import fc from 'fast-check';
import { openPlan, ROOT_ID, datedInFuture, type NodeId, type Plan } from '../../../shared/model/index.js';
import { myWork } from '../../../renderer/src/mywork/my-work.js';
import { DAY, T0, TestContext } from './support.js';

const HOUR = 3_600_000;

function sync(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

/** Ada's plan with a key result Ben owns (created 20 days before T0, never checked in), and replicas of it. */
function replicas(count: number): { docs: Y.Doc[]; ctxs: TestContext[]; plans: Plan[]; k: NodeId; ben: string } {
  const names = ['ada', 'ben', 'cem', 'dan'];
  const docs: Y.Doc[] = [], ctxs: TestContext[] = [], plans: Plan[] = [];
  let k = '' as NodeId, ben = '';
  for (let i = 0; i < count; i++) {
    const doc = new Y.Doc();
    if (i > 0) sync(docs[0]!, doc);
    const ctx = new TestContext(T0 - 20 * DAY, names[i]!, names[i]![0]!);
    const plan = openPlan(doc, ctx);
    if (i === 0) {
      ben = plan.addPerson({ name: 'Ben' });
      const s = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' });
      const o = plan.createNode({ kind: 'objective', parent: s, title: 'O' });
      k = plan.createNode({ kind: 'key_result', parent: o, title: 'Weekly active teams', start: 0, target: 100, owner: ben });
    }
    docs.push(doc); ctxs.push(ctx); plans.push(plan);
  }
  ctxs.forEach((ctx) => { ctx.time = T0; });
  return { docs, ctxs, plans, k, ben };
}

describe('review35 F5: the last check-in time is the latest time over the series', () => {
  it('Ben, 8 days behind, checks in after seeing Ada\'s: value his, time hers, not stale, not due in My work', () => {
    const { docs: [docA, docB], ctxs: [ctxA, ctxB], plans: [ada, ben], k, ben: benId } = replicas(2);
    ada!.addCheckIn(k, { value: 30 });
    sync(docA!, docB!);
    ctxB!.time = ctxA!.time - 8 * DAY + 60_000;
    ben!.addCheckIn(k, { value: 32, note: 'update' });
    sync(docB!, docA!);
    for (const plan of [ada!, ben!]) {
      const now = ctxA!.time + 2 * 60_000;
      plan.index.refresh(now);
      const node = plan.index.node(k)!;
      expect(node.value).toBe(32);
      expect(node.lastCheckInAt).toBe(ctxA!.time);
      expect(node.signals.filter((s) => s.kind === 'stale')).toEqual([]);
      expect(myWork(plan.index, benId, now).checkInsDue.map((due) => due.node.id)).toEqual([]);
    }
  });

  it('a check-in dated 40 years ahead does not make the item fresh; it counts once its date is reached', () => {
    const { ctxs: [ctx], plans: [plan], k } = replicas(1);
    plan!.addCheckIn(k, { value: 10 });
    const future = T0 + 40 * 365 * DAY;
    plan!.addCheckIn(k, { value: 90, at: future });
    plan!.index.refresh(T0 + 10 * DAY);
    expect(plan!.index.node(k)!.lastCheckInAt).toBe(T0);
    expect(plan!.index.node(k)!.signals.map((s) => s.kind)).toContain('stale');
    // An hour ahead is an ordinary clock (FUTURE_SLACK_MS): it counts, as the history does not mark it.
    plan!.index.refresh(future - HOUR);
    expect(plan!.index.node(k)!.lastCheckInAt).toBe(future);
    plan!.index.refresh(future - HOUR - 1);
    expect(plan!.index.node(k)!.lastCheckInAt).toBe(T0);
    void ctx;
  });

  it('when every check-in is dated in the future, the last one\'s time (as before)', () => {
    const { ctxs: [ctx], plans: [plan], k } = replicas(1);
    ctx!.time = T0 + 30 * DAY;
    plan!.addCheckIn(k, { value: 10 });
    ctx!.time = T0 + 20 * DAY;
    plan!.addCheckIn(k, { value: 20 });
    plan!.index.refresh(T0);
    expect(plan!.index.node(k)!.lastCheckInAt).toBe(T0 + 20 * DAY);
  });
});

describe('property: several replicas with skewed clocks, any delivery order', () => {
  const HOURS = (h: number) => h * HOUR;
  it('all converge; the last check-in time is the latest time not dated in the future; nothing checked in within the cadence reads stale', () => {
    fc.assert(fc.property(
      fc.array(fc.record({
        who: fc.nat({ max: 2 }),
        skew: fc.oneof(fc.integer({ min: -10 * DAY, max: 10 * DAY }), fc.constantFrom(-8 * DAY, 0, HOURS(1), HOURS(1) + 1, 400 * DAY)),
        advance: fc.integer({ min: 0, max: DAY }),
        deliver: fc.array(fc.tuple(fc.nat({ max: 2 }), fc.nat({ max: 2 })), { maxLength: 3 }),
      }), { minLength: 1, maxLength: 8 }),
      fc.integer({ min: 0, max: 3 * DAY }),
      (steps, readAfter) => {
        const { docs, ctxs, plans, k } = replicas(3);
        let real = T0;
        for (const step of steps) {
          real += step.advance;
          ctxs[step.who]!.time = real + step.skew;
          plans[step.who]!.addCheckIn(k, { value: Math.round(step.advance / 1000) });
          for (const [from, to] of step.deliver) if (from !== to) sync(docs[from]!, docs[to]!);
        }
        for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) if (i !== j) sync(docs[i]!, docs[j]!);
        const now = real + readAfter;
        const seen = plans.map((plan) => { plan.index.refresh(now); return plan.index.node(k)!; });
        for (const node of seen) expect({ value: node.value, at: node.lastCheckInAt }).toEqual({ value: seen[0]!.value, at: seen[0]!.lastCheckInAt });
        const list = plans[0]!.index.checkIns(k);
        const counted = list.filter((c) => !datedInFuture(c, now)).map((c) => c.at);
        const expected = counted.length > 0 ? Math.max(...counted) : list[list.length - 1]!.at;
        expect(seen[0]!.lastCheckInAt).toBe(expected);
        // A check-in made within the last 3 days by a clock not ahead keeps the key result from reading stale.
        if (counted.some((at) => now - at <= 3 * DAY)) expect(seen[0]!.signals.map((s) => s.kind)).not.toContain('stale');
      },
    ), { numRuns: 150 });
  });
});
