/**
 * Reading a number a person typed into a field of the app (a target, a check-in value, a weight).
 * `Number()` takes far more than people mean: `0x10` is 16, `0b11` is 3, and the old
 * `Number(text.replace(',', '.'))` read `1,500` — a thousand and a half users, in English notation —
 * as 1.5, without a word. Here a number is digits with at most one decimal mark and an optional
 * exponent. Thousands groups are read where the notation is unambiguous (`1,234.5`, `1.234,5`,
 * `12,500,000`, `1 234 567`, `1'000`). One mark followed by exactly three digits (`1,500`, `1.500`)
 * could group or be decimal: the person's own notation decides — the one the app shows them figures
 * in (`withUnit` formats in their locale) — and without one, a comma there is refused with both
 * readings and a point is the decimal mark, as the app writes numbers back into fields with a point.
 */

import { inexactNumberProblem } from './exact-number.js';

export type TypedNumber = { ok: true; value: number | null } | { ok: false; problem: string };

/** How a locale writes 1234.5: its decimal mark and its thousands separator. */
export interface NumberNotation {
  readonly decimal: string;
  readonly group: string;
}

/** Notations read so far, by locale ('' for the runtime's default): fields ask on every render. */
const notations = new Map<string, NumberNotation>();

/** The notation of `locale` (the runtime's default when not given), as `Intl` formats numbers there. */
export function numberNotationOf(locale?: string): NumberNotation {
  const known = notations.get(locale ?? '');
  if (known) return known;
  const parts = new Intl.NumberFormat(locale, { useGrouping: true }).formatToParts(1234567.5);
  const notation = {
    decimal: parts.find((part) => part.type === 'decimal')?.value ?? '.',
    group: parts.find((part) => part.type === 'group')?.value ?? '',
  };
  notations.set(locale ?? '', notation);
  return notation;
}

const SIGN = '([+\\-\\u2212]?)';
const SHAPE = new RegExp(`^${SIGN}(\\d[\\d.,]*|[.,]\\d+)(?:[eE]([+-]?\\d+))?$`);
/** Thousands separated by a space (also no-break and thin ones) or an apostrophe: never a decimal mark. */
const SPACED = new RegExp(`^${SIGN}(\\d{1,3}(?:([ \\u00a0\\u202f\\u2009'\\u2019])\\d{3})(?:\\3\\d{3})*)(?:[.,](\\d+))?$`);

/** The digits, as `Number` reads them, with `decimal` as the decimal mark and `group` between thousands; or null. */
function plainDigits(digits: string, decimal: '.' | ',', group: '.' | ','): string | null {
  const [whole = '', fraction, ...rest] = digits.split(decimal);
  if (rest.length > 0) return null;
  const groups = whole.split(group);
  if (groups.length > 1 && (!/^\d{1,3}$/.test(groups[0]!) || groups.slice(1).some((part) => !/^\d{3}$/.test(part)))) return null;
  const integer = groups.join('');
  if (!/^\d*$/.test(integer) || (fraction !== undefined && !/^\d+$/.test(fraction))) return null;
  if (integer === '' && fraction === undefined) return null;
  return `${integer || '0'}${fraction !== undefined ? `.${fraction}` : ''}`;
}

/** `1,500` / `1.500`: one mark after one to three digits (not starting with 0), then exactly three. */
function couldGroup(digits: string, mark: '.' | ','): boolean {
  const parts = digits.split(mark);
  return parts.length === 2 && parts[1]!.length === 3 && /^[1-9]\d{0,2}$/.test(parts[0]!);
}

type Reading = { digits: string } | { problem: string };

/** Reads the digits of a number holding one kind of mark, or both. */
function readMarks(text: string, sign: string, digits: string, notation: NumberNotation | undefined): Reading | null {
  const hasComma = digits.includes(','), hasPoint = digits.includes('.');
  if (hasComma && hasPoint) {
    // Both marks: the last one is the decimal mark, the other groups thousands (1,234.5 / 1.234,5).
    const read = digits.lastIndexOf(',') > digits.lastIndexOf('.') ? plainDigits(digits, ',', '.') : plainDigits(digits, '.', ',');
    return read === null ? null : { digits: read };
  }
  const mark = hasComma ? ',' : '.';
  const other = hasComma ? '.' : ',';
  if ((hasComma || hasPoint) && couldGroup(digits, mark)) {
    const grouped = digits.replace(mark, ''), decimal = digits.replace(mark, '.');
    if (notation?.group === mark) return { digits: grouped };
    if (notation?.decimal === mark || mark === '.') return { digits: decimal };
    const [asGrouped, asDecimal] = [grouped, decimal].map((digits) => `${sign}${Number(digits)}`);
    return { problem: `"${text}" could be ${asGrouped} or ${asDecimal}: type ${asGrouped} without the comma, or ${asDecimal} with a point.` };
  }
  // 12,500,000 / 12.500.000: a mark used twice groups; otherwise it is the decimal mark (3,25 / 0,500 / 2.5).
  const read = digits.split(mark).length > 2 ? plainDigits(digits, other, mark) : plainDigits(digits, mark, other);
  return read === null ? null : { digits: read };
}

