import { ROOT_ID, calendarDaysFrom, percentText, calendarDaysInWords, parseDate, type Health, type NodeKind, type NodeView, type Signal } from '../../../shared/model/index.js';
import { characterCount, isOverLimit } from '../../../shared/text/cut-text.js';
import { codePointName, controlCharacterAbbreviation, controlCharacterIn, controlCharacterRefusal, editableText, namedControlText, signedControl } from '../../../shared/text/control-characters.js';
import { invisibleTextProblem } from '../../../shared/text/invisible-text.js';
import { isolatedText } from '../../../shared/text/bidi-isolation.js';

export const kindShort: Readonly<Record<NodeKind, string>> = {
  strategy: 'STR', objective: 'OBJ', key_result: 'KR', kpi: 'KPI', initiative: 'INI', task: 'TSK',
};

export const healthLabel: Readonly<Record<Health, string>> = {
  on_track: 'On track', at_risk: 'At risk', off_track: 'Off track',
};

/** 0.4567 → "46%", never 100 % short of 1 nor 0 % above 0 (percentText). */
export function percent(value: number): string {
  return percentText(value);
}

/**
 * How many calendar days of the plan's zone lie between a past event `at` and `now`, in words: "today",
 * "yesterday", "3 days ago"; one dated on a later day than `now` (a clock ahead) "today (dated ahead by a clock)". Counted in days of the plan's zone, not in 24-hour spans, so
 * "yesterday" is the day the check-in is listed and counted under (zone.ts), wherever the reader is.
 */
export function daysFrom(at: number, now: number, planZone: string): string {
  const days = calendarDaysFrom(at, now, planZone);
  // A check-in or a blocker is always in the past: one dated on a later day than this clock's came from a
  // device whose clock was ahead (a laptop a day off), and "last check-in tomorrow" read as nonsense
  // (leftovers46b). It happened by now, so today, said to be dated ahead (the history says whose clock).
  if (days < 0) return 'today (dated ahead by a clock)';
  return calendarDaysInWords(days);
}

