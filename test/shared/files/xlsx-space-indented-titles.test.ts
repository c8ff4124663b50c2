// Titles indented with leading SPACES in an .xlsx, no Type column (leftovers43's "not done", review42c F4): the
// spaces gave the rows' levels in a CSV, and Excel's format indent did in an .xlsx, but the .xlsx reader trimmed
// the spaces away, so the same outline typed with spaces in Excel came in as one flat level, refused row by row.
import fc from 'fast-check';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildImportPreview, detectMapping, readSpreadsheet, type ImportPreview } from '../../../shared/files/index.js';
import { xlsxBytes, type XlsxCell } from './support/xlsx-writer.js';

/** The writer's styles and cell styles 2, 3, 4 indented 1, 2, 3 steps by their format (Excel's Increase Indent). */
const STYLES = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders>'
  + '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
  + '<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
  + [1, 2, 3].map((indent) => `<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment horizontal="left" indent="${indent}"/></xf>`).join('')
  + '</cellXfs></styleSheet>';

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
/** A shared-string-free text cell as Excel may write it: inline, spaces preserved, in cell style `style`. */
const inline = (text: string, style = 0): XlsxCell => ({ raw: `<c r="{ref}" t="inlineStr"${style === 0 ? '' : ` s="${style}"`}><is><t xml:space="preserve">${escapeXml(text)}</t></is></c>` });

function workbook(rows: readonly (readonly XlsxCell[])[]): Uint8Array {
  const files = unzipSync(xlsxBytes(rows));
  files['xl/styles.xml'] = strToU8(STYLES);
  return zipSync(files);
}

async function previewOf(bytes: Uint8Array, name: string): Promise<ImportPreview> {
  const read = await readSpreadsheet(name, bytes);
  if (!read.ok) throw new Error(read.problem.message);
  return buildImportPreview(read.table, detectMapping(read.table), { strategyTitle: 'unused' });
}

/** Each imported item as `kind title < parent title`. */
const placed = (preview: ImportPreview) => [...preview.nodes.values()].filter((node) => node.row > 0)
  .map((node) => `${node.kind} ${node.title} < ${node.parentKey === null ? '' : preview.nodes.get(node.parentKey)!.title}`);

describe('titles indented with spaces in an .xlsx, no Type column', () => {
  it('the review\'s outline typed with spaces in Excel (a shared string and inline strings): levels as in the CSV, titles without the spaces', async () => {
    const preview = await previewOf(xlsxBytes([
      ['Title', 'Owner', 'Target'],
      ['Grow revenue', 'Ann', null],
      ['  ARR', 'Ann', 100], // a shared string: the writer keeps its spaces (xml:space="preserve")
      [inline('    Launch EU'), 'Bob', null],
      [inline('\tHire a country lead'), 'Bob', null], // a tab is four spaces' width, as in a CSV
    ]), 'outline.xlsx');
    expect(preview.problems).toEqual([]);
    expect(preview.columnNotes[0]).toMatch(/^The sheet has no Type column: each row's kind is read from how far its title is indented/);
    expect(placed(preview)).toEqual([
      'objective Grow revenue < unused', 'key_result ARR < Grow revenue', 'initiative Launch EU < ARR', 'initiative Hire a country lead < ARR',
    ]);
  });

  it('a cell of spaces alone is still empty, and spaces after the text are still dropped', async () => {
    const read = await readSpreadsheet('blank.xlsx', xlsxBytes([['Title', 'Owner'], ['Grow  ', '   '], [inline('  ARR \n'), 'Ann']]));
    expect(read.ok && read.table.rows).toEqual([['Title', 'Owner'], ['Grow', null], ['  ARR', 'Ann']]);
  });

  it('property: one outline imports alike from a CSV indented with spaces, an .xlsx indented with spaces, by format, or each row either way', async () => {
    const outline = fc.array(fc.tuple(fc.nat(3), fc.nat(3), fc.constantFrom('shared', 'inline')), { minLength: 2, maxLength: 16 }).map((rows) => {
      const levels: { level: number; formatSteps: number; cell: 'shared' | 'inline' }[] = [];
      for (const [step, split, cell] of rows) {
        const level = levels.length === 0 ? 0 : Math.min(step, levels[levels.length - 1]!.level + 1);
        levels.push({ level, formatSteps: Math.min(split, level), cell });
      }
      return levels;
    }).filter((rows) => new Set(rows.map((row) => row.level)).size >= 2);
    await fc.assert(fc.asyncProperty(outline, async (rows) => {
      const title = (index: number) => `Item ${index}`;
      const csv = ['Title,Owner', ...rows.map(({ level }, index) => `"${'  '.repeat(level)}${title(index)}",Ana`)].join('\n');
      const fromCsv = placed(await previewOf(new TextEncoder().encode(csv), 'outline.csv'));
      // A format step is as wide as four spaces (a tab): level L is 4L spaces, L steps, or some of each.
      const spaced = (index: number, level: number): XlsxCell => rows[index]!.cell === 'shared' ? ' '.repeat(4 * level) + title(index) : inline(' '.repeat(4 * level) + title(index));
      const bySpaces = await previewOf(workbook([['Title', 'Owner'], ...rows.map(({ level }, index) => [spaced(index, level), 'Ana'])]), 'spaces.xlsx');
      const byFormat = await previewOf(workbook([['Title', 'Owner'], ...rows.map(({ level }, index) => [level === 0 ? title(index) : inline(title(index), 1 + level), 'Ana'])]), 'format.xlsx');
      const mixed = await previewOf(workbook([['Title', 'Owner'], ...rows.map(({ level, formatSteps }, index) => [
        formatSteps === 0 ? spaced(index, level) : inline(' '.repeat(4 * (level - formatSteps)) + title(index), 1 + formatSteps), 'Ana'])]), 'mixed.xlsx');
      for (const preview of [bySpaces, byFormat, mixed]) {
        expect(preview.problems).toEqual([]);
        expect(placed(preview)).toEqual(fromCsv);
      }
    }), { numRuns: 40 });
  });
});
