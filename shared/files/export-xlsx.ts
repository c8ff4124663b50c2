/**
 * Exports a plan as an Excel workbook (.xlsx) with the CSV's columns and rows (export-rows.ts), each
 * cell typed, so a person anywhere double-clicks it and sees the plan in columns: a comma CSV opened
 * by Excel in Germany or France is all in column A, as their Excel splits at `;` (review37a F9).
 *
 * - Text is text (shared strings in cells formatted as Text, `@`): an outline number `1.10` stays
 *   `1.10`, where Excel read the CSV's `1.10` as the number 1.1 and saved it so (review37a F2); an
 *   outline number typed into a new row of the column stays text too.
 * - Numbers are numbers (the double the plan holds, in its shortest digits); calendar dates are date
 *   serials in the reader's own short-date format (built-in format 14); manual progress is a
 *   percentage (0.45 shown as 45%). A task's stamps (Blocked since, Done at) are ISO 8601 UTC text,
 *   as in the CSV: exact to the millisecond and the same in every time zone, where a date-time cell
 *   has no zone and the importer reads its date only.
 * - Text is written as typed, with no formula guard: a shared string is a typed string, which no reader
 *   evaluates, and a workbook's cell is never split at a `;` or a line break as a CSV line is. The CSV's
 *   apostrophe (safeCell) showed in Excel before every "+20% ARR" and on every "- " line of a description
 *   (review39a F5). A text starting like a formula is in a cell marked `quotePrefix`, Excel's own hidden
 *   apostrophe: it stays text when edited. Saved as CSV from Excel it has no guard (docs/data-model.md).
 * - The header row is bold, frozen and filterable.
 *
 * A cell holds at most 32,767 characters in Excel: a longer text (a description may have 100,000) is
 * cut there and counted in `cutCells`, so the person is told and can use the CSV or the plan file.
 */
import { strToU8, zipSync } from 'fflate';
import type { Plan } from '../model/index.js';
import { cutText, characterCount } from '../text/cut-text.js';
import { TYPED_GUARD_AT } from './formula-guard.js';
import { EXPORT_COLUMNS, planExportRows, type ExportCell } from './export-rows.js';
import { columnLetters } from './xlsx-sheet.js';

/** The longest text an Excel cell holds (UTF-16 units). */
export const XLSX_CELL_LIMIT = 32_767;

/** The exported workbook's one sheet. */
export const XLSX_SHEET_NAME = 'Plan';

/** The workbook's bytes, and how many text cells were cut to Excel's limit. */
export interface XlsxExport {
  bytes: Uint8Array;
  cutCells: number;
}

/** The cellXfs of the styles part, by use. */
const STYLE = { number: 0, header: 1, text: 2, date: 3, percent: 4, percentDecimals: 5, formulaLikeText: 6 } as const;

/** Text Excel would take for a formula if it were typed into a cell (after any spaces). */
const FORMULA_START = /^[^\S\t\r\n]*[=+\-@]/;

/**
 * A text cell's string: the text as typed, with one more apostrophe only where text typed with one
 * already has it at a cell start before a formula start (`'+1`), as the importer takes that one off.
 */
function workbookText(text: string): string {
  return text.replace(TYPED_GUARD_AT, "'");
}

/** Column widths in characters, by column name (Excel's default is 8.43). */
const WIDTHS: Readonly<Partial<Record<(typeof EXPORT_COLUMNS)[number], number>>> = {
  Outline: 9, Type: 11, Title: 40, Description: 40, Owner: 26, Team: 16, Period: 13, Unit: 8, Status: 12, 'Start date': 12, 'Due date': 12,
  Assignee: 26, 'Blocked reason': 30, 'Manual progress': 10, Horizon: 14, 'Period start': 12, 'Period end': 12, 'Blocked since': 25, 'Done at': 25, Conflicts: 40,
};

/** Columns whose new cells should stay text whatever is typed (an outline number `1.10`). */
const TEXT_COLUMNS: ReadonlySet<string> = new Set(['Outline', 'Type', 'Title', 'Description', 'Owner', 'Team', 'Period', 'Unit', 'Assignee', 'Blocked reason', 'Horizon']);
const DATE_COLUMNS: ReadonlySet<string> = new Set(['Start date', 'Due date', 'Period start', 'Period end']);

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n';

/** Text for XML content or a double-quoted attribute. */
function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => (char === '&' ? '&amp;' : char === '<' ? '&lt;' : char === '>' ? '&gt;' : '&quot;'));
}

