// A Google Sheets OKR template's Goal column beside its Objective column (Goal | Objective | Key result | Owner):
// review42c F7. "Goal" read as the objective column, so the real objectives were "not imported" and each goal
// became an objective holding the key results. Goals beside objectives are what the objectives serve: the
// strategy level, and the preview says it assumed so.
import { describe, expect, it } from 'vitest';
import { importIntoNewPlan, previewOfCsv } from './support/csv-import.js';

const GOAL_NOTE = 'Column A "Goal" is read as Strategy: beside the Objective column, each goal is taken as the level above the objectives on its rows, and they are imported under it (choose Objective for it in "How to read the sheet" if the goals are the objectives)';

/** The imported plan's items as `depth kind title`, in outline order. */
function outline(csv: string): string[] {
  const { copy, applied } = importIntoNewPlan(previewOfCsv(csv));
  expect(applied.ok).toBe(true);
  const lines: string[] = [];
  const walk = (parent: string, depth: number) => {
    for (const id of copy.index.children(parent)) { const node = copy.index.node(id)!; lines.push(`${depth} ${node.kind} ${node.title}`); walk(id, depth + 1); }
  };
  walk('root', 0);
  return lines;
}

describe('a Goal column beside an Objective column', () => {
  const SHEET = 'Goal,Objective,Key result,Owner,Target\nGrow the business,Win DACH,ARR in DACH,Ann,100\n,,Partners signed,Bob,5\nGrow the business,Keep customers,NPS,Cy,50\nBe a great place to work,Hire well,Offers accepted,Dee,20\n';

  it('the template\'s sheet: goals are strategies, each objective under the goal on its row, said once', () => {
    const preview = previewOfCsv(SHEET);
    expect(preview.mapping.columns.slice(0, 3)).toEqual(['strategy', 'objective', 'keyResult']);
    expect(preview.problems).toEqual([]);
    expect(preview.columnNotes).toContain(GOAL_NOTE);
    expect(preview.columnNotes.filter((note) => /not imported/.test(note))).toEqual([]);
    expect(outline(SHEET)).toEqual([
      '0 strategy Grow the business', '1 objective Win DACH', '2 key_result ARR in DACH', '2 key_result Partners signed',
      '1 objective Keep customers', '2 key_result NPS',
      '0 strategy Be a great place to work', '1 objective Hire well', '2 key_result Offers accepted',
    ]);
  });

  it('"Goals" and "Objectives" in other case are read the same', () => {
    expect(previewOfCsv('GOALS,objectives,Key Results\nGrow,Win DACH,ARR\n').mapping.columns).toEqual(['strategy', 'objective', 'keyResult']);
  });

  it('a Goal column without an Objective column is the objective, as before; beside a Strategy column it is not taken as one', () => {
    const alone = previewOfCsv('Goal,Key result,Target\nGrow revenue,ARR,100\n');
    expect(alone.mapping.columns).toEqual(['objective', 'keyResult', 'target']);
    expect(alone.columnNotes.filter((note) => note.includes('"Goal"'))).toEqual([]);
    expect(previewOfCsv('Strategy,Goal,Objective,Key result\nS,G,O,K\n').mapping.columns).toEqual(['strategy', 'objective', null, 'keyResult']);
  });
});
