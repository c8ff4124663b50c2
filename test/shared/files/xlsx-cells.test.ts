// The XLSX sheet read in one pass: every kind of cell Excel and LibreOffice write — shared strings
// (rich text, phonetic runs), inline strings, booleans, formula text, dates by style and by type,
// the 1904 calendar — and the cells the eleventh session found: a formula's cached number with a
// percent format, and a formula's error (`t="e"`), which must never read as a silent 0 or crash.
// Real workbooks (zip, XML parts as Excel writes them), read by the real reader and import preview.
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildImportPreview, detectMapping, isDateFormat, readXlsx, type SheetTable } from '../../../shared/files/index.js';
import { xlsxBytes } from './support/xlsx-writer.js';

// cellXfs: 0 General, 1 date (built-in 14), 2 `0%` (built-in 9), 3 custom `dd/mm/yyyy`, 4 inherits `0.00%` from its cellStyleXfs entry.
const STYLES = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
  + '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts>'
  + '<cellStyleXfs count="2"><xf numFmtId="0"/><xf numFmtId="10"/></cellStyleXfs>'
  + '<cellXfs count="5"><xf numFmtId="0" xfId="0"/><xf numFmtId="14" xfId="0" applyNumberFormat="1"/><xf numFmtId="9" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" xfId="0" applyNumberFormat="1"/><xf xfId="1"/></cellXfs></styleSheet>';