/** Characters XML 1.0 cannot hold: C0 controls but tab, LF and CR; U+FFFE and U+FFFF; lone surrogates (`\p{Cs}` under the `u` flag). */
const NOT_XML = /(?![\t\n\r\u007F-\u009F])\p{Cc}|[\uFFFE\uFFFF]|\p{Cs}/gu;
/** What xlsxString escapes: those, CR, and an underscore that would start an escape. */
const XLSX_ESCAPED = new RegExp(`_(?=x[0-9A-Fa-f]{4}_)|\\r|${NOT_XML.source}`, 'gu');

/**
 * Text as an XLSX string (ECMA-376 ST_Xstring): characters XML 1.0 cannot hold (control characters but
 * tab and line feed, lone surrogates, U+FFFE/U+FFFF) and CR (which an XML parser turns into LF) as
 * `_xHHHH_`, and an underscore that would begin such an escape as `_x005F_`, so the text reads back
 * exactly (xlsx-xml.ts unescapeXlsxString).
 */
export function xlsxString(text: string): string {
  const escaped = text.replace(XLSX_ESCAPED,
    (char) => `_x${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
  return escapeXml(escaped);
}

/** `text` cut to Excel's cell limit between graphemes, or itself. */
function withinCellLimit(text: string): string {
  if (text.length <= XLSX_CELL_LIMIT) return text;
  const units = text.slice(0, XLSX_CELL_LIMIT);
  return cutText(units, characterCount(units) - 1);
}

/** Days from 1899-12-30 (Excel's serial day 0 in the 1900 system) to 1970-01-01. */
const UNIX_EPOCH_SERIAL = 25_569;
const DAY_MS = 86_400_000;

/**
 * The serial day of a calendar date, or null before 1900-03-01: Excel counts 1900 as a leap year, so
 * its serials before that day are one off, and it has none before 1900 (such a date stays ISO text).
 */
export function dateSerial(date: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match || date < '1900-03-01') return null;
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS + UNIX_EPOCH_SERIAL;
}

/** A number as a cell's `<v>`: the shortest digits that read back as the same double, with Excel's capital E. */
function numberValue(value: number): string {
  return String(Object.is(value, -0) ? 0 : value).replace('e', 'E');
}

/** The workbook's shared strings: each text once, in first-use order. */
class SharedStrings {
  private readonly indexes = new Map<string, number>();
  readonly items: string[] = [];
  uses = 0;

  index(text: string): number {
    this.uses += 1;
    let index = this.indexes.get(text);
    if (index === undefined) { index = this.items.length; this.items.push(text); this.indexes.set(text, index); }
    return index;
  }

  xml(): string {
    const items = this.items.map((text) => `<si><t${/^\s|\s$/.test(text) ? ' xml:space="preserve"' : ''}>${xlsxString(text)}</t></si>`).join('');
    return `${XML_HEAD}<sst xmlns="${MAIN_NS}" count="${this.uses}" uniqueCount="${this.items.length}">${items}</sst>`;
  }
}

/** The workbook (.xlsx bytes) of a plan: one sheet, "Plan", the CSV's columns typed. */
export function exportPlanXlsx(plan: Plan): XlsxExport {
  return xlsxWorkbook(planExportRows(plan), plan.index.summary().name);
}

/**
 * The workbook of a plan's export rows (planExportRows) and its name: the part of the export that needs
 * no plan, so a page can build it off its thread from the rows alone (review40c F4).
 */
export function xlsxWorkbook(rows: readonly (readonly ExportCell[])[], name: string): XlsxExport {
  const strings = new SharedStrings();
  let cutCells = 0;
  const textCell = (reference: string, text: string, style: number) => {
    const kept = withinCellLimit(text);
    if (kept !== text) cutCells += 1;
    return `<c r="${reference}" s="${style}" t="s"><v>${strings.index(kept)}</v></c>`;
  };
  const cellXml = (cell: ExportCell, reference: string): string => {
    if (cell === null) return '';
    if ('text' in cell) return textCell(reference, workbookText(cell.text), FORMULA_START.test(cell.text) ? STYLE.formulaLikeText : STYLE.text);
    if ('word' in cell) return textCell(reference, cell.word, STYLE.text);
    if ('number' in cell) return `<c r="${reference}"><v>${numberValue(cell.number)}</v></c>`;
    if ('share' in cell) {
      // 0.45 as 45%; a share whose percentage has more digits than a cell reads back exactly stays a plain number.
      const percent = Number((cell.share * 100).toPrecision(15));
      if (percent / 100 !== cell.share) return `<c r="${reference}"><v>${numberValue(cell.share)}</v></c>`;
      return `<c r="${reference}" s="${Number.isInteger(percent) ? STYLE.percent : STYLE.percentDecimals}"><v>${numberValue(cell.share)}</v></c>`;
    }
    if ('date' in cell) {
      const serial = dateSerial(cell.date);
      return serial === null ? textCell(reference, cell.date, STYLE.text) : `<c r="${reference}" s="${STYLE.date}"><v>${serial}</v></c>`;
    }
    return textCell(reference, new Date(cell.instant).toISOString(), STYLE.text);
  };

  const lastColumn = columnLetters(EXPORT_COLUMNS.length - 1);
  const lastRow = rows.length + 1;
  const header = EXPORT_COLUMNS.map((name, column) => textCell(`${columnLetters(column)}1`, name, STYLE.header)).join('');
  const body = rows.map((row, index) => {
    const number = index + 2;
    return `<row r="${number}">${row.map((cell, column) => cellXml(cell, `${columnLetters(column)}${number}`)).join('')}</row>`;
  }).join('');
  const cols = EXPORT_COLUMNS.map((name, column) => {
    const style = TEXT_COLUMNS.has(name) ? STYLE.text : DATE_COLUMNS.has(name) ? STYLE.date : null;
    const width = WIDTHS[name] ?? 11;
    return `<col min="${column + 1}" max="${column + 1}" width="${width}" customWidth="1"${style === null ? '' : ` style="${style}"`}/>`;
  }).join('');
  const range = `A1:${lastColumn}${lastRow}`;
  const sheet = `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><dimension ref="${range}"/>`
    + '<sheetViews><sheetView tabSelected="1" workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
    + '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
    + `<sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols>`
    + `<sheetData><row r="1">${header}</row>${body}</sheetData><autoFilter ref="${range}"/>`
    + '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>';

  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(`${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`
      + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
      + '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
      + '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
      + '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
      + '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
      + '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
      + '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>'),
    '_rels/.rels': strToU8(`${XML_HEAD}<Relationships xmlns="${PACKAGE_REL_NS}">`
      + `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>`
      + '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
      + `<Relationship Id="rId3" Type="${REL_NS}/extended-properties" Target="docProps/app.xml"/></Relationships>`),
    'docProps/core.xml': strToU8(`${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">`
      + `<dc:title>${escapeXml(name.replace(NOT_XML, ''))}</dc:title></cp:coreProperties>`),
    'docProps/app.xml': strToU8(`${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Throughline</Application></Properties>`),
    'xl/workbook.xml': strToU8(`${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><bookViews><workbookView/></bookViews>`
      + `<sheets><sheet name="${XLSX_SHEET_NAME}" sheetId="1" r:id="rId1"/></sheets>`
      + `<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">${XLSX_SHEET_NAME}!$A$1:$${lastColumn}$${lastRow}</definedName></definedNames></workbook>`),
    'xl/_rels/workbook.xml.rels': strToU8(`${XML_HEAD}<Relationships xmlns="${PACKAGE_REL_NS}">`
      + `<Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>`
      + `<Relationship Id="rId2" Type="${REL_NS}/styles" Target="styles.xml"/>`
      + `<Relationship Id="rId3" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`),
    'xl/styles.xml': strToU8(STYLES),
    'xl/worksheets/sheet1.xml': strToU8(sheet),
    'xl/sharedStrings.xml': strToU8(strings.xml()),
  };
  // A fixed time in the zip headers: the same plan gives the same bytes.
  return { bytes: zipSync(files, { level: 6, mtime: new Date(2000, 0, 1) }), cutCells };
}

/**
 * The styles part: regular and bold Calibri 11; cellXfs in STYLE's order — General, the bold Text
 * header, Text (`@`, format 49), the locale's short date (14), `0%` (9), `0.00%` (10), and Text with
 * Excel's hidden apostrophe (`quotePrefix`) for text that starts like a formula.
 */
const STYLES = `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}">`
  + '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
  + '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
  + '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
  + '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
  + '<cellXfs count="7"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
  + '<xf numFmtId="49" fontId="1" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1"/>'
  + '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
  + '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
  + '<xf numFmtId="9" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
  + '<xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
  + '<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" quotePrefix="1"/></cellXfs>'
  + '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';
