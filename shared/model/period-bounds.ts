/**
 * What a period's dates can be (fix45b, review45a F7). A period runs from the first moment of its start
 * day to the last of its end day, and pace is judged against the share of it elapsed, so:
 * - **Impossible** (refused when typed or imported; said, with no pace judged, when it arrives merged):
 *   an end day before the start day: the period runs backwards. A period that ends the day it starts is one
 *   whole day (the end day is included), as an offsite or a launch day is: taken.
 * - **Implausible** (taken, with a warning; no pace judged, the node says why): a period longer than
 *   MAX_PERIOD_YEARS, or starting before 1970 or ending after 2200. Pace judged against 0001-01-01 …
 *   9999-12-31 read a key result at 60 % "on track" for ten thousand years.
 * Pure: dates are `YYYY-MM-DD` strings, compared as text (they sort as the calendar does).
 */

/** A planning period (a quarter, a year, a strategy cycle) longer than this many years is implausible. */
export const MAX_PERIOD_YEARS = 5;
export const EARLIEST_PLAUSIBLE_DAY = '1970-01-01';
export const LATEST_PLAUSIBLE_DAY = '2200-12-31';

/** Why a period cannot run from `start` to `end` (both calendar days), or null when it can. */
export function periodDatesProblem(start: string, end: string): string | null {
  if (end < start) return `the period's end date ${end} is before its start date ${start}`;
  return null;
}

/** The day `years` calendar years after `day` (a 29 February lands on 1 March when the year has none). */
function yearsAfter(day: string, years: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const shifted = new Date(Date.UTC(2000, month - 1, date));
  shifted.setUTCFullYear(year + years);
  return shifted.toISOString().slice(0, 10);
}

/** A warning about dates no planning period plausibly has (null when they are plausible or impossible). */
export function periodDatesWarning(start: string, end: string): string | null {
  if (periodDatesProblem(start, end) !== null) return null;
  if (start < EARLIEST_PLAUSIBLE_DAY) return `The period starts ${start}, before ${EARLIEST_PLAUSIBLE_DAY}: no plan is paced from then, so no pace is judged in it. Check its dates.`;
  if (end > LATEST_PLAUSIBLE_DAY) return `The period ends ${end}, after ${LATEST_PLAUSIBLE_DAY}: no plan is paced to then, so no pace is judged in it. Check its dates.`;
  if (end >= yearsAfter(start, MAX_PERIOD_YEARS)) return `The period runs from ${start} to ${end}, more than ${MAX_PERIOD_YEARS} years: longer than any planning period, so no pace is judged in it. Check its dates.`;
  return null;
}

/** Whether pace can be judged in a period running from `start` to `end` (neither impossible nor implausible). */
export function periodPaceable(start: string, end: string): boolean {
  return periodDatesProblem(start, end) === null && periodDatesWarning(start, end) === null;
}
