/**
 * Turns the bytes of a CSV or XLSX file into a table of cells, refusing hostile input with a message
 * that names the row and the problem: too large, binary, not UTF-8 text, too many rows or columns.
 *
 * CSV is parsed by papaparse (quotes, embedded newlines, delimiter guessing). XLSX is unzipped with
 * fflate and its XML read by pattern, here and in xlsx-sheet.ts / xlsx-styles.ts: the same code runs
 * in the renderer's sheet worker, the main process and tests, with neither DOM nor Node streams nor
 * a worker of its own (the app's Content-Security-Policy refuses blob: workers). Cell values only: no
 * formula evaluation, no macros, no external links. The sheet is read in one pass that sees each
 * cell's value, type and style together (read-excel-file, used before, gave values only, so a second
 * pass over the sheet found the percent-formatted cells and formula errors were dropped unseen).
 */
import { strFromU8, unzipSync } from 'fflate';
import Papa from 'papaparse';
import { cellText, isErrorCell, type Cell } from './cell-values.js';
import { byteOrderMark } from './byte-order-mark.js';
import { fileProblem, type FileProblem } from './file-problem.js';
import { cellReference, columnLetters, readHiddenColumns, readSharedStrings, readSheetCells, type OutsideCell } from './xlsx-sheet.js';
import { readAlignmentIndents, readNumberStyles } from './xlsx-styles.js';
import { attribute, unescapeXml } from './xlsx-xml.js';
import { smallest } from '../collections/long-lists.js';
import { recognisesHeader } from './import-mapping.js';
import type { CellIndent, SheetTable } from './sheet-table.js';

export type { SheetTable } from './sheet-table.js';

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

/**
 * The 1-based line of a byte offset, for messages about undecodable text: a line ends at LF, CRLF or a
 * lone CR (a Mac's CSV). Counting LF only named row 1 for a byte on row 2 of a lone-CR file (review37a F6).
 */
function lineOf(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let index = 0; index < offset && index < bytes.length; index++) {
    if (bytes[index] === 0x0a || (bytes[index] === 0x0d && bytes[index + 1] !== 0x0a)) line += 1;
  }
  return line;
}

/** Whether the text's lines end with a lone CR (no LF anywhere): a classic Mac's, and Excel for Mac's "CSV". */
function loneCrLines(bytes: Uint8Array): boolean {
  return bytes.includes(0x0d) && !bytes.includes(0x0a);
}

/** The bytes Windows-1252 leaves undefined (decoders give them as C1 controls): a file holding one is not in it. */
const UNDEFINED_IN_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/**
 * The characters of bytes 0x80–0x9F in Windows-1252 (0xA0–0xFF are Latin-1's) and of 0x80–0xFF in
 * MacRoman. By table, not TextDecoder: Node's (20, 22) decodes "windows-1252" as Latin-1, so the `€`
 * of "Umsatz in €" (0x80) became the control U+0080.
 */
const WINDOWS_1252_HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';
const MAC_ROMAN_HIGH = '\u00c4\u00c5\u00c7\u00c9\u00d1\u00d6\u00dc\u00e1\u00e0\u00e2\u00e4\u00e3\u00e5\u00e7\u00e9\u00e8\u00ea\u00eb\u00ed\u00ec\u00ee\u00ef\u00f1\u00f3\u00f2\u00f4\u00f6\u00f5\u00fa\u00f9\u00fb\u00fc'
  + '\u2020\u00b0\u00a2\u00a3\u00a7\u2022\u00b6\u00df\u00ae\u00a9\u2122\u00b4\u00a8\u2260\u00c6\u00d8\u221e\u00b1\u2264\u2265\u00a5\u00b5\u2202\u2211\u220f\u03c0\u222b\u00aa\u00ba\u03a9\u00e6\u00f8'
  + '\u00bf\u00a1\u00ac\u221a\u0192\u2248\u2206\u00ab\u00bb\u2026\u00a0\u00c0\u00c3\u00d5\u0152\u0153\u2013\u2014\u201c\u201d\u2018\u2019\u00f7\u25ca\u00ff\u0178\u2044\u20ac\u2039\u203a\ufb01\ufb02'
  + '\u2021\u00b7\u201a\u201e\u2030\u00c2\u00ca\u00c1\u00cb\u00c8\u00cd\u00ce\u00cf\u00cc\u00d3\u00d4\uf8ff\u00d2\u00da\u00db\u00d9\u0131\u02c6\u02dc\u00af\u02d8\u02d9\u02da\u00b8\u02dd\u02db\u02c7';

