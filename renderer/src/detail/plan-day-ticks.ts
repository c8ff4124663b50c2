import { DAY_MS, dayIn, formatDate, parseDate, startOfDayIn } from '../../../shared/model/index.js';

/** A tick of a time axis: at the first instant of a day of the plan's zone, labelled with that day. */
export interface PlanDayTick {
  /** Epoch ms where the tick stands: the start of `day` in the plan's zone (zone.ts). */
  at: number;
  /** The plan-zone day the tick starts ("YYYY-MM-DD"): the day its label names. */
  day: string;
}

// Steps in days (weeks start on Mondays), then in months (aligned on January).
const DAY_STEPS = [1, 2, 3, 7, 14] as const;
const MONTH_STEPS = [1, 2, 3, 6, 12, 24, 60, 120] as const;
// 1970-01-05, epoch day 4, was a Monday.
const MONDAY_SHIFT = 3;

const epochDay = (day: string) => Math.round(parseDate(day)! / DAY_MS);

/**
 * Ticks on the plan's day boundaries between `from` and `to` (epoch ms, both included), at most
 * `most` of them: every day, every few days, every week or fortnight, or on the first of every few
 * months, whichever is the finest step that fits.
 *
 * d3's time scale ticks at the viewer's midnights, so a person in New York would see a Berlin plan's
 * check-in listed under 5 December drawn after a tick labelled 5 December that stands on New York's
 * day. Here the tick stands where the plan's day starts (23 or 25 hours apart on DST days, at 00:15
 * UTC in Chatham, at 01:00 in São Paulo when midnight fell in a gap) and names that day.
 */
export function planDayTicks(from: number, to: number, zone: string, most: number): PlanDayTick[] {
  if (!(to >= from) || !Number.isFinite(from) || !Number.isFinite(to) || most < 1) return [];
  const firstDay = dayIn(from, zone);
  const lastDay = dayIn(to, zone);
  const span = epochDay(lastDay) - epochDay(firstDay) + 1;
  const [fy, fm] = firstDay.split('-').map(Number) as [number, number];
  const [ly, lm] = lastDay.split('-').map(Number) as [number, number];
  const months = (ly - fy) * 12 + (lm - fm) + 1;
  // The finest step with at least one tick and at most `most`; a coarse aligned step can miss the
  // range altogether (every 5 years in a range of 4), so the count is taken, not estimated.
  let fallback: PlanDayTick[] | null = null;
  for (const step of [...DAY_STEPS.map((days) => ({ days, months: 0 })), ...MONTH_STEPS.map((count) => ({ days: 0, months: count }))]) {
    if (step.days > 0 ? Math.ceil(span / step.days) > most + 1 : Math.ceil(months / step.months) > most + 1) continue;
    const days: string[] = [];
    if (step.days > 0) {
      const shift = step.days === 7 || step.days === 14 ? MONDAY_SHIFT : 0;
      for (let n = epochDay(firstDay); n <= epochDay(lastDay); n++) {
        if ((((n + shift) % step.days) + step.days) % step.days === 0) days.push(formatDate(n * DAY_MS));
      }
    } else {
      for (let m = fy * 12 + fm - 1; m <= ly * 12 + lm - 1; m++) {
        if (m % step.months === 0) days.push(formatDate(Date.UTC(Math.floor(m / 12), m % 12, 1)));
      }
    }
    const ticks = ticksOn(days, from, to, zone);
    if (ticks.length > most) continue;
    if (ticks.length > 0) return ticks;
    fallback ??= ticks;
  }
  return fallback ?? [];
}

/** The ticks of `days` that start inside [from, to]. */
function ticksOn(days: readonly string[], from: number, to: number, zone: string): PlanDayTick[] {
  const ticks: PlanDayTick[] = [];
  for (const day of days) {
    const at = startOfDayIn(day, zone);
    // A day the zone skipped (Apia, 30 December 2011) has no instant: no tick can name it.
    if (at === null || at < from || at > to || dayIn(at, zone) !== day) continue;
    ticks.push({ at, day });
  }
  return ticks;
}
