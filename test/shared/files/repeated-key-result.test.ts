// review42c F9: a key result row copied twice under one objective (the same title twice) was imported twice
// without a word. It is still imported (people do repeat a title on purpose), but the second row says so,
// naming the first.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importIntoNewPlan, previewOfCsv } from './support/csv-import.js';

const repeated = (title: string, first: number, objective: string) =>
  `key result "${title}" is already on row ${first} under the objective "${objective}": imported as a second key result of that title; delete one of the two rows if it was copied twice`;

/** The warnings of each data row that has any, by row number. */
function rowWarnings(csv: string): Map<number, string[]> {
  const preview = previewOfCsv(csv);
  expect(preview.problems).toEqual([]);
  return new Map(preview.rows.filter((row) => row.warnings.length > 0).map((row) => [row.row, row.warnings]));
}

describe('the same key result title twice under one objective', () => {
  it('the review\'s sheet: the second "ARR" row is warned naming row 2, and both are imported', () => {
    const csv = 'Objective,Key result,Owner,Target\nGrow revenue,ARR,Ann,100\nGrow revenue,NPS,Bob,50\nGrow revenue,ARR,Ann,100\n';
    expect(rowWarnings(csv)).toEqual(new Map([[4, [repeated('ARR', 2, 'Grow revenue')]]]));
    const { copy, applied } = importIntoNewPlan(previewOfCsv(csv));
    expect(applied.ok).toBe(true);
    const titles = [...copy.index.walk()].map((id) => copy.index.node(id)!).filter((node) => node.kind === 'key_result').map((node) => node.title);
    expect(titles).toEqual(['ARR', 'NPS', 'ARR']);
  });

  it('typed rows, the copy typed in other case and spacing: warned as the same title', () => {
    const csv = 'Type,Title,Target\nObjective,Delight customers,\nKey result,Net promoter score 50,50\nKey result,  net promoter  SCORE 50 ,50\n';
    expect(rowWarnings(csv)).toEqual(new Map([[4, [repeated('net promoter  SCORE 50', 3, 'Delight customers')]]]));
  });

  it('the same title under two objectives, or an objective and its key result sharing one, is not warned', () => {
    expect(rowWarnings('Objective,Key result,Target\nGrow revenue,ARR,1\nGrow margin,ARR,1\n')).toEqual(new Map());
    expect(rowWarnings('Type,Title,Target\nObjective,ARR,\nKey result,ARR,1\n')).toEqual(new Map());
  });

  it('property: exactly the rows repeating a title earlier under their objective are warned, each naming the first such row; every row is imported', () => {
    const rowArb = fc.tuple(fc.constantFrom('Grow revenue', 'Delight customers'), fc.constantFrom('ARR', 'NPS', 'Churn'), fc.constantFrom((t: string) => t, (t: string) => t.toLowerCase(), (t: string) => ` ${t} `));
    fc.assert(fc.property(fc.array(rowArb, { minLength: 1, maxLength: 12 }), (rows) => {
      const csv = ['Objective,Key result,Target', ...rows.map(([objective, title, typed]) => `${objective},${typed(title)},10`)].join('\n');
      const expected = new Map<number, string[]>();
      const first = new Map<string, number>();
      rows.forEach(([objective, title, typed], index) => {
        const row = index + 2;
        const earlier = first.get(`${objective}/${title}`);
        if (earlier === undefined) first.set(`${objective}/${title}`, row);
        else expected.set(row, [repeated(typed(title).trim(), earlier, objective)]);
      });
      expect(rowWarnings(csv)).toEqual(expected);
      const { copy, applied } = importIntoNewPlan(previewOfCsv(csv));
      expect(applied.ok).toBe(true);
      expect([...copy.index.walk()].filter((id) => copy.index.node(id)!.kind === 'key_result')).toHaveLength(rows.length);
    }), { numRuns: 80 });
  });
});
