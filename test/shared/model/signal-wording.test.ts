// Signal sentences are read by people: every value carries the metric's unit, counts of one are
// singular ("1 day", never "1 days"), and a count of zero days reads "today".
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, percentText, type Signal } from '../../../shared/model/index.js';
import { blockedByCheckInSignal, paceSignal, blockedByStatusSignal, effortWithoutImpactSignal, forecastSignal, kpiBreachSignal, overdueSignal, slowdownSignal, staleSignal } from '../../../shared/model/signals.js';
import type { CheckIn } from '../../../shared/model/checkins.js';
import { calendarDaysBetween, dayIn } from '../../../shared/model/zone.js';
import { DAY, T0, newPlan, smallCascade, nodeId } from './support.js';

const clock = { now: T0, settings: DEFAULT_SETTINGS };
const at = (iso: string) => Date.parse(iso);
const checkIn = (value: number | null, when: number, extra: Partial<CheckIn> = {}): CheckIn =>
  ({ id: `c${when}`, nodeId: 'kr', at: when, by: 'a', value, confidence: null, status: null, blocker: false, note: '', ...extra });
const message = (signal: Signal | null) => signal?.message;

describe('signal wording', () => {
  it('the forecast names the unit with the projection and the target ("Trend projects 8.62 M€")', () => {
    const window = { start: at('2027-01-01T00:00:00Z'), end: at('2027-04-01T00:00:00Z') };
    const points = [checkIn(2, at('2027-01-10T00:00:00Z')), checkIn(4, at('2027-02-01T00:00:00Z')), checkIn(6, at('2027-02-25T00:00:00Z'))];
    const signal = forecastSignal(nodeId('kr'), { start: 0, target: 20, unit: 'M€', direction: 'increase' }, points, window, 0.3, clock);
    expect(signal?.message).toMatch(/^Trend projects \d+(\.\d+)? M€ by 2027-03-31, missing the target 20 M€$/);
    // Without a unit, just the numbers.
    expect(forecastSignal(nodeId('kr'), { start: 0, target: 20 }, points, window, 0.3, clock)?.message).toMatch(/^Trend projects \d+(\.\d+)? by 2027-03-31, missing the target 20$/);
  });

  // A figure its own evidence contradicts is the worst thing a pulse can show.
  it('the pace sentence never reads as on track beside "(at risk)" or "(off track)": decimals where whole percents would', () => {
    const window = { start: 0, end: 100_000 };
    const pace = (progress: number, now: number) => message(paceSignal(nodeId('kr'), progress, window, null, { now, settings: DEFAULT_SETTINGS }));
    // 40.5% done, 50.55% elapsed: a gap of 10.05 points, at risk; whole percents read 41 and 51 (10 points).
    expect(pace(0.405, 50_550)).toBe('40.5% done where 50.55% of the period has elapsed (at risk)');
    // 25.4% done, 50.45% elapsed: 25.05 points, off track; whole percents read 25 and 50 (25 points).
    expect(pace(0.254, 50_450)).toBe('25.4% done where 50.45% of the period has elapsed (off track)');
    // Ordinary gaps keep whole percents.
    expect(pace(0.3, 50_000)).toBe('30% done where 50% of the period has elapsed (at risk)');
    expect(pace(0.41, 70_000)).toBe('41% done where 70% of the period has elapsed (off track)');
    // review37b B3: 0.4 % of the way shows "1%" as the key result's figure; its pace said "0% done".
    expect(pace(0.004, 80_000)).toBe(`${percentText(0.004)} done where 80% of the period has elapsed (off track)`);
    expect(percentText(0.004)).toBe('1%');
  });

  it('a forecast miss never projects the target itself ("projects 45, missing the target 45")', () => {
    const window = { start: at('2027-01-01T00:00:00Z'), end: at('2027-04-01T00:00:00Z') };
    const week = 7 * DAY;
    // A straight line that ends 0.0004 short of the target 45 at the period's end.
    const end = (window.end - window.start) / week;
    const points = [0, 1, 2].map((i) => checkIn(45 - 0.0004 - (end - i) * 1, window.start + i * week));
    // The start value is a point of the trend too (review39b F2): it sits on the same line, at the period start.
    const signal = forecastSignal(nodeId('kr'), { start: 45 - 0.0004 - end, target: 45, unit: 'logos', direction: 'increase' }, points, window, 0.5, { now: window.start + 3 * week, settings: DEFAULT_SETTINGS });
    expect(signal?.message).toMatch(/^Trend projects 44\.9996 logos by 2027-03-31, missing the target 45 logos$/);
  });

  it('a KPI breach names the unit with the value and the range', () => {
    const signal = kpiBreachSignal(nodeId('kpi'), { unit: '%', healthyLow: 99.9 }, [checkIn(99.5, T0 - DAY)]);
    expect(signal?.message).toBe('Value 99.5 % is outside the healthy range 99.9–∞ %');
  });

  it('one day is "1 day", none is "today", more are plural', () => {
    expect(message(blockedByStatusSignal(nodeId('t'), { status: 'blocked', blockedSince: T0 - DAY }, T0, clock))).toBe('Blocked for 1 day');
    expect(message(blockedByStatusSignal(nodeId('t'), { status: 'blocked', blockedSince: T0 - 3 * DAY, blockedReason: 'Legal' }, T0, clock))).toBe('Blocked for 3 days: Legal');
    expect(message(blockedByStatusSignal(nodeId('t'), { status: 'blocked', blockedSince: T0 - 60_000 }, T0, clock))).toBe('Blocked since today');
    expect(message(blockedByCheckInSignal(nodeId('i'), [checkIn(null, T0 - DAY, { blocker: true })], clock))).toBe('Blocker raised in a check-in yesterday');
    expect(message(blockedByCheckInSignal(nodeId('i'), [checkIn(null, T0 - 3_600_000, { blocker: true, note: 'No budget' })], clock))).toBe('Blocker raised in a check-in today: No budget');
    expect(message(staleSignal(nodeId('kr'), T0 - 8 * DAY, null, clock))).toBe('No check-in for 8 days (cadence 7 days)');
    expect(message(staleSignal(nodeId('kr'), T0 - 2 * DAY, null, { now: T0, settings: { ...DEFAULT_SETTINGS, cadenceDays: 1 } }))).toBe('No check-in for 2 days (cadence 1 day)');
    expect(message(staleSignal(nodeId('kr'), null, T0 - 9 * DAY, clock))).toBe('No check-in since it was created 9 days ago');
    expect(message(overdueSignal(nodeId('t'), '2027-02-28', clock))).toBe('Due 2027-02-28, 1 day overdue');
  });

  it('counts of tasks and windows of one day are singular too', () => {
    const settings = { ...DEFAULT_SETTINGS, effortMinDoneTasks: 1, effortWindowDays: 1 };
    const effort = effortWithoutImpactSignal(nodeId('i'), [T0 - 3_600_000], [{ id: 'kr', progressNow: 0.1, progressThen: 0.1 }], { now: T0, settings });
    expect(effort?.message).toBe('1 task done in 1 day while its key results moved 0%');
    const slow = slowdownSignal({ nodeId: null, teamId: 't' }, [T0 - 20 * DAY, T0 - 21 * DAY, T0 - 22 * DAY, T0 - 23 * DAY], clock);
    expect(slow?.message).toMatch(/tasks done per week in the last \d+ days, down from/);
    // usercheck20: a rate of one a week read "1 tasks done per week" on the pulse (Team Sales).
    const oneAWeek = slowdownSignal({ nodeId: null, teamId: 't' }, [T0 - DAY, T0 - 2 * DAY, ...Array.from({ length: 14 }, (_, i) => T0 - (15 + 3 * i) * DAY)], clock);
    expect(oneAWeek?.message).toMatch(/^1 task done per week in the last 14 days, down from [\d.]+$/);
  });

  it('the signals of a real plan read the same way', () => {
    const { plan } = newPlan();
    const { task } = smallCascade(plan);
    plan.updateNode(task, { status: 'blocked', blockedSince: T0 - DAY });
    plan.index.refresh(T0);
    expect(plan.index.node(task)!.signals.map((signal) => signal.message)).toContain('Blocked for 1 day');
  });

  // The pulse shows a signal's day beside its words ("since 3 Dec"): the words count the same days.
  it('a blocker raised at 23:00 and read at 09:00 was raised "yesterday" in the plan\'s zone, not "today"', () => {
    const berlin = { now: at('2026-12-04T08:00:00Z'), settings: DEFAULT_SETTINGS, timeZone: 'Europe/Berlin' };
    const raised = at('2026-12-03T22:00:00Z'); // 23:00 in Berlin
    expect(message(blockedByCheckInSignal(nodeId('i'), [checkIn(null, raised, { blocker: true })], berlin))).toBe('Blocker raised in a check-in yesterday');
    expect(message(blockedByStatusSignal(nodeId('t'), { status: 'blocked', blockedSince: raised }, raised, berlin))).toBe('Blocked since yesterday');
    // Within one day of the plan's calendar it stays "today".
    expect(message(blockedByStatusSignal(nodeId('t'), { status: 'blocked', blockedSince: at('2026-12-03T21:00:00Z') }, 0, { now: at('2026-12-03T23:00:00Z'), settings: DEFAULT_SETTINGS }))).toBe('Blocked since today');
  });

  it('property: the day word of a blocked signal names the plan-zone day of its since', () => {
    const zones = fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham', 'Pacific/Apia', 'America/Sao_Paulo');
    fc.assert(fc.property(zones, fc.integer({ min: at('2011-01-01T00:00:00Z'), max: at('2035-12-31T00:00:00Z') }), fc.integer({ min: 0, max: 10 * DAY }), (timeZone, now, back) => {
      const since = now - back;
      const daysBack = calendarDaysBetween(dayIn(since, timeZone), dayIn(now, timeZone));
      const word = daysBack === 0 ? 'today' : daysBack === 1 ? 'yesterday' : `${daysBack} days ago`;
      const clock = { now, settings: DEFAULT_SETTINGS, timeZone };
      expect(message(blockedByCheckInSignal(nodeId('i'), [checkIn(null, since, { blocker: true })], clock))).toBe(`Blocker raised in a check-in ${word}`);
      const status = message(blockedByStatusSignal(nodeId('t'), { status: 'blocked', blockedSince: since }, since, clock));
      const forDays = Math.max(1, daysBack);
      expect(status).toBe(back < DAY ? `Blocked since ${word}` : `Blocked for ${forDays} day${forDays === 1 ? '' : 's'}`);
    }), { seed: 21, numRuns: 400 });
  });

  // usercheck9: the sample plan's pulse read "Blocked for 1 day … since Dec 2, 2026" on 4 December (a
  // task blocked two days before the sample was opened, read on the index's 10-minute clock), and
  // "Blocked for 11 days … since Nov 22" beside a check-in blocker "11 days ago … since Nov 23".
  it('"Blocked for N days" counts the plan-zone days from the day shown beside it, as a check-in blocker does', () => {
    const clock = { now: at('2026-12-04T21:00:00Z'), settings: DEFAULT_SETTINGS };
    expect(message(blockedByStatusSignal(nodeId('t'), { status: 'blocked', blockedSince: at('2026-12-02T21:07:00Z') }, 0, clock))).toBe('Blocked for 2 days');
    expect(message(blockedByStatusSignal(nodeId('t'), { status: 'blocked', blockedSince: at('2026-11-22T21:07:00Z') }, 0, clock))).toBe('Blocked for 12 days');
    const auckland = { ...clock, timeZone: 'Pacific/Auckland' }; // 10:00 on 5 December there
    expect(message(blockedByStatusSignal(nodeId('t'), { status: 'blocked', blockedSince: at('2026-12-02T12:00:00Z') }, 0, auckland))).toBe('Blocked for 2 days');
  });

  it('property: a task blocked by status and a blocker check-in raised at the same instant count the same days', () => {
    const zones = fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York', 'Pacific/Auckland', 'Asia/Kolkata');
    fc.assert(fc.property(zones, fc.integer({ min: at('2020-01-01T00:00:00Z'), max: at('2032-12-31T00:00:00Z') }), fc.integer({ min: 2 * DAY, max: 60 * DAY }), (timeZone, now, back) => {
      const clock = { now, settings: DEFAULT_SETTINGS, timeZone };
      const since = now - back;
      const status = message(blockedByStatusSignal(nodeId('t'), { status: 'blocked', blockedSince: since }, since, clock));
      const raised = message(blockedByCheckInSignal(nodeId('i'), [checkIn(null, since, { blocker: true })], clock));
      expect(status?.replace(/^Blocked for (\d+) days$/, '$1 days ago')).toBe(raised?.replace(/^Blocker raised in a check-in /, ''));
    }), { seed: 9, numRuns: 300 });
  });

  // usercheck10: "No check-in for N days" counted elapsed 24-hour spans against the cadence while
  // "Blocked for N days" counts the plan's calendar days; a check-in at 00:30 read a week later at 01:00
  // was flagged stale with the words "No check-in for 7 days (cadence 7 days)".
  it('"No check-in for N days" counts the plan\'s calendar days, and is stale only past the cadence in those days', () => {
    const checkedIn = at('2026-12-01T00:30:00Z');
    const stale = (now: string, timeZone?: string) => staleSignal(nodeId('kr'), checkedIn, null, { now: at(now), settings: DEFAULT_SETTINGS, timeZone });
    expect(stale('2026-12-08T01:00:00Z')).toBeNull(); // 7 days: the cadence, not past it
    expect(stale('2026-12-08T23:59:00Z')).toBeNull();
    expect(message(stale('2026-12-09T00:00:00Z'))).toBe('No check-in for 8 days (cadence 7 days)');
    expect(stale('2026-12-09T00:00:00Z')?.since).toBe(at('2026-12-09T00:00:00Z'));
    // In Auckland (UTC+13) the check-in was on 1 December at 13:30; 8 December begins there at 11:00 UTC on the 8th.
    expect(stale('2026-12-08T10:59:00Z', 'Pacific/Auckland')).toBeNull();
    expect(message(stale('2026-12-08T11:00:00Z', 'Pacific/Auckland'))).toBe('No check-in for 8 days (cadence 7 days)');
    // Counted from the creation alike.
    expect(message(staleSignal(nodeId('kr'), null, checkedIn, { now: at('2026-12-09T00:00:00Z'), settings: DEFAULT_SETTINGS }))).toBe('No check-in since it was created 8 days ago');
  });

  it('property: the stale flag and its day count never contradict each other, in calendar days of the plan\'s zone (DST included)', () => {
    const zones = fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Pacific/Auckland', 'America/Santiago', 'Asia/Kolkata');
    const cadences = fc.oneof(fc.integer({ min: 1, max: 30 }), fc.double({ min: 0.1, max: 30, noNaN: true }));
    fc.assert(fc.property(zones, cadences, fc.integer({ min: at('2011-01-01T00:00:00Z'), max: at('2035-12-31T00:00:00Z') }), fc.integer({ min: 0, max: 40 * DAY }), fc.boolean(), (timeZone, cadenceDays, now, back, created) => {
      const reference = now - back;
      const clock = { now, settings: { ...DEFAULT_SETTINGS, cadenceDays }, timeZone };
      const days = calendarDaysBetween(dayIn(reference, timeZone), dayIn(now, timeZone));
      const signal = created ? staleSignal(nodeId('kr'), null, reference, clock) : staleSignal(nodeId('kr'), reference, null, clock);
      expect(signal !== null, `${days} days against a cadence of ${cadenceDays}`).toBe(days > cadenceDays);
      if (signal === null) return;
      const word = (signal.message.match(/(?:for (\d+) days?|created (yesterday|\d+ days ago))/) ?? []).slice(1).find(Boolean);
      const said = word === 'yesterday' ? 1 : Number.parseInt(word ?? '', 10);
      expect(said).toBe(days);
      expect(said > cadenceDays).toBe(true);
      expect(signal.evidence.daysSince).toBe(days);
      // Since: the plan's midnight that began the first day past the cadence, at or before now.
      expect(signal.since).toBeLessThanOrEqual(now);
      expect(calendarDaysBetween(dayIn(reference, timeZone), dayIn(signal.since, timeZone))).toBe(Math.floor(cadenceDays) + 1);
      expect(dayIn(signal.since - 1, timeZone) < dayIn(signal.since, timeZone)).toBe(true);
    }), { seed: 10, numRuns: 500 });
  });
});
