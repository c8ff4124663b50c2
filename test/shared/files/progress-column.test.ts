// The Google Sheets OKR template's "Progress" column (Goal | Objective | Key result | Owner | Target | Progress):
// review42c F7, second half. It was read for no field: each key result's progress was "not imported", and a
// person who tracked the KRs as percentages got key results with no value. A progress is a percentage of the
// way to the key result's target: with no start or target it is a 0–100 % key result at that value (its
// check-in); with both, the value that far along; on an initiative its manual progress. Never dropped unseen.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../../shared/files/index.js';
import { importIntoNewPlan, previewOfCsv } from './support/csv-import.js';

/** The preview's item titled `title`. */
function item(preview: ImportPreview, title: string) {
  const node = [...preview.nodes.values()].find((candidate) => candidate.title === title);
  if (!node) throw new Error(`no item "${title}"`);
  return node;
}

const TEMPLATE = 'Goal,Objective,Key result,Owner,Progress\n'
  + 'Grow the business,Win DACH,Partner deals closed,Ann,40%\n'
  + ',,Launch the EU shop,Bob,100%\n'
  + 'Be a great place to work,Hire well,Offers accepted,Dee,0%\n';

describe('a Progress column', () => {
  it('the template\'s sheet: each key result a 0–100 % one at its progress, a check-in each; the preview says how the column is read', () => {
    const preview = previewOfCsv(TEMPLATE);
    expect(preview.mapping.columns).toEqual(['strategy', 'objective', 'keyResult', 'owner', 'progress']);
    expect(preview.problems).toEqual([]);
    expect(preview.columnNotes).toContain('Column E "Progress" is read as Progress (%): a key result with no start or target becomes a 0–100 % key result whose current value is the progress; with a start and a target, its current value is that far from the start towards the target; an initiative\'s is its manual progress. A value that is not a percentage, or a row where it cannot be placed, is named on its row');
    expect(preview.columnNotes.filter((note) => /not imported/.test(note))).toEqual([]);
    expect(preview.rows.flatMap((row) => row.warnings)).toEqual([]);
    expect(item(preview, 'Partner deals closed').fields).toMatchObject({ start: 0, target: 100, unit: '%', current: 40 });
    const { copy, applied } = importIntoNewPlan(preview);
    expect(applied.ok).toBe(true);
    const values = [...copy.index.walk()].map((id) => copy.index.node(id)!).filter((node) => node.kind === 'key_result')
      .map((node) => [node.title, copy.index.checkIns(node.id).map((checkIn) => checkIn.value)]);
    expect(values).toEqual([['Partner deals closed', [40]], ['Launch the EU shop', [100]], ['Offers accepted', [0]]]);
  });

  it('with a start and a target, the value that far along (a decreasing one too); with a target alone, said and not imported', () => {
    const preview = previewOfCsv('Objective,Key result,Start,Target,Progress\nGrow,Revenue,200,1200,25%\nGrow,Churn,8,2,50%\nGrow,NPS,,60,30%\n');
    expect(item(preview, 'Revenue').fields).toMatchObject({ start: 200, target: 1200, current: 450 });
    expect(item(preview, 'Churn').fields).toMatchObject({ start: 8, target: 2, current: 5 });
    expect(item(preview, 'NPS').fields.current).toBeNull();
    expect(item(preview, 'NPS').warnings).toContain('column E "Progress": 30% not imported: the key result has a target (60) but no start, so what value 30% stands for cannot be told; give its current value in a Current column');
  });

  it('hostile values: each imported or left out with a warning on its row that says which; none stops the import', () => {
    const preview = previewOfCsv('Objective,Key result,Progress\nGrow,Past,>100%\nGrow,Over,120%\nGrow,Word,abc\nGrow,Spaced,50 %\nGrow,Share,0.5\nGrow,Bare,40\nGrow,Negative,-10%\n');
    expect(preview.problems).toEqual([]);
    const warned = (title: string) => item(preview, title).warnings.filter((warning) => warning.startsWith('column C "Progress"'));
    expect(warned('Past')).toEqual(['column C "Progress": ">100%" is not a percentage; not imported (write it as 40%)']);
    expect(item(preview, 'Past').fields.current).toBeNull();
    expect(warned('Over')).toEqual(['column C "Progress": 120% is past 100%: imported as the current value 120, past the target 100']);
    expect(item(preview, 'Over').fields).toMatchObject({ target: 100, current: 120 });
    expect(warned('Word')).toEqual(['column C "Progress": "abc" is not a percentage; not imported (write it as 40%)']);
    // "50 %" says what it is: read as 50 %, nothing to warn of.
    expect(warned('Spaced')).toEqual([]);
    expect(item(preview, 'Spaced').fields.current).toBe(50);
    expect(warned('Share')).toEqual(['column C "Progress": 0.5 is a plain number; read as 50% (a share of the whole). If it means 0.5%, write it so']);
    expect(item(preview, 'Share').fields.current).toBe(50);
    expect(warned('Bare')).toEqual(['column C "Progress": 40 has no % sign; read as 40%']);
    expect(warned('Negative')).toEqual(['column C "Progress": "-10%" is below 0%; not imported']);
    expect(item(preview, 'Negative').fields.current).toBeNull();
  });

  it('beside a Current column it is not read for key results, and a row with a progress but no current value says so', () => {
    const preview = previewOfCsv('Objective,Key result,Start,Target,Current,Progress\nGrow,Revenue,0,10,4,40%\nGrow,Deals,0,10,,70%\n');
    expect(preview.columnNotes.find((note) => note.startsWith('Column F "Progress"'))).toMatch(/key results take their current values from column E "Current", so it is not read for them/);
    expect(item(preview, 'Revenue').fields.current).toBe(4);
    expect(item(preview, 'Revenue').warnings).toEqual([]);
    expect(item(preview, 'Deals').warnings).toEqual(['column F "Progress": 70% not imported: the key results\' current values are read from column E "Current", which is empty on this row']);
  });

  it('an initiative\'s progress is its manual progress; an objective\'s and a task\'s are said and left out', () => {
    const preview = previewOfCsv('Type,Title,Progress\nObjective,Grow,30%\nKey result,Revenue,\nInitiative,Open Munich,60%\nTask,Sign lease,100%\nInitiative,Overdone,130%\n');
    expect(item(preview, 'Open Munich').fields.manualProgress).toBe(0.6);
    expect(item(preview, 'Open Munich').warnings).toEqual([]);
    expect(item(preview, 'Grow').warnings).toContain('column C "Progress": an objective\'s progress is worked out from what is under it; 30% not imported');
    expect(item(preview, 'Sign lease').warnings).toContain('column C "Progress": a task has no progress, only its status; 100% not imported');
    expect(item(preview, 'Overdone').warnings).toContain('column C "Progress": 130% is past 100%, and an initiative\'s progress is at most 100%; not imported');
    expect(item(preview, 'Overdone').fields.manualProgress).toBeNull();
  });

  it('property: a key result\'s Progress cell is imported as its value or left out with a warning naming the column — never dropped unseen, never a stop', () => {
    const cell = fc.oneof(
      fc.integer({ min: -50, max: 250 }).map((n) => `${n}%`),
      fc.integer({ min: 0, max: 100 }).map((n) => `${n} %`),
      fc.double({ min: -1, max: 3, noNaN: true }).map((n) => String(Number(n.toFixed(3)))),
      fc.constantFrom('abc', '>100%', 'n/a', '50%?', '1/4', '3 of 4', '€40', '-', '40 pct'),
    );
    fc.assert(fc.property(cell, (value) => {
      const preview = previewOfCsv(`Objective,Key result,Progress\nGrow,Revenue,"${value}"\n`);
      expect(preview.problems).toEqual([]);
      const node = item(preview, 'Revenue');
      const warned = node.warnings.some((warning) => warning.startsWith('column C "Progress"'));
      if (node.fields.current === null) expect(warned, value).toBe(true);
      else expect(node.fields).toMatchObject({ start: 0, target: 100, unit: '%' });
    }), { numRuns: 200 });
  });
});
