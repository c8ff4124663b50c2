/**
 * The one rule for a number entering a plan — typed into a field or a check-in, read from a CSV or XLSX
 * cell, or from a plan file: it is kept exactly as written, or refused saying why. A plan stores numbers as
 * doubles, which keep any decimal of up to 15 significant digits exactly, and some longer ones
 * (0.30000000000000004); `12345678901234567890` is stored as 12345678901234567000 and would be shown as
 * that, without a word. So a number is taken when the double it reads as, written back in the shortest
 * form (what the app shows and exports), has the digits that were written; otherwise it is refused
 * naming how many significant digits it has, the limit (15) and what it would have become.
 */

/** Significant digits a number can always have and be kept exactly. */
export const EXACT_DIGITS = 15;

/**
 * The significant digits of a decimal number written as text (an optional sign, digits with at most one
 * point, an optional exponent): `-0012.3400e5` → `1234`; `0` → `0`.
 */
export function significantDigits(written: string): string {
  const mantissa = written.replace(/^[+\-\u2212]/, '').split(/[eE]/)[0]!;
  const digits = mantissa.replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return digits === '' ? '0' : digits;
}

/** How many digits a person counts in `written`: from the first non-zero one, zeros ending a fraction aside (`12345678901234567890` has 20). */
function digitCount(written: string): number {
  const mantissa = written.replace(/^[+\-\u2212]/, '').split(/[eE]/)[0]!;
  const trimmed = mantissa.includes('.') ? mantissa.replace(/0+$/, '') : mantissa;
  return Math.max(1, trimmed.replace('.', '').replace(/^0+/, '').length);
}

/**
 * `value` in plain decimal digits for a message: 12345678901234567000, not 1.2345678901234567e+19; in the
 * shortest form with an exponent where plain digits would run past 40 characters (5e-324 was written with
 * its 323 zeros, review37b B5; the input is cut at 40 too).
 */
function plain(value: number): string {
  if (Math.abs(value) < 1e21 && Math.abs(value) >= 1e-6 || value === 0) return String(value);
  const digits = value.toLocaleString('en', { useGrouping: false, maximumSignificantDigits: 17 });
  return digits.length <= 40 ? digits : String(value);
}

/**
 * Null when `value` keeps the number `written` exactly (in the shortest form it is shown in), else why
 * not: `"12345678901234567890" has 20 significant digits; a number is kept exactly with at most 15 (this
 * one would become 12345678901234567000). Round it to 15 significant digits or fewer.` `written` is the
 * number as `Number` reads it (digits, one point, an exponent); `shown` as the person wrote it.
 */
export function inexactNumberProblem(written: string, value: number, shown: string = written): string | null {
  if (!Number.isFinite(value)) return null;
  const digits = significantDigits(written);
  if (digits.length <= EXACT_DIGITS || digits === significantDigits(String(Math.abs(value)))) return null;
  return `"${shown.length > 40 ? `${shown.slice(0, 40)}…` : shown}" has ${digitCount(written)} significant digits; a number is kept exactly with at most ${EXACT_DIGITS} (this one would become ${plain(value)}). Round it to ${EXACT_DIGITS} significant digits or fewer.`;
}

/**
 * The same rule for a number a program wrote as a double's digits (an XLSX cell's `<v>`: Excel writes 17
 * significant digits, `0.10000000000000001` for 0.1): taken when the double, written with as many
 * significant digits as the text has, gives them back; a hand-made `12345678901234567890` does not.
 */
export function inexactStoredNumberProblem(written: string, value: number): string | null {
  if (!Number.isFinite(value)) return null;
  const digits = significantDigits(written);
  if (digits.length <= EXACT_DIGITS) return null;
  if (digits.length <= 100 && significantDigits(Math.abs(value).toPrecision(digits.length)) === digits) return null;
  return inexactNumberProblem(written, value);
}
