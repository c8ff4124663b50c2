// The wording helpers every view uses: one locale date format, units with values, plurals, natural order.
import fc from 'fast-check';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { openPlan } from '../../../shared/model/index.js';
import { daysFrom, formatCalendarDate, formatDay, formatPastDay, formatPlanDay, formatPlanDayTime, naturalCompare, plural, signalText, viewerTimeZone, withUnit } from '../../../renderer/src/outline/labels.js';

describe('wording helpers', () => {
  it('calendar dates in signal sentences are shown in the same locale format as every other date', () => {
    const day = Date.UTC(2027, 2, 31, 12);
    expect(formatCalendarDate('2027-03-31')).toBe(formatDay(day));
    expect(signalText({ message: 'Trend projects 8.62 M€ by 2027-03-31, missing the target 10 M€' }))
      .toBe(`Trend projects 8.62 M€ by ${formatDay(day)}, missing the target 10 M€`);
    expect(signalText({ message: 'Due 2027-02-28, 1 day overdue' })).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    // Not a real date: left as written.
    expect(formatCalendarDate('2027-02-30')).toBe('2027-02-30');
  });

  it('one is singular, everything else plural', () => {
    expect(plural(1, 'day')).toBe('1 day');
    expect(plural(0, 'day')).toBe('0 days');
    expect(plural(2, 'strategy', 'strategies')).toBe('2 strategies');
  });

  it('a value always carries its unit', () => {
    expect(withUnit(8.62, 'M€')).toBe(`${(8.62).toLocaleString()} M€`);
    expect(withUnit(3, undefined)).toBe('3');
  });

  it('names sort naturally: "Team 2" before "Team 10", case ignored', () => {
    expect(['Team 10', 'team 1', 'Team 2'].sort(naturalCompare)).toEqual(['team 1', 'Team 2', 'Team 10']);
  });
});

describe('check-in times in the plan\'s zone', () => {
  // 22:30 UTC on 31 March 2027: 1 April 00:30 in Berlin, 31 March 18:30 in New York.
  const at = Date.UTC(2027, 2, 31, 22, 30);
  it('lists a check-in under the day of the plan\'s zone, naming the zone when the viewer\'s clock is elsewhere', () => {
    const berlin = formatPlanDayTime(at, 'Europe/Berlin');
    const newYork = formatPlanDayTime(at, 'America/New_York');
    expect(berlin).toBe(new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Berlin', ...(viewerTimeZone() === 'Europe/Berlin' ? {} : { timeZoneName: 'short' as const }) }).format(at));
    expect(formatPlanDay(at, 'Europe/Berlin')).toBe(new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(Date.UTC(2027, 3, 1)));
    expect(formatPlanDay(at, 'America/New_York')).toBe(new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(Date.UTC(2027, 2, 31)));
    expect(newYork).not.toBe(berlin);
    // In the viewer's own zone the time is shown plain, as every other time in the app.
    const mine = viewerTimeZone();
    expect(formatPlanDayTime(at, mine)).toBe(new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: mine }).format(at));
  });
});

describe('days shown beside plan figures, in any zone', () => {
  const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Australia/Lord_Howe', 'America/Sao_Paulo'] as const;
  const instant = fc.integer({ min: Date.UTC(2015, 0, 1), max: Date.UTC(2035, 0, 1) });
  /** The calendar day of `at` in `zone`, by Intl directly. */
  const intlDay = (at: number, zone: string) => new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);

  it('property: My work\'s "today", "yesterday", "N days ago" count the plan\'s calendar days, not 24-hour spans', () => {
    fc.assert(fc.property(fc.constantFrom(...ZONES), instant, fc.integer({ min: 0, max: 12 * 86_400_000 }), (zone, at, elapsed) => {
      const now = at + elapsed;
      const days = Math.round((Date.parse(intlDay(now, zone)) - Date.parse(intlDay(at, zone))) / 86_400_000);
      expect(daysFrom(at, now, zone)).toBe(days === 0 ? 'today' : days === 1 ? 'yesterday' : `${days} days ago`);
    }), { seed: 7, numRuns: 1000 });
  });

  it('property: an event dated after this clock (its device\'s clock ahead, a day off) never reads "tomorrow" or "in N days" (leftovers46b)', () => {
    fc.assert(fc.property(fc.constantFrom(...ZONES), instant, fc.integer({ min: 1, max: 3 * 86_400_000 }), (zone, now, ahead) => {
      const at = now + ahead;
      const sameDay = intlDay(at, zone) === intlDay(now, zone);
      expect(daysFrom(at, now, zone)).toBe(sameDay ? 'today' : 'today (dated ahead by a clock)');
    }), { seed: 46, numRuns: 500 });
  });

  it('property: the detail panel\'s "since <day>" of an event dated after this clock says it is dated ahead, the same way daysFrom does (leftovers46b)', () => {
    fc.assert(fc.property(fc.constantFrom(...ZONES), instant, fc.integer({ min: -12 * 86_400_000, max: 3 * 86_400_000 }), (zone, now, offset) => {
      const at = now + offset;
      const ahead = intlDay(at, zone) > intlDay(now, zone);
      expect(formatPastDay(at, now, zone)).toBe(ahead ? `${formatPlanDay(at, zone)} (dated ahead by a clock)` : formatPlanDay(at, zone));
      expect(formatPastDay(at, now, zone).includes('dated ahead')).toBe(daysFrom(at, now, zone).includes('dated ahead'));
    }), { seed: 46, numRuns: 500 });
  });

  it('property: a check-in listed under day D (detail history, pulse "since", chart summary) is counted in the period of D, in a real plan', () => {
    const day = fc.integer({ min: 0, max: 400 }).map((n) => new Date(Date.UTC(2027, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
    fc.assert(fc.property(fc.constantFrom(...ZONES), day, fc.integer({ min: -2 * 86_400_000, max: 3 * 86_400_000 }), (zone, first, offset) => {
      const plan = openPlan(new Y.Doc(), { now: () => 0, newId: (() => { let n = 0; return () => `n${++n}`; })(), actor: 'a' });
      plan.setTimeZone(zone);
      plan.addPeriod({ name: 'D', start: first, end: first });
      plan.index.refresh(0);
      const at = Date.parse(first) + offset;
      const period = plan.index.periods()[0]!;
      const counted = period.startMs! <= at && at < period.endMs!;
      // What the views show for it: the day in the person's locale format, the same in each view.
      const shownDay = formatPlanDay(at, plan.index.timeZone);
      expect(formatPlanDayTime(at, plan.index.timeZone)).toContain(shownDay);
      expect(shownDay === formatCalendarDate(first)).toBe(counted);
      plan.index.destroy();
    }), { seed: 8, numRuns: 300 });
  });
});
