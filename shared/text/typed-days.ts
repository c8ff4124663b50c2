/**
 * Reading a number of days a person typed (the plan's check-in cadence) and a weight, as the other
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

/** A whole count of days × 7 in decimal, so 1.1 weeks is 7.7 days exactly, not 7.700000000000001. */
const weeksInDays = (weeks: number) => Number((weeks * 7).toPrecision(15));

/**
 * Reads a number of days typed alone or with a unit of days or weeks ("7", "7 days", "2 weeks", "1,5 Tage",
 * "2w"); another unit is refused by name ("“months” is not a unit of the check-in cadence: …"), a month
 * among them (they vary in length). `subject` names the field in the message ("the check-in cadence").
 */
export function readTypedDays(typed: string, subject: string, notation?: NumberNotation): TypedNumber {
  const plain = readTypedNumber(typed, notation);
  if (plain.ok) return plain;
  const parts = NUMBER_THEN_WORD.exec(typed.trim());
  if (!parts) return { ok: false, problem: `"${typed.trim()}" is not a number of days.` };
  const number = readTypedNumber(parts[1]!, notation);
  if (!number.ok || number.value === null) return { ok: false, problem: `"${typed.trim()}" is not a number of days.` };
  const word = parts[2]!.toLowerCase().replace(/\.$/, '');
  if (DAY_WORDS.has(word)) return number;
  if (WEEK_WORDS.has(word)) return { ok: true, value: weeksInDays(number.value) };
  return { ok: false, problem: `“${parts[2]}” is not a unit of ${subject}: type days (7, “7 days”) or weeks (“2 weeks”).` };
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
