// An XLSX cell the reader cannot read (a shared string the workbook lacks, a number that is none, a
// type no spreadsheet writes) is its row's warning naming the cell, not the whole file's refusal; a
// workbook cut short is still refused. The fixture is a real .xlsx made by support/xlsx-writer.ts.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildImportPreview, detectMapping, readXlsx } from '../../../shared/files/index.js';
import { xlsxBytes, type XlsxCell } from './support/xlsx-writer.js';

/** The workbook committed as fixtures/okrs-unreadable-cells.xlsx. */
const UNREADABLE_CELLS: readonly (readonly XlsxCell[])[] = [
  ['Objective', 'Key result', 'Target'],
  ['Grow in Europe', 'Revenue', 100],
  ['Grow in Europe', 'Margin', { raw: '<c r="{ref}" t="x"><v>1</v></c>' }],
  ['Grow in Europe', 'Churn', { raw: '<c r="{ref}"><v>12abc</v></c>' }],
  ['Grow in Europe', { raw: '<c r="{ref}" t="s"><v>99</v></c>' }, 7],
];
const fixture = path.join(import.meta.dirname, 'fixtures', 'okrs-unreadable-cells.xlsx');

describe('an unreadable XLSX cell', () => {
  it('is the committed fixture, as the writer makes it', () => {
    expect(Buffer.from(readFileSync(fixture)).equals(Buffer.from(xlsxBytes(UNREADABLE_CELLS)))).toBe(true);
  });

  it('is a warning on its row naming the cell, and the rest of the file imports', async () => {
    const read = await readXlsx(new Uint8Array(readFileSync(fixture)));
    if (!read.ok) throw new Error(read.problem.message);
    const preview = buildImportPreview(read.table, detectMapping(read.table), { strategyTitle: 'Imported' });
    const warningsOf = (row: number) => preview.rows.find((outcome) => outcome.row === row)?.warnings ?? [];
    expect(warningsOf(3)).toContain('C3: the cell cannot be read (it has the unknown type "x"); read as empty');
    expect(warningsOf(4)).toContain('C4: the cell cannot be read (it holds "12abc", which is not a number); read as empty');
    expect(warningsOf(5)).toContain('B5: the cell cannot be read (it refers to shared string "99", which the workbook does not have); read as empty');
    const keyResults = [...preview.nodes.values()].filter((node) => node.kind === 'key_result');
    expect(keyResults.map((node) => [node.title, node.fields.target])).toEqual([['Revenue', 100], ['Margin', null], ['Churn', null]]);
  });

  it('does not excuse a corrupt file: a workbook cut short is refused', async () => {
    const bytes = new Uint8Array(readFileSync(fixture));
    const read = await readXlsx(bytes.slice(0, bytes.length - 200));
    expect(read.ok).toBe(false);
  });
});
