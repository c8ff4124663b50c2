// The wording helpers every view uses: one locale date format, units with values, plurals, natural order.
import { describe, expect, it } from 'vitest';
import { formatCalendarDate, formatDay, formatPlanDay, formatPlanDayTime, naturalCompare, plural, signalText, viewerTimeZone, withUnit } from '../../../renderer/src/outline/labels.js';

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
