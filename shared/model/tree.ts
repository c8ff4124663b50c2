/**
 * The materialised tree: a pure, deterministic function of the node records (never of the order in
 * which events arrived), so every replica that holds the same doc state shows the same tree.
 *
 * 1. Hidden nodes: a soft-deleted node, and every descendant whose `place` the deleter had seen
 *    (its place item is covered by the mark's `seen` vector). A descendant placed concurrently with
 *    the delete was not seen: it stays live.
 * 2. Effective parent of a live node: walk up `place.parent` skipping hidden nodes (so a node whose
 *    parent was deleted concurrently is re-attached to its nearest live ancestor); an unknown or
 *    purged parent means the root, and the node is flagged orphaned.
 * 3. Cycles (concurrent moves A under B and B under A): in each cycle the node with the latest move
 *    (`place.at`, ties by the greater id) loses and goes back under `place.from` (nearest live
 *    ancestor of it) unless that would cycle again, else to the root. Cycles are processed in order
 *    of their smallest id, and detection repeats until none is left.
 * 4. Siblings are sorted by (order key, id). Every live node is reachable from the root.
 */
import { ROOT_ID } from './schema.js';
import type { DeletedMark, ItemId, NodeRecord } from './doc.js';

/** The part of a node record the tree depends on. */
export type TreeNode = Pick<NodeRecord, 'id' | 'place' | 'placeItem' | 'deleted'>;

export interface MaterialisedTree {
  /** Effective parent of every live node (ROOT_ID or a live node). */
  parent: Map<string, string>;
  /** Ordered live children of ROOT_ID and of every live node that has children. */
  children: Map<string, string[]>;
  /** Depth of every live node (children of the root have depth 1). */
  depth: Map<string, number>;
  /** Soft-deleted nodes and the descendants deleted with them. */
  hidden: Set<string>;
  /** Live nodes whose parent chain ends at an unknown (purged or not yet received) node. */
  orphaned: Set<string>;
  /** Live nodes whose stored parent is hidden: kept after a concurrent delete. */
  reattached: Set<string>;
  /** Live nodes that lost a cycle and were moved back under their previous parent or the root. */
  displaced: Set<string>;
}

/** True if the deleter had seen the item that placed a node (so the node was deleted with it). */
export function seenBy(mark: DeletedMark, item: ItemId | null): boolean {
  if (item === null) return true;
  const clock = mark.seen[String(item.client)];
  return clock !== undefined && item.clock < clock;
}