/** Bytes of a single-byte encoding as text: ASCII as is, the rest by `encoding`'s table. */
function decodeSingleByte(bytes: Uint8Array, encoding: 'windows-1252' | 'macintosh'): string {
  const parts: string[] = [];
  for (let start = 0; start < bytes.length; start += 8192) {
    let chunk = '';
    for (const byte of bytes.subarray(start, start + 8192)) {
      chunk += byte < 0x80 ? String.fromCharCode(byte)
        : encoding === 'macintosh' ? MAC_ROMAN_HIGH[byte - 0x80]!
        : byte < 0xa0 ? WINDOWS_1252_HIGH[byte - 0x80]! : String.fromCharCode(byte);
    }
    parts.push(chunk);
  }
  return parts.join('');
}

/** The length of the well-formed UTF-8 sequence at `index` (1 for ASCII), or 0 when there is none there. */
function utf8SequenceAt(bytes: Uint8Array, index: number): number {
  const byte = bytes[index]!;
  if (byte < 0x80) return 1;
  const length = byte >= 0xc2 && byte <= 0xdf ? 2 : byte >= 0xe0 && byte <= 0xef ? 3 : byte >= 0xf0 && byte <= 0xf4 ? 4 : 0;
  if (length === 0) return 0;
  // The second byte's range is narrower after E0 (no overlong forms), ED (no surrogates), F0 and F4 (U+10000–U+10FFFF).
  const second = bytes[index + 1] ?? 0;
  const low = byte === 0xe0 ? 0xa0 : byte === 0xf0 ? 0x90 : 0x80;
  const high = byte === 0xed ? 0x9f : byte === 0xf4 ? 0x8f : 0xbf;
  if (second < low || second > high) return 0;
  for (let next = 2; next < length; next++) if (((bytes[index + next] ?? 0) & 0xc0) !== 0x80) return 0;
  return length;
}

/** Where the bytes stop being UTF-8 first, and how many non-ASCII characters are well-formed UTF-8 and how many bytes are not. */
function utf8Census(bytes: Uint8Array): { firstInvalid: number; wellFormed: number; invalid: number } {
  let firstInvalid = -1;
  let wellFormed = 0;
  let invalid = 0;
  for (let index = 0; index < bytes.length;) {
    const length = utf8SequenceAt(bytes, index);
    if (length === 0) {
      if (firstInvalid < 0) firstInvalid = index;
      invalid++;
      index++;
    } else {
      if (length > 1) wellFormed++;
      index += length;
    }
  }
  return { firstInvalid, wellFormed, invalid };
}

/**
 * Decodes CSV bytes as text: a UTF-8 or UTF-16 byte-order mark is honoured and dropped; otherwise the
 * text is UTF-8 when it decodes as such. Text that does not is what Excel writes as "CSV (Comma
 * delimited)" on Windows (Windows-1252) and as "CSV" on a Mac (MacRoman, lines ending in a lone CR):
 * the default "CSV" of most non-English sheets. It was refused outright (review37a F6); it is read in
 * MacRoman when its lines end in a lone CR or it holds a byte Windows-1252 lacks, else in
 * Windows-1252, and `encoding` says which, for the preview to say so: the names show whether it was right.
 * A file that is UTF-8 with a few bad bytes (a Windows apostrophe pasted into one cell, two exports glued
 * together) is refused naming the row of the first, as before that fallback: read as Windows-1252, every
 * other accented name in it came in mangled ("JÃ¼rgen" beside "Jürgen"). A legacy file almost never holds
 * a well-formed UTF-8 sequence by chance, so "more well-formed sequences than bad bytes" tells them apart.
 */
