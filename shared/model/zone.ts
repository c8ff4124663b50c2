/**
 * Calendar days in the plan's time zone. Every day boundary a figure uses (the end of a due date,
 * the start and end of a period, the day a check-in is listed under) is computed here, so two people
 * in different zones see the same figures and what is listed agrees with what is counted.
 *
 * Built on `Intl` alone: it knows every IANA zone with its DST rules and 30/45-minute offsets, and
 * ships with every runtime we run on. UTC takes the plain arithmetic of dates.ts (identical figures
 * for plans stored before plans had a zone, and no Intl call on the hot path).
 */
import { DAY_MS, formatDate, parseDate } from './dates.js';
import { PlanError } from './errors.js';

/** The zone of a plan stored before plans had one: its figures stay exactly as they were. */
export const DEFAULT_TIME_ZONE = 'UTC';

// IANA names are letters, digits and _ + - / (e.g. America/Argentina/Buenos_Aires, Etc/GMT+5).
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/;

const formatters = new Map<string, Intl.DateTimeFormat | null>();

/** The formatter of a zone's wall clock, or null if the runtime does not know the zone. */
function formatterOf(zone: string): Intl.DateTimeFormat | null {
  const known = formatters.get(zone);
  if (known !== undefined) return known;
  let formatter: Intl.DateTimeFormat | null = null;
  if (ZONE_NAME.test(zone)) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
      });
    } catch {
      formatter = null;
    }
  }
  if (formatters.size >= 1_000) formatters.clear();
  formatters.set(zone, formatter);
  return formatter;
}

/** The canonical IANA name of `name` ("europe/berlin" → "Europe/Berlin"), or null if it is no zone. */
export function canonicalTimeZone(name: unknown): string | null {
  if (typeof name !== 'string') return null;
  const formatter = formatterOf(name);
  return formatter === null ? null : formatter.resolvedOptions().timeZone;
}

/** The canonical zone of `name`, or a PlanError naming the value that is not one. */
export function requireTimeZone(name: unknown): string {
  const zone = canonicalTimeZone(name);
  if (zone === null) {
    const shown = typeof name === 'string' ? JSON.stringify(name.length > 80 ? `${name.slice(0, 80)}…` : name) : typeof name;
    throw new PlanError('invalid-input', `the time zone must be an IANA time zone such as Europe/Berlin, got ${shown}`);
  }
  return zone;
}

/** The zone stored in a plan's meta, or UTC when none is stored or the stored value is no zone. */
export function readTimeZone(value: unknown): string {
  return canonicalTimeZone(value) ?? DEFAULT_TIME_ZONE;
}

const isUtc = (zone: string) => zone === 'UTC' || zone === 'Etc/UTC';

/** The zone's wall clock at `ms`, as the epoch ms it would be in UTC (whole seconds). */
function wallClock(ms: number, formatter: Intl.DateTimeFormat): number {
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(ms)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
}

/** The offset of the zone from UTC at `ms`, in ms (Europe/Berlin in summer: +7,200,000). */
export function zoneOffset(ms: number, zone: string): number {
  if (isUtc(zone)) return 0;
  const formatter = formatterOf(zone);
  if (formatter === null) return 0;
  const second = Math.floor(ms / 1000) * 1000;
  return wallClock(second, formatter) - second;
}

// A refresh asks for the day of the same `now` once per overdue node: remember the last answer.
let lastDay = { ms: NaN, zone: '', day: '' };

/** "YYYY-MM-DD": the calendar day in `zone` that the instant `ms` falls on. */
export function dayIn(ms: number, zone: string): string {
  if (isUtc(zone)) return formatDate(ms);
  if (ms === lastDay.ms && zone === lastDay.zone) return lastDay.day;
  const day = formatDate(ms + zoneOffset(ms, zone));
  lastDay = { ms, zone, day };
  return day;
}

// Day starts are asked for the same few hundred dates over and over: remember them (bounded).
const starts = new Map<string, number | null>();

/** Epoch ms of the first instant of the day `date` in `zone` (its midnight, or the end of a DST gap at midnight); null if `date` is no date. */
export function startOfDayIn(date: string, zone: string): number | null {
  if (isUtc(zone) || formatterOf(zone) === null) return parseDate(date);
  const key = `${zone} ${date}`;
  const known = starts.get(key);
  if (known !== undefined) return known;
  const result = startOfDayUncached(date, zone);
  if (starts.size >= 20_000) starts.clear();
  starts.set(key, result);
  return result;
}

