// review39b F7: the spreadsheet exports carry the blocked state the plan shows (a blocker raised in a
// check-in), and the import preview of a "stay within range" key result neither warns of a missing target
// nor hides its range.
import { describe, expect, it } from 'vitest';
import { applyImport, buildImportPreview, detectMapping, EXPORT_COLUMNS, exportPlanCsv, planExportRows, readCsv } from '../../../shared/files/index.js';
import type { Plan } from '../../../shared/model/index.js';
import { newPlan, smallCascade, T0 } from '../model/support.js';

const column = (name: (typeof EXPORT_COLUMNS)[number]) => EXPORT_COLUMNS.indexOf(name);
const rowTitled = (plan: Plan, title: string) => planExportRows(plan).find((cells) => JSON.stringify(cells[column('Title')]) === JSON.stringify({ text: title }))!;

describe('export of blockers raised in check-ins (review39b F7)', () => {
  it('writes the task blocked, with the check-in’s reason and since when, and an import of the file shows it blocked', () => {
    const { plan, ctx } = newPlan();
    const ids = smallCascade(plan);
    plan.addCheckIn(ids.task, { blocker: true, note: 'Council meets only in January' });
    const raisedAt = ctx.now();
    ctx.advance(2);
    plan.index.refresh(ctx.now());
    const row = rowTitled(plan, 'Ads');
    expect(row[column('Status')]).toEqual({ word: 'blocked' });
    expect(row[column('Blocked reason')]).toEqual({ text: 'Council meets only in January' });
    expect(row[column('Blocked since')]).toEqual({ instant: raisedAt });
    // The CSV (and the XLSX, from the same rows) reads back blocked.
    const read = readCsv(new TextEncoder().encode(exportPlanCsv(plan)));
    if (!read.ok) throw new Error(read.problem.message);
    const preview = buildImportPreview(read.table, detectMapping(read.table), { strategyTitle: 'unused', now: ctx.now() });
    expect(preview.problems).toEqual([]);
    const { plan: copy } = newPlan({ prefix: 'c' });
    expect(applyImport(copy, preview, { now: ctx.now() }).ok).toBe(true);
    copy.index.refresh(ctx.now());
    const task = [...copy.index.walk()].find((id) => copy.index.title(id) === 'Ads')!;
    expect(copy.index.node(task)!.fields).toMatchObject({ status: 'blocked', blockedReason: 'Council meets only in January', blockedSince: raisedAt });
  });

  it('leaves a task whose blocker a later check-in cleared as it is', () => {
    const { plan, ctx } = newPlan();
    const ids = smallCascade(plan);
    plan.addCheckIn(ids.task, { blocker: true, note: 'Waiting' });
    const raised = plan.index.checkIns(ids.task)[0]!.id;
    ctx.advance(1);
    plan.addCheckIn(ids.task, { blocker: false, note: 'Unblocked', clears: [raised] });
    plan.index.refresh(ctx.now());
    const row = rowTitled(plan, 'Ads');
    expect(row[column('Status')]).toEqual({ word: 'todo' });
    expect(row[column('Blocked reason')]).toBeNull();
  });
});

describe('import preview of a range key result (review39b F7)', () => {
  it('gives no "no target value" warning to a key result with a range', () => {
    const csv = 'Outline,Type,Title,Unit,Direction,Current,Range low,Range high\n1,Strategy,Grow\n1.1,Objective,Keep people\n1.1.1,Key result,Employee turnover,%,range,12,5,10\n';
    const read = readCsv(new TextEncoder().encode(csv));
    if (!read.ok) throw new Error(read.problem.message);
    const preview = buildImportPreview(read.table, detectMapping(read.table), { strategyTitle: 'unused', now: T0 });
    const turnover = [...preview.nodes.values()].find((node) => node.title === 'Employee turnover')!;
    expect(turnover.fields).toMatchObject({ rangeLow: 5, rangeHigh: 10, direction: 'range' });
    expect(turnover.warnings.filter((warning) => /no target/.test(warning))).toEqual([]);
  });
});
