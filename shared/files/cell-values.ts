/**
 * Reading the values people type into spreadsheet cells: numbers written `45%`, `1,200`, `1.200,5`,
 * `$1.2M`, `8/10`; dates written `2025-09-30`, `30/09/2025`, `09/30/2025`; periods written `Q3 2025`.
 * Each reader returns a value or a problem as a value, never throws.
 */
import { isInvisibleOnly } from '../text/invisible-text.js';
import { cutText as cutShown } from '../text/cut-text.js';
import { FORMULA_GUARD } from './formula-guard.js';
import { utcDay } from '../model/dates.js';
import { inexactNumberProblem } from '../text/exact-number.js';
import { leadingCurrencyCode, leadingCurrencySign, trailingCurrencyCode, trailingCurrencySign } from './currency.js';

/**
 * An XLSX number cell with a percent number format: Excel stores a typed `45%` as 0.45 and shows it
 * as 45%; `percent` is the number shown (45). It reads as the text `45%` does in a CSV.
 */
export interface PercentCell {
  readonly percent: number;
}

/**
 * An XLSX cell holding a formula's error (`#DIV/0!`, `#REF!`, `#N/A`) instead of a value, with its
 * reference (`D5`): it reads as empty, and the row it is on says which cell and which error.
 * `unreadable`: the cell itself cannot be read (a shared string the workbook lacks, a number that is
 * none, a type no spreadsheet writes); `error` then says why. One such cell is the row's warning, not
 * the whole file's refusal.
 */
export interface ErrorCell {
  readonly error: string;
  readonly at: string;
  readonly unreadable?: true;
}

/**
 * An XLSX number cell whose format shows a currency (`"$"#,##0.00`, `#,##0.00 [$€-407]`, `£#,##0`):
 * the number, and the sign or code the format shows. It reads as the text `$800,000` does in a CSV:
 * the number, with the currency as its unit (review37a F10: the unit was dropped).
 */
export interface CurrencyCell {
  readonly amount: number;
  readonly currency: string;
}

/** A spreadsheet cell as read: text (CSV, XLSX text cells), a number (XLSX), a percentage or an amount in a currency (XLSX), a formula's error (XLSX), or empty. */
export type Cell = string | number | PercentCell | CurrencyCell | ErrorCell | null;

/** Whether the cell holds a formula's error rather than a value. */
export function isErrorCell(cell: Cell): cell is ErrorCell {
  return typeof cell === 'object' && cell !== null && 'error' in cell;
}

/**
 * `value` in plain decimal notation (`0.0000001`, `1000000000000000000000`), never the exponent
 * notation String() uses below 1e-6 and from 1e21, which a spreadsheet cell and readNumber do not
 * take. Number() of the result is `value` again: the digits are String()'s shortest round-trip ones.
 */
export function plainDecimal(value: number): string {
  const text = String(value);
  const exponent = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!exponent) return text;
  const [, sign, whole, fraction = '', power] = exponent;
  const digits = `${whole}${fraction}`;
  const point = whole!.length + Number(power);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** How a file writes decimals: `1,200.5` (dot) or `1.200,5` (comma). */
export type DecimalMark = 'dot' | 'comma';

/** How a file writes day-first or month-first dates: 30/09/2025 (dmy) or 09/30/2025 (mdy). */
export type DateOrder = 'dmy' | 'mdy';

/** A number read from a cell, with the unit its notation carried (`%`, `$`, `8/10` → out of 10). */
export interface ReadNumber {
  value: number;
  /** `%`, a currency sign, or null. */
  unit: string | null;
  /** For `8/10`: the 10. */
  outOf: number | null;
}

export type Read<T> = { ok: true; value: T } | { ok: false; problem: string };

const SCALE: Readonly<Record<string, number>> = { k: 1e3, K: 1e3, m: 1e6, M: 1e6, mn: 1e6, bn: 1e9, B: 1e9, b: 1e9 };

/** Cuts imported text to the model's limits (shared/text/cut-text.ts). */
export { cutText } from '../text/cut-text.js';

/**
 * True when the cell holds nothing but whitespace or zero-width characters (what a person sees as an
 * empty cell; the plan refuses such a title), or a formula's error (read as empty; the row says so).
 */
export function isBlank(cell: Cell): boolean {
  return cell === null || (typeof cell === 'string' && (cell.trim() === '' || isInvisibleOnly(cell))) || isErrorCell(cell);
}

