// Workbooks of several sheets as Excel writes them: a hidden sheet of lookup lists (the drop-downs'
// source) often comes first, and the plan is on the first sheet a person sees.
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readXlsx, sheetsNote } from '../../../shared/files/index.js';
import { xlsxBytes } from './support/xlsx-writer.js';

/** The workbook of `plan`, with a sheet of lookup lists in front of it in `state` (hidden, veryHidden or visible). */
function withListsSheetFirst(plan: Uint8Array, state: 'hidden' | 'veryHidden' | 'visible'): Uint8Array {
  const parts = unzipSync(plan);
  const text = (name: string) => strFromU8(parts[name]!);
  parts['xl/worksheets/sheet2.xml'] = strToU8('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    + ['Status', 'On track', 'At risk', 'Off track'].map((value, r) => `<row r="${r + 1}"><c r="A${r + 1}" t="inlineStr"><is><t>${value}</t></is></c></row>`).join('')
    + '</sheetData></worksheet>');
  parts['[Content_Types].xml'] = strToU8(text('[Content_Types].xml').replace('</Types>', '<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'));
  parts['xl/_rels/workbook.xml.rels'] = strToU8(text('xl/_rels/workbook.xml.rels').replace('</Relationships>', '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/></Relationships>'));
  const stateAttribute = state === 'visible' ? '' : ` state="${state}"`;
  parts['xl/workbook.xml'] = strToU8(text('xl/workbook.xml').replace('<sheets>', `<sheets><sheet name="Lists" sheetId="2"${stateAttribute} r:id="rId9"/>`));
  return zipSync(parts);
}

const PLAN = [['Objective', 'Key result', 'Target'], ['Grow revenue', 'Revenue', 100]];

describe('a workbook of several sheets', () => {
  for (const state of ['hidden', 'veryHidden'] as const) {
    it(`reads the first visible sheet, not a ${state} sheet of lookup lists in front of it`, async () => {
      const read = await readXlsx(withListsSheetFirst(xlsxBytes(PLAN), state));
      expect(read).toMatchObject({ ok: true, table: { rows: PLAN } });
      // A hidden sheet is not among those the preview says were not read.
      expect(read.ok && sheetsNote(read.table)).toBeNull();
    });
  }
  // import37: a visible sheet in front whose header names no plan column is passed over for the first
  // one whose header does (review37a F1; the person can still choose "Lists" in the import dialog).
  it('reads the plan\'s sheet when a visible sheet of lists is in front of it, and says the lists were not read', async () => {
    const read = await readXlsx(withListsSheetFirst(xlsxBytes(PLAN), 'visible'));
    expect(read).toMatchObject({ ok: true, table: { rows: PLAN } });
    expect(read.ok && sheetsNote(read.table)).toBe('Read sheet "OKRs"; "Lists" was not read.');
  });
  it('says which sheet was read and which other visible sheets were not', async () => {
    const read = await readXlsx(xlsxBytes(PLAN, 'OKRs', ['Q2', 'Archive & "old"']));
    expect(read).toMatchObject({ ok: true, table: { rows: PLAN, sheets: { read: 'OKRs', notRead: ['Q2', 'Archive & "old"'] } } });
    expect(read.ok && sheetsNote(read.table)).toBe('Read sheet "OKRs"; "Q2" and "Archive & "old"" were not read.');
    const many = await readXlsx(xlsxBytes(PLAN, 'OKRs', ['A', 'B', 'C', 'D', 'E', 'F', 'G']));
    expect(many.ok && sheetsNote(many.table)).toBe('Read sheet "OKRs"; "A", "B", "C", "D", "E" and 2 more sheets were not read.');
    const one = await readXlsx(xlsxBytes(PLAN));
    expect(one.ok && sheetsNote(one.table)).toBeNull();
  });
});
