// A long title is cut to the model's 500 UTF-16 code units, never between an emoji's two halves.
import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildImportPreview, cutText, detectMapping, readCsv } from '../../../shared/files/index.js';

const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe('cutting imported text', () => {
  it('cuts a title of real CSV bytes at a code-point boundary, with the warning', () => {
    const title = `${'a'.repeat(499)}🎯 and more`; // the emoji's halves are code units 500 and 501
    const owner = `${'b'.repeat(199)}🚀 Smith`;
    const read = readCsv(strToU8(`Objective,Owner\r\n${title},${owner}\r\n`));
    if (!read.ok) throw new Error('not read');
    const preview = buildImportPreview(read.table, detectMapping(read.table), { strategyTitle: `${'s'.repeat(499)}🧭` });
    const nodes = [...preview.nodes.values()];
    const objective = nodes.find((node) => node.kind === 'objective')!;
    expect(objective.title).toBe('a'.repeat(499));
    expect(objective.warnings).toContain('title longer than 500 characters: cut');
    for (const node of nodes) expect(node.title).not.toMatch(loneSurrogate);
    expect(nodes.find((node) => node.kind === 'strategy')!.title).toBe('s'.repeat(499));
    expect(objective.fields.owner?.name ?? '').not.toMatch(loneSurrogate);
  });

  it('keeps a whole emoji that fits, and text within the limit as it is', () => {
    expect(cutText(`${'a'.repeat(498)}🎯x`, 500)).toBe(`${'a'.repeat(498)}🎯`);
    expect(cutText('short 🎯', 500)).toBe('short 🎯');
    expect(cutText('🎯🎯', 3)).toBe('🎯');
  });
});