/** A count with its noun, singular or plural: "1 day", "3 days", "2 strategies". */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count.toLocaleString()} ${count === 1 ? noun : nouns}`;
}

const dayFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
const dayTimeFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

/** A date in the user's locale, one format everywhere in the app ("Feb 15, 2027" / "15 Feb 2027"). */
export function formatDay(at: number): string {
  return dayFormat.format(at);
}

// Calendar dates ("2027-03-31") name a day, not an instant: shown in UTC so no time zone moves them.
const calendarFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });

/** A calendar date ("YYYY-MM-DD") in the same locale format as `formatDay`; text that is not a date as is. */
export function formatCalendarDate(date: string): string {
  const ms = parseDate(date);
  return ms === null ? date : calendarFormat.format(ms);
}

const monthDayFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });

/** A calendar date ("YYYY-MM-DD") as month and day in the user's locale ("Dec 5" / "5. Dez."): chart ticks. */
export function formatMonthDay(date: string): string {
  const ms = parseDate(date);
  return ms === null ? date : monthDayFormat.format(ms);
}

/**
 * A signal's sentence as people read it here: the model writes calendar dates as "YYYY-MM-DD" (it
 * has no locale); they are shown in the user's locale like every other date in the app.
 */
export function signalText(signal: Pick<Signal, 'message'>): string {
  return signal.message.replace(/\b\d{4}-\d{2}-\d{2}\b/g, formatCalendarDate);
}

/** A date and time in the user's locale (check-ins, deletions). */
export function formatDayTime(at: number): string {
  return dayTimeFormat.format(at);
}

// The viewer's zone, read once and kept: building an Intl.DateTimeFormat to ask it cost ~1 ms, once per
// check-in row, and 2,000 rows froze the page for seconds (review40c F1). A clock moved to another zone
// (travel, a setting changed) is read again when the page comes back into view or gets focus.
let viewerZone: string | null = null;

/** The zone this person's clock shows (read once, again after the page was hidden or lost focus). */
export function viewerTimeZone(): string {
  viewerZone ??= new Intl.DateTimeFormat().resolvedOptions().timeZone;
  return viewerZone;
}

/** Forgets the zone and locale read so far: the next date shown reads them again (a clock or language changed). */
export function forgetViewerTimeZone(): void {
  viewerZone = null;
  planFormats.clear();
}

if (typeof window !== 'undefined') {
  window.addEventListener('languagechange', forgetViewerTimeZone);
  window.addEventListener('focus', () => { viewerZone = null; });
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'visible') viewerZone = null; });
}

// One formatter per (zone, with or without the zone's name), in the locale of the moment (cleared when the
// language changes): a plan shows many check-ins in one zone.
const planFormats = new Map<string, Intl.DateTimeFormat>();
function planFormat(zone: string, withTime: boolean, named: boolean): Intl.DateTimeFormat {
  const key = `${zone} ${withTime} ${named}`;
  let format = planFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(undefined, {
      year: 'numeric', month: 'short', day: 'numeric', timeZone: zone,
      ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}), ...(named ? { timeZoneName: 'short' } : {}),
    });
    planFormats.set(key, format);
  }
  return format;
}

/**
 * A check-in's day and time in the plan's zone (zone.ts): the day it is listed under is the day whose
 * period counts it. When this person's clock is in another zone the zone is named ("1 Apr 2027, 00:30
 * CEST"), so nobody reads a plan time as their own.
 */
export function formatPlanDayTime(at: number, planZone: string): string {
  return planFormat(planZone, true, planZone !== viewerTimeZone()).format(at);
}

/** A day and time in the plan's zone, always naming the zone ("30 Nov 2026, 09:00 PST"): in files read in other zones. */
export function formatPlanDayTimeNamed(at: number, planZone: string): string {
  return planFormat(planZone, true, true).format(at);
}

/** A day in the plan's zone, in the user's locale ("15 Feb 2027"): signals' since, check-in ranges. */
export function formatPlanDay(at: number, planZone: string): string {
  return planFormat(planZone, false, false).format(at);
}

/**
 * The plan-zone day of an event that has happened (a blocker raised, a signal since), said as dated ahead when it
 * falls on a later day than this clock's: it came from a device whose clock was ahead, and "since Dec 9" on Dec 8
 * would read as a day still to come. Worded as `daysFrom` words it (leftovers46b).
 */
export function formatPastDay(at: number, now: number, planZone: string): string {
  const day = formatPlanDay(at, planZone);
  return calendarDaysFrom(at, now, planZone) < 0 ? `${day} (dated ahead by a clock)` : day;
}

/** A number in full, in the person's notation ("1,500.125" in English, "1.500,125" in German): check-in history. */
export function exactNumber(value: number): string {
  return value.toLocaleString(undefined, { maximumFractionDigits: 20 });
}

/** A value with its unit, always together ("8.62 M€", "42 %", "1,200"). */
export function withUnit(value: number, unit: string | undefined): string {
  const shown = value.toLocaleString(undefined, { maximumFractionDigits: 2 });
  return unit ? `${shown} ${unit}` : shown;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
/** Natural order of names, as people sort them: "Team 2" before "Team 10", case ignored. */
export function naturalCompare(a: string, b: string): number {
  return collator.compare(a, b);
}

/** The message for text over a length limit (in characters): what is kept, and by how much to shorten it. */
export function lengthProblem(what: string, length: number, limit: number): string {
  return `The ${what} is ${length.toLocaleString()} characters; the limit is ${limit.toLocaleString()}. Shorten it by ${(length - limit).toLocaleString()} to save — nothing was cut.`;
}

/**
 * Why typed text cannot be saved, or null: more characters (code points, as the model counts them)
 * than `limit`, or a control character the field does not take (named: it does not show). The text
 * stays as typed until it is fixed; `multiLine` fields (a description, a note) take tab and line breaks.
 */
export function typedTextProblem(what: string, text: string, limit: number, multiLine = false): string | null {
  if (isOverLimit(text, limit)) return lengthProblem(what, characterCount(text), limit);
  const control = controlCharacterRefusal(text, multiLine);
  if (control) return `The ${what} ${control}; delete it to save.`;
  const invisible = multiLine ? null : invisibleTextProblem(text);
  return invisible ? `The ${what} ${invisible}: type something that shows${what === 'title' ? ', or leave it empty' : ''}.` : null;
}

/** The control characters of stored one-line text, each once, in order: as chips name them and as the field shows them. */
export interface StoredControlCharacter { abbreviation: string; code: string; shownAs: string }

/**
 * What a rename field says when the stored text (an old file's, another client's) holds control
 * characters: each one named (`BEL`, `U+0007`) and what the field shows for it (a sign, or a space
 * for a tab or line break), or null when it holds none.
 */
export function storedControlCharacters(stored: string): StoredControlCharacter[] | null {
  const found = new Map<string, StoredControlCharacter>();
  for (const char of stored) {
    // A sign stored in a control character's place (a file open, an edit of such a title) is named too, as the row names it.
    const stands = signedControl(char) ?? char;
    if (controlCharacterIn(stands) === null) continue;
    const code = codePointName(stands);
    if (!found.has(code)) found.set(code, { abbreviation: controlCharacterAbbreviation(stands), code, shownAs: editableText(char) });
  }
  return found.size > 0 ? [...found.values()] : null;
}

/**
 * What a node that lost a move loop says, true for whoever reads it: the person whose move went back
 * reads "Your move undone"; anyone else reads whose move it was ("Move by Ben undone"), never a claim
 * about a move of theirs; a loop no move made (a peer wrote the parents) reads "Loop broken".
 * `me`: this device's actor; `nameOf`: a person's name by id (an unknown actor is shown as stored).
 */
export function undoneMoveWords(node: Pick<NodeView, 'displaced' | 'undoneMove' | 'parent'>, me: string, nameOf: (id: string) => string | undefined,
  titleOf: (id: string) => string): { badge: string; explanation: string } | null {
  if (!node.displaced) return null;
  const where = (id: string) => (id === ROOT_ID ? 'the top level' : `“${isolatedText(namedControlText(titleOf(id)) || 'Untitled')}”`);
  const move = node.undoneMove;
  if (!move) return { badge: 'Loop broken', explanation: `Its stored parents made a loop that no move made (another client wrote them); shown under ${where(node.parent)}` };
  const under = move.parent === ROOT_ID ? 'to the top level' : `under ${where(move.parent)}`;
  if (move.by === me) return { badge: 'Your move undone', explanation: `You moved this ${under} while that was moved under this at the same time; the two would make a loop, so yours went back to ${where(node.parent)}` };
  const who = isolatedText(nameOf(move.by) ?? move.by);
  return { badge: `Move by ${who} undone`, explanation: `${who} moved this ${under} while that was moved under this at the same time; the two would make a loop, so ${who}'s went back to ${where(node.parent)}` };
}