function startOfDayUncached(date: string, zone: string): number | null {
  const local = parseDate(date);
  if (local === null) return null;
  // Midnight wall clock minus the offset in force then (asked twice: the offset can change between).
  const guess = local - zoneOffset(local - zoneOffset(local, zone), zone);
  if (dayIn(guess, zone) === date && dayIn(guess - 1, zone) < date) return guess;
  // Midnight falls in a DST gap (the day starts at 01:00) or near a change: search the first
  // instant of the day. Every zone's offset lies within ±15 hours, and the day is ≤ 26 hours long.
  let low = local - 15 * 3_600_000;
  let high = local + 15 * 3_600_000;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (dayIn(middle, zone) >= date) high = middle;
    else low = middle;
  }
  return high;
}

/** The calendar day after `date` ("YYYY-MM-DD"). */
export function nextDate(date: string): string {
  return formatDate(parseDate(date)! + DAY_MS);
}

/** The calendar day `days` whole days after `date` ("YYYY-MM-DD"). */
export function datePlus(date: string, days: number): string {
  return formatDate(parseDate(date)! + days * DAY_MS);
}

/** Epoch ms of the end of the day `date` in `zone` (the start of the next day, exclusive); null if `date` is no date. */
export function endOfDayIn(date: string, zone: string): number | null {
  if (parseDate(date) === null) return null;
  const next = startOfDayIn(nextDate(date), zone);
  if (next !== null) return next;
  // 9999-12-31, the last day a date field takes, has no next day in YYYY-MM-DD: a period ending then
  // vanished from the plan's periods while its items stayed in it, judged "on track" (review45a F7).
  const start = startOfDayIn(date, zone);
  return start === null ? null : start + DAY_MS;
}

/** Whole calendar days from day `from` to day `to` ("YYYY-MM-DD" both): 0 for the same day. */
export function calendarDaysBetween(from: string, to: string): number {
  return Math.round((parseDate(to)! - parseDate(from)!) / DAY_MS);
}

/** Calendar days of `zone` from the day of `at` to the day of `now`: 1 for yesterday, −1 for tomorrow. */
export function calendarDaysFrom(at: number, now: number, zone: string): number {
  return calendarDaysBetween(dayIn(at, zone), dayIn(now, zone));
}

/**
 * A count of calendar days back (calendarDaysFrom) in words, as the signals and the views say it:
 * "today", "yesterday", "3 days ago", "tomorrow", "in 2 days". One wording for both, so a signal and
 * the list beside it never name the same day differently.
 */
export function calendarDaysInWords(days: number): string {
  if (days === 0) return 'today';
  if (days > 0) return days === 1 ? 'yesterday' : `${days} days ago`;
  return days === -1 ? 'tomorrow' : `in ${-days} days`;
}

/** The plan's zone as stored in `meta` (UTC when none or no zone is stored). */
export function planTimeZone(meta: { get(key: string): unknown }): string {
  return readTimeZone(meta.get('timeZone'));
}

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * The instant a wall-clock time ("YYYY-MM-DDTHH:MM", as a datetime-local field gives it) names in `zone`:
 * "since Monday 09:00" picked in a plan kept in Europe/Berlin is 09:00 Berlin time, whatever zone the
 * browser is in (the day marks and review points beside the picker are shown in the plan's zone too).
 * A time the clocks skipped (02:30 on a spring-forward night) is no instant: null, so the caller can say so.
 * A time the clocks passed twice (01:30 on a fall-back night) is the first of the two. Null for no such time.
 */
export function instantInZone(localDateTime: string, zone: string): number | null {
  const match = LOCAL_DATE_TIME.exec(localDateTime);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [number, number, number, number, number];
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const date = new Date(wall);
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || hour > 23 || minute > 59) return null;
  if (isUtc(zone) || formatterOf(zone) === null) return wall;
  // The offsets in force half a day either side: a DST change lies between them, never two of them.
  const [first, second] = [wall - zoneOffset(wall - 43_200_000, zone), wall - zoneOffset(wall + 43_200_000, zone)]
    .map((instant) => (instant + zoneOffset(instant, zone) === wall ? instant : null));
  if (first === null || first === undefined) return second ?? null;
  return second === null || second === undefined ? first : Math.min(first, second);
}

/** The wall-clock time in `zone` at `at`, as a datetime-local field shows it ("YYYY-MM-DDTHH:MM"). */
export function localDateTimeIn(at: number, zone: string): string {
  return new Date(at + zoneOffset(at, zone)).toISOString().slice(0, 16);
}
