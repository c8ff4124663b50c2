/**
 * Turns the bytes of a CSV or XLSX file into a table of cells, refusing hostile input with a message
 * that names the row and the problem: too large, binary, not UTF-8 text, too many rows or columns.
 *
 * CSV is parsed by papaparse (quotes, embedded newlines, delimiter guessing). XLSX is read with
 * read-excel-file's `universal` entry: it takes an ArrayBuffer and needs neither DOM nor Node, so the
 * same code runs in the renderer, the main process and tests; it reads cell values only (no formula
 * evaluation, no macros, no external links), and it is small and kept up to date — unlike the
 * registry's `xlsx` (SheetJS), whose npm releases stopped at a version with known advisories, or
 * exceljs, which pulls in Node streams.
 */
import { strFromU8, unzipSync, zipSync } from 'fflate';
import Papa from 'papaparse';
import { readSheet } from 'read-excel-file/universal';
import type { Cell } from './cell-values.js';
import { fileProblem, type FileProblem } from './file-problem.js';

/** A file's rows as read, row 1 first; `delimiter` only for CSV. */
export interface SheetTable {
  format: 'csv' | 'xlsx';
  rows: Cell[][];
  delimiter: ',' | ';' | '\t' | null;
  /** XLSX only: the name of the sheet read, and the other visible sheets', which were not read. */
  sheets?: { read: string; notRead: string[] };
}

/** Files larger than this are refused before parsing: a plan of 20,000 rows is about 4 MB of CSV. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
/** More rows than this is not a plan someone keeps in a spreadsheet; refusing keeps the preview usable. */
export const MAX_IMPORT_ROWS = 20_000;
export const MAX_IMPORT_COLUMNS = 200;
/** A cell longer than a description may be cannot become part of a plan. */
export const MAX_CELL_LENGTH = 100_000;

/**
 * Most the workbook's XML parts may unpack to: a 10 MB file could otherwise unpack into gigabytes
 * (a zip bomb). A 20,000-row sheet is about 10 MB of XML.
 */
export const MAX_UNPACKED_XLSX_BYTES = 200 * 1024 * 1024;

export type TableResult = { ok: true; table: SheetTable } | { ok: false; problem: FileProblem };

const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((byte, index) => bytes[index] === byte);
}

/** The 1-based line of a byte offset, for messages about undecodable text. */
function lineOf(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let index = 0; index < offset && index < bytes.length; index++) if (bytes[index] === 0x0a) line += 1;
  return line;
}

/** Finds the first byte where UTF-8 decoding fails (the decoder itself does not say where). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const byte = bytes[index]!;
    const length = byte < 0x80 ? 1 : (byte & 0xe0) === 0xc0 ? 2 : (byte & 0xf0) === 0xe0 ? 3 : (byte & 0xf8) === 0xf0 ? 4 : 0;
    if (length === 0) return index;
    for (let next = 1; next < length; next++) if (((bytes[index + next] ?? 0) & 0xc0) !== 0x80) return index;
    index += length;
  }
  return -1;
}

/**
 * Decodes CSV bytes as text: a UTF-8 or UTF-16 byte-order mark is honoured and dropped; otherwise the
 * text must be UTF-8. A file in another encoding (a legacy Excel "CSV" in Windows-1252) is refused
 * with the row of the first undecodable byte rather than imported with mangled names.
 */
export function decodeCsvText(bytes: Uint8Array): { ok: true; text: string } | { ok: false; problem: FileProblem } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { ok: true, text: new TextDecoder('utf-16le').decode(bytes.subarray(2)) };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { ok: true, text: new TextDecoder('utf-16be').decode(bytes.subarray(2)) };
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  const sample = body.subarray(0, 64 * 1024);
  const nul = sample.indexOf(0);
  if (nul >= 0) return { ok: false, problem: fileProblem('binary', `This is not a text file: row ${lineOf(body, nul)} holds binary data (a zero byte). Choose a CSV or XLSX file.`, lineOf(body, nul)) };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(body) };
  } catch {
    const offset = firstInvalidUtf8(body);
    const row = lineOf(body, offset);
    const byte = (body[offset] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    return { ok: false, problem: fileProblem('encoding', `Row ${row} is not UTF-8 text (byte 0x${byte}). Save the spreadsheet as "CSV UTF-8" and import it again.`, row) };
  }
}

