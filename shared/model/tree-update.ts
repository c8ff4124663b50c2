/**
 * Incremental maintenance of the materialised tree. In a "clean" tree (no orphaned, re-attached or
 * cycle-displaced node, so every live node's effective parent is its stored parent) the common
 * structural edits — create, move, soft delete — are applied locally; everything else falls back to
 * a full materialiseTree. Either way the changes are recorded in a TreeDelta for the PlanIndex. A
 * property test checks that the local path always equals a full materialisation.
 */
import { ROOT_ID } from './schema.js';
import { compareSiblings, seenBy, type MaterialisedTree, type TreeNode } from './tree.js';

/** Thrown when a local update finds the tree inconsistent; the index then materialises it afresh. */
export class TreeInconsistency extends Error {
  override readonly name = 'TreeInconsistency';
}

/** What changed in the tree since the derived state was last computed. */
export interface TreeDelta {
  /** Nodes that became live (created, restored, un-hidden). */
  entered: Set<string>;
  /** Nodes that stopped being live, with their effective parent at that time. */
  left: Map<string, string>;
  /** Live nodes whose effective parent changed, with the previous one. */
  moved: Map<string, string>;
  /** Parents (ROOT_ID included) whose ordered children changed. */
  childrenChanged: Set<string>;
  /** Live nodes whose depth changed. */
  depthChanged: Set<string>;
  /** Live nodes whose orphaned / re-attached / displaced flags changed. */
  flagsChanged: Set<string>;
}

export function emptyDelta(): TreeDelta {
  return { entered: new Set(), left: new Map(), moved: new Map(), childrenChanged: new Set(), depthChanged: new Set(), flagsChanged: new Set() };
}

/** True if the delta records no change. */
export function deltaIsEmpty(delta: TreeDelta): boolean {
  return delta.entered.size === 0 && delta.left.size === 0 && delta.moved.size === 0 && delta.childrenChanged.size === 0
    && delta.depthChanged.size === 0 && delta.flagsChanged.size === 0;
}

function sameChildren(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Records in `delta` every difference between two materialisations. */
export function diffTrees(before: MaterialisedTree, after: MaterialisedTree, delta: TreeDelta): void {
  for (const [id, parent] of after.parent) {
    const old = before.parent.get(id);
    if (old === undefined) delta.entered.add(id);
    else if (old !== parent && !delta.moved.has(id)) delta.moved.set(id, old);
    if (before.depth.get(id) !== after.depth.get(id)) delta.depthChanged.add(id);
    if (before.orphaned.has(id) !== after.orphaned.has(id) || before.reattached.has(id) !== after.reattached.has(id) || before.displaced.has(id) !== after.displaced.has(id)) delta.flagsChanged.add(id);
  }
  for (const [id, parent] of before.parent) if (!after.parent.has(id) && !delta.left.has(id)) delta.left.set(id, parent);
  for (const [id, children] of after.children) if (!sameChildren(children, before.children.get(id))) delta.childrenChanged.add(id);
  for (const id of before.children.keys()) if (!after.children.has(id)) delta.childrenChanged.add(id);
}

/** True if every live node's effective parent is its stored parent (no conflict being resolved). */
export function isClean(tree: MaterialisedTree): boolean {
  return tree.orphaned.size === 0 && tree.reattached.size === 0 && tree.displaced.size === 0;
}

function insertChild(tree: MaterialisedTree, parent: string, id: string, nodes: ReadonlyMap<string, TreeNode>): void {
  let list = tree.children.get(parent);
  if (!list) { list = []; tree.children.set(parent, list); }
  const node = nodes.get(id)!;
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compareSiblings(nodes.get(list[mid]!)!, node) < 0) low = mid + 1;
    else high = mid;
  }
  list.splice(low, 0, id);
}

function removeChild(tree: MaterialisedTree, parent: string, id: string): void {
  const list = tree.children.get(parent);
  if (!list) return;
  const at = list.indexOf(id);
  if (at >= 0) list.splice(at, 1);
  if (list.length === 0 && parent !== ROOT_ID) tree.children.delete(parent);
}

function setDepths(tree: MaterialisedTree, from: string, delta: TreeDelta): void {
  const parent = tree.parent.get(from)!;
  const queue = [from];
  for (let i = 0; i < queue.length; i++) {
    // A longer walk than there are nodes means the tree went wrong: let the caller rebuild it.
    if (queue.length > tree.parent.size) throw new TreeInconsistency(`depth walk from ${from} does not end`);
    const id = queue[i]!;
    const depth = (id === from ? (parent === ROOT_ID ? 0 : tree.depth.get(parent)!) : tree.depth.get(tree.parent.get(id)!)!) + 1;
    if (tree.depth.get(id) === depth) continue;
    tree.depth.set(id, depth);
    delta.depthChanged.add(id);
    const children = tree.children.get(id);
    if (children) for (const child of children) queue.push(child);
  }
}

