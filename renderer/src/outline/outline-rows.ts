import { runToEnd, type NodeId, type ParentId, type Steps } from '../../../shared/model/index.js';
import { appendAll } from '../../../shared/collections/long-lists.js';

/** The tree as the outline needs it: ordered children of the root and of each node. */
export interface OutlineTree {
  readonly rootId: ParentId;
  children(id: ParentId): readonly NodeId[];
}

/** One visible line of the outline. */
export interface OutlineRow {
  id: NodeId;
  /** 0 for the root's children. */
  depth: number;
  hasChildren: boolean;
  collapsed: boolean;
  /** False for an ancestor shown only to give a matching descendant its context. */
  matches: boolean;
}

/**
 * Flattens the tree into the rows the outline shows, depth first in sibling order. Collapsed nodes
 * hide their subtree. With a filter, a node is shown when it or a descendant matches (ancestors give
 * context, dimmed) and collapsing is ignored so every match is visible. Iterative, so a 20,000-deep
 * chain cannot overflow the stack.
 */
export function outlineRows(tree: OutlineTree, collapsed: ReadonlySet<NodeId>, matches?: (id: NodeId) => boolean): OutlineRow[] {
  return runToEnd(outlineRowsInSteps(tree, collapsed, matches));
}

/** Rows flattened per step of `outlineRowsInSteps`: the 100,000-node plan's rows took 40–90 ms in one task. */
export const rowsPerStep = 4096;

/** outlineRows in steps of `rowsPerStep` rows, for a caller that gives the thread back between them. */
export function* outlineRowsInSteps(tree: OutlineTree, collapsed: ReadonlySet<NodeId>, matches?: (id: NodeId) => boolean): Steps<OutlineRow[]> {
  const keep = matches ? subtreesWithMatches(tree, matches) : null;
  const rows: OutlineRow[] = [];
  const stack: { id: NodeId; depth: number }[] = [];
  const pushChildren = (parent: ParentId, depth: number) => {
    const children = tree.children(parent);
    for (let i = children.length - 1; i >= 0; i--) {
      const id = children[i]!;
      if (!keep || keep.has(id)) stack.push({ id, depth });
    }
  };
  pushChildren(tree.rootId, 0);
  while (stack.length > 0) {
    const { id, depth } = stack.pop()!;
    const hasChildren = tree.children(id).length > 0;
    const isCollapsed = !keep && hasChildren && collapsed.has(id);
    rows.push({ id, depth, hasChildren, collapsed: isCollapsed, matches: !matches || matches(id) });
    if (hasChildren && !isCollapsed) pushChildren(id, depth + 1);
    if (rows.length % rowsPerStep === 0) yield;
  }
  return rows;
}

/** Ids of every node that matches or has a matching descendant (post-order, iterative). */
function subtreesWithMatches(tree: OutlineTree, matches: (id: NodeId) => boolean): Set<NodeId> {
  const keep = new Set<NodeId>();
  const order: NodeId[] = [];
  const stack = [...tree.children(tree.rootId)];
  while (stack.length > 0) {
    const id = stack.pop()!;
    order.push(id);
    appendAll(stack, tree.children(id));
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const id = order[i]!;
    if (matches(id) || tree.children(id).some((child) => keep.has(child))) keep.add(id);
  }
  return keep;
}

/** The row index of `id`, or -1. */
export function rowIndex(rows: readonly OutlineRow[], id: NodeId | null): number {
  if (id === null) return -1;
  return rows.findIndex((row) => row.id === id);
}
