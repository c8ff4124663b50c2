// A hierarchy given by a Parent column naming titles (no id column), as teams write one: review42c F1.
// The column was mapped as the parent id but the sheet read as typed rows, so the Parent column was
// ignored without a word and a key result landed under whichever objective stood above it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importIntoNewPlan, previewOfCsv } from './support/csv-import.js';
import { T0 } from '../model/support.js';

type Kind = 'Objective' | 'Key result' | 'Initiative' | 'Task';
const DEPTH: readonly Kind[] = ['Objective', 'Key result', 'Initiative', 'Task'];
interface Item { title: string; kind: Kind; parent: number | null }

/** A random cascade: each item an objective at the top or a child of an earlier item one level up. */
const cascadeArb = fc.array(fc.tuple(fc.nat(3), fc.nat()), { minLength: 1, maxLength: 25 }).map((picks) => {
  const items: Item[] = [];
  picks.forEach(([depth, pick], index) => {
    const above = items.map((item, at) => ({ item, at })).filter(({ item }) => DEPTH.indexOf(item.kind) === depth - 1);
    const parent = depth === 0 || above.length === 0 ? null : above[pick % above.length]!.at;
    // Titles are unique but differ from their references in case and spacing, as typed by hand.
    items.push({ title: `Item ${index} ${'x'.repeat(index % 3)}`, kind: parent === null ? 'Objective' : DEPTH[depth]!, parent });
  });
  return items;
});

const parentTitle = (items: readonly Item[], item: Item) => (item.parent === null ? '' : items[item.parent]!.title);

function csvOf(items: readonly Item[], order: readonly number[], parentCell: (title: string) => string = (title) => title): string {
  const lines = order.map((at) => [items[at]!.title, items[at]!.kind, parentCell(parentTitle(items, items[at]!))].join(','));
  return ['Title,Type,Parent', ...lines].join('\n');
}

/** Each imported node's title with its parent's title ('' for an objective under the added strategy). */
function parentsInPlan(csv: string): Map<string, string> {
  const preview = previewOfCsv(csv);
  expect(preview.problems).toEqual([]);
  const { copy, applied } = importIntoNewPlan(preview);
  expect(applied.ok).toBe(true);
  const parents = new Map<string, string>();
  for (const id of copy.index.walk()) {
    const node = copy.index.node(id)!;
    if (node.kind === 'strategy') continue;
    const parent = copy.index.node(node.parent);
    parents.set(node.title, parent?.kind === 'strategy' ? '' : parent?.title ?? '');
  }
  return parents;
}

describe('a Parent column naming titles, with no id column', () => {
  it('property: every row is imported under the row its Parent cell names, whatever order the rows are in', () => {
    fc.assert(fc.property(cascadeArb.chain((items) => fc.tuple(fc.constant(items), fc.shuffledSubarray(items.map((_, at) => at), { minLength: items.length }))), ([items, order]) => {
      const parents = parentsInPlan(csvOf(items, order, (title) => (title === '' ? '' : `  ${title.toUpperCase()} `)));
      expect(parents).toEqual(new Map(items.map((item) => [item.title.trim(), parentTitle(items, item).trim()])));
    }), { numRuns: 60 });
  });

  it('the review\'s sheet: a key result listed after both objectives goes under the one it names', () => {
    const parents = parentsInPlan('Title,Parent,Type,Owner\nGrow revenue,,Objective,Ann\nDelight customers,,Objective,Cy\nARR,Grow revenue,Key result,Ann\nNPS,Delight customers,Key result,Cy\nLaunch EU,ARR,Initiative,Bob\n');
    expect(parents).toEqual(new Map([['Grow revenue', ''], ['Delight customers', ''], ['ARR', 'Grow revenue'], ['NPS', 'Delight customers'], ['Launch EU', 'ARR']]));
  });

  it('a parent naming no row\'s title, or a title two rows have, is a problem naming the row and the rows', () => {
    const preview = previewOfCsv('Title,Type,Parent\nGrow,Objective,\nARR,Key result,Grow\nShip,Objective,\nARR,Key result,Ship\nLaunch,Initiative,ARR\nHire,Initiative,Gorw\n', T0);
    expect(preview.problems.map((problem) => problem.message)).toEqual([
      'Row 6: parent "ARR" is the title of rows 3, 5; name which (add an id column and give the parent\'s id).',
      'Row 7: parent "Gorw" is not the title of any row (the sheet has no id column, so its parent column names titles).',
    ]);
  });

  it('a Parent column the chosen layout does not read is named in the preview, not ignored unseen', () => {
    const preview = previewOfCsv('#,Type,Title,Parent\n1,Objective,Grow,\n1.1,Key result,ARR,Grow\n');
    expect(preview.mapping.layout).toBe('outline');
    expect(preview.columnNotes).toEqual(['Column D "Parent" is not read as Parent: the rows are placed by their outline numbers (choose the layout in "How to read the sheet")']);
  });
});
