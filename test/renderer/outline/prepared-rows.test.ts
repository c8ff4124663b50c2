import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ROOT_ID, openPlan, type NodeId, type Plan } from '../../../shared/model/index.js';
import { newChild, newSibling } from '../../../renderer/src/outline/outline-commands.js';
import { outlineRows, rowsPerStep } from '../../../renderer/src/outline/outline-rows.js';
import { forgetOutlineRows, outlineRowsOf, prepareOutlineRows, preparingOutlineRows } from '../../../renderer/src/outline/prepared-rows.js';
import { generatePlan } from '../../../shared/model/fixtures/generate-plan.js';
import { noFilters } from '../../../renderer/src/store/ui-slice.js';

function freshPlan(): Plan {
  let id = 0;
  let clock = Date.UTC(2027, 0, 10);
  return openPlan(new Y.Doc(), { now: () => (clock += 1000), newId: () => `id${++id}`, actor: 'tester' }, { name: 'Test' });
}

function selected(result: ReturnType<typeof newSibling>): NodeId {
  if (!result.ok) throw new Error(result.message);
  return result.select;
}

/** Runs a command and refreshes the index, as the app does after every operation. */
function apply<T>(plan: Plan, command: () => T): T {
  const result = command();
  plan.index.refresh(plan.index.now);
  return result;
}

/** The rows flattened straight from the index, as the outline did before rows were prepared. */
function fresh(plan: Plan, collapsed: ReadonlySet<NodeId>) {
  return outlineRows({ rootId: ROOT_ID, children: (id) => plan.index.children(id) }, collapsed);
}

describe('outline rows prepared before the live outline renders', () => {
  it('hands the prepared rows to the render, and flattens afresh after any change to the tree', () => {
    forgetOutlineRows();
    const plan = freshPlan();
    const first = selected(apply(plan, () => newSibling(plan, null)));
    selected(apply(plan, () => newChild(plan, first)));
    const collapsed: ReadonlySet<NodeId> = new Set();
    prepareOutlineRows(plan.index, collapsed, noFilters);
    const prepared = outlineRowsOf(plan.index, collapsed, noFilters);
    expect(outlineRowsOf(plan.index, collapsed, noFilters)).toBe(prepared);
    expect(prepared).toEqual(fresh(plan, collapsed));

    // A new line, then a collapse: neither may show the rows prepared before it.
    const second = selected(apply(plan, () => newSibling(plan, first)));
    const afterAdd = outlineRowsOf(plan.index, collapsed, noFilters);
    expect(afterAdd).not.toBe(prepared);
    expect(afterAdd.map((row) => row.id)).toContain(second);
    expect(afterAdd).toEqual(fresh(plan, collapsed));
    const collapsedFirst: ReadonlySet<NodeId> = new Set([first]);
    expect(outlineRowsOf(plan.index, collapsedFirst, noFilters)).toEqual(fresh(plan, collapsedFirst));
    expect(outlineRowsOf(plan.index, collapsedFirst, noFilters)).toHaveLength(2);
  });

  it('flattens filtered rows afresh each time (a title edit changes what matches)', () => {
    forgetOutlineRows();
    const plan = freshPlan();
    const first = selected(apply(plan, () => newSibling(plan, null)));
    apply(plan, () => plan.setTitle(first, 'Grow'));
    const filters = { ...noFilters, text: 'grow' };
    expect(outlineRowsOf(plan.index, new Set(), filters).map((row) => row.matches)).toEqual([true]);
    apply(plan, () => plan.setTitle(first, 'Shrink'));
    expect(outlineRowsOf(plan.index, new Set(), filters)).toEqual([]);
  });

  it('never hands one plan the rows prepared for another', () => {
    forgetOutlineRows();
    const one = freshPlan();
    selected(apply(one, () => newSibling(one, null)));
    const other = freshPlan();
    const collapsed: ReadonlySet<NodeId> = new Set();
    prepareOutlineRows(one.index, collapsed, noFilters);
    expect(outlineRowsOf(other.index, collapsed, noFilters)).toEqual([]);
  });

  it('prepares a large plan\'s rows in several steps (the page answers between them) and hands the render those rows', () => {
    forgetOutlineRows();
    const doc = new Y.Doc();
    const generated = generatePlan(doc, { nodes: 2 * rowsPerStep + 500, checkIns: 100, seed: 3 });
    const plan = openPlan(doc, { now: () => generated.now, newId: () => 'unused', actor: 'tester' }, { now: generated.now });
    const collapsed: ReadonlySet<NodeId> = new Set();
    const steps = preparingOutlineRows(plan.index, collapsed, noFilters);
    let pauses = 0;
    while (!steps.next().done) pauses++;
    expect(pauses).toBeGreaterThanOrEqual(2);
    const prepared = outlineRowsOf(plan.index, collapsed, noFilters);
    expect(outlineRowsOf(plan.index, collapsed, noFilters)).toBe(prepared);
    expect(prepared).toEqual(fresh(plan, collapsed));
    expect(prepared.length).toBeGreaterThan(2 * rowsPerStep);
  });

  it('does not keep rows prepared over an index that changed between the steps', () => {
    forgetOutlineRows();
    const doc = new Y.Doc();
    const generated = generatePlan(doc, { nodes: 2 * rowsPerStep + 500, checkIns: 100, seed: 4 });
    let id = 0;
    const plan = openPlan(doc, { now: () => generated.now, newId: () => `new${++id}`, actor: 'tester' }, { now: generated.now });
    const collapsed: ReadonlySet<NodeId> = new Set();
    const steps = preparingOutlineRows(plan.index, collapsed, noFilters);
    steps.next();
    const added = selected(apply(plan, () => newSibling(plan, null)));
    while (!steps.next().done) { /* the rest of the steps */ }
    const rows = outlineRowsOf(plan.index, collapsed, noFilters);
    expect(rows.map((row) => row.id)).toContain(added);
    expect(rows).toEqual(fresh(plan, collapsed));
  });
});