export function decodeCsvText(bytes: Uint8Array): { ok: true; text: string; encoding?: SheetTable['encoding'] } | { ok: false; problem: FileProblem } {
  const mark = byteOrderMark(bytes);
  if (mark !== null && mark.encoding !== 'utf-8') return { ok: true, text: new TextDecoder(mark.encoding).decode(bytes.subarray(mark.length)) };
  const body = mark === null ? bytes : bytes.subarray(mark.length);
  const sample = body.subarray(0, 64 * 1024);
  const nul = sample.indexOf(0);
  if (nul >= 0) return { ok: false, problem: fileProblem('binary', `This is not a text file: row ${lineOf(body, nul)} holds binary data (a zero byte). Choose a CSV or XLSX file.`, lineOf(body, nul)) };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(body) };
  } catch {
    const census = utf8Census(body);
    if (census.wellFormed >= census.invalid) {
      const row = lineOf(body, census.firstInvalid);
      const byte = (body[census.firstInvalid] ?? 0).toString(16).toUpperCase().padStart(2, '0');
      return { ok: false, problem: fileProblem('encoding', `Row ${row} holds a byte that is not UTF-8 (0x${byte}) in a file that is otherwise UTF-8 text. Retype that row's special characters (or save the sheet as "CSV UTF-8" again) and import again.`, row) };
    }
    const macintosh = loneCrLines(body) || body.some((byte) => UNDEFINED_IN_1252.has(byte));
    const encoding = macintosh ? 'macintosh' : 'windows-1252';
    return { ok: true, text: decodeSingleByte(body, encoding), encoding };
  }
}

/** A cell's value as a refusal quotes it: its text, cut. */
function quotedValue(cell: Cell): string {
  const text = isErrorCell(cell) ? cell.error : cellText(cell);
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

/**
 * The refusal of a table with a value outside the rows and columns an import takes, naming the first
 * such cell and what it holds: a stray note in column IV, or row 25,000 of a sheet too long. Before,
 * it said "Row 1 has 256 columns" of a row of ten cells.
 */
export function outsideProblem(cell: OutsideCell): FileProblem {
  const at = `${cellReference(cell.row, cell.column)} holds ${quotedValue(cell.value)}`;
  if (cell.row >= MAX_IMPORT_ROWS) {
    return fileProblem('too-many-rows', `Cell ${at}, below row ${MAX_IMPORT_ROWS.toLocaleString('en')}: an import takes at most ${MAX_IMPORT_ROWS.toLocaleString('en')} rows. Split the sheet, or delete what is below row ${MAX_IMPORT_ROWS.toLocaleString('en')}, and import again.`, cell.row + 1);
  }
  const last = columnLetters(MAX_IMPORT_COLUMNS - 1);
  return fileProblem('too-many-columns', `Cell ${at}, right of column ${last}: an import takes at most ${MAX_IMPORT_COLUMNS} columns (A to ${last}). Delete or move what is right of column ${last} and import again.`, cell.row + 1);
}

/** Whether a cell holds nothing a person sees (null, or spaces): trailing ones make no column. */
const emptyCell = (cell: Cell) => cell === null || (typeof cell === 'string' && cell.trim() === '');

/**
 * Makes every row as wide as the table: the columns right of the last one holding a value in any row
 * are dropped, shorter rows padded with empty cells (as the XLSX reader does). A spreadsheet's CSV
 * writes every row as wide as its used range: a sheet once formatted to column IV came as 256 columns
 * of `;;;;` and was refused as too wide, though it held ten. And a value past the header's last column
 * on a later row (`Grow,Logos,5,extra note`) was in no column the preview looked at: dropped unseen.
 */
export function toTableWidth(rows: Cell[][]): void {
  // Padding comes before checkShape's limits, so it must not cost more than a table within them: a
  // table longer than the row limit, or with a value right of the column limit, is left as read
  // (checkShape refuses it by its length, or names that value). Before, one row of 5,000 commas over
  // 2,000 short rows made 10 million cells (117 MB) only to be refused; 100,000 commas over 20,000
  // rows exhausted memory (review26b F3).
  if (rows.length > MAX_IMPORT_ROWS) return;
  let width = 0;
  for (const row of rows) {
    let last = row.length;
    while (last > width && emptyCell(row[last - 1] ?? null)) last--;
    if (last > width) width = last;
  }
  if (width > MAX_IMPORT_COLUMNS) return;
  for (const row of rows) {
    if (row.length > width) row.length = width;
    while (row.length < width) row.push(null);
  }
}

function checkShape(rows: Cell[][]): FileProblem | null {
  if (rows.length > MAX_IMPORT_ROWS) return fileProblem('too-many-rows', `The file has ${rows.length} rows; an import takes at most ${MAX_IMPORT_ROWS}.`, MAX_IMPORT_ROWS + 1);
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index]!;
    if (row.length > MAX_IMPORT_COLUMNS) {
      const column = row.findIndex((cell, at) => at >= MAX_IMPORT_COLUMNS && !emptyCell(cell));
      if (column >= 0) return outsideProblem({ row: index, column, value: row[column]! });
    }
    const long = row.findIndex((cell) => typeof cell === 'string' && cell.length > MAX_CELL_LENGTH);
    if (long >= 0) return fileProblem('cell-too-long', `Row ${index + 1}, column ${long + 1} holds more than ${MAX_CELL_LENGTH} characters.`, index + 1);
  }
  if (rows.every((row) => row.every((cell) => cell === null || (typeof cell === 'string' && cell.trim() === '')))) return fileProblem('empty', 'The file holds no rows to import.', null);
  return null;
}

