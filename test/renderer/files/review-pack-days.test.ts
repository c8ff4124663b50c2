// The review pack's dates and day counts agree with the figures printed beside them: its heading day
// is the plan's day (the day its due dates and periods count), and a blocked task's days are counted
// as its "Blocked for N days" signal counts them. A real plan, the real pack.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openPlan, ROOT_ID, type PlanContext } from '../../../shared/model/index.js';
import { reviewPackBody } from '../../../renderer/src/files/review-pack.js';

const HOUR = 3_600_000;
// 23:30 UTC on 4 December 2026: already 5 December in Berlin and Auckland, still 4 December in New York.
const now = Date.UTC(2026, 11, 4, 23, 30);

function planIn(zone: string) {
  let counter = 0;
  const ctx: PlanContext = { now: () => now, newId: () => `id${++counter}`, actor: 'review' };
  const plan = openPlan(new Y.Doc(), ctx, { now });
  plan.setTimeZone(zone);
  const strategy = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow' });
  const objective = plan.createNode({ kind: 'objective', parent: strategy, title: 'Win EU' });
  const keyResult = plan.createNode({ kind: 'key_result', parent: objective, title: 'Revenue', start: 0, target: 100 });
  const initiative = plan.createNode({ kind: 'initiative', parent: keyResult, title: 'Office', status: 'active' });
  const task = plan.createNode({ kind: 'task', parent: initiative, title: 'Sign the lease', status: 'blocked', blockedReason: 'Legal' });
  return { plan, task };
}

describe('the review pack in the plan\'s zone', () => {
  for (const [zone, day] of [['Europe/Berlin', '2026-12-05'], ['America/New_York', '2026-12-04'], ['Pacific/Auckland', '2026-12-05'], ['UTC', '2026-12-04']] as const) {
    it(`is dated with the plan's day in ${zone}, written in the reader's locale as the views write a day`, () => {
      const { plan } = planIn(zone);
      plan.index.refresh(now);
      // The day as the views write it (formatPlanDay: the locale's short month), never the ISO "2026-12-05".
      const shown = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(Date.parse(day));
      const body = reviewPackBody(plan.index, { planName: 'P', now });
      expect(body).toContain(`Review pack · ${shown} ·`);
      expect(body).not.toContain(day);
      plan.index.destroy();
    });
  }

  it('counts a blocked task\'s days as its signal does (the plan\'s days since the day it began)', () => {
    const { plan, task } = planIn('Europe/Berlin');
    // Blocked 2 days and 20 hours ago, at 04:30 on 2 December in Berlin, read at 00:30 on 5 December:
    // three days of the plan's calendar, as the date beside it says; the pack says so too.
    plan.updateNode(task, { blockedSince: now - 68 * HOUR });
    plan.index.refresh(now);
    const signal = plan.index.node(task)!.signals.find((candidate) => candidate.kind === 'blocked')!;
    expect(signal.message).toContain('Blocked for 3 days');
    expect(reviewPackBody(plan.index, { planName: 'P', now })).toContain('blocked for 3 days');
    plan.index.destroy();
  });

  it('under a day, names the day it began as the signal does: "since yesterday" for 23:00 read the next morning', () => {
    const { plan, task } = planIn('Europe/Berlin');
    // `now` is 23:30 UTC, 00:30 in Berlin: blocked at 23:00 Berlin time, the day before.
    plan.updateNode(task, { blockedSince: now - 90 * 60_000 });
    plan.index.refresh(now);
    const signal = plan.index.node(task)!.signals.find((candidate) => candidate.kind === 'blocked')!;
    expect(signal.message).toContain('Blocked since yesterday');
    expect(reviewPackBody(plan.index, { planName: 'P', now })).toContain('blocked since yesterday');
    plan.index.destroy();
  });
});
