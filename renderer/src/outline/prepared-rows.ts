import { ROOT_ID, runToEnd, type NodeId, type PlanIndex, type Steps } from '../../../shared/model/index.js';
import type { OutlineFilters } from '../store/app-state.js';
import { filterPredicate, hasFilters } from './outline-filter.js';
import { outlineRows, outlineRowsInSteps, type OutlineRow, type OutlineTree } from './outline-rows.js';

/** The rows last flattened, and what they were flattened from. */
interface Flattened {
  index: PlanIndex;
  version: number;
  collapsed: ReadonlySet<NodeId>;
  rows: OutlineRow[];
}

let last: Flattened | null = null;

/**
 * The outline's rows for this index, collapsed set and filters. Flattening a 20,000-node plan takes
 * 10–25 ms: the session flattens it in a task of its own before the live outline replaces the first
 * screen (`prepareOutlineRows`), and that render takes the same rows instead of flattening them in
 * its own task. Unfiltered rows are reused only while the index's version (bumped by every refresh
 * that changed a view, so by every change of a node's children) is the one they were flattened at:
 * a change never shows stale rows. Filtered rows also depend on titles and fields and are always
 * flattened afresh.
 */
export function outlineRowsOf(index: PlanIndex, collapsed: ReadonlySet<NodeId>, filters: OutlineFilters): OutlineRow[] {
  if (hasFilters(filters)) return outlineRows(treeOf(index), collapsed, filterPredicate(index, filters));
  const version = index.version;
  if (last && last.index === index && last.version === version && last.collapsed === collapsed) return last.rows;
  const rows = outlineRows(treeOf(index), collapsed);
  last = { index, version, collapsed, rows };
  return rows;
}

function treeOf(index: PlanIndex): OutlineTree {
  return { rootId: ROOT_ID, children: (id) => index.children(id) };
}

/** Flattens the rows the live outline's first render will ask for (see `outlineRowsOf`). */
export function prepareOutlineRows(index: PlanIndex, collapsed: ReadonlySet<NodeId>, filters: OutlineFilters): void {
  runToEnd(preparingOutlineRows(index, collapsed, filters));
}

/**
 * prepareOutlineRows in steps (the 100,000-node plan's rows took 40–90 ms in one task). Rows of an
 * index that changed meanwhile are not kept; filtered rows are never kept (see `outlineRowsOf`).
 */
export function* preparingOutlineRows(index: PlanIndex, collapsed: ReadonlySet<NodeId>, filters: OutlineFilters): Steps<void> {
  if (hasFilters(filters)) return;
  const version = index.version;
  if (last && last.index === index && last.version === version && last.collapsed === collapsed) return;
  const rows = yield* outlineRowsInSteps(treeOf(index), collapsed);
  if (index.version === version) last = { index, version, collapsed, rows };
}

/** Lets go of the rows kept for the last index (a closed plan's index is not held on to). */
export function forgetOutlineRows(): void {
  last = null;
}
