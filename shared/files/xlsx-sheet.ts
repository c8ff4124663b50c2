/**
 * Reads one XLSX worksheet's cells in a single pass over its XML: each `<c>`'s value with its type
 * (`t`) and its style (`s`), so a number formatted as a percentage or a date is told at the cell,
 * and a formula's error (`t="e"`, `#DIV/0!`) is kept with its cell reference rather than dropped.
 * The rows come out as the import reads them: row 1 first, gaps filled with empty cells, trailing
 * empty rows and columns dropped, text trimmed but for the blanks that indent it.
 */
import type { Cell } from './cell-values.js';
import { GUARD_AFTER_INDENT } from './formula-guard.js';
import { LEADING_BLANKS, type CellIndent } from './sheet-table.js';
import type { NumberStyle } from './xlsx-styles.js';
import { elementBodies, stringItemText, unescapeXlsxString, unescapeXml } from './xlsx-xml.js';
import { EXACT_DIGITS, inexactStoredNumberProblem } from '../text/exact-number.js';

/** What the sheet's cells refer to: the workbook's shared strings and its cell styles. */
export interface SheetContext {
  sharedStrings: readonly string[];
  numberStyles: readonly NumberStyle[];
  /** Each cell style's alignment indent (xlsx-styles.ts readAlignmentIndents); none read when absent. */
  alignmentIndents?: readonly number[];
  /** The workbook counts days from 1904 (old Mac Excel's `date1904`). */
  epoch1904: boolean;
  /**
   * How many rows and columns a table may have: a cell with a value outside is not placed (a stray
   * `x` typed in column XFD made every one of 20,000 rows 16,384 cells wide: 3.6 GB and 77 s before
   * the sheet was refused as "Row 1 has 16384 columns"), the first such is kept in `outside`.
   */
  limits?: { rows: number; columns: number };
}

/** The first cell with a value outside SheetContext.limits, in the sheet's order: where it is and what it holds. */
export interface OutsideCell {
  row: number;
  column: number;
  value: Cell;
}