/** The text of a cell, trimmed ('' for empty; numbers as JavaScript writes them). */
export function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  if (typeof cell === 'object') {
    if ('percent' in cell) return `${plainDecimal(cell.percent)}%`;
    if ('amount' in cell) return `${cell.amount < 0 ? '-' : ''}${cell.currency}${/^\p{L}/u.test(cell.currency) ? ' ' : ''}${plainDecimal(Math.abs(cell.amount))}`;
    return '';
  }
  // Our own CSV export writes '=… (also after a ; or , inside the text) for text that would run as a
  // formula; read it back as written. Before trimming, as the guard can sit before a tab or CR at the end.
  const text = cell.replace(FORMULA_GUARD, '').trim();
  if (isInvisibleOnly(text)) return '';
  return text;
}

/**
 * The decimal mark a bare digit string uses, or null when it does not tell: `1.200,5` and `3,25` are
 * comma; `1,200.5` and `3.25` are dot; `1,200` and `1.200` (one separator, three digits after) could be
 * either.
 */
export function decimalEvidence(text: string): DecimalMark | null {
  const digits = text.replace(/[^0-9.,]/g, '');
  const lastComma = digits.lastIndexOf(','), lastDot = digits.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) return lastComma > lastDot ? 'comma' : 'dot';
  const mark = lastComma >= 0 ? ',' : lastDot >= 0 ? '.' : null;
  if (mark === null) return null;
  const parts = digits.split(mark);
  if (parts.length > 2) return mark === ',' ? 'dot' : 'comma'; // 1,200,300: the repeated mark groups thousands
  // 0.500 and .500: a thousands group never follows a bare zero (or nothing), so the mark is the decimal one.
  if (parts[1]!.length !== 3 || !/^[1-9]/.test(parts[0]!)) return mark === ',' ? 'comma' : 'dot';
  return null;
}

/**
 * Apostrophes that group thousands: Swiss and Liechtenstein spreadsheets write `1'234.50` (or with the
 * typographic `’`), whatever the decimal mark (review37a F12: refused as "not a number"). Never a
 * decimal mark, so they say nothing about the file's notation.
 */
