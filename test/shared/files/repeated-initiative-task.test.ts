// An initiative or task row copied twice under one parent (the same title twice) was imported twice without a
// word, where a repeated key result is warned (review42c F9, fix42a). Now each is warned the same way, naming
// the first row, and still imported.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importIntoNewPlan, previewOfCsv } from './support/csv-import.js';
import { largeSheet } from './support/large-sheet.js';

const repeated = (kind: string, title: string, first: number, parentKind: string, parent: string) =>
  `${kind} "${title}" is already on row ${first} under the ${parentKind} "${parent}": imported as a second ${kind} of that title; delete one of the two rows if it was copied twice`;

/** The warnings of each data row that has any, by row number. */
function rowWarnings(csv: string): Map<number, string[]> {
  const preview = previewOfCsv(csv);
  expect(preview.problems).toEqual([]);
  return new Map(preview.rows.filter((row) => row.warnings.length > 0).map((row) => [row.row, row.warnings]));
}

/** The warnings about repeated titles only, by row (a key result without a target says so too). */
function repeatWarnings(csv: string): Map<number, string[]> {
  return new Map([...rowWarnings(csv)].map(([row, said]) => [row, said.filter((warning) => warning.includes('is already on row'))] as const).filter(([, said]) => said.length > 0));
}

const TYPED = ['Type,Title,Target',
  'Objective,Grow revenue,', 'Key result,ARR,100', 'Initiative,Launch in Austria,', 'Task,Hire a country lead,', 'Task,Sign two partners,', 'Task,hire a  country lead ,',
  'Initiative,Launch in Austria,', 'Task,Hire a country lead,', 'Key result,NPS,50', 'Initiative,Launch in Austria,'].join('\n');

describe('the same initiative or task title twice under one parent', () => {
  it('a typed sheet: the second initiative under ARR and the second task under it are warned naming the first; every row imported', () => {
    expect(rowWarnings(TYPED)).toEqual(new Map([
      [7, [repeated('task', 'hire a  country lead', 5, 'initiative', 'Launch in Austria')]],
      [8, [repeated('initiative', 'Launch in Austria', 4, 'key result', 'ARR')]],
    ]));
    const { copy, applied } = importIntoNewPlan(previewOfCsv(TYPED));
    expect(applied.ok).toBe(true);
    expect([...copy.index.walk()].length).toBe(11);
  });

  it('the same title under another parent, or as another kind, is not warned', () => {
    // Row 9's task is under row 8's initiative, not row 4's; row 11's initiative under NPS, not ARR.
    expect(rowWarnings(TYPED).has(9)).toBe(false);
    expect(rowWarnings(TYPED).has(11)).toBe(false);
    expect(repeatWarnings('Type,Title\nObjective,Grow\nKey result,ARR\nInitiative,ARR\nTask,ARR\n')).toEqual(new Map());
  });

  it('property: exactly the initiatives and tasks repeating a title of their kind under the same parent are warned, each naming the first', () => {
    const rowArb = fc.tuple(fc.constantFrom('Initiative', 'Task', 'Task'), fc.constantFrom('Pilot', 'Rollout', 'Review'));
    // The first row an initiative: a task with none above it is imported out of place at the top level.
    const rowsArb = fc.tuple(fc.constantFrom('Pilot', 'Rollout', 'Review'), fc.array(rowArb, { maxLength: 14 })).map(([title, rest]) => [['Initiative', title] as const, ...rest]);
    fc.assert(fc.property(rowsArb, (rows) => {
      const csv = ['Type,Title', 'Objective,Grow', 'Key result,ARR', ...rows.map(([kind, title]) => `${kind},${title}`)].join('\n');
      const expected = new Map<number, string[]>();
      const first = new Map<string, number>();
      let initiative: { row: number; title: string } | null = null;
      rows.forEach(([kind, title], index) => {
        const row = index + 4;
        // Initiatives sit under the key result, tasks under the latest initiative.
        const parent = kind === 'Initiative' ? 'ARR' : `${initiative!.row}`;
        const key = `${kind}/${parent}/${title}`;
        const earlier = first.get(key);
        if (earlier === undefined) first.set(key, row);
        else expected.set(row, [repeated(kind.toLowerCase(), title, earlier, parent === 'ARR' ? 'key result' : 'initiative', parent === 'ARR' ? 'ARR' : initiative!.title)]);
        if (kind === 'Initiative') initiative = { row, title };
      });
      expect(repeatWarnings(csv)).toEqual(expected);
    }), { numRuns: 150 });
  });

  it('the realistic large sheet repeats no initiative or task under one parent (a team would not), so nothing warns', () => {
    const sheet = largeSheet(10_000);
    const seen = new Set<string>();
    for (const row of sheet.rows) {
      if (row.kind !== 'initiative' && row.kind !== 'task') continue;
      const key = `${row.kind}/${row.parent}/${row.title.toLowerCase()}`;
      expect(seen.has(key), `row ${row.number} "${row.title}"`).toBe(false);
      seen.add(key);
    }
  });
});