/** Compares sibling order: order key, then id (plain code-unit order, as fractional-indexing wants). */
export function compareSiblings(a: TreeNode, b: TreeNode): number {
  if (a.place.order !== b.place.order) return a.place.order < b.place.order ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Groups node ids by their stored parent. */
export function rawChildrenOf(nodes: ReadonlyMap<string, TreeNode>): Map<string, string[]> {
  const rawChildren = new Map<string, string[]>();
  for (const node of nodes.values()) {
    const list = rawChildren.get(node.place.parent);
    if (list) list.push(node.id);
    else rawChildren.set(node.place.parent, [node.id]);
  }
  return rawChildren;
}

/** Soft-deleted nodes and the descendants each deletion had seen under it. */
export function hiddenNodes(nodes: ReadonlyMap<string, TreeNode>, rawChildren: ReadonlyMap<string, string[]>): Set<string> {
  const hidden = new Set<string>();
  for (const node of nodes.values()) {
    const mark = node.deleted;
    if (!mark) continue;
    hidden.add(node.id);
    const visited = new Set<string>([node.id]);
    const stack = [node.id];
    while (stack.length > 0) {
      const current = stack.pop()!;
      for (const childId of rawChildren.get(current) ?? []) {
        if (visited.has(childId)) continue;
        const child = nodes.get(childId)!;
        if (!seenBy(mark, child.placeItem)) continue;
        visited.add(childId);
        hidden.add(childId);
        stack.push(childId);
      }
    }
  }
  return hidden;
}

/** Nearest live node at or above `start` following stored parents; ROOT_ID (orphaned) if none. */
export function nearestLive(start: string, nodes: ReadonlyMap<string, TreeNode>, hidden: ReadonlySet<string>): { id: string; orphaned: boolean } {
  let current = start;
  let steps = 0;
  for (;;) {
    if (current === ROOT_ID) return { id: ROOT_ID, orphaned: false };
    const node = nodes.get(current);
    if (!node) return { id: ROOT_ID, orphaned: true };
    if (!hidden.has(current)) return { id: current, orphaned: false };
    // Stored parents of hidden nodes can form a cycle: a walk longer than the node count is one.
    if (++steps > nodes.size) return { id: ROOT_ID, orphaned: true };
    current = node.place.parent;
  }
}

/** Cycles of the parent graph (each a list of node ids), sorted by their smallest id. */
function findCycles(parent: ReadonlyMap<string, string>): string[][] {
  const state = new Map<string, 1 | 2>();
  const cycles: string[][] = [];
  for (const start of parent.keys()) {
    if (state.has(start)) continue;
    const path: string[] = [];
    let current: string | undefined = start;
    while (current !== undefined && current !== ROOT_ID && !state.has(current)) {
      state.set(current, 1);
      path.push(current);
      current = parent.get(current);
    }
    if (current !== undefined && state.get(current) === 1) cycles.push(path.slice(path.indexOf(current)));
    for (const id of path) state.set(id, 2);
  }
  const smallest = (cycle: string[]) => cycle.reduce((min, id) => (id < min ? id : min));
  return cycles.map((cycle) => ({ cycle, key: smallest(cycle) })).sort((a, b) => (a.key < b.key ? -1 : 1)).map((entry) => entry.cycle);
}

/** True if walking up from `start` reaches `target`. */
function reaches(start: string, target: string, parent: ReadonlyMap<string, string>): boolean {
  const visited = new Set<string>();
  let current: string | undefined = start;
  while (current !== undefined && current !== ROOT_ID && !visited.has(current)) {
    if (current === target) return true;
    visited.add(current);
    current = parent.get(current);
  }
  return false;
}

/** The loser of a cycle: latest move, ties by the greater id. */
function cycleLoser(cycle: readonly string[], nodes: ReadonlyMap<string, TreeNode>): TreeNode {
  let loser = nodes.get(cycle[0]!)!;
  for (const id of cycle) {
    const node = nodes.get(id)!;
    if (node.place.at > loser.place.at || (node.place.at === loser.place.at && node.id > loser.id)) loser = node;
  }
  return loser;
}

/** Materialises the tree from the node records (see the module comment for the rules). */
export function materialiseTree(nodes: ReadonlyMap<string, TreeNode>): MaterialisedTree {
  let anyDeleted = false;
  for (const node of nodes.values()) if (node.deleted) { anyDeleted = true; break; }
  const hidden = anyDeleted ? hiddenNodes(nodes, rawChildrenOf(nodes)) : new Set<string>();
  const parent = new Map<string, string>();
  const orphaned = new Set<string>();
  const reattached = new Set<string>();
  const displaced = new Set<string>();

  for (const node of nodes.values()) {
    if (hidden.has(node.id)) continue;
    const stored = node.place.parent;
    if (stored === ROOT_ID || (nodes.has(stored) && !hidden.has(stored))) { parent.set(node.id, stored); continue; }
    const live = nearestLive(stored, nodes, hidden);
    parent.set(node.id, live.id);
    if (live.orphaned) orphaned.add(node.id);
    if (hidden.has(stored)) reattached.add(node.id);
  }

  for (let cycles = findCycles(parent); cycles.length > 0; cycles = findCycles(parent)) {
    for (const cycle of cycles) {
      const loser = cycleLoser(cycle, nodes);
      const back = nearestLive(loser.place.from, nodes, hidden);
      const target = back.id !== ROOT_ID && reaches(back.id, loser.id, parent) ? ROOT_ID : back.id;
      parent.set(loser.id, target);
      displaced.add(loser.id);
    }
  }

  const children = new Map<string, string[]>([[ROOT_ID, []]]);
  for (const [id, parentId] of parent) {
    const list = children.get(parentId);
    if (list) list.push(id);
    else children.set(parentId, [id]);
  }
  const bySiblingOrder = (a: string, b: string) => compareSiblings(nodes.get(a)!, nodes.get(b)!);
  for (const list of children.values()) list.sort(bySiblingOrder);

  const depth = new Map<string, number>();
  const queue: string[] = [ROOT_ID];
  const depthOf = (id: string) => (id === ROOT_ID ? 0 : depth.get(id)!);
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    for (const child of children.get(id) ?? []) {
      depth.set(child, depthOf(id) + 1);
      queue.push(child);
    }
  }
  return { parent, children, depth, hidden, orphaned, reattached, displaced };
}
