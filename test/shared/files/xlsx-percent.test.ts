// Excel stores a Target typed as `45%` as 0.45 with a percent number format; the import must read it
// as the same sheet saved as CSV (`45%`) is read: 45 with unit %.
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildImportPreview, detectMapping, isPercentFormat, readCsv, readXlsx, type SheetTable } from '../../../shared/files/index.js';
import { xlsxBytes } from './support/xlsx-writer.js';

// cellXfs: 0 General, 1 date (the writer's), 2 built-in 9 `0%`, 3 built-in 10 `0.00%`, 4 custom `0.0%`,
// 5 custom `0" %"` (a percent sign in quoted text: not a percentage).
const STYLES = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
  + '<numFmts count="2"><numFmt numFmtId="164" formatCode="0.0%"/><numFmt numFmtId="165" formatCode="0&quot; %&quot;"/></numFmts>'
  + '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders>'
  + '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="6">'
  + '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
  + '<xf numFmtId="9" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
  + '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
  + '</cellXfs></styleSheet>';

/** `rows` as Excel writes them: each `styled` cell (`C2` → style) a number with that cell style. */
function styledWorkbook(rows: readonly (readonly (string | number | null)[])[], styled: Readonly<Record<string, number>>): Uint8Array {
  const parts = unzipSync(xlsxBytes(rows));
  let sheet = strFromU8(parts['xl/worksheets/sheet1.xml']!);
  for (const [reference, style] of Object.entries(styled)) sheet = sheet.replace(`<c r="${reference}">`, `<c r="${reference}" s="${style}">`);
  parts['xl/worksheets/sheet1.xml'] = strToU8(sheet);
  parts['xl/styles.xml'] = strToU8(STYLES);
  return zipSync(parts);
}

function keyResults(table: SheetTable) {
  const preview = buildImportPreview(table, detectMapping(table), { strategyTitle: 'Imported' });
  return [...preview.nodes.values()].filter((node) => node.kind === 'key_result').map(({ title, fields, warnings }) => ({ title, fields, warnings }));
}

const HEADER = ['Objective', 'Key result', 'Start', 'Target', 'Current'];

describe('XLSX cells with a percent number format', () => {
  it('read as the same sheet saved as CSV: built-in 0% and 0.00%, custom 0.0%', async () => {
    const workbook = styledWorkbook([
      HEADER,
      ['Self-serve onboarding', 'Accounts live within 7 days', 0.35, 0.8, 0.52],
      ['Self-serve onboarding', 'Trial conversion', 0.1225, 0.2, 0.155],
      ['Self-serve onboarding', 'Tickets reopened', 18, 5, 11],
    ], { C2: 2, D2: 2, E2: 2, C3: 3, D3: 4, E3: 4 });
    const csv = readCsv(strToU8([
      HEADER.join(','),
      'Self-serve onboarding,Accounts live within 7 days,35%,80%,52%',
      'Self-serve onboarding,Trial conversion,12.25%,20%,15.5%',
      'Self-serve onboarding,Tickets reopened,18,5,11',
    ].join('\r\n')));
    const xlsx = await readXlsx(workbook);
    if (!xlsx.ok || !csv.ok) throw new Error('not read');
    const read = keyResults(xlsx.table);
    expect(read).toEqual(keyResults(csv.table));
    expect(read[0]!.fields).toMatchObject({ start: 35, target: 80, current: 52, unit: '%' });
    expect(read[1]!.fields).toMatchObject({ start: 12.25, target: 20, current: 15.5, unit: '%' });
    expect(read[2]!.fields).toMatchObject({ start: 18, target: 5, current: 11, unit: null });
  });

  it('a percent sign in quoted text, and other cells, are not percentages', async () => {
    const xlsx = await readXlsx(styledWorkbook([HEADER, ['Grow', 'Share', 0.5, 3, 0.25]], { D2: 5, E2: 0 }));
    if (!xlsx.ok) throw new Error('not read');
    expect(keyResults(xlsx.table)[0]!.fields).toMatchObject({ start: 0.5, target: 3, current: 0.25, unit: null });
  });

  it('reads the styles of the sheet it reads: the first visible one, behind a hidden sheet whose part comes first', async () => {
    const parts = unzipSync(styledWorkbook([HEADER, ['Grow', 'Share', 0.25, 0.5, 3]], { C2: 2, D2: 2 }));
    const text = (name: string) => strFromU8(parts[name]!);
    // The hidden sheet is xl/worksheets/sheet0.xml, listed first; its D2 and E2 carry a percent style, the plan's E2 does not.
    parts['xl/worksheets/sheet0.xml'] = strToU8('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="2"><c r="D2" s="0"><v>1</v></c><c r="E2" s="2"><v>1</v></c></row></sheetData></worksheet>');
    parts['[Content_Types].xml'] = strToU8(text('[Content_Types].xml').replace('</Types>', '<Override PartName="/xl/worksheets/sheet0.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'));
    parts['xl/_rels/workbook.xml.rels'] = strToU8(text('xl/_rels/workbook.xml.rels').replace('</Relationships>', '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet0.xml"/></Relationships>'));
    parts['xl/workbook.xml'] = strToU8(text('xl/workbook.xml').replace('<sheets>', '<sheets><sheet name="Lists" sheetId="2" state="hidden" r:id="rId9"/>'));
    const xlsx = await readXlsx(zipSync(parts));
    if (!xlsx.ok) throw new Error('not read');
    expect(keyResults(xlsx.table)[0]!.fields).toMatchObject({ start: 25, target: 50, current: 3, unit: '%' });
  });

  it('tells a percent format code by a % outside quotes, escapes and brackets', () => {
    expect(['0%', '0.00%', '#,##0.0%;[Red]-#,##0.0%', '0.0 %'].map(isPercentFormat)).toEqual([true, true, true, true]);
    expect(['0" %"', '0\\%', '0.00', '[$%-409]0', 'General', '_%0', '*%0'].map(isPercentFormat)).toEqual([false, false, false, false, false, false, false]);
  });
});
