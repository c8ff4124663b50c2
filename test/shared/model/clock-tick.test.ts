// A clock tick (refresh with a new `now` and nothing else changed) keeps the derived state of tasks
// whose signals cannot have changed yet. That is only right if the "changes at" bounds of blocked and
// overdue are exact: checked here against the signal functions at and around every boundary, and
// end to end against a full recompute for random clocks that land on, just before and just after
// those boundaries, moving forwards and backwards, with edits in between.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, FUTURE_SLACK_MS, PlanIndex, ROOT_ID, type CheckIn, type NodeId, type NodeView } from '../../../shared/model/index.js';
import {
  blockedByCheckInChangesAt, blockedByCheckInSignal, blockedByStatusChangesAt, blockedByStatusSignal, overdueChangesAt, overdueSignal,
} from '../../../shared/model/signals.js';
import { DAY, T0, newPlan, snapshotIndex, nodeId } from './support.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);

/** Checks a signal against its "changes at" bound: the same up to the instant before it, different at it. */
function checkBound(signalAt: (now: number) => unknown, changesAt: (now: number) => number, now: number, probes: readonly number[]): void {
  const at = changesAt(now);
  expect(at, `bound after ${now}`).toBeGreaterThan(now);
  const here = JSON.stringify(signalAt(now));
  for (const probe of probes) {
    const t = now + probe;
    if (t < at) expect(JSON.stringify(signalAt(t)), `unchanged at ${t} (bound ${at}, now ${now})`).toBe(here);
  }
  if (Number.isFinite(at)) {
    expect(JSON.stringify(signalAt(at - 1)), `unchanged just before the bound ${at}`).toBe(here);
    expect(JSON.stringify(signalAt(at)), `changed at the bound ${at} (now ${now})`).not.toBe(here);
  }
}

const offset = fc.oneof(fc.integer({ min: -20 * DAY, max: 20 * DAY }), fc.integer({ min: -20, max: 20 }).map((days) => days * DAY), fc.double({ min: -20 * DAY, max: 20 * DAY, noNaN: true }));
const probes = fc.array(fc.integer({ min: 0, max: 30 * DAY }), { maxLength: 6 });
/** Plan zones whose midnights move the blocked signals' day words ("yesterday") off UTC's. */
const zone = fc.constantFrom(undefined, 'UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham', 'America/Sao_Paulo');
const cadenceDays = fc.oneof(fc.constant(7), fc.constant(2.3), fc.double({ min: 0.01, max: 14, noNaN: true }));

describe('"changes at" bounds of the task signals', () => {
  it('blocked by status', () => {
    fc.assert(fc.property(fc.integer({ min: T0 - 30 * DAY, max: T0 + 30 * DAY }), fc.option(offset), fc.option(offset), cadenceDays, zone, probes, (now, since, fallback, cadence, timeZone, ps) => {
      const fields = { status: 'blocked' as const, ...(since === null ? {} : { blockedSince: T0 + since }) };
      const settings = { ...DEFAULT_SETTINGS, cadenceDays: cadence };
      const fallbackSince = fallback === null ? null : T0 + fallback;
      checkBound(
        (t) => blockedByStatusSignal(nodeId('t'), fields, fallbackSince ?? t, { now: t, settings, timeZone }),
        (t) => blockedByStatusChangesAt(fields, fallbackSince, { now: t, settings, timeZone }), now, ps,
      );
    }), { seed: 11, numRuns: 500 });
  });

  it('blocked by check-in', () => {
    fc.assert(fc.property(fc.integer({ min: T0 - 30 * DAY, max: T0 + 30 * DAY }), fc.array(fc.record({ at: offset, blocker: fc.boolean() }), { maxLength: 4 }), cadenceDays, zone, probes, (now, entries, cadence, timeZone, ps) => {
      const checkIns: CheckIn[] = entries.map((entry, i) => ({ id: `c${i}`, nodeId: 't', at: T0 + entry.at, by: 'a', value: null, confidence: null, status: null, blocker: entry.blocker, note: '' }))
        .sort((a, b) => a.at - b.at);
      const settings = { ...DEFAULT_SETTINGS, cadenceDays: cadence };
      checkBound((t) => blockedByCheckInSignal(nodeId('t'), checkIns, { now: t, settings, timeZone }), (t) => blockedByCheckInChangesAt(checkIns, { now: t, settings, timeZone }), now, ps);
    }), { seed: 12, numRuns: 500 });
  });

  it('overdue', () => {
    fc.assert(fc.property(fc.integer({ min: T0 - 30 * DAY, max: T0 + 30 * DAY }), fc.option(fc.integer({ min: -20, max: 20 })), probes, (now, dueDays, ps) => {
      const dueDate = dueDays === null ? undefined : new Date(T0 + dueDays * DAY).toISOString().slice(0, 10);
      const clock = (t: number) => ({ now: t, settings: DEFAULT_SETTINGS });
      checkBound((t) => overdueSignal(nodeId('t'), dueDate, clock(t)), (t) => overdueChangesAt(dueDate, clock(t)), now, ps);
    }), { seed: 13, numRuns: 500 });
  });
});

interface TaskSpec { status: 'todo' | 'blocked' | 'done'; since: number | null; due: number | null; blockers: number[]; archived: boolean; sub: boolean }
type Move = { kind: 'boundary'; task: number; which: number; delta: -1 | 0 | 1 } | { kind: 'jump'; ms: number } | { kind: 'edit'; task: number; variant: number };

/** Moves of the clock: onto a boundary (or a millisecond off it), a nudge across it, a jump; or an edit. */

