// A long title is cut to the model's 500 characters (code points), never inside an emoji or a grapheme;
// control characters in cells are replaced by visible signs, the row saying which.
import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildImportPreview, cutText, detectMapping, readCsv } from '../../../shared/files/index.js';

const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe('cutting imported text', () => {
  it('cuts a title of real CSV bytes at a code-point boundary, with the warning', () => {
    const title = `${'a'.repeat(498)}👍🏽 and more`; // the skin-toned thumb is characters 499 and 500, code units 499–502
    const owner = `${'b'.repeat(199)}🚀 Smith`;
    const read = readCsv(strToU8(`Objective,Owner\r\n${title},${owner}\r\n`));
    if (!read.ok) throw new Error('not read');
    const preview = buildImportPreview(read.table, detectMapping(read.table), { strategyTitle: `${'s'.repeat(499)}🧭` });
    const nodes = [...preview.nodes.values()];
    const objective = nodes.find((node) => node.kind === 'objective')!;
    expect(objective.title).toBe(`${'a'.repeat(498)}👍🏽`);
    expect(objective.warnings).toContain(`title: "${'a'.repeat(30)}…" is 509 characters long; kept are the first 500`);
    for (const node of nodes) expect(node.title).not.toMatch(loneSurrogate);
    expect(nodes.find((node) => node.kind === 'strategy')!.title).toBe(`${'s'.repeat(499)}🧭`);
    expect(objective.fields.owner?.name ?? '').not.toMatch(loneSurrogate);
  });

  it('keeps a whole emoji that fits, and text within the limit as it is', () => {
    expect(cutText(`${'a'.repeat(498)}🎯x`, 500)).toBe(`${'a'.repeat(498)}🎯x`);
    expect(cutText(`${'a'.repeat(499)}🎯x`, 500)).toBe(`${'a'.repeat(499)}🎯`);
    expect(cutText('short 🎯', 500)).toBe('short 🎯');
    expect(cutText('🎯🎯', 3)).toBe('🎯🎯');
    expect(cutText('🎯🎯🎯', 2)).toBe('🎯🎯');
  });

  it('replaces control characters of real CSV cells visibly and names them on the row', () => {
    const csv = 'Objective,Description,Team\r\n"Grow\u0007 revenue","first\nsecond\u0001",Sales\u001b\r\n"Two\r\nlines",,\r\n';
    const read = readCsv(strToU8(csv));
    if (!read.ok) throw new Error('not read');
    const preview = buildImportPreview(read.table, detectMapping(read.table), { strategyTitle: 'Imported' });
    const objectives = [...preview.nodes.values()].filter((node) => node.kind === 'objective');
    expect(objectives.map((node) => node.title)).toEqual(['Grow␇ revenue', 'Two lines']);
    expect(objectives[0]!.fields.description).toBe('first\nsecond␁');
    expect(objectives[0]!.fields.team).toBe('Sales␛');
    expect(objectives[0]!.warnings).toEqual(expect.arrayContaining([
      'title: a control character (U+0007) replaced by a space or a visible sign',
      'column B "Description": a control character (U+0001) replaced by a visible sign',
      'column C "Team": a control character (U+001B) replaced by a space or a visible sign',
    ]));
    expect(objectives[1]!.warnings).toContain('title: control characters (U+000D, U+000A) replaced by a space or a visible sign');
  });
});