function checkShape(rows: Cell[][]): FileProblem | null {
  if (rows.length > MAX_IMPORT_ROWS) return fileProblem('too-many-rows', `The file has ${rows.length} rows; an import takes at most ${MAX_IMPORT_ROWS}.`, MAX_IMPORT_ROWS + 1);
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index]!;
    if (row.length > MAX_IMPORT_COLUMNS) return fileProblem('too-many-columns', `Row ${index + 1} has ${row.length} columns; an import takes at most ${MAX_IMPORT_COLUMNS}.`, index + 1);
    const long = row.findIndex((cell) => typeof cell === 'string' && cell.length > MAX_CELL_LENGTH);
    if (long >= 0) return fileProblem('cell-too-long', `Row ${index + 1}, column ${long + 1} holds more than ${MAX_CELL_LENGTH} characters.`, index + 1);
  }
  if (rows.every((row) => row.every((cell) => cell === null || (typeof cell === 'string' && cell.trim() === '')))) return fileProblem('empty', 'The file holds no rows to import.', null);
  return null;
}

/** Parses CSV bytes (comma, semicolon or tab separated; with or without a byte-order mark). */
export function readCsv(bytes: Uint8Array): TableResult {
  if (bytes.length > MAX_IMPORT_BYTES) return { ok: false, problem: tooLarge(bytes.length) };
  if (startsWith(bytes, ZIP_SIGNATURE)) return { ok: false, problem: fileProblem('wrong-format', 'This file is a ZIP archive (perhaps an .xlsx named .csv); choose it as an Excel file.', null) };
  const decoded = decodeCsvText(bytes);
  if (!decoded.ok) return decoded;
  const parsed = Papa.parse<string[]>(decoded.text, { delimitersToGuess: [',', ';', '\t'], skipEmptyLines: false });
  const fatal = parsed.errors.find((error) => error.type === 'Quotes');
  if (fatal) {
    const row = (fatal.row ?? 0) + 1;
    return { ok: false, problem: fileProblem('malformed-csv', `Row ${row}: ${fatal.message.toLowerCase()} (a quote is opened and never closed).`, row) };
  }
  const rows: Cell[][] = parsed.data.map((row) => row.map((cell) => (cell === '' ? null : cell)));
  // papaparse reports a trailing newline as one empty row.
  while (rows.length > 0 && rows[rows.length - 1]!.every((cell) => cell === null)) rows.pop();
  const shape = checkShape(rows);
  if (shape) return { ok: false, problem: shape };
  const delimiter = parsed.meta.delimiter;
  return { ok: true, table: { format: 'csv', rows, delimiter: delimiter === ';' || delimiter === '\t' ? delimiter : ',' } };
}

function tooLarge(size: number): FileProblem {
  const megabytes = (size / 1024 / 1024).toFixed(1);
  return fileProblem('too-large', `The file is ${megabytes} MB; an import takes at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split it or remove other sheets.`, null);
}

function xlsxCell(value: unknown, percent: boolean): Cell {
  if (value === null || value === undefined) return null;
  // Scaling in decimal keeps 0.45 at exactly 45 (0.45 * 100 is 45.00000000000001).
  if (typeof value === 'number') return Number.isFinite(value) ? (percent ? { percent: Number((value * 100).toPrecision(15)) } : value) : null;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  return String(value);
}

/**
 * The workbook's XML parts unpacked here and packed again uncompressed. read-excel-file unzips with
 * fflate, which inflates any part over 512 KB (the sheet of a few thousand rows) in a worker it
 * starts from a blob: URL — which the app's Content-Security-Policy refuses, so the read never
 * finished. Stored parts are copied, not inflated, on the calling thread (the page's sheet worker).
 */
interface StoredWorkbook {
  bytes: Uint8Array;
  /** The 1-based number of the sheet to read (firstVisibleSheet). */
  sheet: number;
  /** `row:column` (0-based) of that sheet's cells whose number format shows a percentage. */
  percentCells: ReadonlySet<string>;
  /** The read sheet's name and the other visible sheets' names (null without xl/workbook.xml). */
  sheets: { read: string; notRead: string[] } | null;
}