/** The shared strings of xl/sharedStrings.xml, in order. */
export function readSharedStrings(xml: string): string[] {
  // The open tag must not be self-closed: `<si/>` (an empty string, as some writers save one) read as
  // the open tag of the next item, ran to its `</si>`, and every later string was its neighbour's (review37a F13).
  return elementBodies(xml, 'si', 'its shared string').map((item, index) => {
    try {
      return stringItemText(item);
    } catch (error) {
      throw new Error(`its shared string ${index + 1}: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
}

const DAY_MS = 86_400_000;
/** Serial day 25569 is 1970-01-01 in the 1900 system (which counts 1900 as a leap year, as Lotus did). */
const UNIX_EPOCH_SERIAL = 25_569;
/** The 1904 system starts 1,462 days later. */
const EPOCH_1904_OFFSET = 1_462;

/** The calendar date (YYYY-MM-DD, UTC) of an Excel serial day number; null when out of range. */
function serialDate(serial: number, epoch1904: boolean): string | null {
  const time = Math.floor((serial + (epoch1904 ? EPOCH_1904_OFFSET : 0) - UNIX_EPOCH_SERIAL) * DAY_MS);
  const date = new Date(time);
  return Number.isNaN(date.getTime()) ? null : date.toISOString().slice(0, 10);
}

/** The 0-based column of a cell reference's letters (`B5` → 1), or null. */
function columnOf(reference: string): number | null {
  let column = 0, index = 0;
  for (; index < reference.length; index++) {
    const code = reference.charCodeAt(index) & ~0x20; // upper case
    if (code < 65 || code > 90) break;
    column = column * 26 + code - 64;
  }
  return index === 0 ? null : column - 1;
}

/** `D5` for 0-based row 4, column 3: how the sheet's owner finds the cell. */
export function cellReference(row: number, column: number): string {
  return `${columnLetters(column)}${row + 1}`;
}

/** `D` for 0-based column 3, `AA` for 26: the letters a spreadsheet shows above the column. */
export function columnLetters(column: number): string {
  let name = '';
  for (let n = column + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/**
 * A cell's text value, trimmed but for the spaces (and tabs) before it, or null when it is empty. Those
 * are kept as a CSV's cell keeps them: an outline indented with spaces in its Title column gives the rows'
 * levels (import-preview.ts indentLevels), in an .xlsx as in a .csv (leftovers44b; before, the reader
 * trimmed them and the hierarchy was lost). Whoever reads a cell trims it, as for CSV.
 */
const textCell = (text: string): Cell => {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const indent = LEADING_BLANKS.exec(text)![0];
  return indent === '' ? trimmed : indent + trimmed.replace(GUARD_AFTER_INDENT, '');
};

/** A cell that cannot be read, kept with where it is and why (cell-values.ts ErrorCell). */
class UnreadableCell extends Error {}

/**
 * The calendar date of a `t="d"` cell (ISO 8601, `2025-10-02T00:00:00` as Excel and LibreOffice write
 * it, perhaps with `Z` or an offset): the date as written. Read through `Date`, a value without a zone
 * is local time, so east of Greenwich it was the day before once turned to UTC; and a zone given would
 * move the date to UTC's. The person typed this date: it is kept.
 */
function isoCellDate(text: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/.exec(text);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!match || !date || date.getUTCDate() !== Number(match[3]) || date.getUTCMonth() !== Number(match[2]) - 1) {
    throw new UnreadableCell(`it holds the date ${JSON.stringify(text.slice(0, 30))}, which is not a calendar date`);
  }
  return `${match[1]}-${match[2]}-${match[3]}`;
}

/**
 * The value of one `<c>`, from its type, style and the text of its `<v>` (or its inline string); a
 * cell it cannot read becomes an unreadable cell naming why, so the row says it and the rest is read.
 */
function cellValue(type: string | null, style: string | null, body: string, row: number, column: number, context: SheetContext): Cell {
  try {
    return readCellValue(type, style, body, row, column, context);
  } catch (error) {
    if (!(error instanceof UnreadableCell)) throw error;
    return { error: error.message, at: cellReference(row, column), unreadable: true };
  }
}

/** A cell's formula (its `<f>`, self-closed when shared). */
const FORMULA = /<(?:\w+:)?f\b/;

/** Longest formula text a warning quotes. */
const FORMULA_QUOTED = 40;

/**
 * A formula cell with no saved result: a program that writes workbooks without calculating them
 * (openpyxl, pandas, a report generator) leaves only the formula, and the value a person sees once the
 * sheet opens in Excel is in no byte of the file. Read as empty without a word, a key result's Current
 * of `=SUM(…)` was lost unseen; the cell is named, and how to get its value said.
 */
function unsavedFormula(type: string | null, body: string): void {
  const formula = /<(?:\w+:)?f\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?f>)/.exec(body);
  // `<v/>` on a text cell (`t="str"`): a result saved, and empty text. On any other cell it saves
  // nothing: no number, date or truth value is empty, and openpyxl (so pandas) writes every formula
  // it cannot calculate as `<f>…</f><v />` with no type (usercheck6: read as empty without a word).
  if (!formula || (type === 'str' && /<(?:\w+:)?v\b[^>]*\/>/.test(body))) return;
  const text = unescapeXml(formula[1] ?? '').trim();
  const shown = text === '' ? 'a formula' : `the formula =${text.length > FORMULA_QUOTED ? `${text.slice(0, FORMULA_QUOTED)}…` : text}`;
  throw new UnreadableCell(`it holds ${shown} with no saved result: the program that wrote the file did not calculate it; open the file in Excel, LibreOffice or Numbers, save it, and import it again`);
}

function readCellValue(type: string | null, style: string | null, body: string, row: number, column: number, context: SheetContext): Cell {
  const at = () => cellReference(row, column);
  if (type === 'inlineStr') {
    const item = /<(?:\w+:)?is\b[^>]*>([\s\S]*?)<\/(?:\w+:)?is>/.exec(body);
    if (!item) return null;
    try {
      return textCell(stringItemText(item[1]!));
    } catch (error) {
      throw new UnreadableCell(error instanceof Error ? error.message : String(error));
    }
  }
  const v = /<(?:\w+:)?v(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?v>/.exec(body)?.[1];
  if (v === undefined) unsavedFormula(type, body);
  if (v === undefined || v === '') return null; // empty, or a formula whose saved result is empty text
  switch (type ?? 'n') {
    case 's': {
      const text = context.sharedStrings[Number(v)];
      if (text === undefined) throw new UnreadableCell(`it refers to shared string ${JSON.stringify(v.slice(0, 20))}, which the workbook does not have`);
      return textCell(text);
    }
    case 'str': return textCell(unescapeXlsxString(unescapeXml(v)));
    case 'b': return v === '1' ? 'TRUE' : v === '0' ? 'FALSE' : null;
    // A formula whose calculation failed: kept with where it is, so the row can say so.
    case 'e': return { error: unescapeXml(v).trim(), at: at() };
    case 'd': return isoCellDate(unescapeXml(v).trim());
    case 'n': {
      if (v.trim() === '') return null;
      const number = Number(v);
      if (!Number.isFinite(number)) throw new UnreadableCell(`it holds ${JSON.stringify(v.slice(0, 20))}, which is not a number`);
      const kind = style === null ? 'number' : context.numberStyles[Number(style)] ?? 'number';
      if (kind === 'date') return serialDate(number, context.epoch1904);
      // More significant digits than a double keeps (a hand-made `<v>12345678901234567890</v>`; Excel itself
      // writes a double's 17): the digits as written, as text, so a number column refuses them by name
      // (shared/text/exact-number.ts) and a text column keeps them — never 12345678901234567000.
      if (inexactStoredNumberProblem(v.trim(), number)) return textCell(v.trim());
      // Scaling in decimal keeps 0.45 at exactly 45 (0.45 * 100 is 45.00000000000001).
      if (kind === 'percent') return { percent: Number((number * 100).toPrecision(EXACT_DIGITS)) };
      // A formula's result as Excel shows it, and as its own CSV writes it: at most 15 significant digits. Its
      // cached result carries the binary noise of its sum (`=C2*1.1` is 110.00000000000001, `=0.1+0.2` is
      // 0.30000000000000004), which came into the plan and every export where Excel showed 110 (review37a F5).
      // A constant is the double written: a typed one (Excel writes 0.1 as 0.10000000000000001) is the number
      // typed, and a plan's own value written by our export (any double the plan keeps) comes back as itself.
      const value = FORMULA.test(body) ? Number(number.toPrecision(EXACT_DIGITS)) : number;
      // An amount in a currency format keeps its sign or code, as the CSV's `$800,000` does (review37a F10).
      return typeof kind === 'object' ? { amount: value, currency: kind.currency } : value;
    }
    default: throw new UnreadableCell(`it has the unknown type ${JSON.stringify(type!.slice(0, 20))}`);
  }
}

/**
 * A `<row>` start tag (self-closing or not), a `</row>`, or a whole `<c>` (self-closing, or up to its
 * `</c>`). `\b` keeps `<cols>`, `<rowBreaks>` and the like out. A cell's body is looked for only up to
 * the next cell or row tag, and a tag's attributes up to the next `<`: a `<c>` never closed ran to the
 * end of the sheet looking for its `</c>`, from every such cell, so a sheet of them cost the square of
 * its length (703 kB: 20 s; review39a F9's pattern in the sheet). One is matched by the last group, and refused.
 */
const SHEET_TOKENS = /<(?:\w+:)?row\b([^<>]*?)(\/?)>|<\/(?:\w+:)?row>|<(?:\w+:)?c\b([^<>]*?)(?:\/>|>([^<]*(?:<(?!\/?(?:\w+:)?(?:c|row)\b)[^<]*)*)<\/(?:\w+:)?c>|(>))/g;
/** The `r`, `s` and `t` attributes of a `<c>` start tag, in any order. */
const CELL_ATTRIBUTES = /\s(r|s|t)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** A `<row>` or `<col>` hidden in the sheet (by hand, or by a filter): `hidden="1"` (Excel) or `hidden="true"` (LibreOffice). */
const HIDDEN_ROW = /\shidden\s*=\s*["'](?:1|true)["']/;

/** A `<col>` of the sheet's `<cols>`: the columns `min`–`max` (1-based) share its width and whether they are hidden. */
const COLUMN_TAG = /<(?:\w+:)?col\b([^>]*?)\/?>/g;

/**
 * The 0-based columns, under `width`, that the sheet hides (`<col min max hidden="1">`): by hand, or
 * Excel's habit of hiding every unused column to the sheet's last. They are read like the others, and
 * the preview says so.
 */
export function readHiddenColumns(sheetXml: string, width: number): number[] {
  const end = sheetXml.search(/<(?:\w+:)?sheetData\b/);
  const head = end < 0 ? sheetXml : sheetXml.slice(0, end);
  const hidden = new Set<number>();
  for (const [, attributes] of head.matchAll(COLUMN_TAG)) {
    if (!HIDDEN_ROW.test(attributes!)) continue;
    const min = Number(/\smin\s*=\s*["'](\d+)["']/.exec(attributes!)?.[1]);
    const max = Number(/\smax\s*=\s*["'](\d+)["']/.exec(attributes!)?.[1] ?? min);
    if (!Number.isInteger(min) || min < 1) continue;
    for (let column = min - 1; column < Math.min(max, width); column++) hidden.add(column);
  }
  return [...hidden].sort((a, b) => a - b);
}

/**
 * The cells of a worksheet's `<sheetData>`, as rows of cells; a cell it cannot read is kept as such
 * (its row warns). The 1-based numbers of hidden rows are pushed to `hiddenRows`: they are read like
 * the others, and the preview says they were hidden. Text cells indented by their style are pushed to
 * `indents` (the format is not in the text, so it is said apart; spaces typed before the text are kept in it).
 */
export function readSheetCells(sheetXml: string, context: SheetContext, hiddenRows: number[] = [], outside: OutsideCell[] = [], indents: CellIndent[] = []): Cell[][] {
  const start = sheetXml.search(/<(?:\w+:)?sheetData\b/);
  if (start < 0) return [];
  const rows: Cell[][] = [];
  let row = -1, column = -1, width = 0;
  let current: Cell[] = [];
  const place = (index: number) => {
    // A row past the limit holds nothing placed (its cells went to `outside`): a styled row 1,048,576 is no reason for a million.
    if (context.limits && index >= context.limits.rows) return;
    while (rows.length < index) rows.push([]);
    rows[index] = current;
  };
  SHEET_TOKENS.lastIndex = start;
  for (let match = SHEET_TOKENS.exec(sheetXml); match; match = SHEET_TOKENS.exec(sheetXml)) {
    const [, rowAttributes, selfClosing, cellAttributes, body, unclosed] = match;
    if (rowAttributes !== undefined) {
      const number = /\sr\s*=\s*["'](\d+)["']/.exec(rowAttributes)?.[1];
      row = number !== undefined ? Number(number) - 1 : row + 1;
      if (HIDDEN_ROW.test(rowAttributes)) hiddenRows.push(row + 1);
      column = -1;
      current = [];
      if (selfClosing === '/') place(row);
      continue;
    }
    if (cellAttributes === undefined) { place(row); continue; } // </row>
    let reference: string | null = null, style: string | null = null, type: string | null = null;
    for (const [, name, double, single] of cellAttributes.matchAll(CELL_ATTRIBUTES)) {
      const value = double ?? single!;
      if (name === 'r') reference = value; else if (name === 's') style = value; else type = value;
    }
    column = (reference !== null ? columnOf(reference) : null) ?? column + 1;
    if (row < 0) row = 0; // a cell outside any row: Excel never writes one
    if (unclosed !== undefined) throw new Error(`its cell ${cellReference(row, column)} is never closed (no </c> before the next cell or row)`);
    const value = cellValue(type, style, body ?? '', row, column, context);
    if (value === null) continue;
    if (context.limits && (row >= context.limits.rows || column >= context.limits.columns)) {
      if (outside.length === 0) outside.push({ row, column, value });
      continue;
    }
    while (current.length < column) current.push(null);
    current[column] = value;
    const steps = style === null || typeof value !== 'string' ? 0 : context.alignmentIndents?.[Number(style)] ?? 0;
    if (steps > 0) indents.push({ row: row + 1, column, steps });
    if (column + 1 > width) width = column + 1;
  }
  // Trailing empty rows and columns are not part of the table; every row is as wide as the widest.
  while (rows.length > 0 && rows[rows.length - 1]!.length === 0) rows.pop();
  // Hidden rows past the table (Excel hides the unused rows below a sheet to the last one) are not rows of it.
  for (let index = hiddenRows.length - 1; index >= 0; index--) if (hiddenRows[index]! > rows.length) hiddenRows.splice(index, 1);
  for (const cells of rows) while (cells.length < width) cells.push(null);
  return rows;
}
