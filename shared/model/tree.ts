/**
 * The materialised tree: a pure, deterministic function of the node records (never of the order in
 * which events arrived), so every replica that holds the same doc state shows the same tree.
 *
 * 1. Hidden nodes: a soft-deleted node, and every descendant whose `place` the deleter had seen
 *    (its place item is covered by the mark's `seen` vector). A descendant placed concurrently with
 *    the delete was not seen: it stays live.
 * 2. Effective parent of a live node: walk up `place.parent` skipping hidden nodes and purged ones
 *    (a purge leaves a tombstone id → parent, so the walk goes on above it): a node whose parent was
 *    deleted or purged concurrently is re-attached to its nearest live ancestor. An unknown parent
 *    (not received yet, or written by a peer without tombstones) means the root, and the node is
 *    flagged orphaned.
 * 3. Cycles (concurrent moves A under B and B under A): in each cycle the node with the latest move
 *    (`place.at`, ties by the greater id) loses and goes back under `place.from` (nearest live
 *    ancestor of it) unless that would cycle again, else to the root. Cycles are processed in order
 *    of their smallest id, and detection repeats until none is left.
 *    The stored parents of hidden nodes can form a cycle too (A and B moved under each other, then
 *    both deleted): before the walk of rule 2 goes through them, such a cycle is broken by the same
 *    rule (latest move goes back to `place.from`), so a live child of A lands under a live ancestor
 *    of the cycle, never at the root. A cycle made only of tombstones (no move to compare) is broken
 *    at its smallest id, which leads to the root.
 * 4. Siblings are sorted by (order key, id). Every live node is reachable from the root.
 */
import { itemsPerStep, runToEnd, type Steps } from './steps.js';
import { ROOT_ID } from './schema.js';
import type { DeletedMark, ItemId, NodeRecord, Tombstone } from './doc.js';

/** The part of a node record the tree depends on. */
export type TreeNode = Pick<NodeRecord, 'id' | 'place' | 'placeItem' | 'deleted'>;

/** Tombstones of purged nodes by id. */
export type Tombstones = ReadonlyMap<string, Tombstone>;

const NO_PURGED: Tombstones = new Map();