function storedWorkbook(bytes: Uint8Array): ({ ok: true } & StoredWorkbook) | { ok: false; problem: FileProblem } {
  let unpacked = 0;
  const parts = unzipSync(bytes, {
    filter: (file) => {
      if (!/\.(xml|rels)$/i.test(file.name)) return false;
      unpacked += file.originalSize;
      return unpacked <= MAX_UNPACKED_XLSX_BYTES;
    },
  });
  if (unpacked > MAX_UNPACKED_XLSX_BYTES) {
    return { ok: false, problem: fileProblem('too-large', `The workbook unpacks to more than ${MAX_UNPACKED_XLSX_BYTES / 1024 / 1024} MB of sheets; an import takes at most that. Split it or remove other sheets.`, null) };
  }
  const workbook = parts['xl/workbook.xml'];
  const sheets = workbook ? sheetTags(strFromU8(workbook)) : [];
  const sheet = firstVisibleSheet(sheets);
  const percentStyles = parts['xl/styles.xml'] ? percentStyleIndexes(strFromU8(parts['xl/styles.xml'])) : new Set<number>();
  const sheetPath = sheets.length > 0 && parts['xl/_rels/workbook.xml.rels'] ? sheetPart(strFromU8(parts['xl/_rels/workbook.xml.rels']), sheets[sheet - 1]!) : null;
  const sheetXml = sheetPath ? parts[sheetPath] : undefined;
  const percentCells = percentStyles.size > 0 && sheetXml ? cellsStyled(strFromU8(sheetXml), percentStyles) : new Set<string>();
  const names = sheets.map((tag) => unescapeXml(attribute(tag, 'name') ?? ''));
  const notRead = names.filter((_, index) => index !== sheet - 1 && !isHidden(sheets[index]!));
  return { ok: true, bytes: zipSync(parts, { level: 0 }), sheet, percentCells, sheets: sheets.length > 0 ? { read: names[sheet - 1]!, notRead } : null };
}

/** One compiled pattern per attribute name: cellsStyled looks at every cell of a sheet of up to 20,000 rows. */
const ATTRIBUTE_PATTERNS = new Map<string, RegExp>();

