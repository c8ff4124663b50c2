// The check-in chart's date axis: every tick stands where a day of the plan's zone starts and is
// labelled with that day, the day the check-ins beside it are listed and counted under. Checked on the
// ticks alone and on the chart as rendered (positions read back through the check-ins' own dots).
import fc from 'fast-check';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { CheckIn } from '../../../shared/model/checkins.js';
import { dayIn, startOfDayIn } from '../../../shared/model/index.js';
import { CheckInChart } from '../../../renderer/src/detail/CheckInChart.js';
import { planDayTicks } from '../../../renderer/src/detail/plan-day-ticks.js';
import { formatMonthDay } from '../../../renderer/src/outline/labels.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** DST both ways, 30- and 45-minute offsets, both sides of the date line, a skipped day, a midnight DST gap. */
const ZONES = [
  'UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham', 'Pacific/Kiritimati', 'Pacific/Pago_Pago',
  'Pacific/Apia', 'Australia/Lord_Howe', 'America/Sao_Paulo', 'America/Los_Angeles', 'Asia/Tokyo',
] as const;

/** The day an instant falls on in `zone`, by Intl directly (independent of zone.ts). */
function intlDay(at: number, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const get = (type: string) => parts.find((part) => part.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

// 2010 to 2035: Apia's skipped day (2011-12-30), São Paulo's midnight gaps (to 2018), every DST rule in use.
const instant = fc.integer({ min: Date.UTC(2010, 0, 1), max: Date.UTC(2035, 0, 1) });

describe('chart ticks on the plan\'s days', () => {
  it('each tick stands at the start of the plan-zone day it names, in order, inside the range, at most as many as asked', () => {
    fc.assert(fc.property(fc.constantFrom(...ZONES), instant, fc.integer({ min: HOUR, max: 4 * 365 * DAY }), fc.integer({ min: 2, max: 8 }), (zone, from, span, most) => {
      const to = from + span;
      const ticks = planDayTicks(from, to, zone, most);
      expect(ticks.length).toBeLessThanOrEqual(most);
      ticks.forEach((tick, i) => {
        expect(tick.at).toBeGreaterThanOrEqual(from);
        expect(tick.at).toBeLessThanOrEqual(to);
        // The day it names contains its position, and it is that day's first instant.
        expect(intlDay(tick.at, zone)).toBe(tick.day);
        expect(intlDay(tick.at - 1, zone) < tick.day).toBe(true);
        if (i > 0) expect(tick.at).toBeGreaterThan(ticks[i - 1]!.at);
      });
      // A range of two days or more always gets a tick (the chart is never without dates).
      if (span >= 2 * DAY + 2 * HOUR) expect(ticks.length).toBeGreaterThan(0);
    }), { numRuns: 400 });
  });

  it('DST days, +5:30 and +12:45: ticks a day apart are 23, 24 or 25 hours apart and at the zone\'s midnight', () => {
    // Berlin, spring 2027: 28 March has 23 hours.
    const berlin = planDayTicks(Date.UTC(2027, 2, 26, 12), Date.UTC(2027, 2, 29, 12), 'Europe/Berlin', 8);
    expect(berlin.map((tick) => tick.day)).toEqual(['2027-03-27', '2027-03-28', '2027-03-29']);
    expect(berlin.map((tick) => new Date(tick.at).toISOString())).toEqual(['2027-03-26T23:00:00.000Z', '2027-03-27T23:00:00.000Z', '2027-03-28T22:00:00.000Z']);
    // Kolkata +5:30: midnight is 18:30 UTC the day before.
    expect(planDayTicks(Date.UTC(2027, 0, 1), Date.UTC(2027, 0, 2, 12), 'Asia/Kolkata', 8).map((tick) => new Date(tick.at).toISOString())).toEqual(['2027-01-01T18:30:00.000Z']);
    // Chatham +13:45 in January: midnight is 10:15 UTC the day before.
    expect(planDayTicks(Date.UTC(2027, 0, 1), Date.UTC(2027, 0, 2), 'Pacific/Chatham', 8)).toEqual([{ day: '2027-01-02', at: Date.UTC(2027, 0, 1, 10, 15) }]);
    // São Paulo, 4 November 2018: midnight fell in the DST gap, the day started at 01:00 local.
    expect(planDayTicks(Date.UTC(2018, 10, 3, 12), Date.UTC(2018, 10, 4, 12), 'America/Sao_Paulo', 8)).toEqual([{ day: '2018-11-04', at: startOfDayIn('2018-11-04', 'America/Sao_Paulo')! }]);
    // Apia skipped 30 December 2011: no tick names a day that had no instant.
    expect(planDayTicks(Date.UTC(2011, 11, 29), Date.UTC(2011, 11, 31, 12), 'Pacific/Apia', 8).map((tick) => tick.day)).toEqual(['2011-12-29', '2011-12-31', '2012-01-01']);
  });
});

/** The chart as rendered: each date label with its x, and the dots' x with the check-ins' instants. */
function renderedAxis(checkIns: CheckIn[], zone: string): { labels: { x: number; text: string }[]; msAt: (x: number) => number } {
  const html = renderToStaticMarkup(createElement(CheckInChart, { checkIns, timeZone: zone }));
  // Date labels are the axis texts on the bottom line (y = height − 6).
  const labels = [...html.matchAll(/<text[^>]*\bx="([-\d.e]+)"[^>]*\by="144"[^>]*>([^<]*)<\/text>/g)].map((match) => ({ x: Number(match[1]), text: match[2]! }));
  const dots = [...html.matchAll(/<circle[^>]*\bcx="([-\d.e]+)"/g)].map((match) => Number(match[1]));
  // Read x back to an instant through the first and last dot (the check-ins' own positions).
  const [x0, x1] = [dots[0]!, dots[dots.length - 1]!];
  const [t0, t1] = [checkIns[0]!.at, checkIns[checkIns.length - 1]!.at];
  return { labels, msAt: (x) => t0 + ((x - x0) * (t1 - t0)) / (x1 - x0) };
}

const checkInAt = (at: number, i: number): CheckIn => ({ id: `c${i}`, nodeId: 'kr', at, by: 'p', value: i, confidence: null, status: null, note: '', blocker: false });

describe('the check-in chart as rendered', () => {
  it('the day a tick label shows is the plan-zone day that starts where the tick stands, in any zone, whatever the viewer\'s clock', () => {
    fc.assert(fc.property(fc.constantFrom(...ZONES), instant, fc.array(fc.integer({ min: HOUR, max: 40 * DAY }), { minLength: 1, maxLength: 6 }), (zone, first, gaps) => {
      const times = [first];
      for (const gap of gaps) times.push(times[times.length - 1]! + gap);
      const axis = renderedAxis(times.map(checkInAt), zone);
      expect(axis.labels.length).toBeGreaterThan(0);
      for (const label of axis.labels) {
        const at = axis.msAt(label.x);
        // A minute in: rounding in reading x back cannot move the instant out of its day.
        const day = dayIn(at + 60_000, zone);
        expect(label.text).toBe(formatMonthDay(day));
        expect(Math.abs(at - startOfDayIn(day, zone)!)).toBeLessThan(60_000);
      }
    }), { numRuns: 200 });
  });
});
