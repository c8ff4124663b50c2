// review45c F1: a team checks in every day on the tasks of an initiative, as daily check-ins are made, and
// the initiative was flagged "No check-in for 8 days" (stale, at risk, "not moving" on the pulse, due in its
// owner's My work) because only check-ins on the initiative itself counted. Clicking through, the leader saw
// yesterday's check-ins on its tasks. The invariant a leader relies on: an initiative is stale exactly when
// neither it nor any task below it was checked in within the cadence, and the days it says are counted from
// the latest of those check-ins. Real Y.Docs exchanging updates, two people checking in.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import fc from 'fast-check';
import { calendarDaysFrom, openPlan, ROOT_ID, type NodeId, type Plan } from '../../../shared/model/index.js';
import { myWork } from '../../../renderer/src/mywork/my-work.js';
import { DAY, T0, TestContext } from './support.js';

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

interface Team { docs: [Y.Doc, Y.Doc]; ctxs: [TestContext, TestContext]; plans: [Plan, Plan]; initiative: NodeId; items: NodeId[]; owner: string }

/** Mia's plan (created at T0): an active initiative she owns with two tasks and a subtask, and Ben's replica. */
function team(): Team {
  const docA = new Y.Doc();
  const ctxA = new TestContext(T0, 'mia', 'a');
  const mia = openPlan(docA, ctxA);
  const owner = mia.addPerson({ name: 'Mia' });
  const s = mia.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow' });
  const o = mia.createNode({ kind: 'objective', parent: s, title: 'Win EU' });
  const k = mia.createNode({ kind: 'key_result', parent: o, title: 'Revenue', start: 0, target: 100 });
  const initiative = mia.createNode({ kind: 'initiative', parent: k, title: 'Campaign', status: 'active', owner });
  const ads = mia.createNode({ kind: 'task', parent: initiative, title: 'Ads', status: 'in_progress' });
  const landing = mia.createNode({ kind: 'task', parent: initiative, title: 'Landing page', status: 'in_progress' });
  const copy = mia.createNode({ kind: 'task', parent: landing, title: 'Copy', status: 'todo' });
  const docB = new Y.Doc();
  sync(docA, docB);
  const ctxB = new TestContext(T0, 'ben', 'b');
  const ben = openPlan(docB, ctxB);
  return { docs: [docA, docB], ctxs: [ctxA, ctxB], plans: [mia, ben], initiative, items: [initiative, ads, landing, copy], owner };
}

describe('review45c F1: check-ins on an initiative\'s tasks count as check-ins on it', () => {
  it('daily check-ins on its tasks for two weeks keep the initiative from going stale', () => {
    const { docs, ctxs, plans, initiative, items, owner } = team();
    for (let day = 1; day <= 14; day++) {
      for (const ctx of ctxs) ctx.time = T0 + day * DAY;
      plans[0].addCheckIn(items[1]!, { note: `Ads, day ${day}` });
      plans[1].addCheckIn(items[3]!, { note: `Copy, day ${day}` });
      sync(docs[0], docs[1]);
    }
    for (const plan of plans) {
      const now = T0 + 14 * DAY + 3_600_000;
      plan.index.refresh(now);
      expect(plan.index.node(initiative)!.signals.filter((signal) => signal.kind === 'stale')).toEqual([]);
      expect(plan.index.node(initiative)!.lastCheckInAt).toBe(T0 + 14 * DAY);
      expect(myWork(plan.index, owner, now).checkInsDue).toEqual([]);
    }
  });

  it('property: stale exactly when nothing at or below it was checked in within the cadence, counting from the latest', () => {
    fc.assert(fc.property(
      fc.array(fc.record({ day: fc.integer({ min: 0, max: 30 }), minute: fc.integer({ min: 0, max: 1439 }), item: fc.nat(3), person: fc.nat(1) }), { maxLength: 8 }),
      fc.integer({ min: 1, max: 40 }),
      (checkIns, readOnDay) => {
        const { docs, ctxs, plans, initiative, items } = team();
        const times: number[] = [];
        // Made before it is read (check-ins dated in the future are check-in-last-time.test.ts's).
        for (const { day, minute, item, person } of checkIns.filter((checkIn) => checkIn.day < readOnDay).sort((a, b) => a.day - b.day || a.minute - b.minute)) {
          const at = T0 + day * DAY + minute * 60_000;
          ctxs[person]!.time = at;
          plans[person]!.addCheckIn(items[item]!, { note: 'progress' });
          times.push(at);
          sync(docs[0], docs[1]);
        }
        const now = T0 + readOnDay * DAY;
        const reference = Math.max(T0, ...times);
        const days = calendarDaysFrom(reference, now, 'UTC');
        for (const plan of plans) {
          plan.index.refresh(now);
          const stale = plan.index.node(initiative)!.signals.filter((signal) => signal.kind === 'stale');
          expect(stale.length).toBe(days > 7 ? 1 : 0);
          if (stale[0]?.kind === 'stale') expect(stale[0].evidence.daysSince).toBe(days);
        }
      },
    ), { numRuns: 60 });
  });
});
