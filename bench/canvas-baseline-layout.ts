// The cascade layout as it was before the 100,000-node work (commit d5bd6ff), kept only as the
// benchmark's side-by-side baseline for layout_100k: every childless card its own tidy-tree item,
// ids and sets read in the loop. Not used by the app.
import { hierarchy, tree, type HierarchyPointNode } from 'd3-hierarchy';
import { subtreeEnd, type CascadeStructure } from '../renderer/src/canvas/cascade-snapshot.js';

/**
 * The cascade's layout: a pure function of the plan's structure and the reader's choices, tested
 * without a DOM and run in a worker for large plans (layout-worker.ts).
 *
 * 1. A node shows its children when it is expanded, or when it sits above the collapse level and
 *    is not collapsed; a closed node with children is one card with the count of what it hides and
 *    the health of that work (a health bar).
 * 2. Real plans are wide: when a node shows more than `wrapAt` childless cards (say 40 tasks under
 *    one initiative), those cards are wrapped into a block of rows `wrapAt` wide, one layout item.
 * 3. d3-hierarchy's tidy tree places the items across the breadth axis; the separation of two
 *    neighbours is half their widths plus a gap, so a wide block pushes its neighbours aside.
 * 4. Along the depth axis each level is a band as deep as its deepest item, so a block of rows never
 *    overlaps the next level.
 * 5. Top-down and left-to-right differ only in which screen axis is breadth and which is depth.
 */

import type { Orientation } from '../renderer/src/canvas/cascade-layout.js';
import type { NodeId } from '../shared/model/index.js';

export interface LayoutOptions {
  orientation: Orientation;
  /** Nodes at this depth and below (1 = strategies) are closed unless expanded. */
  collapseDepth: number;
  expanded: ReadonlySet<string>;
  collapsed: ReadonlySet<string>;
  /** Lay out only this node's subtree (always open), or the whole plan when null. */
  focus: NodeId | null;
  /** The widest row of childless siblings before they wrap. */
  wrapAt: number;
}

export const defaultLayoutOptions: LayoutOptions = {
  orientation: 'top-down', collapseDepth: 4, expanded: new Set(), collapsed: new Set(), focus: null, wrapAt: 6,
};

/** Card size and spacing in world units (CSS pixels at zoom 1). */
export const CARD = { width: 220, height: 84, breadthGap: 24, rowGap: 16, levelGap: 72 } as const;

/** A group of wrapped childless siblings: the link from the parent goes to the group, not each card. */
export interface WrapBlock {
  /** Card index of the parent. */
  parentCard: number;
  x: number; y: number; width: number; height: number;
}

export interface CascadeLayout {
  orientation: Orientation;
  cardWidth: number;
  cardHeight: number;
  /** Snapshot row of each card, in paint order (parents before children). */
  rows: Int32Array;
  /** Centre of each card. */
  x: Float64Array;
  y: Float64Array;
  /** Card index of the parent to draw a link from, -1 for top cards and wrapped cards. */
  linkParent: Int32Array;
  /** Nodes hidden under a closed card (0 when it shows its children or has none). */
  hidden: Int32Array;
  /** Health of the hidden nodes, three counts per card: on track, at risk, off track. */
  hiddenHealth: Int32Array;
  /** True where the card's children are shown. */
  open: Uint8Array;
  blocks: WrapBlock[];
  /** Wrap block of each card, -1 for cards not in one. */
  blockOf: Int32Array;
  /** Card index of each snapshot row, -1 when the row is not on the canvas. */
  cardOfRow: Int32Array;
  bounds: { x0: number; y0: number; x1: number; y1: number };
}

interface Item {
  /** Snapshot row of a card, or -1 for the plan root and for a wrap block. */
  row: number;
  /** Rows of a wrap block's cards. */
  members: number[] | null;
  columns: number;
  lines: number;
  children: Item[];
}

/** Children of every row (and of the root, at index count) as one compact list. */
function childLists(structure: CascadeStructure): { start: Int32Array; list: Int32Array } {
  const count = structure.parent.length;
  const start = new Int32Array(count + 2);
  for (let row = 0; row < count; row++) {
    const parent = structure.parent[row]!;
    start[(parent === -1 ? count : parent) + 1]!++;
  }
  for (let i = 1; i < start.length; i++) start[i] = start[i]! + start[i - 1]!;
  const fill = start.slice(0, count + 1);
  const list = new Int32Array(count);
  for (let row = 0; row < count; row++) {
    const parent = structure.parent[row]!;
    list[fill[parent === -1 ? count : parent]!++] = row;
  }
  return { start, list };
}