/** A workbook whose first sheet's `<sheetData>` is `sheetData`, with `strings` as its shared strings (`<si>` bodies). */
function workbook(sheetData: string, options: { strings?: readonly string[]; date1904?: boolean; sharedStringsBody?: string } = {}): Uint8Array {
  const parts = unzipSync(xlsxBytes([['x']]));
  parts['xl/worksheets/sheet1.xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1"/><cols><col min="1" max="1" width="20"/></cols><sheetData>${sheetData}</sheetData><rowBreaks count="0"/></worksheet>`);
  parts['xl/styles.xml'] = strToU8(STYLES);
  const strings = options.strings ?? [];
  parts['xl/sharedStrings.xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}">${options.sharedStringsBody ?? strings.map((body) => `<si>${body}</si>`).join('')}</sst>`);
  if (options.date1904) parts['xl/workbook.xml'] = strToU8(strFromU8(parts['xl/workbook.xml']!).replace('<sheets>', '<workbookPr date1904="1"/><sheets>'));
  return zipSync(parts);
}

async function rowsOf(bytes: Uint8Array): Promise<SheetTable['rows']> {
  const read = await readXlsx(bytes);
  if (!read.ok) throw new Error(read.problem.message);
  return read.table.rows;
}

function keyResults(table: SheetTable) {
  const preview = buildImportPreview(table, detectMapping(table), { strategyTitle: 'Imported' });
  expect(preview.problems).toEqual([]);
  return [...preview.nodes.values()].filter((node) => node.kind === 'key_result').map(({ title, fields, warnings }) => ({ title, fields, warnings }));
}

const HEADER_ROW = '<row r="1"><c r="A1" t="inlineStr"><is><t>Objective</t></is></c><c r="B1" t="inlineStr"><is><t>Key result</t></is></c>'
  + '<c r="C1" t="inlineStr"><is><t>Start</t></is></c><c r="D1" t="inlineStr"><is><t>Target</t></is></c><c r="E1" t="inlineStr"><is><t>Current</t></is></c></row>';
const text = (ref: string, value: string) => `<c r="${ref}" t="inlineStr"><is><t>${value}</t></is></c>`;

describe('XLSX cells read in one pass', () => {
  it('a formula cell with a percent format reads its cached number as a percentage, as a typed one does', async () => {
    const bytes = workbook(HEADER_ROW
      + `<row r="2">${text('A2', 'Self-serve')}${text('B2', 'Typed')}<c r="C2" s="2"><v>0.35</v></c><c r="D2" s="2"><v>0.8</v></c><c r="E2" s="2"><v>0.52</v></c></row>`
      + `<row r="3">${text('A3', 'Self-serve')}${text('B3', 'Computed')}<c r="C3" s="2"><f>C2</f><v>0.35</v></c><c r="D3" s="2" t="n"><f>D2*1</f><v>0.8</v></c><c r="E3" s="4"><f>E2</f><v>0.52</v></c></row>`);
    const read = await readXlsx(bytes);
    if (!read.ok) throw new Error(read.problem.message);
    const [typed, computed] = keyResults(read.table);
    expect(typed!.fields).toMatchObject({ start: 35, target: 80, current: 52, unit: '%' });
    expect(computed!.fields).toEqual(typed!.fields);
    expect(computed!.warnings).toEqual([]);
  });

  it('a formula error (#DIV/0!, #N/A) in a percent cell is a warning naming the cell and the error, the value left empty', async () => {
    const bytes = workbook(HEADER_ROW
      + `<row r="2">${text('A2', 'Self-serve')}${text('B2', 'Conversion')}<c r="C2" s="2"><v>0.1</v></c><c r="D2" s="2"><v>0.2</v></c><c r="E2" s="2" t="e"><f>X2/Y2</f><v>#DIV/0!</v></c></row>`
      + `<row r="3">${text('A3', 'Self-serve')}${text('B3', 'Activation')}<c r="C3" s="2" t="e"><f>VLOOKUP(A3,Z:Z,2,0)</f><v>#N/A</v></c><c r="D3" s="2"><v>0.5</v></c></row>`);
    const read = await readXlsx(bytes);
    if (!read.ok) throw new Error(read.problem.message);
    const [conversion, activation] = keyResults(read.table);
    expect(conversion!.fields).toMatchObject({ start: 10, target: 20, current: null, unit: '%' });
    expect(conversion!.warnings).toEqual(['column E "Current": cell E2 holds the formula error #DIV/0!; read as empty']);
    expect(activation!.fields).toMatchObject({ start: null, target: 50, current: null });
    expect(activation!.warnings).toContain('column C "Start": cell C3 holds the formula error #N/A; read as empty');
  });

  it('reads shared strings (rich text, phonetic runs, escapes), inline strings, booleans, formula text and dates', async () => {
    const rows = await rowsOf(workbook(
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="inlineStr"><is><r><t>in</t></r><r><t xml:space="preserve">line </t></r></is></c></row>'
      // Row 2 is missing; row 3 has cells without references and a trailing empty cell.
      + '<row r="3"><c t="b"><v>1</v></c><c t="b"><v>0</v></c><c t="str"><f>A1&amp;"!"</f><v>Q&amp;A_x0009_!</v></c><c s="1"><v>45930</v></c><c s="3"><v>45931.75</v></c><c t="d"><v>2025-10-02T00:00:00Z</v></c><c s="0"/></row>'
      + '<row r="4"/><row r="5"><c r="B5"><v>1.5</v></c><c r="C5" t="str"><f>""</f><v></v></c><c r="D5" t="str"><f>NOW()</f></c></row><row r="6"></row>',
      { strings: ['<t>Grow &lt;EU&gt;</t>', '<r><rPr><b/></rPr><t>Bold</t></r><r><t xml:space="preserve"> and plain</t></r><rPh sb="0" eb="1"><t>ボ</t></rPh>', '<t>  padded  </t>'] },
    ));
    expect(rows).toEqual([
      // Spaces before the text are kept, as a CSV cell keeps them (they indent a title: leftovers44b); after it, trimmed.
      ['Grow <EU>', 'Bold and plain', '  padded', 'inline', null, null],
      [null, null, null, null, null, null],
      ['TRUE', 'FALSE', 'Q&A\t!', '2025-09-30', '2025-10-01', '2025-10-02'],
      [null, null, null, null, null, null],
      // D5's formula has no saved result (its writer never calculated it): named, not read as empty unseen (files20).
      [null, 1.5, null, { error: 'it holds the formula =NOW() with no saved result: the program that wrote the file did not calculate it; open the file in Excel, LibreOffice or Numbers, save it, and import it again', at: 'D5', unreadable: true }, null, null],
    ]);
  });

  it('reads empty and prefixed string items and runs, and tags that only start like theirs', async () => {
    const rows = await rowsOf(workbook('<row r="1"><c t="s"><v>0</v></c><c t="s"><v>1</v></c><c t="s"><v>2</v></c><c t="s"><v>3</v></c></row>', {
      sharedStringsBody: '<si/><x:si><x:t>pre</x:t><x:t/><x:t>fixed</x:t></x:si><si ><sip/><t >a</t><tab/><rPh/><t>b</t></si><si><t>c</t><rPh sb="0"><t>ふ</t></rPh></si>',
    }));
    expect(rows).toEqual([[null, 'prefixed', 'ab', 'c']]);
  });

  // review39a F9: each `<si>` with no `</si>` after it was looked for up to the end of the part, so a
  // part of them cost the square of its length (469 kB kept the reader busy 9 s) and then read as no strings
  // at all. Now one pass over the tags, and refused naming the first string not closed.
  it('refuses shared strings or a text run that are never closed, naming which, in one pass over the part', async () => {
    const cell = '<row r="1"><c r="A1" t="s"><v>0</v></c></row>';
    const unclosedItems = await readXlsx(workbook(cell, { sharedStringsBody: '<si><t>a</t>'.repeat(50_000) }));
    expect(unclosedItems).toMatchObject({ ok: false, problem: { code: 'malformed-xlsx', message: 'The workbook cannot be read: its shared string 1 is never closed (no </si> before the next <si>).' } });
    const lastUnclosed = await readXlsx(workbook(cell, { sharedStringsBody: '<si><t>a</t></si><si><t>b</t>' }));
    expect(lastUnclosed).toMatchObject({ ok: false, problem: { message: 'The workbook cannot be read: its shared string 2 is never closed (no </si>).' } });
    const unclosedRun = await readXlsx(workbook(cell, { sharedStringsBody: `<si><t>a</t></si><si>${'<t>b'.repeat(50_000)}</si>` }));
    expect(unclosedRun).toMatchObject({ ok: false, problem: { message: 'The workbook cannot be read: its shared string 2: a text run (<t>) in it is never closed.' } });
    // An inline string's unclosed run is that cell's problem, named with it; the rest of the row is read.
    expect(await rowsOf(workbook('<row r="1"><c r="A1" t="inlineStr"><is><t>a</is></c><c r="B1"><v>5</v></c></row>')))
      .toEqual([[{ error: 'a text run (<t>) in it is never closed', at: 'A1', unreadable: true }, 5]]);
  });

  // The same pattern in the sheet (found beside review39a F9): each `<c>` with no `</c>` was looked for up to
  // the end of the sheet, 703 kB of them took 20 s, and then read as no cells at all, without a word.
  it('refuses a cell that is never closed, naming it, in one pass over the sheet', async () => {
    const unclosed = await readXlsx(workbook(`<row r="1"><c r="A1"><v>1</v></c>${'<c r="B1"><v>1</v>'.repeat(20_000)}</row>`));
    expect(unclosed).toMatchObject({ ok: false, problem: { code: 'malformed-xlsx', message: 'The workbook cannot be read: its cell B1 is never closed (no </c> before the next cell or row).' } });
    const lastInRow = await readXlsx(workbook('<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></row><row r="2"><c r="A2"><v>3</v></c></row>'));
    expect(lastInRow).toMatchObject({ ok: false, problem: { message: 'The workbook cannot be read: its cell B1 is never closed (no </c> before the next cell or row).' } });
    // Tags inside a cell that only start like a cell or a row are its body, as before.
    expect(await rowsOf(workbook('<row r="1"><c r="A1" t="inlineStr"><is><r><rPr><color rgb="FF0000"/></rPr><t>red</t></r></is></c><c r="B1"><v>2</v><extLst><x14:cfRule/><rowx/></extLst></c></row>'))).toEqual([['red', 2]]);
  });

  it('counts dates from 1904 in a workbook that says so', async () => {
    // Serial 44468 is 2021-09-29 in the 1900 calendar and 2025-09-30 in the 1904 one (1,462 days later).
    expect(await rowsOf(workbook('<row r="1"><c r="A1" s="1"><v>44468</v></c></row>', { date1904: true }))).toEqual([['2025-09-30']]);
    expect(await rowsOf(workbook('<row r="1"><c r="A1" s="1"><v>44468</v></c></row>'))).toEqual([['2021-09-29']]);
  });

  it('keeps a cell it cannot read as such, naming it and why, and reads the rest (xlsx-unreadable-cell.test.ts for the rows)', async () => {
    const read = await readXlsx(workbook('<row r="1"><c r="A1" t="s"><v>7</v></c><c r="B1"><v>5</v></c></row>'));
    expect(read.ok ? read.table.rows[0] : read.problem).toEqual([{ error: 'it refers to shared string "7", which the workbook does not have', at: 'A1', unreadable: true }, 5]);
  });

  it('tells a date format code from a number one', () => {
    expect(['dd/mm/yyyy', 'mmm d, yyyy', '[h]:mm:ss', 'yyyy-mm-dd;@', '[$-409]d-mmm-yy', 'mm:ss.0'].map(isDateFormat)).toEqual([true, true, true, true, true, true]);
    expect(['0.00', '0%', '#,##0', '"days" 0', 'General', '0.0" m"'].map(isDateFormat)).toEqual([false, false, false, false, false, false]);
  });
});