const APOSTROPHE_GROUPS = /['’]/;

/** Reads the digits part of a number (no sign, unit or scale) in the file's decimal mark, as `Number` reads them (`1234.5`). */
function plainDigits(digits: string, mark: DecimalMark): string | null {
  const decimal = mark === 'dot' ? '.' : ',';
  // Group separators must separate groups of three: "1,2,3" is not a number in either convention.
  const [whole, fraction, ...rest] = digits.split(decimal);
  if (rest.length > 0 || whole === undefined) return null;
  // One kind of group separator in a number: `1'234,567` is no number (the `,` is left in a group and refused).
  const group = APOSTROPHE_GROUPS.test(whole) ? APOSTROPHE_GROUPS : mark === 'dot' ? ',' : '.';
  const groups = whole.split(group);
  if (groups.length > 1 && (!/^[1-9]\d{0,2}$/.test(groups[0]!) || groups.slice(1).some((part) => !/^\d{3}$/.test(part)))) return null;
  const integer = groups.join('');
  if (!/^\d*$/.test(integer) || (fraction !== undefined && !/^\d+$/.test(fraction)) || (integer === '' && fraction === undefined)) return null;
  return `${integer || '0'}${fraction !== undefined ? `.${fraction}` : ''}`;
}

/**
 * The number of a cell's digits part, or the problem with it: unreadable (null), or holding more significant
 * digits than the plan keeps (shared/text/exact-number.ts): `12345678901234567890` is refused here, in the
 * preview, rather than stored as 12345678901234567000.
 */
function readDigits(digits: string, mark: DecimalMark, cell: Cell): number | null | { problem: string } {
  const plain = plainDigits(digits, mark);
  if (plain === null) return null;
  const value = Number(plain);
  const inexact = inexactNumberProblem(plain, value, cellText(cell));
  return inexact ? { problem: inexact.replace(/\.$/, '') } : value;
}

/** Reads a number cell: plain, thousands-grouped, percent, currency, scaled (`$1.2M`) or a ratio (`8/10`). */
export function readNumber(cell: Cell, mark: DecimalMark): Read<ReadNumber> {
  if (typeof cell === 'number') return Number.isFinite(cell) ? { ok: true, value: { value: cell, unit: null, outOf: null } } : { ok: false, problem: 'is not a finite number' };
  if (typeof cell === 'object' && cell !== null && 'amount' in cell) {
    return Number.isFinite(cell.amount) ? { ok: true, value: { value: cell.amount, unit: cell.currency, outOf: null } } : { ok: false, problem: 'is not a finite number' };
  }
  // Read as the CSV's `45%` is; its text is written with a decimal point whatever the file's notation.
  if (typeof cell === 'object' && cell !== null) return readNumber(cellText(cell), 'dot');
  const text = cellText(cell).replace(/[\s\u00a0\u202f]/g, '');
  if (text === '') return { ok: false, problem: 'is empty' };
  const ratio = /^(-?[\d.,]+)\/([\d.,]+)$/.exec(text);
  if (ratio) {
    const value = readDigits(ratio[1]!.replace('-', ''), mark, cell), outOf = readDigits(ratio[2]!, mark, cell);
    if (typeof value === 'object' && value !== null) return { ok: false, problem: value.problem };
    if (typeof outOf === 'object' && outOf !== null) return { ok: false, problem: outOf.problem };
    if (value === null || outOf === null || outOf === 0) return { ok: false, problem: `"${text}" is not a number` };
    return { ok: true, value: { value: ratio[1]!.startsWith('-') ? -value : value, unit: null, outOf } };
  }
  let rest = text;
  let negative = false;
  if (/^\(.*\)$/.test(rest)) { negative = true; rest = rest.slice(1, -1); } // accounting negatives
  if (rest.startsWith('-') || rest.startsWith('−')) { negative = !negative; rest = rest.slice(1); }
  let unit: string | null = null;
  // A currency before or after: a sign (`$`, `€`, `US$`) or an ISO code (`USD 100`, `100 EUR`: review37a F12),
  // the spaces between already gone. The unit is the sign or code as written.
  const leadingCurrency = leadingCurrencySign(rest) ?? leadingCurrencyCode(rest);
  if (leadingCurrency) { unit = leadingCurrency; rest = rest.slice(leadingCurrency.length); }
  if (rest.startsWith('-') || rest.startsWith('−')) { negative = !negative; rest = rest.slice(1); }
  const trailingCode = trailingCurrencyCode(rest);
  const trailingCurrency = trailingCode ?? (unit === null ? trailingCurrencySign(rest) : null);
  if (trailingCurrency) { unit = trailingCurrency; rest = rest.slice(0, -trailingCurrency.length); }
  if (rest.endsWith('%')) { unit = unit ?? '%'; rest = rest.slice(0, -1); }
  // Scientific notation, as Excel writes a large number in a General cell ("1.23457E+11") and people type "1e6".
  const scientific = new RegExp(`^(\\d+(?:\\${mark === 'dot' ? '.' : ','}\\d+)?)[eE]([+-]?\\d{1,4})$`).exec(rest);
  if (scientific) {
    const written = `${scientific[1]!.replace(',', '.')}e${scientific[2]}`;
    const mantissa = Number(scientific[1]!.replace(',', '.'));
    const value = Number(written);
    if (!Number.isFinite(value)) return { ok: false, problem: `"${cellText(cell)}" is too large a number` };
    if (value === 0 && mantissa !== 0) return { ok: false, problem: `"${cellText(cell)}" is too small a number to keep: it would be stored as 0` };
    const inexact = inexactNumberProblem(written, value, cellText(cell));
    if (inexact) return { ok: false, problem: inexact.replace(/\.$/, '') };
    return { ok: true, value: { value: negative ? -value : value, unit, outOf: null } };
  }
  let scale = 1;
  const scaleMatch = /(k|K|m|M|mn|bn|B|b)$/.exec(rest);
  if (scaleMatch && /\d$/.test(rest.slice(0, -scaleMatch[1]!.length))) { scale = SCALE[scaleMatch[1]!]!; rest = rest.slice(0, -scaleMatch[1]!.length); }
  const digits = readDigits(rest, mark, cell);
  if (digits === null) return { ok: false, problem: `"${cellText(cell)}" is not a number` };
  if (typeof digits === 'object') return { ok: false, problem: digits.problem };
  // Scaling by a power of ten in decimal keeps 1.2M at exactly 1200000.
  const value = scale === 1 ? digits : Number((digits * scale).toPrecision(15));
  // 400 digits read as Infinity: refused here, in the preview, not first by the plan at Import (as `1e400` was).
  if (!Number.isFinite(value)) return { ok: false, problem: `"${cutShown(cellText(cell), 30)}${cellText(cell).length > 30 ? '…' : ''}" is too large a number` };
  return { ok: true, value: { value: negative ? -value : value, unit, outOf: null } };
}

/** A calendar date read from a cell; `ambiguous` when day and month could be swapped. */
export interface ReadDate {
  /** YYYY-MM-DD. */
  date: string;
  ambiguous: boolean;
  /** Read from text holding a spreadsheet serial day number (a CSV's "46361"): the row says so. */
  fromSerial?: boolean;
}

function isoDate(year: number, month: number, day: number): string | null {
  const ms = utcDay(year, month - 1, day);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return null;
  return back.toISOString().slice(0, 10);
}

/** Spreadsheet serial day 0 is 1899-12-30 (Excel's 1900 leap-year bug folded in). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/**
 * Serial day numbers read as dates when a date column holds them as CSV text or as unstyled XLSX numbers (Excel wrote the cell's
 * number, not its date, when the column was not formatted as a date): 1990-01-01 to 2099-12-31. A plan's
 * dates fall in there; a number outside is more likely something else typed in the wrong column (a
 * budget, an id), and is refused rather than read as a date in 1933 or 2240.
 */
const PLAUSIBLE_SERIALS = { first: 32_874, last: 73_050 } as const;

/** The calendar date (YYYY-MM-DD) of a spreadsheet serial day number in the 1900 system. */
function serialDate(serial: number): string {
  return new Date(EXCEL_EPOCH_MS + serial * 86_400_000).toISOString().slice(0, 10);
}

/**
 * A date written with dots (05.12.2026, as German, Swiss, Austrian, Russian, Polish or Turkish Excel
 * writes it) is day first: no convention writes month.day.year. So it is never ambiguous, and it says
 * nothing about how the same file's slash dates are ordered (someone's 09/30/2025 beside it).
 */
const DOTTED_DATE = /^\d{1,2}\.\d{1,2}\.(?:\d{2}|\d{4})$/;

/**
 * A time after a date, as spreadsheets write a date-time cell into CSV (`9/30/2025 17:30`, Excel's
 * format 22; `30.09.2025 17:30:00`; `2025/09/30 5:30 PM`): the date part is the date, as ISO's is.
 */
const TRAILING_TIME = /(?:[ T]+|,\s*)\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:\s*[AaPp]\.?\s?[Mm]\.?)?$/;

