/** Calendar dates ("YYYY-MM-DD", UTC) and their conversion to epoch milliseconds. */

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
export const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;

// Plans repeat the same few hundred dates thousands of times: remember parsed ones (bounded).
const parsed = new Map<string, number | null>();

/** Epoch ms of 00:00 UTC of a "YYYY-MM-DD" date, or null if it is not a real calendar date. */
export function parseDate(text: string): number | null {
  const known = parsed.get(text);
  if (known !== undefined) return known;
  const result = parseDateUncached(text);
  if (parsed.size >= 20_000) parsed.clear();
  parsed.set(text, result);
  return result;
}

/**
 * Epoch ms of 00:00 UTC of a day, `month0` counted from 0 and overflowing as Date.UTC's does. Years
 * 0–99 are those years: Date.UTC read them as 1900–1999, so "0099-01-01", which a date field lets one
 * type, was refused as "not YYYY-MM-DD".
 */
export function utcDay(year: number, month0: number, day: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month0, day);
  return date.getTime();
}

function parseDateUncached(text: string): number | null {
  const match = DATE_PATTERN.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = utcDay(year, month - 1, day);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return null;
  return ms;
}

/** True if `text` is a real calendar date in "YYYY-MM-DD" form. */
export function isDate(text: string): boolean {
  return parseDate(text) !== null;
}

/** Epoch ms of the end of a "YYYY-MM-DD" day (the next midnight UTC); null if invalid. */
export function endOfDate(text: string): number | null {
  const start = parseDate(text);
  return start === null ? null : start + DAY_MS;
}

/** "YYYY-MM-DD" of an epoch ms instant (UTC). */
export function formatDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
