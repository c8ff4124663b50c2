// The columns after Weight (usercheck19): a key result's range, a KPI's healthy range, a task's assignee
// and blocked reason, an initiative's effort, impact and manual progress, a strategy's horizon, read from
// sheets as people keep them. Each cell read is imported; each one that cannot be is named with its row
// and column; a sheet whose one person column is "Assignee" still names its key results' owners.
import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { applyImport, buildImportPreview, detectMapping, readSpreadsheet, type ImportPreview } from '../../../shared/files/index.js';
import { newPlan, T0 } from '../model/support.js';
import { outlineLines } from './support/plan-outline.js';

async function previewOf(text: string): Promise<ImportPreview> {
  // Excel's "CSV UTF-8" with `;` (a German Excel): a byte-order mark, CRLF between rows, LF inside a quoted cell.
  const read = await readSpreadsheet('plan.csv', new Uint8Array([0xef, 0xbb, 0xbf, ...strToU8(text)]));
  if (!read.ok) throw new Error(read.problem.message);
  return buildImportPreview(read.table, detectMapping(read.table), { strategyTitle: 'Imported' });
}

describe('the columns only some kinds have', () => {
  it('are imported as typed, headers in any letter case, decimal commas and percentages read', async () => {
    const preview = await previewOf([
      'TYPE;title;RANGE LOW;Range High;assignee;Blocked Reason;Effort;Impact;Manual progress;Horizon;Status;Direction;Start;Target;',
      'Strategy;Grow;;;;;;;;2027–2029;;;;;',
      'Objective;Win DACH;;;;;;;;;;;;;',
      'Key result;NPS;40;60;;;;;;;;range;0;50;',
      'Initiative;Open Munich;;;;;12,5;hoch;40%;;active;;;;',
      'Task;Sign the lease;;;Ana Lima <ana@example.com>;"Waiting on legal;\nthen finance";;;;;blocked;;;;',
      'KPI;Churn;1,5;5;;;;;;;;decrease;;;',
    ].join('\r\n'));
    expect(preview.problems).toEqual([]);
    expect(preview.rows.flatMap((row) => row.warnings)).toEqual([]);
    const { plan } = newPlan();
    expect(applyImport(plan, preview, { now: T0 }).ok).toBe(true);
    expect(outlineLines(plan, T0).map((line) => line.replace(/ \| blockedSince \d+/, ''))).toEqual([
      'strategy: Grow | horizon 2027–2029',
      '  objective: Win DACH',
      '    key_result: NPS | direction range | rangeHigh 60 | rangeLow 40 | start 0 | target 50',
      '      initiative: Open Munich | effort 12.5 | impact high | manualProgress 0.4 | status active',
      `        task: Sign the lease | assignee ${plan.index.people()[0]!.id} | blockedReason Waiting on legal;\nthen finance | status blocked`,
      '      kpi: Churn | direction decrease | healthyHigh 5 | healthyLow 1.5',
    ]);
    expect(plan.index.people().map((person) => person.name)).toEqual(['Ana Lima']);
  });

  it('a sheet whose one person column is "Assignee" names the owner of an objective and a key result, the assignee of a task', async () => {
    const preview = await previewOf('Type;Title;Assignee\r\nObjective;Win DACH;Ana Lima\r\nKey result;Revenue;Bo Berg\r\nInitiative;Launch;\r\nTask;Ads;Chen Wu\r\n');
    expect(preview.problems).toEqual([]);
    const byTitle = new Map([...preview.nodes.values()].map((node) => [node.title, node.fields]));
    expect(byTitle.get('Win DACH')).toMatchObject({ owner: { name: 'Ana Lima' }, assignee: null });
    expect(byTitle.get('Revenue')).toMatchObject({ owner: { name: 'Bo Berg' }, assignee: null });
    expect(byTitle.get('Ads')).toMatchObject({ owner: null, assignee: { name: 'Chen Wu' } });
  });

  it('a cell that cannot be read is named with its row and column; one its kind has no place for is named too', async () => {
    const preview = await previewOf([
      'Type;Title;Range low;Range high;Manual progress;Effort;Impact;Blocked reason;Status;Owner;Assignee',
      'Objective;Win DACH;;;;;;;;Ana Lima;Bo Berg',
      'Key result;NPS;60;40;;;;;;;',
      'Initiative;Open Munich;;;40;-3;huge;;;;',
      'Task;Ads;;;;;;Waiting on legal;done;;',
      'Objective;Second;5;;;;;;;;',
    ].join('\r\n'));
    expect(preview.problems.map((problem) => problem.message)).toEqual([
      'Row 4: column F "Effort": -3 is negative.',
      'Row 4: column E "Manual progress": 40 is not between 0 and 1 (0% and 100%).',
    ]);
    const warnings = new Map(preview.rows.map((row) => [row.row, row.warnings]));
    expect(warnings.get(3)).toEqual(['no target value: progress cannot be measured', 'column C "Range low" and column D "Range high": the range\'s low 60 is above its high 40 (two edits crossed); the range is not imported, set it again after importing']);
    expect(warnings.get(2)).toEqual(['column K "Assignee": an objective has no assignee; "Bo Berg" not imported']);
    expect(warnings.get(4)).toEqual(['column G "Impact": "huge" is not low, medium or high; ignored']);
    expect(warnings.get(5)).toEqual(['column H "Blocked reason": the task is not blocked; "Waiting on legal" not imported']);
    // A column only some kinds have is left out on other kinds without a word (csv3, U3: a tracker's sheet warned on every row).
    expect(warnings.get(6)).toEqual([]);
  });
});

describe('periods as the sheet names them', () => {
  it('keep the name as written; rows naming the same quarter otherwise, and a plan period of those dates, are one period', async () => {
    const preview = await previewOf('Type;Title;Period\r\nObjective;Win DACH;Q4 2026\r\nObjective;Win Nordics;2026-Q4\r\nObjective;Win Iberia;H1 2027\r\n');
    const { plan } = newPlan();
    expect(applyImport(plan, preview, { now: T0 }).ok).toBe(true);
    plan.index.refresh(T0);
    expect(plan.index.periods().map((period) => `${period.name} ${period.start}..${period.end}`)).toEqual(['Q4 2026 2026-10-01..2026-12-31', 'H1 2027 2027-01-01..2027-06-30']);
    // Into a plan that has the quarter under its own name: that period, no second one.
    const { plan: other } = newPlan({ prefix: 'o' });
    const q4 = other.addPeriod({ name: 'Autumn quarter', start: '2026-10-01', end: '2026-12-31' });
    expect(applyImport(other, await previewOf('Type;Title;Period\r\nObjective;Win DACH;2026-Q4\r\n'), { now: T0 }).ok).toBe(true);
    other.index.refresh(T0);
    expect(other.index.periods().map((period) => period.id)).toEqual([q4]);
  });
});