type Delimiter = ',' | ';' | '\t';
const DELIMITERS: readonly Delimiter[] = [',', ';', '\t'];
/** How many of a file's first lines holding a candidate decide its delimiter. */
const DELIMITER_LINES = 10;

/**
 * The delimiter found outside quotes on every one of the file's first lines that hold any candidate,
 * the one found most often on the line where it is rarest (a title line above the table holds none and
 * does not count); null when there is none (one column), and papaparse guesses. Papaparse's own guess
 * weighs how evenly each candidate cuts the rows: it read an export of ours (commas; a quoted title
 * holding "; " and a team named "Platform; EU") as semicolon-separated, every row one cell, "the type
 * is empty" (the round-trip property, seed 1917134571), and a semicolon file under a title line as
 * comma-separated.
 */
function delimiterOf(text: string): Delimiter | null {
  const lines: Record<Delimiter, number>[] = [];
  let counts: Record<Delimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  const endLine = () => {
    if (counts[','] + counts[';'] + counts['\t'] > 0) lines.push(counts);
    counts = { ',': 0, ';': 0, '\t': 0 };
  };
  for (let i = 0; i < text.length && lines.length < DELIMITER_LINES; i++) {
    const char = text[i]!;
    // A doubled quote inside a quoted cell turns quoting off and on again.
    if (char === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (char === '\n' || char === '\r') endLine();
    else if (char === ',' || char === ';' || char === '\t') counts[char]++;
  }
  if (lines.length < DELIMITER_LINES) endLine();
  let best: Delimiter | null = null;
  let bestCount = 0;
  for (const delimiter of DELIMITERS) {
    const rarest = smallest(lines.map((line) => line[delimiter]));
    if (rarest > bestCount) {
      best = delimiter;
      bestCount = rarest;
    }
  }
  return best;
}

/**
 * The error values a spreadsheet writes into CSV as text where a formula failed (Excel, LibreOffice and
 * Google Sheets write the same literals). A cell holding one is read as the XLSX reader reads a `t="e"`
 * cell: empty, with a warning naming the cell and the error. As text, `#N/A` in a number column was "not a
 * number" and stopped the whole import, while the same sheet as XLSX imported (review37a F3).
 */
const FORMULA_ERRORS: ReadonlySet<string> = new Set(['#N/A', '#DIV/0!', '#REF!', '#VALUE!', '#NAME?', '#NUM!', '#NULL!', '#SPILL!', '#CALC!', '#GETTING_DATA', '#FIELD!', '#BLOCKED!', '#CONNECT!', '#BUSY!', '#UNKNOWN!', '#EXTERNAL!']);

/** Parses CSV bytes (comma, semicolon or tab separated; with or without a byte-order mark). */
export function readCsv(bytes: Uint8Array): TableResult {
  if (bytes.length > MAX_IMPORT_BYTES) return { ok: false, problem: tooLarge(bytes.length) };
  if (startsWith(bytes, ZIP_SIGNATURE)) {
    // review37a F11: an .ods was told it was "perhaps an .xlsx named .csv".
    if (isOpenDocumentSpreadsheet(bytes)) return { ok: false, problem: fileProblem('wrong-format', 'This is an OpenDocument spreadsheet (.ods), which Throughline does not read: save it as Excel (.xlsx) or CSV (in LibreOffice: File ▸ Save As…) and choose that file.', null) };
    return { ok: false, problem: fileProblem('wrong-format', 'This file is a ZIP archive (perhaps an .xlsx named .csv); choose it as an Excel file.', null) };
  }
  const decoded = decodeCsvText(bytes);
  if (!decoded.ok) return decoded;
  const parsed = Papa.parse<string[]>(decoded.text, { delimiter: delimiterOf(decoded.text) ?? '', delimitersToGuess: [...DELIMITERS], skipEmptyLines: false });
  const fatal = parsed.errors.find((error) => error.type === 'Quotes');
  if (fatal) {
    const row = (fatal.row ?? 0) + 1;
    return { ok: false, problem: fileProblem('malformed-csv', `Row ${row}: ${fatal.message.toLowerCase()} (a quote is opened and never closed).`, row) };
  }
  const rows: Cell[][] = parsed.data.map((row, r) => row.map((cell, c) => (cell === '' ? null : FORMULA_ERRORS.has(cell.trim()) ? { error: cell.trim(), at: cellReference(r, c) } : cell)));
  // papaparse reports a trailing newline as one empty row.
  while (rows.length > 0 && rows[rows.length - 1]!.every((cell) => cell === null)) rows.pop();
  toTableWidth(rows);
  const shape = checkShape(rows);
  if (shape) return { ok: false, problem: shape };
  const delimiter = parsed.meta.delimiter;
  return { ok: true, table: { format: 'csv', rows, delimiter: delimiter === ';' || delimiter === '\t' ? delimiter : ',', ...(decoded.encoding ? { encoding: decoded.encoding } : {}) } };
}

function tooLarge(size: number): FileProblem {
  const megabytes = (size / 1024 / 1024).toFixed(1);
  return fileProblem('too-large', `The file is ${megabytes} MB; an import takes at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split it or remove other sheets.`, null);
}

/**
 * The parts of the workbook the import reads, unpacked, with the unpacked size capped (a 10 MB file
 * could otherwise unpack into gigabytes: a zip bomb). Only XML parts are inflated.
 */
function unpackWorkbook(bytes: Uint8Array): { ok: true; parts: Record<string, Uint8Array> } | { ok: false; problem: FileProblem } {
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
  return { ok: true, parts };
}

/** The `<sheet>` tags of xl/workbook.xml, in the workbook's order. */
function sheetTags(workbookXml: string): string[] {
  return workbookXml.match(/<(?:\w+:)?sheet\b[^>]*>/g) ?? [];
}

/** The zip path a relationship of xl/_rels/workbook.xml.rels points at (`worksheets/sheet1.xml` → `xl/worksheets/sheet1.xml`). */
function partPath(target: string): string {
  return target.startsWith('/') ? target.slice(1) : `xl/${target}`.replace(/[^/]+\/\.\.\//g, '');
}

/** The workbook's relationships: by id, and the styles' and shared strings' parts by type. */
function workbookRelations(relsXml: string): { byId: Map<string, string>; styles: string | null; sharedStrings: string | null } {
  const byId = new Map<string, string>();
  let styles: string | null = null, sharedStrings: string | null = null;
  for (const tag of relsXml.match(/<(?:\w+:)?Relationship\b[^>]*>/g) ?? []) {
    const id = attribute(tag, 'Id'), target = attribute(tag, 'Target'), type = attribute(tag, 'Type') ?? '';
    if (target === null) continue;
    if (id !== null) byId.set(id, partPath(target));
    if (/\/styles$/.test(type)) styles = partPath(target);
    else if (/\/sharedStrings$/.test(type)) sharedStrings = partPath(target);
  }
  return { byId, styles, sharedStrings };
}

/** Whether a `<sheet>` tag is hidden (a person does not see it among the workbook's tabs). */
function isHidden(sheetTag: string): boolean {
  return /\sstate\s*=\s*["'](?:hidden|veryHidden)["']/.test(sheetTag);
}

/** How many rows of a sheet are read to see whether its header names the plan's columns. */
const HEADER_ROWS_LOOKED_AT = 12;

/**
 * The start of a sheet's XML up to the end of its first `HEADER_ROWS_LOOKED_AT` rows: enough to see
 * its header without reading a long sheet that is not the plan.
 */
function sheetHead(sheetXml: string): string {
  const start = sheetXml.search(/<(?:\w+:)?sheetData\b/);
  if (start < 0) return sheetXml;
  const rowEnd = /<\/(?:\w+:)?row>/g;
  rowEnd.lastIndex = start;
  for (let count = 0; count < HEADER_ROWS_LOOKED_AT; count++) if (!rowEnd.exec(sheetXml)) return sheetXml;
  return sheetXml.slice(0, rowEnd.lastIndex);
}

/** The root element of each workbook part the import reads. */
type PartRoot = 'workbook' | 'Relationships' | 'worksheet' | 'styleSheet' | 'sst';

/**
 * Whether a part ends with its own root element's closing tag (any namespace prefix), or is that root
 * self-closed. A part that does not was cut short (a damaged file, or zip headers that understate a
 * part's size, which fflate then cuts to, with no CRC check): refused, never read as fewer rows. Any
 * closing tag was accepted before, so a sheet cut just after a `</row>` (or shared strings after a
 * `</si>`) read as a shorter sheet without a word (review32 finding 2).
 */
function endsWithRoot(xml: string, root: PartRoot): boolean {
  const tail = xml.slice(-4096);
  return new RegExp(`(?:</(?:\\w+:)?${root}\\s*>|<(?:\\w+:)?${root}\\b[^<>]*/>)\\s*$`).test(tail);
}

/** Which sheet of a workbook to read: by its name (the person chose it), else the first visible sheet holding a plan. */
export interface SheetChoice {
  sheet?: string;
}

/**
 * Reads one sheet of an XLSX workbook: values, number formats (dates, percentages) and formula errors
 * in one pass over the sheet's XML (xlsx-sheet.ts), after the styles (xlsx-styles.ts) and shared
 * strings. No formula is evaluated: a formula cell reads as the value Excel last cached.
 *
 * The sheet read is the one named by `choice.sheet`, else the first visible sheet whose first rows
 * hold a header naming the plan's columns (recognisesHeader), else the first visible sheet. Excel keeps
 * the lists behind drop-downs on a hidden sheet, often in front of the plan; Numbers' Excel export puts
 * an "Export Summary" sheet first, OKR templates a "Read me": the first sheet was read, and gave
 * "Import 0 items" with no way to read another (review37a F1).
 */
export async function readXlsx(bytes: Uint8Array, choice: SheetChoice = {}): Promise<TableResult> {
  if (bytes.length > MAX_IMPORT_BYTES) return { ok: false, problem: tooLarge(bytes.length) };
  if (!startsWith(bytes, ZIP_SIGNATURE)) return { ok: false, problem: fileProblem('wrong-format', 'This is not an Excel workbook (.xlsx): it does not start like one. An old .xls must be saved as .xlsx or CSV first.', null) };
  let rows: Cell[][];
  let sheets: SheetTable['sheets'];
  const hiddenRows: number[] = [];
  let hiddenColumns: number[] = [];
  const outside: OutsideCell[] = [];
  const indents: CellIndent[] = [];
  try {
    const unpacked = unpackWorkbook(bytes);
    if (!unpacked.ok) return unpacked;
    const text = (path: string | null, root: PartRoot) => {
      const part = path === null ? undefined : unpacked.parts[path];
      if (!part) return null;
      const xml = strFromU8(part);
      if (!endsWithRoot(xml, root)) throw new Error(`${path} is cut short (it does not end with its closing </${root}>)`);
      return xml;
    };
    const workbook = text('xl/workbook.xml', 'workbook');
    if (workbook === null) throw new Error('it has no xl/workbook.xml');
    const tags = sheetTags(workbook);
    if (tags.length === 0) throw new Error('it has no sheets');
    const relations = workbookRelations(text('xl/_rels/workbook.xml.rels', 'Relationships') ?? '');
    const names = tags.map((tag) => unescapeXml(attribute(tag, 'name') ?? ''));
    const visible = tags.map((_, index) => index).filter((index) => !isHidden(tags[index]!));
    const stylesXml = text(relations.styles ?? 'xl/styles.xml', 'styleSheet');
    const sharedStringsXml = text(relations.sharedStrings ?? 'xl/sharedStrings.xml', 'sst');
    const context = {
      sharedStrings: sharedStringsXml === null ? [] : readSharedStrings(sharedStringsXml),
      numberStyles: stylesXml === null ? [] : readNumberStyles(stylesXml),
      alignmentIndents: stylesXml === null ? [] : readAlignmentIndents(stylesXml),
      epoch1904: /<(?:\w+:)?workbookPr\b[^>]*\sdate1904\s*=\s*["'](?:1|true)["']/.test(workbook),
      limits: { rows: MAX_IMPORT_ROWS, columns: MAX_IMPORT_COLUMNS },
    };
    const sheetXmlAt = (index: number) => {
      const sheetId = /\s(?:\w+:)?id\s*=\s*["']([^"']*)["']/.exec(tags[index]!)?.[1];
      return text(sheetId !== undefined ? relations.byId.get(sheetId) ?? null : null, 'worksheet');
    };
    let index: number;
    if (choice.sheet !== undefined) {
      index = names.findIndex((name, at) => name === choice.sheet && !isHidden(tags[at]!));
      if (index < 0) return { ok: false, problem: fileProblem('malformed-xlsx', `The workbook has no visible sheet named ${quoted(choice.sheet)}; choose the file again.`, null) };
    } else {
      // A sheet that is not in the file is no plan; one that is is looked at by its first rows only.
      const plan = visible.find((at) => {
        const xml = sheetXmlAt(at);
        return xml !== null && recognisesHeader(readSheetCells(sheetHead(xml), { ...context, limits: { rows: HEADER_ROWS_LOOKED_AT, columns: MAX_IMPORT_COLUMNS } }));
      });
      index = plan ?? visible[0] ?? 0;
    }
    const sheetXml = sheetXmlAt(index);
    if (sheetXml === null) throw new Error(`its sheet ${quoted(names[index]!)} is not in the file`);
    rows = readSheetCells(sheetXml, context, hiddenRows, outside, indents);
    if (outside.length > 0) return { ok: false, problem: outsideProblem(outside[0]!) };
    hiddenColumns = readHiddenColumns(sheetXml, rows[0]?.length ?? 0);
    sheets = { read: names[index]!, notRead: visible.filter((other) => other !== index).map((other) => names[other]!), visible: visible.map((at) => names[at]!) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, problem: fileProblem('malformed-xlsx', `The workbook cannot be read: ${reason}.`, null) };
  }
  const shape = checkShape(rows);
  if (shape) return { ok: false, problem: shape };
  return { ok: true, table: { format: 'xlsx', rows, delimiter: null, sheets, ...(hiddenRows.length > 0 ? { hiddenRows } : {}), ...(hiddenColumns.length > 0 ? { hiddenColumns } : {}), ...(indents.length > 0 ? { indents } : {}) } };
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

/**
 * What the preview says of a CSV that was not UTF-8 (decodeCsvText): which encoding it was read in, so
 * the person checks the names, and how to avoid the guess. Null for UTF-8, UTF-16 and workbooks.
 */
export function encodingNote(table: SheetTable): string | null {
  if (!table.encoding) return null;
  const name = table.encoding === 'macintosh' ? 'Mac (MacRoman)' : 'Windows (Western European, Windows-1252)';
  return `The file is not UTF-8: it was read as ${name} text. If names look wrong, save the sheet as "CSV UTF-8" and import it again.`;
}

/**
 * Reads a spreadsheet by its name: `.xlsx` and `.xlsm` (the same format, with macros, which are never
 * run) as a workbook (the sheet `choice` names, else the plan's), anything else as CSV.
 */
export async function readSpreadsheet(fileName: string, bytes: Uint8Array, choice: SheetChoice = {}): Promise<TableResult> {
  return /\.xls[xm]$/i.test(fileName) ? readXlsx(bytes, choice) : readCsv(bytes);
}

/** `application/vnd.oasis.opendocument.spreadsheet`, which an OpenDocument file stores first, uncompressed, as its `mimetype`. */
const OPEN_DOCUMENT_SPREADSHEET = new TextEncoder().encode('application/vnd.oasis.opendocument.spreadsheet');

/** Whether `bytes` are an OpenDocument spreadsheet (LibreOffice's and Numbers' .ods): its mimetype entry comes first. */
function isOpenDocumentSpreadsheet(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 120);
  outer: for (let at = 0; at + OPEN_DOCUMENT_SPREADSHEET.length <= head.length; at++) {
    for (let i = 0; i < OPEN_DOCUMENT_SPREADSHEET.length; i++) if (head[at + i] !== OPEN_DOCUMENT_SPREADSHEET[i]) continue outer;
    return true;
  }
  return false;
}
