// leftovers45b: a review from any date and time, not only from a review point ("what changed since last Monday
// 09:00"), read from the plan's last record at or before it (a review point or a day mark), and the wall-clock
// time a person types read in the plan's zone, across a DST change.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { describeChange, diffReview, recordAtOrBefore, recordDayMark, type ReviewDiff, type ReviewPoint } from '../../../../shared/model/history/index.js';
import { dayIn, instantInZone, localDateTimeIn, type Plan } from '../../../../shared/model/index.js';
import { smallCascade } from '../support.js';
import { historyPlan, replicaOf, reviewPoint, syncBoth } from './history-support.js';

const HOUR = 3_600_000;

describe('instantInZone: a typed wall-clock time in the plan\'s zone', () => {
  it('reads 09:00 in the plan\'s zone whatever the offset, on both sides of a DST change', () => {
    expect(new Date(instantInZone('2026-11-02T09:00', 'America/Los_Angeles')!).toISOString()).toBe('2026-11-02T17:00:00.000Z');
    expect(new Date(instantInZone('2026-10-30T09:00', 'America/Los_Angeles')!).toISOString()).toBe('2026-10-30T16:00:00.000Z');
    expect(new Date(instantInZone('2026-11-02T09:00', 'Asia/Kolkata')!).toISOString()).toBe('2026-11-02T03:30:00.000Z');
    expect(new Date(instantInZone('2026-11-02T00:10', 'Asia/Kolkata')!).toISOString()).toBe('2026-11-01T18:40:00.000Z');
    expect(instantInZone('2026-11-02T09:00', 'UTC')).toBe(Date.UTC(2026, 10, 2, 9));
  });

  it('takes the first of a time the clocks passed twice, and refuses one they skipped or no time', () => {
    // 1 Nov 2026, 01:30 happens twice in Los Angeles (PDT, then PST): the earlier, so "since" misses nothing.
    expect(new Date(instantInZone('2026-11-01T01:30', 'America/Los_Angeles')!).toISOString()).toBe('2026-11-01T08:30:00.000Z');
    // 8 Mar 2026, 02:30 never happened there.
    expect(instantInZone('2026-03-08T02:30', 'America/Los_Angeles')).toBeNull();
    for (const text of ['', '2026-02-30T09:00', '2026-11-02 09:00', '2026-11-02T24:00', 'Monday']) expect(instantInZone(text, 'Europe/Berlin')).toBeNull();
  });

  it('gives back the instant shown as that wall-clock time (localDateTimeIn), in any zone, any minute', () => {
    const zones = ['America/Los_Angeles', 'Asia/Kolkata', 'Europe/Berlin', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'UTC'];
    fc.assert(fc.property(fc.integer({ min: Date.UTC(2025, 0, 1) / 60_000, max: Date.UTC(2028, 0, 1) / 60_000 }), fc.constantFrom(...zones), (minute, zone) => {
      const at = minute * 60_000;
      const shown = localDateTimeIn(at, zone);
      const back = instantInZone(shown, zone);
      // The same instant, or the first of two that read alike (a fall-back hour).
      expect(back).not.toBeNull();
      expect(localDateTimeIn(back!, zone)).toBe(shown);
      expect(back! <= at).toBe(true);
    }), { numRuns: 400 });
  });
});

/** The diff from a time `at` to now, read as the app reads it: from the record at or before `at`. */
function diffSince(doc: Y.Doc, plan: Plan, at: number, now: number): ReviewDiff {
  const found = recordAtOrBefore(doc, at, now);
  if (!found.ok) throw new Error(found.problem.kind);
  const from: ReviewPoint = { id: `at:${at}`, name: 'since', at, by: '', snapshot: found.record.snapshot, legacy: null, baseline: false };
  plan.index.refresh(now);
  return diffReview(doc, from, { kind: 'now', index: plan.index, now }, plan.ctx, undefined, found.record.at < at ? { fromRecordedAt: found.record.at } : {});
}

describe('a review since a date and time', () => {
  it('reads the plan from the last record at or before the time, and refuses a time in the future or before the history', () => {
    const ada = historyPlan({ actor: 'ada' });
    smallCascade(ada.plan);
    expect(recordAtOrBefore(ada.doc, ada.ctx.now(), ada.ctx.now())).toEqual({ ok: false, problem: { kind: 'no-history' } });
    const first = ada.ctx.now();
    recordDayMark(ada.doc, dayIn(first, 'UTC'), { now: first, actor: 'ada' });
    ada.ctx.advance(1);
    const point = reviewPoint(ada.doc, ada.ctx, 'w1', 'Week 1');
    const now = ada.ctx.advance(1);
    expect(recordAtOrBefore(ada.doc, point.at - 1, now)).toMatchObject({ ok: true, record: { key: `day:${dayIn(first, 'UTC')}` } });
    expect(recordAtOrBefore(ada.doc, point.at + 1, now)).toMatchObject({ ok: true, record: { key: 'point:w1', at: point.at } });
    expect(recordAtOrBefore(ada.doc, now + 1, now)).toEqual({ ok: false, problem: { kind: 'future', now } });
    expect(recordAtOrBefore(ada.doc, first - 1, now)).toEqual({ ok: false, problem: { kind: 'before-history', earliest: first } });
  });

  it('does not count a check-in made between the record and the time picked; does count one made offline before the record and merged later', () => {
    const ada = historyPlan({ actor: 'ada' });
    const ids = smallCascade(ada.plan);
    const ben = replicaOf(ada.doc, 'ben', 'b', ada.ctx.now());
    // Ben, offline, checks in at 07:00; Ada's day mark is written at 08:30 without it.
    ben.ctx.time = ada.ctx.now() + 7 * HOUR;
    ben.plan.addCheckIn(ids.task, { note: 'offline, before the mark' });
    ada.ctx.time += 8.5 * HOUR;
    recordDayMark(ada.doc, dayIn(ada.ctx.now(), 'UTC'), { now: ada.ctx.now(), actor: 'ada' });
    const marked = ada.ctx.now();
    // 08:45 (before the 09:00 picked) and 09:30 (after it).
    ada.ctx.time = marked + 0.25 * HOUR;
    ada.plan.addCheckIn(ids.task, { note: 'before nine' });
    ada.ctx.time = marked + HOUR;
    ada.plan.addCheckIn(ids.task, { note: 'after nine' });
    syncBoth(ada.doc, ben.doc);
    const nine = marked + 0.5 * HOUR;
    const [row] = diffSince(ada.doc, ada.plan, nine, marked + 2 * HOUR).changes.filter((change) => change.kind === 'check-ins');
    expect(row?.kind === 'check-ins' ? row.checkIns.map((checkIn) => checkIn.note).sort() : null).toEqual(['after nine', 'offline, before the mark']);
    // Dated before the time picked yet listed: the row says why (it read as a check-in of the wrong date).
    expect(describeChange(row!, (id) => ada.plan.index.title(id))).toBe('2 check-ins recorded (1 made before the start, on a device not yet synced then, merged since)');
  });
});