function attribute(tag: string, name: string): string | null {
  let pattern = ATTRIBUTE_PATTERNS.get(name);
  if (!pattern) { pattern = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`); ATTRIBUTE_PATTERNS.set(name, pattern); }
  const match = pattern.exec(tag);
  return match ? match[1] ?? match[2]! : null;
}

const unescapeXml = (text: string) => text.replace(/&(quot|apos|lt|gt|amp|#x[0-9a-f]+|#\d+);/gi, (_, name: string) => {
  const named: Record<string, string> = { quot: '"', apos: "'", lt: '<', gt: '>', amp: '&' };
  if (named[name.toLowerCase()] !== undefined) return named[name.toLowerCase()]!;
  const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
  return code <= 0x10ffff ? String.fromCodePoint(code) : '';
});

/** The `<sheet>` tags of xl/workbook.xml, in the workbook's order. */
function sheetTags(workbookXml: string): string[] {
  return workbookXml.match(/<(?:\w+:)?sheet\b[^>]*>/g) ?? [];
}

/** The zip path of a `<sheet>` tag's part, through its r:id in xl/_rels/workbook.xml.rels (as read-excel-file finds it). */
function sheetPart(relsXml: string, sheetTag: string): string | null {
  const id = /\s(?:\w+:)?id\s*=\s*["']([^"']*)["']/.exec(sheetTag)?.[1];
  const relation = (relsXml.match(/<(?:\w+:)?Relationship\b[^>]*>/g) ?? []).find((tag) => attribute(tag, 'Id') === id);
  const target = relation ? attribute(relation, 'Target') : null;
  if (!target) return null;
  return target.startsWith('/') ? target.slice(1) : `xl/${target}`.replace(/[^/]+\/\.\.\//g, '');
}

/** Excel's built-in percent formats: 9 is `0%`, 10 is `0.00%`. */
const BUILT_IN_PERCENT_FORMATS = new Set([9, 10]);

/** Whether a number format code shows a percentage: a `%` outside quoted text, `\` escapes, `[…]`, `_x` and `*x`. */
export function isPercentFormat(formatCode: string): boolean {
  return /%/.test(formatCode.replace(/"[^"]*"?|\\.|[_*]./g, '').replace(/\[[^\]]*\]?/g, ''));
}

/** The indexes into xl/styles.xml's cellXfs (a cell's `s`) whose number format shows a percentage. */
function percentStyleIndexes(stylesXml: string): Set<number> {
  const percentFormats = new Set(BUILT_IN_PERCENT_FORMATS);
  for (const tag of stylesXml.match(/<(?:\w+:)?numFmt\b[^>]*>/g) ?? []) {
    const id = Number(attribute(tag, 'numFmtId')), code = attribute(tag, 'formatCode');
    if (code === null || !Number.isInteger(id)) continue;
    if (isPercentFormat(unescapeXml(code))) percentFormats.add(id);
    else percentFormats.delete(id);
  }
  const cellXfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(stylesXml)?.[1] ?? '';
  const styles = new Set<number>();
  (cellXfs.match(/<(?:\w+:)?xf\b[^>]*>/g) ?? []).forEach((tag, index) => {
    if (percentFormats.has(Number(attribute(tag, 'numFmtId') ?? '0'))) styles.add(index);
  });
  return styles;
}

/** The 0-based column of a cell reference's letters (`B5` → 1). */
function columnOf(reference: string): number | null {
  const letters = /^([A-Z]+)\d+$/i.exec(reference)?.[1];
  if (!letters) return null;
  let column = 0;
  for (const letter of letters.toUpperCase()) column = column * 26 + letter.charCodeAt(0) - 64;
  return column - 1;
}

/** `row:column` (0-based) of the sheet's cells styled with one of `styles`; a row or cell without `r` follows the one before. */
function cellsStyled(sheetXml: string, styles: ReadonlySet<number>): Set<string> {
  const cells = new Set<string>();
  let row = -1, column = -1;
  for (const [tag, name] of sheetXml.matchAll(/<(?:\w+:)?(row|c)\b[^>]*>/g)) {
    const reference = attribute(tag, 'r');
    if (name === 'row') {
      row = reference !== null && /^\d+$/.test(reference) ? Number(reference) - 1 : row + 1;
      column = -1;
      continue;
    }
    column = (reference !== null ? columnOf(reference) : null) ?? column + 1;
    const style = attribute(tag, 's');
    if (style === null) continue;
    const type = attribute(tag, 't');
    if (styles.has(Number(style)) && (type === null || type === 'n')) cells.add(`${row}:${column}`);
  }
  return cells;
}

/** Whether a `<sheet>` tag is hidden (a person does not see it among the workbook's tabs). */
function isHidden(sheetTag: string): boolean {
  return /\sstate\s*=\s*["'](?:hidden|veryHidden)["']/.test(sheetTag);
}

/**
 * The 1-based number of the workbook's first sheet a person sees. Excel keeps the lists behind
 * drop-downs on a hidden sheet, often in front of the plan; the first sheet in the file is then not
 * the one its owner means (read-excel-file reads the first in the file, hidden or not).
 */
function firstVisibleSheet(sheets: readonly string[]): number {
  const visible = sheets.findIndex((tag) => !isHidden(tag));
  return visible < 0 ? 1 : visible + 1;
}

/** Reads the first visible sheet of an XLSX workbook. */
export async function readXlsx(bytes: Uint8Array): Promise<TableResult> {
  if (bytes.length > MAX_IMPORT_BYTES) return { ok: false, problem: tooLarge(bytes.length) };
  if (!startsWith(bytes, ZIP_SIGNATURE)) return { ok: false, problem: fileProblem('wrong-format', 'This is not an Excel workbook (.xlsx): it does not start like one. An old .xls must be saved as .xlsx or CSV first.', null) };
  let data: unknown[][];
  let percentCells: ReadonlySet<string>;
  let sheets: StoredWorkbook['sheets'];
  try {
    const stored = storedWorkbook(bytes);
    if (!stored.ok) return stored;
    percentCells = stored.percentCells;
    sheets = stored.sheets;
    data = await readSheet(stored.bytes.buffer.slice(stored.bytes.byteOffset, stored.bytes.byteOffset + stored.bytes.byteLength) as ArrayBuffer, stored.sheet);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, problem: fileProblem('malformed-xlsx', `The workbook cannot be read: ${reason}.`, null) };
  }
  const rows = data.map((row, r) => row.map((value, c) => xlsxCell(value, percentCells.has(`${r}:${c}`))));
  const shape = checkShape(rows);
  if (shape) return { ok: false, problem: shape };
  return { ok: true, table: { format: 'xlsx', rows, delimiter: null, ...(sheets ? { sheets } : {}) } };
}

const quoted = (name: string) => `"${name}"`;

/**
 * What the preview says about a workbook's other visible sheets, which the import does not read:
 * `Read sheet "OKRs"; "Q2" and "Archive" were not read.` Null when there are none (a CSV, one sheet).
 */
export function sheetsNote(table: SheetTable): string | null {
  const notRead = table.sheets?.notRead ?? [];
  if (!table.sheets || notRead.length === 0) return null;
  const LISTED = 5;
  const listed = notRead.slice(0, LISTED).map(quoted);
  const rest = notRead.length - listed.length;
  const names = rest > 0 ? `${listed.join(', ')} and ${rest} more ${rest === 1 ? 'sheet' : 'sheets'}`
    : listed.length === 1 ? listed[0]! : `${listed.slice(0, -1).join(', ')} and ${listed[listed.length - 1]!}`;
  return `Read sheet ${quoted(table.sheets.read)}; ${names} ${notRead.length === 1 ? 'was' : 'were'} not read.`;
}

/** Reads a spreadsheet by its name: `.xlsx` as a workbook, anything else as CSV. */
export async function readSpreadsheet(fileName: string, bytes: Uint8Array): Promise<TableResult> {
  return /\.xlsx$/i.test(fileName) ? readXlsx(bytes) : readCsv(bytes);
}