/** True if `ancestor` is `id` or on its effective parent chain. */
function isAncestorOrSelf(tree: MaterialisedTree, ancestor: string, id: string): boolean {
  for (let current: string | undefined = id; current !== undefined && current !== ROOT_ID; current = tree.parent.get(current)) {
    if (current === ancestor) return true;
  }
  return false;
}

/**
 * Applies one node's record change to a clean tree in place. Returns false (tree untouched) when the
 * change needs a full materialisation: a conflict to resolve, a restore, a purge, a hidden node.
 */
export function applyLocally(tree: MaterialisedTree, nodes: ReadonlyMap<string, TreeNode>, id: string, before: TreeNode | null, after: TreeNode | null, delta: TreeDelta): boolean {
  if (!isClean(tree) || after === null) return false;
  const parent = after.place.parent;
  const parentLive = parent === ROOT_ID || tree.parent.has(parent);

  if (before === null) {
    // Created: a live node under a live parent, not deleted.
    if (after.deleted !== null || !parentLive || tree.hidden.has(id) || tree.parent.has(id)) return false;
    tree.parent.set(id, parent);
    insertChild(tree, parent, id, nodes);
    tree.depth.set(id, parent === ROOT_ID ? 1 : tree.depth.get(parent)! + 1);
    delta.entered.add(id);
    delta.childrenChanged.add(parent);
    return true;
  }
  if (tree.hidden.has(id) || !tree.parent.has(id)) return false;
  const oldParent = tree.parent.get(id)!;

  if (before.deleted === null && after.deleted !== null) {
    // Soft delete of a live node: hide it and every descendant whose placement the deleter saw;
    // descendants placed concurrently stay live under the nearest live ancestor, which in a clean
    // tree is the deleted node's parent. Only the tree is consulted for other nodes: the records may
    // already hold later changes of this batch, which are applied (or sent to a full
    // materialisation) after this one.
    if (after.place.parent !== before.place.parent) return false;
    const mark = after.deleted;
    const hiddenNow: string[] = [id];
    const kept: string[] = [];
    for (let i = 0; i < hiddenNow.length; i++) {
      for (const child of tree.children.get(hiddenNow[i]!) ?? []) {
        if (seenBy(mark, nodes.get(child)!.placeItem)) hiddenNow.push(child);
        else kept.push(child);
      }
    }
    for (const hiddenId of hiddenNow) {
      tree.hidden.add(hiddenId);
      delta.left.set(hiddenId, tree.parent.get(hiddenId)!);
      tree.parent.delete(hiddenId);
      tree.depth.delete(hiddenId);
      if (tree.children.delete(hiddenId)) delta.childrenChanged.add(hiddenId);
    }
    removeChild(tree, oldParent, id);
    delta.childrenChanged.add(oldParent);
    for (const keptId of kept) {
      const target = oldParent;
      if (!delta.moved.has(keptId)) delta.moved.set(keptId, tree.parent.get(keptId)!);
      tree.parent.set(keptId, target);
      insertChild(tree, target, keptId, nodes);
      tree.reattached.add(keptId);
      delta.flagsChanged.add(keptId);
      delta.childrenChanged.add(target);
      setDepths(tree, keptId, delta);
    }
    return true;
  }
  if (before.deleted !== null || after.deleted !== null) return false;

  // Move or reorder of a live node under a live parent, without forming a cycle.
  if (!parentLive || (parent !== ROOT_ID && isAncestorOrSelf(tree, id, parent))) return false;
  removeChild(tree, oldParent, id);
  tree.parent.set(id, parent);
  insertChild(tree, parent, id, nodes);
  delta.childrenChanged.add(oldParent);
  delta.childrenChanged.add(parent);
  if (oldParent !== parent) {
    if (!delta.moved.has(id)) delta.moved.set(id, oldParent);
    setDepths(tree, id, delta);
  }
  return true;
}

/** Re-sorts the children of the given parents (after several local changes in one batch). */
export function resortChildren(tree: MaterialisedTree, parents: Iterable<string>, nodes: ReadonlyMap<string, TreeNode>): void {
  const bySiblingOrder = (a: string, b: string) => compareSiblings(nodes.get(a)!, nodes.get(b)!);
  for (const parent of parents) tree.children.get(parent)?.sort(bySiblingOrder);
}