/** Lays out the cascade; see the module comment for the rules. */
export function layoutCascade(structure: CascadeStructure, options: LayoutOptions): CascadeLayout {
  const count = structure.parent.length;
  const { start, list } = childLists(structure);
  const childCount = (row: number) => start[row + 1]! - start[row]!;
  const focusRow = options.focus === null ? -1 : structure.ids.indexOf(options.focus);
  const isOpen = (row: number): boolean => {
    if (childCount(row) === 0) return false;
    if (row === focusRow) return true;
    const id = structure.ids[row]!;
    if (options.collapsed.has(id)) return false;
    return options.expanded.has(id) || structure.depth[row]! < options.collapseDepth;
  };
  const vertical = options.orientation === 'top-down';
  const breadth = vertical ? CARD.width : CARD.height;
  const depthSize = vertical ? CARD.height : CARD.width;
  const wrapAt = Math.max(1, Math.floor(options.wrapAt));

  const cardItem = (row: number): Item => ({ row, members: null, columns: 1, lines: 1, children: [] });
  const childItems = (rows: ArrayLike<number>): Item[] => {
    const items: Item[] = [];
    const leaves: number[] = [];
    for (let i = 0; i < rows.length; i++) if (!isOpen(rows[i]!)) leaves.push(rows[i]!);
    const wrap = leaves.length > wrapAt;
    if (wrap) items.push({ row: -1, members: leaves, columns: wrapAt, lines: Math.ceil(leaves.length / wrapAt), children: [] });
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      if (!wrap || isOpen(row)) items.push(cardItem(row));
    }
    return items;
  };
  const roots = focusRow >= 0 ? Int32Array.of(focusRow) : list.subarray(start[count]!, start[count + 1]!);
  const root: Item = { row: -1, members: null, columns: 0, lines: 0, children: childItems(roots) };
  // Iteratively, so a deep chain of subtasks cannot overflow the stack.
  const pending: Item[] = [...root.children];
  while (pending.length > 0) {
    const item = pending.pop()!;
    if (item.row < 0 || !isOpen(item.row)) continue;
    item.children = childItems(list.subarray(start[item.row]!, start[item.row + 1]!));
    pending.push(...item.children);
  }

  const itemBreadth = (item: Item) => item.columns * breadth + Math.max(0, item.columns - 1) * CARD.breadthGap;
  const itemDepth = (item: Item) => item.lines * depthSize + Math.max(0, item.lines - 1) * CARD.rowGap;
  const laidOut = tree<Item>().nodeSize([1, 1])
    .separation((a, b) => (itemBreadth(a.data) + itemBreadth(b.data)) / 2 + (a.parent === b.parent ? CARD.breadthGap : CARD.breadthGap * 2))(
      hierarchy(root, (item) => item.children));

  // Bands along the depth axis: each level as deep as its deepest item.
  const bandDepth: number[] = [];
  laidOut.each((node) => { bandDepth[node.depth] = Math.max(bandDepth[node.depth] ?? 0, itemDepth(node.data)); });
  const bandStart: number[] = [0, 0];
  for (let level = 2; level < bandDepth.length; level++) bandStart[level] = bandStart[level - 1]! + bandDepth[level - 1]! + CARD.levelGap;

  const visible: HierarchyPointNode<Item>[] = [];
  let cards = 0;
  laidOut.each((node) => {
    if (node.depth === 0) return;
    visible.push(node);
    cards += node.data.members ? node.data.members.length : 1;
  });
  const rows = new Int32Array(cards);
  const x = new Float64Array(cards);
  const y = new Float64Array(cards);
  const linkParent = new Int32Array(cards).fill(-1);
  const hidden = new Int32Array(cards);
  const hiddenHealth = new Int32Array(cards * 3);
  const open = new Uint8Array(cards);
  const cardOfRow = new Int32Array(count).fill(-1);
  const blocks: WrapBlock[] = [];
  const blockOf = new Int32Array(cards).fill(-1);
  const place = (card: number, along: number, across: number) => {
    x[card] = vertical ? along : across;
    y[card] = vertical ? across : along;
  };
  let next = 0;
  const addCard = (row: number, parentCard: number, linked: boolean, along: number, across: number) => {
    const card = next++;
    rows[card] = row;
    cardOfRow[row] = card;
    place(card, along, across);
    if (linked) linkParent[card] = parentCard;
    if (isOpen(row)) open[card] = 1;
    else if (childCount(row) > 0) {
      const end = subtreeEnd(structure, row);
      hidden[card] = end - row - 1;
      for (let below = row + 1; below < end; below++) hiddenHealth[card * 3 + structure.health[below]!]!++;
    }
    return card;
  };
  // `each` is breadth-first, so a parent's card exists before its children ask for it.
  for (const node of visible) {
    const parentRow = node.parent?.data.row ?? -1;
    const parentCard = parentRow >= 0 ? cardOfRow[parentRow]! : -1;
    const top = bandStart[node.depth]!;
    const members = node.data.members;
    if (!members) {
      addCard(node.data.row, parentCard, true, node.x, top + depthSize / 2);
      continue;
    }
    const width = itemBreadth(node.data);
    const left = node.x - width / 2;
    members.forEach((row, i) => {
      const column = i % node.data.columns;
      const line = Math.floor(i / node.data.columns);
      const card = addCard(row, parentCard, false, left + column * (breadth + CARD.breadthGap) + breadth / 2, top + line * (depthSize + CARD.rowGap) + depthSize / 2);
      blockOf[card] = blocks.length;
    });
    const depth = itemDepth(node.data);
    blocks.push(vertical
      ? { parentCard, x: left, y: top, width, height: depth }
      : { parentCard, x: top, y: left, width: depth, height: width });
  }

  const cardWidth = CARD.width;
  const cardHeight = CARD.height;
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (let card = 0; card < cards; card++) {
    x0 = Math.min(x0, x[card]! - cardWidth / 2); x1 = Math.max(x1, x[card]! + cardWidth / 2);
    y0 = Math.min(y0, y[card]! - cardHeight / 2); y1 = Math.max(y1, y[card]! + cardHeight / 2);
  }
  const bounds = cards > 0 ? { x0, y0, x1, y1 } : { x0: 0, y0: 0, x1: 0, y1: 0 };
  return { orientation: options.orientation, cardWidth, cardHeight, rows, x, y, linkParent, hidden, hiddenHealth, open, blocks, blockOf, cardOfRow, bounds };
}