export interface MaterialisedTree {
  /** Effective parent of every live node (ROOT_ID or a live node). */
  parent: Map<string, string>;
  /** Ordered live children of ROOT_ID and of every live node that has children. */
  children: Map<string, string[]>;
  /** Depth of every live node (children of the root have depth 1). */
  depth: Map<string, number>;
  /** Soft-deleted nodes and the descendants deleted with them. */
  hidden: Set<string>;
  /** Live nodes whose parent chain ends at an unknown node (not received yet, or purged without a tombstone). */
  orphaned: Set<string>;
  /** Live nodes whose stored parent is hidden or purged: kept after a concurrent delete or purge. */
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

/**
 * Groups node ids by their stored parent. Tombstones of purged nodes (ids not in `nodes`) are listed
 * under their parent too, so a walk down the stored tree goes on below them.
 */
export function rawChildrenOf(nodes: ReadonlyMap<string, TreeNode>, purged: Tombstones = NO_PURGED): Map<string, string[]> {
  const rawChildren = new Map<string, string[]>();
  const add = (parent: string, id: string) => {
    const list = rawChildren.get(parent);
    if (list) list.push(id);
    else rawChildren.set(parent, [id]);
  };
  for (const node of nodes.values()) add(node.place.parent, node.id);
  for (const [id, tombstone] of purged) if (!nodes.has(id)) add(tombstone.parent, id);
  return rawChildren;
}

/** The stored parents above `id` (through tombstones), up to the root, an unknown id or a repeat. */
function storedAncestors(id: string, nodes: ReadonlyMap<string, TreeNode>, purged: Tombstones): Set<string> {
  const ancestors = new Set<string>();
  for (let current = nodes.get(id)?.place.parent; current !== undefined && current !== ROOT_ID && !ancestors.has(current);) {
    ancestors.add(current);
    current = nodes.get(current)?.place.parent ?? purged.get(current)?.parent;
  }
  return ancestors;
}

/**
 * Soft-deleted nodes and the descendants each deletion had seen under it. The walk goes through a
 * tombstone as through the hidden node it was (same parent, same place item), so a node placed under
 * a purged node is deleted with a deleted ancestor of it like any other descendant. It never enters
 * a stored ancestor of the deleted node: concurrent moves can make a node both (A under B here, B
 * under A there), and the tree may show it above the deleted node, so deleting A must not hide B.
 */
export function hiddenNodes(nodes: ReadonlyMap<string, TreeNode>, rawChildren: ReadonlyMap<string, string[]>, purged: Tombstones = NO_PURGED): Set<string> {
  const hidden = new Set<string>();
  for (const node of nodes.values()) {
    const mark = node.deleted;
    if (!mark) continue;
    hidden.add(node.id);
    const visited = storedAncestors(node.id, nodes, purged);
    visited.add(node.id);
    const stack: string[] = [node.id];
    while (stack.length > 0) {
      const current = stack.pop()!;
      for (const childId of rawChildren.get(current) ?? []) {
        if (visited.has(childId)) continue;
        const child = nodes.get(childId);
        if (!seenBy(mark, child ? child.placeItem : purged.get(childId)?.placeItem ?? null)) continue;
        visited.add(childId);
        stack.push(childId);
        // A tombstone is walked through but is no node to hide.
        if (child !== undefined) hidden.add(childId);
      }
    }
  }
  return hidden;
}

/**
 * Nearest live node at or above `start` following stored parents, through hidden nodes and the
 * tombstones of purged ones; ROOT_ID (orphaned) if the chain ends at an unknown id.
 */
export function nearestLive(start: string, nodes: ReadonlyMap<string, TreeNode>, hidden: ReadonlySet<string>, purged: Tombstones = NO_PURGED, hiddenParent: ReadonlyMap<string, string> = NO_OVERRIDES): { id: string; orphaned: boolean } {
  let current = start;
  let steps = 0;
  for (;;) {
    if (current === ROOT_ID) return { id: ROOT_ID, orphaned: false };
    const node = nodes.get(current);
    if (node && !hidden.has(current)) return { id: current, orphaned: false };
    const next = hiddenParent.get(current) ?? (node ? node.place.parent : purged.get(current)?.parent);
    if (next === undefined) return { id: ROOT_ID, orphaned: true };
    // Stored parents of hidden nodes can form a cycle: a walk longer than the node count is one.
    if (++steps > nodes.size + purged.size) return { id: ROOT_ID, orphaned: true };
    current = next;
  }
}

const NO_OVERRIDES: ReadonlyMap<string, string> = new Map();

/**
 * Rule 3 for hidden nodes: the parents to walk through from hidden nodes and tombstones, with every
 * cycle among them broken as a cycle of live nodes is (latest move goes back to `place.from`).
 * Returns the parent of each hidden node and tombstone after that.
 */
export function hiddenParents(nodes: ReadonlyMap<string, TreeNode>, hidden: ReadonlySet<string>, purged: Tombstones = NO_PURGED): Map<string, string> {
  const parent = new Map<string, string>();
  for (const id of hidden) parent.set(id, nodes.get(id)!.place.parent);
  for (const [id, tombstone] of purged) if (!nodes.has(id)) parent.set(id, tombstone.parent);
  for (let cycles = findCycles(parent); cycles.length > 0; cycles = findCycles(parent)) {
    for (const cycle of cycles) {
      const movers = cycle.filter((id) => nodes.has(id));
      if (movers.length === 0) { parent.set(cycle.reduce((min, id) => (id < min ? id : min)), ROOT_ID); continue; }
      const loser = cycleLoser(movers, nodes);
      const back = loser.place.from;
      parent.set(loser.id, back !== loser.id && !reaches(back, loser.id, parent) ? back : ROOT_ID);
    }
  }
  return parent;
}

/** Cycles of the parent graph (each a list of node ids), sorted by their smallest id. */
function findCycles(parent: ReadonlyMap<string, string>): string[][] {
  return runToEnd(findingCycles(parent));
}

/** findCycles in steps. */
function* findingCycles(parent: ReadonlyMap<string, string>): Steps<string[][]> {
  const state = new Map<string, 1 | 2>();
  const cycles: string[][] = [];
  let count = 0;
  for (const start of parent.keys()) {
    if (++count % itemsPerStep === 0) yield;
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

/**
 * Materialises the tree from the node records and the tombstones of purged nodes (see the module
 * comment for the rules).
 */
export function materialiseTree(nodes: ReadonlyMap<string, TreeNode>, purged: Tombstones = NO_PURGED): MaterialisedTree {
  return runToEnd(materialisingTree(nodes, purged));
}

/** materialiseTree in steps (steps.ts); `nodes` and `purged` must not change until it ends. */
export function* materialisingTree(nodes: ReadonlyMap<string, TreeNode>, purged: Tombstones = NO_PURGED): Steps<MaterialisedTree> {
  let anyDeleted = false;
  for (const node of nodes.values()) if (node.deleted) { anyDeleted = true; break; }
  const hidden = anyDeleted ? hiddenNodes(nodes, rawChildrenOf(nodes, purged), purged) : new Set<string>();
  const throughHidden = anyDeleted || purged.size > 0 ? hiddenParents(nodes, hidden, purged) : NO_OVERRIDES;
  const parent = new Map<string, string>();
  const orphaned = new Set<string>();
  const reattached = new Set<string>();
  const displaced = new Set<string>();

  yield;
  let count = 0;
  for (const node of nodes.values()) {
    if (++count % itemsPerStep === 0) yield;
    if (hidden.has(node.id)) continue;
    const stored = node.place.parent;
    if (stored === ROOT_ID || (nodes.has(stored) && !hidden.has(stored))) { parent.set(node.id, stored); continue; }
    const live = nearestLive(stored, nodes, hidden, purged, throughHidden);
    parent.set(node.id, live.id);
    if (live.orphaned) orphaned.add(node.id);
    if (hidden.has(stored) || (!nodes.has(stored) && purged.has(stored))) reattached.add(node.id);
  }

  for (let cycles = yield* findingCycles(parent); cycles.length > 0; cycles = yield* findingCycles(parent)) {
    for (const cycle of cycles) {
      const loser = cycleLoser(cycle, nodes);
      const back = nearestLive(loser.place.from, nodes, hidden, purged, throughHidden);
      const target = back.id !== ROOT_ID && reaches(back.id, loser.id, parent) ? ROOT_ID : back.id;
      parent.set(loser.id, target);
      displaced.add(loser.id);
    }
  }

  yield;
  const children = new Map<string, string[]>([[ROOT_ID, []]]);
  count = 0;
  for (const [id, parentId] of parent) {
    if (++count % (4 * itemsPerStep) === 0) yield;
    const list = children.get(parentId);
    if (list) list.push(id);
    else children.set(parentId, [id]);
  }
  const bySiblingOrder = (a: string, b: string) => compareSiblings(nodes.get(a)!, nodes.get(b)!);
  count = 0;
  for (const list of children.values()) {
    if (++count % itemsPerStep === 0) yield;
    list.sort(bySiblingOrder);
  }

  const depth = new Map<string, number>();
  const queue: string[] = [ROOT_ID];
  const depthOf = (id: string) => (id === ROOT_ID ? 0 : depth.get(id)!);
  for (let i = 0; i < queue.length; i++) {
    if (i % itemsPerStep === itemsPerStep - 1) yield;
    const id = queue[i]!;
    for (const child of children.get(id) ?? []) {
      depth.set(child, depthOf(id) + 1);
      queue.push(child);
    }
  }
  return { parent, children, depth, hidden, orphaned, reattached, displaced };
}
