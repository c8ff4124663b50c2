// A hierarchy given only by indenting the titles (an outline pasted from a document into one column, no Type
// column): review42c F4. Every row was refused as "the type is empty and cannot be inferred", with no hint.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importIntoNewPlan, previewOfCsv } from './support/csv-import.js';

const KINDS = ['objective', 'key_result', 'initiative', 'task'] as const;

/** A random outline: each item one level deeper than the one above at most, the first at level 0. */
const outlineArb = fc.array(fc.nat(4), { minLength: 1, maxLength: 30 }).map((steps) => {
  const levels: number[] = [];
  for (const step of steps) levels.push(levels.length === 0 ? 0 : Math.min(step, levels[levels.length - 1]! + 1));
  return levels;
});

describe('titles indented by level, no Type column', () => {
  it('property: each row is imported under the row above indented less, its kind by its level, with spaces or tabs', () => {
    fc.assert(fc.property(outlineArb, fc.constantFrom('  ', '    ', '\t'), (levels, unit) => {
      fc.pre(new Set(levels).size >= 2); // one level alone tells no kinds: refused, saying how to mend it (below)
      const csv = ['Title,Owner', ...levels.map((level, index) => `"${unit.repeat(level)}Item ${index}",Ana`)].join('\n');
      const preview = previewOfCsv(csv);
      expect(preview.problems).toEqual([]);
      const { copy, applied } = importIntoNewPlan(preview);
      expect(applied.ok).toBe(true);
      const expectedParent = levels.map((level, index) => {
        for (let above = index - 1; above >= 0; above--) if (levels[above]! < level) return `Item ${above}`;
        return null;
      });
      for (const id of copy.index.walk()) {
        const node = copy.index.node(id)!;
        if (node.kind === 'strategy') continue;
        const index = Number(node.title.slice(5));
        const parent = copy.index.node(node.parent)!;
        expect(parent.kind === 'strategy' ? null : parent.title).toBe(expectedParent[index]);
        expect(node.kind).toBe(KINDS[Math.min(levels[index]!, 3)]);
      }
      expect([...copy.index.walk()].length).toBe(levels.length + 1);
    }), { numRuns: 40 });
  });

  it('the review\'s sheet: the preview says how kinds were read, once', () => {
    const preview = previewOfCsv('Title,Owner,Target\nGrow revenue,Ann,\n  ARR,Ann,100\n    Launch EU,Bob,\nDelight,Cy,\n  NPS,Cy,50\n');
    expect(preview.problems).toEqual([]);
    expect(preview.columnNotes).toEqual(['The sheet has no Type column: each row\'s kind is read from how far its title is indented (the least an objective, then key result, initiative, and task for the rest), each row under the row above indented less',
      'The sheet has no Start column: 2 key results have a target and no start (rows 3 and 6), so their progress cannot be measured until a start is set; none is assumed.']);
    expect([...preview.nodes.values()].filter((node) => node.row > 0).map((node) => `${node.kind} ${node.title} < ${node.parentKey === null ? '' : preview.nodes.get(node.parentKey)!.title}`)).toEqual([
      'objective Grow revenue < unused', 'key_result ARR < Grow revenue', 'initiative Launch EU < ARR', 'objective Delight < unused', 'key_result NPS < Delight',
    ]);
  });

  it('a sheet with no Type column and no indents is refused saying how to mend it', () => {
    const preview = previewOfCsv('Title,Owner\nGrow revenue,Ann\nARR,Ann\n');
    expect(preview.problems.map((problem) => problem.message)).toEqual([
      'Row 2: the sheet has no Type column, so the row\'s kind cannot be told: add one (Objective, Key result, KPI, Initiative, Task), or indent each title (spaces before it, or Excel\'s Increase Indent), more for each level down.',
      'Row 3: the sheet has no Type column, so the row\'s kind cannot be told: add one (Objective, Key result, KPI, Initiative, Task), or indent each title (spaces before it, or Excel\'s Increase Indent), more for each level down.',
    ]);
  });
});
