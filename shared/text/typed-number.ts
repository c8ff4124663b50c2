/**
 * Reading a number a person typed into a field of the app (a target, a check-in value, a weight).
 * `Number()` takes far more than people mean: `0x10` is 16, `0b11` is 3, and the old
 * `Number(text.replace(',', '.'))` read `1,500` — a thousand and a half users, in English notation —
 * as 1.5, without a word. Here a number is digits with at most one decimal mark and an optional
 * exponent; thousands groups are taken where the notation is unambiguous (`1,234.5`, `1.234,5`,
 * `12,500,000`, `12.500.000`); a comma followed by exactly three digits (`1,500`) could be either, so it is refused
 * with both readings. A point is always the decimal mark when it could be one: the app writes numbers
 * back with a point, so `1.500` is 1.5 as it will be shown.
 */

export type TypedNumber = { ok: true; value: number | null } | { ok: false; problem: string };

const SHAPE = /^([+\-\u2212]?)(\d[\d.,]*|[.,]\d+)(?:[eE]([+-]?\d+))?$/;

/** The digits with `decimal` as the decimal mark and `group` as thousands separators (groups of three), or null. */
function readDigits(digits: string, decimal: '.' | ',', group: '.' | ','): number | null {
  const [whole = '', fraction, ...rest] = digits.split(decimal);
  if (rest.length > 0) return null;
  const groups = whole.split(group);
  if (groups.length > 1 && (!/^\d{1,3}$/.test(groups[0]!) || groups.slice(1).some((part) => !/^\d{3}$/.test(part)))) return null;
  const integer = groups.join('');
  if (!/^\d*$/.test(integer) || (fraction !== undefined && !/^\d+$/.test(fraction))) return null;
  if (integer === '' && fraction === undefined) return null;
  return Number(`${integer || '0'}${fraction !== undefined ? `.${fraction}` : ''}`);
}

/** Reads a typed number: `{ value: null }` for an empty field, the number, or the problem in words. */
export function readTypedNumber(typed: string): TypedNumber {
  const text = typed.trim();
  if (text === '') return { ok: true, value: null };
  const shape = SHAPE.exec(text);
  if (!shape) return { ok: false, problem: `"${text}" is not a number.` };
  const [, sign, digits = '', exponent] = shape;
  const comma = digits.lastIndexOf(','), point = digits.lastIndexOf('.');
  let value: number | null;
  if (comma >= 0 && point >= 0) {
    // Both marks: the last one is the decimal mark, the other groups thousands (1,234.5 / 1.234,5).
    value = comma > point ? readDigits(digits, ',', '.') : readDigits(digits, '.', ',');
  } else if (comma >= 0) {
    const parts = digits.split(',');
    if (parts.length > 2) value = readDigits(digits, '.', ',');  // 12,500,000
    else if (parts[1]!.length === 3 && /^[1-9]\d{0,2}$/.test(parts[0]!)) {
      const grouped = Number(`${parts[0]}${parts[1]}`), decimal = Number(`${parts[0]}.${parts[1]}`);
      return { ok: false, problem: `"${text}" could be ${sign}${grouped} or ${sign}${decimal}: type ${sign}${grouped} without the comma, or ${sign}${decimal} with a point.` };
    } else value = readDigits(digits, ',', '.');  // 3,25 or 0,500: a decimal comma
  } else if (digits.split('.').length > 2) value = readDigits(digits, ',', '.');  // 12.500.000
  else value = readDigits(digits, '.', ',');
  // An exponent only after a plain number (1e6, 2.5e-3), never after thousands groups.
  if (value === null || (exponent !== undefined && (comma >= 0 || digits.split('.').length > 2))) return { ok: false, problem: `"${text}" is not a number.` };
  const number = (sign === '' || sign === '+' ? 1 : -1) * (exponent === undefined ? value : Number(`${value}e${exponent}`));
  if (!Number.isFinite(number)) return { ok: false, problem: `"${text}" is too large a number.` };
  return { ok: true, value: number };
}
