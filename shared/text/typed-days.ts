/**
 * Reading a number of days a person typed (the plan's check-in cadence, an initiative's effort in
 * person-days) and a weight, as the other
 * fields read values typed with their unit (typed-number.ts `readTypedMeasure`): "7 days" and "2 weeks"
 * are what people type for a cadence, and were refused as "not a number of days". A weight is a share
 * relative to its siblings (default 1), not a percentage, so it has no unit: "50 %" is refused saying so,
 * not read as 50 (fifty times its siblings) nor as 0.5 (a guess).
 */
import { readTypedNumber, type NumberNotation, type TypedNumber } from './typed-number.js';

/** Day and week words in English and German (the languages the app's people type in), lower case, without a final point. */
const DAY_WORDS = new Set(['d', 'day', 'days', 'tag', 'tage', 'tagen']);
const WEEK_WORDS = new Set(['w', 'wk', 'wks', 'week', 'weeks', 'woche', 'wochen']);

/** The number, then a word after it: "7 days", "2,5 Wochen", "1.5d". */
const NUMBER_THEN_WORD = /^(.*?\d)\s*([\p{L}%][\p{L}.%-]*)$/u;

/** Weeks in days in decimal, so 1.1 weeks is 7.7 days exactly, not 7.700000000000001. */
const weeksInDays = (weeks: number, daysPerWeek: number) => Number((weeks * daysPerWeek).toPrecision(15));

/**
 * Reads a number of days typed alone or with a unit of days or weeks ("7", "7 days", "2 weeks", "1,5 Tage",
 * "2w"); another unit is refused by name ("“months” is not a unit of the check-in cadence: …"), a month
 * among them (they vary in length). `subject` names the field in the message ("the check-in cadence").
 */
export function readTypedDays(typed: string, subject: string, notation?: NumberNotation): TypedNumber {
  return readDaysOrWeeks(typed, subject, 7, 'type days (7, “7 days”) or weeks (“2 weeks”)', notation);
}

/** Person-day words a planner types after an effort, English and German ("5 PT" = Personentage). */
const PERSON_DAY_WORDS = new Set(['pd', 'person-day', 'person-days', 'man-day', 'man-days', 'pt', 'personentag', 'personentage']);
const PERSON_WEEK_WORDS = new Set(['person-week', 'person-weeks', 'pw', 'personenwoche', 'personenwochen']);

/**
 * Reads an effort in person-days typed alone or with a unit ("5", "5 days", "5 Tage", "3 PT", "2 weeks").
 * A week of effort is a working week, 5 person-days (a planner's "2 weeks" of work is 10 days of it, not
 * the 14 calendar days a cadence counts). Another unit is refused by name ("“hours” is not a unit of …").
 */
export function readTypedEffort(typed: string, notation?: NumberNotation): TypedNumber {
  return readDaysOrWeeks(typed, 'an effort estimate', 5, 'type person-days (5, “5 days”) or working weeks (“2 weeks” = 10 days)', notation);
}

function readDaysOrWeeks(typed: string, subject: string, daysPerWeek: number, hint: string, notation?: NumberNotation): TypedNumber {
  const plain = readTypedNumber(typed, notation);
  if (plain.ok) return plain;
  const parts = NUMBER_THEN_WORD.exec(typed.trim());
  if (!parts) return { ok: false, problem: `"${typed.trim()}" is not a number of days.` };
  const number = readTypedNumber(parts[1]!, notation);
  if (!number.ok || number.value === null) return { ok: false, problem: `"${typed.trim()}" is not a number of days.` };
  const word = parts[2]!.toLowerCase().replace(/\.$/, '');
  const personWords = daysPerWeek === 5;
  if (DAY_WORDS.has(word) || (personWords && PERSON_DAY_WORDS.has(word))) return number;
  if (WEEK_WORDS.has(word) || (personWords && PERSON_WEEK_WORDS.has(word))) return { ok: true, value: weeksInDays(number.value, daysPerWeek) };
  return { ok: false, problem: `“${parts[2]}” is not a unit of ${subject}: ${hint}.` };
}

/**
 * Reads a weight: a number alone. One typed with a unit ("50 %", "2x") is refused naming it: a weight
 * is a share relative to its siblings (default 1), so half of a sibling's share is 0.5.
 */
export function readTypedWeight(typed: string, notation?: NumberNotation): TypedNumber {
  const plain = readTypedNumber(typed, notation);
  if (plain.ok) return plain;
  const parts = NUMBER_THEN_WORD.exec(typed.trim());
  if (!parts || !readTypedNumber(parts[1]!, notation).ok) return plain;
  return { ok: false, problem: `“${parts[2]}” is not a unit of a weight: a weight has none, it is a share beside its siblings' (default 1). Type 0.5 for half a sibling's share, 2 for twice.` };
}
