// Titles indented with Excel's "Increase Indent" (the cell's format: `<alignment indent="N"/>` on its style in
// xl/styles.xml), no Type column: review42c F4b. Titles indented with spaces gave the rows' levels; the same
// outline indented by the format was refused row by row, "the sheet has no Type column".
import fc from 'fast-check';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildImportPreview, detectMapping, readSpreadsheet, type ImportPreview } from '../../../shared/files/index.js';
import { readAlignmentIndents } from '../../../shared/files/xlsx-styles.js';
import { xlsxBytes, type XlsxCell } from './support/xlsx-writer.js';

/**
 * The writer's styles with four more cell styles: indents 1, 2, 3 (as Excel writes "Increase Indent":
 * `applyAlignment="1"` and an `<alignment>` child), and one with no alignment of its own whose base style
 * (cellStyleXfs 1) is indented twice, as a named cell style carries it.
 */
const STYLES = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders>'
  + '<cellStyleXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/><xf numFmtId="0" fontId="0" fillId="0" borderId="0"><alignment horizontal="left" indent="2"/></xf></cellStyleXfs>'
  + '<cellXfs count="6"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
  + '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment horizontal="left" vertical="top" indent="1"/></xf>'
  + '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment horizontal="left" indent="2"/></xf>'
  + '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment indent="3"/></xf>'
  + '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="1"/></cellXfs></styleSheet>';
/** The cell style (cellXfs index) of each indent: none, 1, 2, 3. */
const STYLE_OF_INDENT = [0, 2, 3, 4];

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
/** A text cell in the style `style`, as Excel writes an indented title typed in (an inline string here). */
const styled = (text: string, style: number): XlsxCell => ({ raw: `<c r="{ref}" t="inlineStr" s="${style}"><is><t>${escapeXml(text)}</t></is></c>` });

/** A workbook of `rows` whose styles are STYLES. */
function workbook(rows: readonly (readonly XlsxCell[])[]): Uint8Array {
  const files = unzipSync(xlsxBytes(rows));
  files['xl/styles.xml'] = strToU8(STYLES);
  return zipSync(files);
}

async function previewOf(bytes: Uint8Array, name = 'outline.xlsx'): Promise<ImportPreview> {
  const read = await readSpreadsheet(name, bytes);
  if (!read.ok) throw new Error(read.problem.message);
  return buildImportPreview(read.table, detectMapping(read.table), { strategyTitle: 'unused' });
}

/** Each imported item as `kind title < parent title`. */
const placed = (preview: ImportPreview) => [...preview.nodes.values()].filter((node) => node.row > 0)
  .map((node) => `${node.kind} ${node.title} < ${node.parentKey === null ? '' : preview.nodes.get(node.parentKey)!.title}`);

describe('titles indented by the cell\'s format (Excel\'s Increase Indent), no Type column', () => {
  it('the styles\' indents are read by cell style, a style without its own alignment taking its base style\'s', () => {
    expect(readAlignmentIndents(STYLES)).toEqual([0, 0, 1, 2, 3, 2]);
    expect(strFromU8(unzipSync(workbook([['Title']]))['xl/styles.xml']!)).toBe(STYLES);
  });

  it('the review\'s outline: each indent step a level down, said once above the preview, as spaces would be', async () => {
    const preview = await previewOf(workbook([
      ['Title', 'Owner', 'Target'],
      ['Grow revenue', 'Ann', null],
      [styled('ARR', 2), 'Ann', 100],
      [styled('Launch EU', 3), 'Bob', null],
      [styled('Hire a country lead', 4), 'Bob', null],
      ['Delight customers', 'Cy', null],
      [styled('NPS', 5), 'Cy', 50], // its style's base is indented twice: as deep as Launch EU's
    ]));
    expect(preview.problems).toEqual([]);
    expect(preview.columnNotes[0]).toMatch(/^The sheet has no Type column: each row's kind is read from how far its title is indented/);
    expect(placed(preview)).toEqual([
      'objective Grow revenue < unused', 'key_result ARR < Grow revenue', 'initiative Launch EU < ARR', 'task Hire a country lead < Launch EU',
      'objective Delight customers < unused', 'initiative NPS < Delight customers',
    ]);
  });

  it('property: an outline indented by format imports exactly as the same outline indented with spaces in CSV', async () => {
    const outline = fc.array(fc.nat(3), { minLength: 2, maxLength: 20 }).map((steps) => {
      const levels: number[] = [];
      for (const step of steps) levels.push(levels.length === 0 ? 0 : Math.min(step, levels[levels.length - 1]! + 1));
      return levels;
    }).filter((levels) => new Set(levels).size >= 2);
    await fc.assert(fc.asyncProperty(outline, async (levels) => {
      const fromFormat = await previewOf(workbook([['Title', 'Owner'], ...levels.map((level, index) => [level === 0 ? `Item ${index}` : styled(`Item ${index}`, STYLE_OF_INDENT[level]!), 'Ana'])]));
      const csv = ['Title,Owner', ...levels.map((level, index) => `"${'  '.repeat(level)}Item ${index}",Ana`)].join('\n');
      const fromSpaces = await previewOf(new TextEncoder().encode(csv), 'outline.csv');
      expect(fromFormat.problems).toEqual([]);
      expect(placed(fromFormat)).toEqual(placed(fromSpaces));
    }), { numRuns: 30 });
  });

  it('a Type column decides the kinds as before: the format\'s indent is not read then', async () => {
    const preview = await previewOf(workbook([['Type', 'Title'], ['Objective', 'Grow'], ['Key result', styled('ARR', 3)], ['Key result', styled('NPS', 2)]]));
    expect(preview.problems).toEqual([]);
    expect(placed(preview)).toEqual(['objective Grow < unused', 'key_result ARR < Grow', 'key_result NPS < Grow']);
  });
});