/** Zero of each run of decimal digits people type beside Latin ones: Arabic-Indic, Persian, Devanagari, Bengali. */
const DIGIT_ZEROS = [0x0660, 0x06f0, 0x0966, 0x09e6];

/**
 * The number as the ASCII characters it stands for: a Japanese or Chinese input method types full-width
 * `８．６` (8.6), an Arabic or Persian keyboard `٨٫٦` with its own digits and decimal
 * separator, a Hindi one `८.६`. They were refused with "is not a number" in a check-in, the one form
 * people fill in most, on their own keyboard.
 */
function westernDigits(text: string): string {
  let ascii = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    const zero = DIGIT_ZEROS.find((start) => code >= start && code <= start + 9);
    // Full-width forms of ASCII (U+FF01–FF5E) only, not all of NFKC: that would read 10² as 102.
    ascii += zero !== undefined ? String(code - zero)
      : code >= 0xff01 && code <= 0xff5e ? String.fromCodePoint(code - 0xfee0)
        : char === '\u066b' ? '.' : char === '\u066c' ? ',' : char;
  }
  return ascii;
}

function finite(text: string, sign: string, digits: string, exponent?: string): TypedNumber {
  const number = Number(`${sign === '' || sign === '+' ? '' : '-'}${digits}${exponent === undefined ? '' : `e${exponent}`}`);
  if (!Number.isFinite(number)) return { ok: false, problem: `"${text}" is too large a number.` };
  // Underflow: "1e-400" read as 0 was stored as 0 without a word.
  if (number === 0 && /[1-9]/.test(digits)) return { ok: false, problem: `"${text}" is too small a number to keep: it would be stored as 0.` };
  // More digits than a double keeps: 12345678901234567890 would be stored, and shown, as 12345678901234567000.
  const inexact = inexactNumberProblem(`${digits}${exponent === undefined ? '' : `e${exponent}`}`, number, text);
  if (inexact) return { ok: false, problem: inexact };
  return { ok: true, value: number };
}

/**
 * Reads a typed number: `{ value: null }` for an empty field, the number, or the problem in words.
 * `notation` is the person's (`numberNotationOf()` in the app); it only settles `1,500` and `1.500`.
 */
export function readTypedNumber(typed: string, notation?: NumberNotation): TypedNumber {
  const text = westernDigits(typed.trim());
  if (text === '') return { ok: true, value: null };
  const spaced = SPACED.exec(text);
  if (spaced) {
    const [, sign = '', groups = '', separator = '', fraction] = spaced;
    return finite(text, sign, `${groups.split(separator).join('')}${fraction !== undefined ? `.${fraction}` : ''}`);
  }
  const shape = SHAPE.exec(text);
  if (!shape) return { ok: false, problem: `"${text}" is not a number.` };
  const [, sign = '', digits = '', exponent] = shape;
  const reading = readMarks(text, sign, digits, notation);
  if (reading !== null && 'problem' in reading) return { ok: false, problem: reading.problem };
  // An exponent only after a plain number (1e6, 2.5e-3), never after a comma or thousands groups.
  if (reading === null || (exponent !== undefined && (digits.includes(',') || digits.split('.').length > 2 || reading.digits.length < digits.length))) {
    return { ok: false, problem: `"${text}" is not a number.` };
  }
  return finite(text, sign, reading.digits, exponent);
}