/** A date cell's text without a time after it. */
function withoutTime(text: string): string {
  return text.replace(TRAILING_TIME, '');
}

/**
 * The longest text read as a date. The longest form written above, `30 de septiembre de 2025, 5:30:00.000 p. m.`,
 * is under 50 characters. A longer cell is no date and is refused before any pattern runs: TRAILING_TIME
 * is not anchored at the start, so on a run of spaces or Ts it retries from every position, and one
 * 160,000-character cell (`1TTTT…x`) kept the import busy for half a minute per reading (review39a F2).
 */
const MAX_DATE_TEXT = 64;

/**
 * Month names and their short forms, as English, German, French and Spanish spreadsheets write them
 * (lower case, accents kept and dropped both): `30-Sep-25` (Excel's built-in d-mmm-yy), `Sep 30, 2025`,
 * `30 September 2025`, `30. Sep. 2025`, `30 sept. 2025`, `30 de septiembre de 2025`. A month by name
 * is never ambiguous.
 */
const MONTH_NAMES: ReadonlyMap<string, number> = new Map(([
  ['jan', 'january', 'januar', 'jän', 'jänner', 'janvier', 'janv', 'enero', 'ene'],
  ['feb', 'february', 'februar', 'février', 'févr', 'fév', 'fevrier', 'fevr', 'fev', 'febrero'],
  ['mar', 'march', 'märz', 'mär', 'mrz', 'maerz', 'mars', 'marzo'],
  ['apr', 'april', 'avril', 'avr', 'abril', 'abr'],
  ['may', 'mai', 'mayo'],
  ['jun', 'june', 'juni', 'juin', 'junio'],
  ['jul', 'july', 'juli', 'juillet', 'juil', 'julio'],
  ['aug', 'august', 'août', 'aout', 'aoû', 'aou', 'agosto', 'ago'],
  ['sep', 'sept', 'september', 'septembre', 'septiembre', 'setiembre', 'set'],
  ['oct', 'october', 'oktober', 'okt', 'octobre', 'octubre'],
  ['nov', 'november', 'novembre', 'noviembre'],
  ['dec', 'december', 'dezember', 'dez', 'décembre', 'déc', 'decembre', 'diciembre', 'dic'],
] as const).flatMap((names, month) => names.map((name) => [name, month + 1] as const)));

