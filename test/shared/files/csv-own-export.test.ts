// Our own CSV export imports back (csv3, twenty-fifth session; review25a U1–U6): a crossed range that
// two people's merged edits left, periods of any name and same-named periods of other dates, a task's
// blocked-since and done-at stamps, sheets from other tools whose generic headers are not our columns,
// and numbers too large to hold, refused already in the preview.
import { strToU8 } from 'fflate';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { applyImport, buildImportPreview, detectMapping, exportPlanCsv, readCsv, readSpreadsheet, type ImportPreview } from '../../../shared/files/index.js';
import { openPlan, ROOT_ID, type Plan } from '../../../shared/model/index.js';
import { DAY, newPlan, syncDocs, T0, TestContext } from '../model/support.js';
import { outlineLines } from './support/plan-outline.js';

function previewOfCsv(csv: string): ImportPreview {
  const read = readCsv(new TextEncoder().encode(csv));
  if (!read.ok) throw new Error(read.problem.message);
  return buildImportPreview(read.table, detectMapping(read.table), { strategyTitle: 'Imported', now: T0 });
}

async function previewOf(text: string): Promise<ImportPreview> {
  const read = await readSpreadsheet('plan.csv', strToU8(text));
  if (!read.ok) throw new Error(read.problem.message);
  return buildImportPreview(read.table, detectMapping(read.table), { strategyTitle: 'Imported', now: T0 });
}

function roundTrip(plan: Plan, into?: Plan) {
  plan.index.refresh(T0);
  const preview = previewOfCsv(exportPlanCsv(plan));
  const target = into ?? newPlan({ prefix: 'c' }).plan;
  const result = applyImport(target, preview, { now: T0 });
  target.index.refresh(T0);
  return { preview, result, target };
}

const warningsOf = (preview: ImportPreview) => preview.rows.flatMap((row) => row.warnings.map((warning) => `row ${row.row}: ${warning}`));