/** Currency symbols and the codes people type for them: "12 EUR" is "12 €". */
const CURRENCY_CODES: Readonly<Record<string, string>> = { '€': 'EUR', '$': 'USD', '£': 'GBP', '¥': 'JPY', '₹': 'INR', 'fr.': 'CHF' };
/** Scale words typed after a number: k (thousand), M (million), bn (billion); m is metres, never a million. */
const SCALES: readonly [RegExp, number][] = [[/^(?:k|K)(?![a-zA-Z])/, 3], [/^M(?![a-zA-Z])/, 6], [/^(?:bn|Bn|BN)(?![a-zA-Z])/, 9]];
/** A sign, a unit before the number (a currency symbol), the number with its marks and groups, then what follows. */
const MEASURE = /^([+\-\u2212]?)\s*([^\d\s+\-\u2212.,]*)\s*([+\-\u2212]?)((?:\d|[.,]\d)[\d.,'\u2019 \u00a0\u202f\u2009]*)(.*)$/su;

const squeeze = (unit: string) => unit.replace(/[\s\u00a0\u202f\u2009]+/g, '');
const codeOf = (unit: string) => CURRENCY_CODES[unit] ?? unit.toUpperCase();
/** True when `typed` names `unit`: the same symbols (spaces aside), a word in any case, or a currency's code. */
function sameUnit(typed: string, unit: string): boolean {
  const a = squeeze(typed);
  const b = squeeze(unit);
  if (a === b) return true;
  if (/^\p{L}+$/u.test(a) && /^\p{L}+$/u.test(b) && a.toLowerCase() === b.toLowerCase()) return true;
  return codeOf(a) === codeOf(b) && (a in CURRENCY_CODES || b in CURRENCY_CODES);
}
/**
 * Whether a scale word after a number is unambiguous with `unit`: a currency, a count of things ("users")
 * or no unit. Not for a unit that is itself scaled or is a measure with prefixes of its own (M€, m, kg, h,
 * %): "5 k€" against "M€" or "2k m" would be a rescale the person may not mean, so it is refused.
 */
function scaleFits(unit: string): boolean {
  const bare = squeeze(unit);
  if (bare === '') return true;
  if (bare in CURRENCY_CODES || /^\p{Sc}$/u.test(bare) || /^[A-Z]{3}$/.test(bare)) return true;
  return /^\p{Ll}{3,}$/u.test(bare);
}

/**
 * Reads a value typed into a field with a unit (a key result's or KPI's): the number as readTypedNumber
 * reads it, alone or with that unit before or after it ("9,5 M€" for M€, "12 %", "$1.2k" for $, "1 200 €",
 * "3.5 h", "12 EUR" for €), and a scale word k / M / bn where it is unambiguous with the unit (scaleFits).
 * Another unit is refused naming it ("“kg” is not this key result's unit (€)"): never cut off or rescaled.
 * `subject` names the field's owner in the message ("this key result").
 */
export function readTypedMeasure(typed: string, unit: string | undefined, subject: string, notation?: NumberNotation): TypedNumber {
  const plain = readTypedNumber(typed, notation);
  if (plain.ok) return plain;
  const text = westernDigits(typed.trim());
  const parts = MEASURE.exec(text);
  if (!parts) return plain;
  const [, leadingSign = '', before = '', innerSign = '', digits = '', rest = ''] = parts;
  // A unit holds no digits: "0x10" or "1.2.3" stay what they are, not a number with a unit "x10".
  if ((leadingSign !== '' && innerSign !== '') || /\d/.test(before + rest)) return plain;
  const number = readTypedNumber(`${leadingSign || innerSign}${digits.trim()}`, notation);
  if (!number.ok || number.value === null) return number.ok ? plain : number;
  const after = rest.trim();
  const expected = unit?.trim() ?? '';
  const refuse = (named: string): TypedNumber => ({
    ok: false,
    problem: expected === '' ? `“${named}” is not a unit of ${subject}: it has none. Type the number alone.` : `“${named}” is not ${subject}'s unit (${expected}).`,
  });
  // The unit alone, before or after the number.
  if (before === '' && after !== '' && expected !== '' && sameUnit(after, expected)) return number;
  if (after === '' && before !== '' && expected !== '' && sameUnit(before, expected)) return number;
  // A scale word after the number, then the unit (or the unit before the number, or none).
  for (const [pattern, power] of SCALES) {
    const scale = pattern.exec(after);
    if (!scale) continue;
    const unitAfter = after.slice(scale[0].length).trim();
    const typedUnit = before !== '' ? (unitAfter === '' ? before : null) : unitAfter;
    if (typedUnit === null) return refuse(`${before} ${after}`.trim());
    if (typedUnit !== '' && (expected === '' || !sameUnit(typedUnit, expected))) return refuse(before !== '' ? typedUnit : after);
    if (!scaleFits(expected)) return refuse(after);
    // In decimal, not by multiplying: 1.1 × 1000 is 1100.0000000000002 in floating point, 1.1e3 is 1100.
    const [mantissa, exponent = '0'] = String(number.value).split('e');
    const scaled = Number(`${mantissa}e${Number(exponent) + power}`);
    return Number.isFinite(scaled) ? { ok: true, value: scaled } : { ok: false, problem: `"${text}" is too large a number.` };
  }
  if (before !== '' && after !== '') return refuse(`${before} ${after}`);
  return refuse(before !== '' ? before : after);
}
