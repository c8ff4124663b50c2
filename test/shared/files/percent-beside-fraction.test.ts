// A key result row whose Start and Target are percentages and whose Current is a plain fraction (an Excel
// cell typed 0.045 beside cells formatted 5.5 %): review42c F2. It was read as 0.045 % without a word, so
// the key result looked far past its target. The value is kept as written and the row says so.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildImportPreview, detectMapping, readSpreadsheet, type ImportPreview } from '../../../shared/files/index.js';
import { previewOfCsv } from './support/csv-import.js';
import { xlsxBytes, type XlsxCell } from './support/xlsx-writer.js';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

const BESIDE = /is a plain number beside percentages/;
const keyResult = (preview: ImportPreview) => [...preview.nodes.values()].find((node) => node.kind === 'key_result')!;

/** A workbook whose style 2 is Excel's 0% format; `{ percent }` cells use it. */
function workbook(rows: readonly (readonly (XlsxCell | { percent: number })[])[]): Uint8Array {
  const cells = rows.map((row) => row.map((cell) => (cell !== null && typeof cell === 'object' && 'percent' in cell ? { raw: `<c r="{ref}" s="2"><v>${cell.percent}</v></c>` } : cell)));
  const parts = unzipSync(xlsxBytes(cells));
  parts['xl/styles.xml'] = strToU8(strFromU8(parts['xl/styles.xml']!).replace('<cellXfs count="2">', '<cellXfs count="3">').replace('</cellXfs>', '<xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'));
  return zipSync(parts);
}

async function previewOfXlsx(bytes: Uint8Array): Promise<ImportPreview> {
  const read = await readSpreadsheet('okrs.xlsx', bytes);
  if (!read.ok) throw new Error(read.problem.message);
  return buildImportPreview(read.table, detectMapping(read.table), { strategyTitle: 'Imported' });
}

describe('a plain fraction beside percentages on a key result row', () => {
  it('the review\'s workbook: Current 0.045 beside Start 5.5 % and Target 3 % is named on the row with both readings', async () => {
    const preview = await previewOfXlsx(workbook([['Objective', 'Key result', 'Start', 'Target', 'Current'], ['Keep customers', 'Churn', { percent: 0.055 }, { percent: 0.03 }, 0.045]]));
    expect(keyResult(preview).fields).toMatchObject({ start: 5.5, target: 3, current: 0.045, unit: '%' });
    expect(keyResult(preview).warnings).toContain('column E "Current": 0.045 is a plain number beside percentages (column C "Start" 5.5%, column D "Target" 3%); read as 0.045%. If it means 4.5%, write it so (or format the cell as a percentage)');
  });

  it('property (CSV): the row warns exactly when a value is a plain non-zero number within ±1 beside a percentage', () => {
    const valueArb = fc.oneof(fc.integer({ min: -100, max: 100 }).map((n) => ({ text: `${n}%`, percent: true, plain: n })), fc.integer({ min: -1000, max: 1000 }).map((n) => ({ text: String(n / 100), percent: false, plain: n / 100 })));
    fc.assert(fc.property(valueArb, valueArb, valueArb, (start, target, current) => {
      fc.pre(start.plain !== target.plain);
      const preview = previewOfCsv(`Objective,Key result,Start,Target,Current\nKeep customers,Churn,${start.text},${target.text},${current.text}\n`);
      const values = [start, target, current];
      const expected = values.some((value) => value.percent) && values.some((value) => !value.percent && value.plain !== 0 && Math.abs(value.plain) <= 1);
      const warnings = preview.rows.flatMap((row) => row.warnings);
      expect(warnings.some((warning) => BESIDE.test(warning)), JSON.stringify({ values, warnings })).toBe(expected);
    }), { numRuns: 150 });
  });

  it('a row all in percentages, or all plain, says nothing of the kind', async () => {
    const preview = await previewOfXlsx(workbook([['Objective', 'Key result', 'Start', 'Target', 'Current'], ['Keep customers', 'Churn', { percent: 0.055 }, { percent: 0.03 }, { percent: 0.045 }], [null, 'Share', 0.2, 0.5, 0.3]]));
    expect(preview.rows.flatMap((row) => row.warnings).filter((warning) => BESIDE.test(warning))).toEqual([]);
  });
});