describe('a crossed range (two valid edits merged)', () => {
  it('does not refuse the plan\'s own CSV: the rest imports, the range is left out and the row says so', () => {
    const { plan, doc } = newPlan();
    const s = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' });
    const o = plan.createNode({ kind: 'objective', parent: s, title: 'O' });
    const kr = plan.createNode({ kind: 'key_result', parent: o, title: 'KR', start: 0, target: 10, direction: 'range', rangeLow: 0, rangeHigh: 20, unit: 'ms' });
    const kpi = plan.createNode({ kind: 'kpi', parent: kr, title: 'Latency', healthyLow: 0, healthyHigh: 20 });
    const doc2 = new Y.Doc();
    syncDocs(doc, doc2);
    const bob = openPlan(doc2, new TestContext(T0, 'bob', 'b'));
    plan.updateNode(kr, { rangeLow: 15 });
    bob.updateNode(kr, { rangeHigh: 5 });
    plan.updateNode(kpi, { healthyLow: 12 });
    bob.updateNode(kpi, { healthyHigh: 10 });
    syncDocs(doc2, doc); syncDocs(doc, doc2);
    const { preview, result, target } = roundTrip(plan);
    expect(preview.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(warningsOf(preview)).toEqual([
      'row 4: column S "Range low" and column T "Range high": the range\'s low 15 is above its high 5 (two edits crossed); the range is not imported, set it again after importing',
      'row 5: column S "Range low" and column T "Range high": the range\'s low 12 is above its high 10 (two edits crossed); the range is not imported, set it again after importing',
    ]);
    expect(outlineLines(target, T0)).toEqual([
      'strategy: S',
      '  objective: O',
      '    key_result: KR | direction range | start 0 | target 10 | unit ms',
      '      kpi: Latency',
    ]);
  });
});

describe('periods across a round trip', () => {
  const periodsOf = (plan: Plan) => plan.index.periods().map((period) => `${period.name} ${period.start}..${period.end}`);

  it('two periods of one name with other dates stay two, into an empty plan and into the same plan', () => {
    const { plan } = newPlan();
    const fiscal = plan.addPeriod({ name: 'Q1 2026', start: '2025-11-01', end: '2026-01-31' });
    const calendar = plan.addPeriod({ name: 'Q1 2026', start: '2026-01-01', end: '2026-03-31' });
    const s = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' });
    plan.createNode({ kind: 'objective', parent: s, title: 'Fiscal', period: fiscal });
    plan.createNode({ kind: 'objective', parent: s, title: 'Calendar', period: calendar });
    const into = roundTrip(plan);
    expect(into.result.ok).toBe(true);
    expect(periodsOf(into.target)).toEqual(['Q1 2026 2025-11-01..2026-01-31', 'Q1 2026 2026-01-01..2026-03-31']);
    expect(outlineLines(into.target, T0).slice(1)).toEqual(['  objective: Fiscal | period Q1 2026 2025-11-01..2026-01-31', '  objective: Calendar | period Q1 2026 2026-01-01..2026-03-31']);
    const same = roundTrip(plan, plan);
    expect(same.result.ok).toBe(true);
    expect(periodsOf(plan)).toHaveLength(2);
    const periodOf = (title: string) => [...plan.index.walk()].map((id) => plan.index.node(id)!).filter((node) => node.title === title).map((node) => node.fields.period);
    expect(periodOf('Fiscal')).toEqual([fiscal, fiscal]);
    expect(periodOf('Calendar')).toEqual([calendar, calendar]);
  });

  it('a custom-named period comes back with its dates, into a new plan and into the plan that has it', () => {
    const { plan } = newPlan({ prefix: 'z' });
    const spring = plan.addPeriod({ name: 'Spring push', start: '2026-03-01', end: '2026-05-31' });
    const s = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' });
    plan.createNode({ kind: 'objective', parent: s, title: 'O', period: spring });
    const fresh = roundTrip(plan);
    expect(fresh.preview.problems).toEqual([]);
    expect(fresh.result.ok).toBe(true);
    expect(periodsOf(fresh.target)).toEqual(['Spring push 2026-03-01..2026-05-31']);
    const same = roundTrip(plan, plan);
    expect(same.result.ok).toBe(true);
    expect(plan.index.periods().map((period) => period.id)).toEqual([spring]);
  });

  it('a name the plan knows, with no dates, is the plan\'s period; an unknown one is refused naming the row; a sheet without the date columns reads as before', async () => {
    const { plan } = newPlan();
    const spring = plan.addPeriod({ name: 'Spring push', start: '2026-03-01', end: '2026-05-31' });
    const preview = await previewOf('Type,Title,Period\r\nObjective,Win,spring push\r\n');
    expect(preview.problems).toEqual([]);
    expect(applyImport(plan, preview, { now: T0 }).ok).toBe(true);
    plan.index.refresh(T0);
    expect([...plan.index.walk()].map((id) => plan.index.node(id)!).filter((node) => node.kind === 'objective').map((node) => node.fields.period)).toEqual([spring]);
    const unknown = applyImport(newPlan({ prefix: 'u' }).plan, preview, { now: T0 });
    expect(unknown).toMatchObject({ ok: false, problems: [{ message: 'Row 2: the plan refused it: the period "spring push" is not in this plan and the row gives no dates for it (add it to the plan first, or give its dates in the columns Period start and Period end). Nothing was imported.' }] });
    const misspelt = await previewOf('Type,Title,Period\r\nObjective,Win,Q5 2026\r\n');
    expect(misspelt.problems.map((problem) => problem.message)).toEqual(['Row 2: column C "Period": "Q5 2026" is not a period (write Q3 2025, 2025-Q3, H1 2026 or 2026).']);
    const crossed = await previewOf('Type,Title,Period,Period start,Period end\r\nObjective,Win,Spring,2026-05-31,2026-03-01\r\nObjective,Half,Spring,2026-03-01,\r\n');
    expect(crossed.problems.map((problem) => problem.message)).toEqual([
      'Row 2: column D "Period start": the period "Spring" starts 2026-05-31, after its end 2026-03-01 (column E "Period end").',
      'Row 3: column E "Period end": the period "Spring" has a start (2026-03-01) but no end.',
    ]);
  });
});

describe('sheets from other tools', () => {
  it('a tracker\'s Estimate, Low/High, Min/Max, Charge and Blocked by columns are not read as ours, and no row warns about them', async () => {
    const preview = await previewOf([
      'Type,Title,Estimate,Assignee,Low,High,Min,Max,Charge,Blocked by,Effort',
      'Objective,Win,,,,,,,,,',
      'Key result,Signups,8,,100,50,300,200,,,',
      'Initiative,Epic,3d,,1,9,2,8,4h,PROJ-7,',
      'Task,Fix login,5,Ana,,,,,2h,PROJ-12,3',
    ].join('\r\n'));
    expect(preview.problems).toEqual([]);
    const header = readCsv(new TextEncoder().encode('Type,Title,Estimate,Low,High,Min,Max,Charge,Blocked by,Blocker\r\n'));
    if (!header.ok) throw new Error(header.problem.message);
    expect(detectMapping(header.table).columns).toEqual(['type', 'title', null, null, null, null, null, null, null, null]);
    // Only what the key result itself lacks; nothing about the tracker's columns, nothing on the task's Effort.
    expect(warningsOf(preview)).toEqual(['row 3: no target value: progress cannot be measured']);
    const nodes = [...preview.nodes.values()].filter((node) => node.kind !== 'strategy');
    expect(nodes.map((node) => [node.title, node.fields.effort, node.fields.rangeLow, node.fields.rangeHigh, node.fields.blockedReason])).toEqual([
      ['Win', null, null, null, null], ['Signups', null, null, null, null], ['Epic', null, null, null, null], ['Fix login', null, null, null, null],
    ]);
  });

  it('our own headers still map: Range low/high, Healthy low/high, Effort, Blocked reason, Period start/end', () => {
    const read = readCsv(new TextEncoder().encode('Range low,Healthy high,Effort (person-days),Blocked reason,Period start,Period end\r\n'));
    if (!read.ok) throw new Error(read.problem.message);
    expect(detectMapping(read.table).columns).toEqual(['rangeLow', 'rangeHigh', 'effort', 'blockedReason', 'periodStart', 'periodEnd']);
  });
});

describe('a task\'s Blocked since and Done at', () => {
  it('come back as they were, so "blocked for 12 days" does not become "since today"', () => {
    const { plan, ctx } = newPlan({ time: T0 - 12 * DAY });
    const s = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' });
    const o = plan.createNode({ kind: 'objective', parent: s, title: 'O' });
    const kr = plan.createNode({ kind: 'key_result', parent: o, title: 'KR', start: 0, target: 10 });
    const i = plan.createNode({ kind: 'initiative', parent: kr, title: 'I' });
    plan.createNode({ kind: 'task', parent: i, title: 'Blocked', status: 'blocked', blockedReason: 'legal' });
    ctx.time = T0 - 3 * DAY;
    plan.createNode({ kind: 'task', parent: i, title: 'Done', status: 'done' });
    const { preview, target } = roundTrip(plan);
    expect(warningsOf(preview)).toEqual([]);
    const stamps = (p: Plan) => [...p.index.walk()].map((id) => p.index.node(id)!).filter((node) => node.kind === 'task').map((node) => [node.title, node.fields.blockedSince, node.fields.doneAt]);
    expect(stamps(target)).toEqual([['Blocked', T0 - 12 * DAY, undefined], ['Done', undefined, T0 - 3 * DAY]]);
  });

  it('a stamp in the future or unreadable is named with its cell, and the import\'s time is used', () => {
    const preview = previewOfCsv([
      'Type,Title,Status,Blocked since,Done at',
      'Objective,O,,,', 'Key result,KR,,,', 'Initiative,I,,,',
      'Task,Later,blocked,2099-01-01T00:00:00.000Z,',
      'Task,Typo,done,,yesterday',
      'Task,By date,done,,2027-02-20',
      'Task,Wrong status,todo,2027-02-20,',
    ].join('\r\n'));
    expect(preview.problems).toEqual([]);
    expect(warningsOf(preview).filter((warning) => !warning.includes('target'))).toEqual([
      'row 5: column D "Blocked since": "2099-01-01T00:00:00.000Z" is in the future; the import\'s time is used',
      'row 6: column E "Done at": "yesterday" is not a date or time; the import\'s time is used',
      'row 8: column D "Blocked since": the task is not blocked; "2027-02-20" not imported',
    ]);
    const { plan } = newPlan();
    expect(applyImport(plan, preview, { now: T0 }).ok).toBe(true);
    plan.index.refresh(T0);
    const tasks = [...plan.index.walk()].map((id) => plan.index.node(id)!).filter((node) => node.kind === 'task');
    expect(tasks.map((node) => [node.title, node.fields.blockedSince ?? node.fields.doneAt ?? null])).toEqual([
      ['Later', T0], ['Typo', T0], ['By date', Date.UTC(2027, 1, 20)], ['Wrong status', null],
    ]);
  });
});

describe('a number too large to hold', () => {
  it('is refused in the preview naming its cell, as 1e400 is, not first at Import', async () => {
    const preview = await previewOf(`Type,Title,Effort,Range low,Current\r\nObjective,O,,,\r\nKey result,K,,,${'9'.repeat(400)}\r\nInitiative,I,${'9'.repeat(400)},,\r\n`);
    expect(preview.problems.map((problem) => problem.message)).toEqual([
      `Row 3: column E "Current": "${'9'.repeat(30)}…" is too large a number.`,
      `Row 4: column C "Effort": "${'9'.repeat(30)}…" is too large a number.`,
    ]);
  });
});

describe('the Conflicts column of our own export', () => {
  it('is not imported, said plainly once, and asks for no mapping', () => {
    const { plan, doc } = newPlan();
    const s = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' });
    const o = plan.createNode({ kind: 'objective', parent: s, title: 'O' });
    const doc2 = new Y.Doc();
    syncDocs(doc, doc2);
    const bob = openPlan(doc2, new TestContext(T0, 'bob', 'b'));
    plan.updateNode(o, { weight: 2 });
    bob.updateNode(o, { weight: 3 });
    syncDocs(doc2, doc); syncDocs(doc, doc2);
    const { preview, result } = roundTrip(plan);
    expect(result.ok).toBe(true);
    expect(warningsOf(preview)).toEqual([]);
    expect(preview.columnNotes).toEqual(['Column AE "Conflicts" is not imported: it lists the other values offered where the exported plan had a conflict; the values the plan showed are imported (resolve a conflict in the plan it came from)']);
  });
});

describe('a period named by a name alone, when the preview knows the plan\'s periods', () => {
  it('is a problem in the preview naming the cell when the plan has no period of that name; fine when it has', async () => {
    const read = readCsv(new TextEncoder().encode('Type,Title,Period\r\nObjective,Win,Spring push\r\nObjective,Keep,Q3 2026\r\n'));
    if (!read.ok) throw new Error(read.problem.message);
    const preview = (periodNames: string[]) => buildImportPreview(read.table, detectMapping(read.table), { strategyTitle: 'I', periodNames });
    expect(preview(['Q1 2026']).problems.map((problem) => problem.message)).toEqual([
      'Row 2: column C "Period": "Spring push" is not a period of this plan, and the row gives no dates for it (add it to the plan, or give its dates in Period start and Period end).',
    ]);
    expect(preview(['spring PUSH']).problems).toEqual([]);
  });
});