const MONTH_WORD = '(\\p{L}+)\\.?';
/** `30-Sep-25`, `30 September 2025`, `30. Sep. 2025`, `30 de septiembre de 2025`. */
const DAY_MONTH_YEAR = new RegExp(`^(\\d{1,2})\\.?[\\s-]+(?:de\\s+)?${MONTH_WORD}[\\s,-]+(?:de\\s+)?(\\d{2}|\\d{4})$`, 'iu');
/** `Sep 30, 2025`, `September 30 2025`, `Sep 30th, 2025`. */
const MONTH_DAY_YEAR = new RegExp(`^${MONTH_WORD}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})$`, 'iu');

/** The month (1–12) of a month's name or short form in any case, or null. */
function monthOfName(word: string): number | null {
  return MONTH_NAMES.get(word.toLowerCase()) ?? null;
}

/** A year written with two digits is this century's, as the slash dates' are. */
const fullYear = (written: string) => (written.length === 2 ? 2000 + Number(written) : Number(written));

/** Which order a slash date's first two parts force: 30/09 is dmy, 09/30 is mdy, 03/04 neither; a dotted date tells nothing. */
export function dateOrderEvidence(cell: Cell): DateOrder | null {
  const written = cellText(cell);
  if (written.length > MAX_DATE_TEXT) return null;
  const text = withoutTime(written);
  if (DOTTED_DATE.test(text)) return null;
  const match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(text);
  if (!match) return null;
  const first = Number(match[1]), second = Number(match[2]);
  if (first > 12 && second <= 12) return 'dmy';
  if (second > 12 && first <= 12) return 'mdy';
  return null;
}

/** Reads a date cell: ISO, dd/mm/yyyy or mm/dd/yyyy (in `order`), or a spreadsheet serial number. */
export function readDate(cell: Cell, order: DateOrder): Read<ReadDate> {
  // A number (an XLSX cell holding a number in a date column without a date style) is a serial day as
  // CSV text is: read only in the plausible range, and the row says so (usercheck13; it was read for
  // any 1..2958465, a budget of 1200 becoming 1903-04-14 without a word).
  if (typeof cell === 'number') {
    if (!Number.isInteger(cell)) return { ok: false, problem: `${cell} is not a date` };
    return readSerial(cell, String(cell));
  }
  const text = cellText(cell);
  if (text.length > MAX_DATE_TEXT) return { ok: false, problem: `"${cutShown(text, 30)}…" is not a date: it is ${text.length.toLocaleString('en')} characters long (write 2025-09-30, 30/09/2025 or 09/30/2025)` };
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(text);
  if (iso) {
    const date = isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    return date ? { ok: true, value: { date, ambiguous: false } } : { ok: false, problem: `"${text}" is not a calendar date` };
  }
  // Any form below may have a time after it (the date part is taken, as ISO's is). Before, ISO with a
  // time was read and 9/30/2025 17:30 refused; so were 2025/09/30 (the short date of Japanese, Chinese
  // and Korean Windows) and months by name (Excel's 30-Sep-25): review37a F4.
  const dated = withoutTime(text);
  const yearFirst = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})\.?$/.exec(dated);
  if (yearFirst) {
    // Year first is always year/month/day: no convention writes year/day/month.
    const date = isoDate(Number(yearFirst[1]), Number(yearFirst[2]), Number(yearFirst[3]));
    return date ? { ok: true, value: { date, ambiguous: false } } : { ok: false, problem: `"${text}" is not a calendar date` };
  }
  const dayFirst = DAY_MONTH_YEAR.exec(dated), monthFirst = dayFirst ? null : MONTH_DAY_YEAR.exec(dated);
  const named = dayFirst ? { day: dayFirst[1]!, month: dayFirst[2]!, year: dayFirst[3]! } : monthFirst ? { day: monthFirst[2]!, month: monthFirst[1]!, year: monthFirst[3]! } : null;
  if (named && monthOfName(named.month) !== null) {
    const date = isoDate(fullYear(named.year), monthOfName(named.month)!, Number(named.day));
    return date ? { ok: true, value: { date, ambiguous: false } } : { ok: false, problem: `"${text}" is not a calendar date` };
  }
  const slash = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(dated);
  if (slash) {
    const first = Number(slash[1]), second = Number(slash[2]);
    const year = fullYear(slash[3]!);
    const forced = DOTTED_DATE.test(dated) ? 'dmy' : dateOrderEvidence(dated);
    const use = forced ?? order;
    const date = use === 'dmy' ? isoDate(year, second, first) : isoDate(year, first, second);
    if (!date) return { ok: false, problem: `"${text}" is not a calendar date` };
    return { ok: true, value: { date, ambiguous: forced === null && first !== second } };
  }
  if (/^\d{1,6}$/.test(text)) return readSerial(Number(text), text);
  return { ok: false, problem: `"${text}" is not a date (write 2025-09-30, 30/09/2025 or 09/30/2025)` };
}