const taskArb: fc.Arbitrary<TaskSpec> = fc.record({
  status: fc.constantFrom('todo', 'blocked', 'blocked', 'done'),
  since: fc.option(fc.integer({ min: -15 * DAY, max: 3 * DAY })),
  due: fc.option(fc.integer({ min: -10, max: 10 })),
  blockers: fc.array(fc.integer({ min: -15 * DAY, max: 2 * DAY }), { maxLength: 3 }),
  archived: fc.boolean(),
  sub: fc.boolean(),
});
const moveArb: fc.Arbitrary<Move> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('boundary' as const), task: fc.nat({ max: 20 }), which: fc.nat({ max: 30 }), delta: fc.constantFrom(-1 as const, 0 as const, 1 as const) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('jump' as const), ms: fc.oneof(fc.integer({ min: -3 * DAY, max: 10 * DAY }), fc.integer({ min: 1, max: 3_600_000 })) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('jump' as const), ms: fc.constantFrom(1, 2, 3, -1, 600_000) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('edit' as const), task: fc.nat({ max: 20 }), variant: fc.nat({ max: 3 }) }) },
);

describe('clock ticks', () => {
  it(`equal a full recompute at every instant, and report every changed view (${RUNS} runs)`, { timeout: 120_000 }, () => {
    let kept = 0;
    fc.assert(fc.property(fc.array(taskArb, { minLength: 1, maxLength: 8 }), fc.array(moveArb, { minLength: 5, maxLength: 25 }), fc.constantFrom(7, 2.3), (specs, moves, cadence) => {
      const { plan, ctx } = newPlan({ time: T0 - 20 * DAY });
      const strategy = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' });
      const objective = plan.createNode({ kind: 'objective', parent: strategy, title: 'O' });
      const keyResult = plan.createNode({ kind: 'key_result', parent: objective, title: 'KR', start: 0, target: 10 });
      const initiative = plan.createNode({ kind: 'initiative', parent: keyResult, title: 'I', status: 'active' });
      if (cadence !== 7) plan.updateSettings({ cadenceDays: cadence });
      const tasks: NodeId[] = [];
      const boundaries: { due: number[]; blocked: number[] }[] = [];
      specs.forEach((spec, i) => {
        const parent = spec.sub && tasks.length > 0 ? tasks[tasks.length - 1]! : initiative;
        const due = spec.due === null ? undefined : new Date(T0 + spec.due * DAY).toISOString().slice(0, 10);
        const id = plan.createNode({ kind: 'task', parent, title: `t${i}`, status: spec.status === 'blocked' ? 'todo' : spec.status, ...(due ? { dueDate: due } : {}), ...(spec.archived ? { archived: true } : {}) });
        if (spec.status === 'blocked') plan.updateNode(id, spec.since === null ? { status: 'blocked' } : { status: 'blocked', blockedSince: T0 + spec.since });
        spec.blockers.forEach((at, n) => plan.addCheckIn(id, { blocker: n % 2 === 0 || n === spec.blockers.length - 1, note: `reason ${n}`, at: T0 + at }));
        tasks.push(id);
        // Where the task's signals can change: the end of its due date (half of the boundary moves
        // when it has one), a cadence and whole days after each instant it can be blocked since.
        const starts = [spec.since, ...spec.blockers, -20 * DAY].filter((value): value is number => value !== null).map((value) => T0 + value);
        // trust36: and where a check-in stops being dated in the future (its time less FUTURE_SLACK_MS), where
        // the view's last check-in time changes (review35 F5).
        const list = starts.flatMap((start) => [start + cadence * DAY, start - FUTURE_SLACK_MS, ...Array.from({ length: 8 }, (_, k) => start + k * DAY)]).map(Math.round);
        const dueEnd = due === undefined ? [] : [Date.parse(`${due}T00:00:00Z`) + DAY];
        boundaries.push({ due: dueEnd, blocked: list });
      });
      let now = T0;
      plan.index.refresh(now);
      for (const move of moves) {
        if (move.kind === 'edit') {
          const id = tasks[move.task % tasks.length]!;
          if (move.variant === 0) plan.updateNode(id, { status: 'blocked' });
          else if (move.variant === 1) plan.updateNode(id, { status: 'todo' });
          else if (move.variant === 2) plan.addCheckIn(id, { blocker: true, note: 'a new reason', at: now - DAY });
          else plan.updateNode(id, { dueDate: new Date(now).toISOString().slice(0, 10) });
          ctx.time = now;
        }
        if (move.kind === 'jump') now += move.ms;
        if (move.kind === 'boundary') {
          const { due, blocked } = boundaries[move.task % boundaries.length]!;
          const list = move.which % 2 === 0 && due.length > 0 ? due : blocked;
          now = list[move.which % list.length]! + move.delta;
        }
        const before = new Map<string, NodeView>();
        for (const id of plan.index.walk()) before.set(id, plan.index.node(id)!);
        const changed = plan.index.refresh(now);
        const full = new PlanIndex(plan.doc, { now });
        expect(snapshotIndex(plan.index), `at ${now}`).toEqual(snapshotIndex(full));
        full.destroy();
        for (const id of plan.index.walk()) {
          const view = plan.index.node(id)!;
          if (view !== before.get(id)) expect(changed.has(id), `view of ${id} changed but was not reported`).toBe(true);
          else if (view.kind === 'task') kept++;
        }
      }
    }), { seed: 2027, numRuns: RUNS });
    // The ticks did keep task states (else this tests nothing about the shortcut).
    expect(kept).toBeGreaterThan(RUNS);
  });
});