/** A serial day number read as a date in 1990–2099 (marked `fromSerial`), or refused naming the date it would be. */
function readSerial(serial: number, text: string): Read<ReadDate> {
  if (serial >= PLAUSIBLE_SERIALS.first && serial <= PLAUSIBLE_SERIALS.last) return { ok: true, value: { date: serialDate(serial), ambiguous: false, fromSerial: true } };
  return { ok: false, problem: `"${text}" is not a date: as a spreadsheet date number it would be ${serial >= 1 && serial <= 2_958_465 ? serialDate(serial) : 'no date'}, outside 1990–2099 (write 2025-09-30, 30/09/2025 or 09/30/2025)` };
}

/** A named period read from a cell such as `Q3 2025`, `2025-Q3`, `H1 2026` or `FY2026`. */
export interface ReadPeriod {
  name: string;
  start: string;
  end: string;
}

function lastDay(year: number, month: number): string {
  return new Date(utcDay(year, month, 0)).toISOString().slice(0, 10);
}

/** Reads a period cell; `Q3 2025` becomes the period "2025-Q3", 1 July to 30 September. */
export function readPeriod(cell: Cell): Read<ReadPeriod> {
  const read = periodDates(cellText(cell).toUpperCase().replace(/\s+/g, ' '));
  if (!read.ok) return { ok: false, problem: `"${cellText(cell)}" is not a period (write Q3 2025, 2025-Q3, H1 2026 or 2026)` };
  // The name as the sheet writes it (a plan's "Q4 2026" exported and imported again stayed "Q4 2026"
  // nowhere: it came back as "2026-Q4"); rows naming the same dates otherwise share one period (apply-import.ts).
  return { ok: true, value: { ...read.value, name: cellText(cell).trim().replace(/\s+/g, ' ') } };
}

/** The dates of a period written as Q3 2025, 2025-Q3, H1 2026, 2026 or FY2026 (upper case, single spaces), with its usual name. */
function periodDates(text: string): Read<ReadPeriod> {
  const quarterFirst = /^Q([1-4])[ /-]?(?:FY ?)?(\d{4})$/.exec(text);
  const yearFirst = /^(?:FY ?)?(\d{4})[ /-]?Q([1-4])$/.exec(text);
  if (quarterFirst || yearFirst) {
    const q = Number(quarterFirst ? quarterFirst[1] : yearFirst![2]);
    const year = Number(quarterFirst ? quarterFirst[2] : yearFirst![1]);
    return { ok: true, value: { name: `${year}-Q${q}`, start: `${year}-${String((q - 1) * 3 + 1).padStart(2, '0')}-01`, end: lastDay(year, q * 3) } };
  }
  const half = /^H([12]) ?(\d{4})$/.exec(text);
  if (half) {
    const h = Number(half[1]), year = Number(half[2]);
    return { ok: true, value: { name: `${year}-H${h}`, start: `${year}-${h === 1 ? '01' : '07'}-01`, end: lastDay(year, h * 6) } };
  }
  const year = /^(?:FY ?)?(\d{4})$/.exec(text);
  if (year) return { ok: true, value: { name: text.startsWith('FY') ? `FY${year[1]}` : year[1]!, start: `${year[1]}-01-01`, end: `${year[1]}-12-31` } };
  return { ok: false, problem: 'not a period' };
}
