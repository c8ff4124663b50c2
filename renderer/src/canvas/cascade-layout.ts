import { hierarchy, tree, type HierarchyPointNode } from 'd3-hierarchy';
import { subtreeEnd, type CascadeStructure } from './cascade-snapshot.js';
import type { NodeId } from '../../../shared/model/index.js';
import { fitView } from './viewport.js';

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
 * 6. Real plans are also wide at every level: a tidy tree of 40 key results, each with its initiatives
 *    and tasks, is dozens of times wider than deep, and fitted to a screen its cards are specks (the
 *    sample plan's "Everything" was an 81,000 × 1,300 strip). Top down, when the plain tree fitted to
 *    the screen would show cards too small to read, the subtrees from some level on are stacked: the
 *    level's card with its shown descendants below it in one column, indented by depth like the
 *    outline, on a block. The level is the one whose layout fits a reference screen (the same for
 *    everyone, so that follow mode's positions mean the same on every window) at the largest zoom
 *    (`layoutResolved`); a tree readable as it is, or too large to read at fit whatever is stacked,
 *    keeps its plain layout.
 */

export type Orientation = 'top-down' | 'left-right';

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
  /**
   * The screen the stacking fits the picture to (rule 6), CSS pixels; `referenceScreen` unless a test
   * asks otherwise. Not the canvas's own size: follow mode and presence carry positions in the layout's
   * coordinates, so everyone's picture of one plan must be the same whatever their window.
   */
  screen?: { width: number; height: number };
}

export const defaultLayoutOptions: LayoutOptions = {
  orientation: 'top-down', collapseDepth: 4, expanded: new Set(), collapsed: new Set(), focus: null, wrapAt: 6,
};

/** Card size and spacing in world units (CSS pixels at zoom 1). */
export const CARD = { width: 220, height: 84, breadthGap: 24, rowGap: 16, levelGap: 72, indent: 28 } as const;

/**
 * Stacking (rule 6) starts when the plain tree fitted to the screen shows cards narrower than this many
 * CSS pixels: at 220 world units a card's title needs about half its width to be read.
 */
export const READABLE_CARD_PX = 110;

/** The canvas of a laptop's window beside the detail panel, or a projector's: what stacking fits to. */
export const referenceScreen = { width: 1200, height: 700 } as const;

/**
 * Stacking is tried only up to this many cards: each level tried is a layout of its own (a 100,000-card
 * one takes seconds), and past a few thousand cards no stacking makes cards readable at fit anyway.
 */
export const STACK_MAX_CARDS = 4000;

/** A group of wrapped childless siblings: the link from the parent goes to the group, not each card. */
export interface WrapBlock {
  /** Card index of the parent (of a stack: its top card). */
  parentCard: number;
  x: number; y: number; width: number; height: number;
  /** A stacked subtree's column (rule 6), not a grid of wrapped siblings. */
  stacked: boolean;
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
  /** Snapshot row of a card, or -1 for the plan root, a wrap block and a row of childless siblings. */
  row: number;
  /** Rows of a wrap block's or a sibling row's cards. */
  members: ArrayLike<number> | null;
  /** True for a wrap block (one link to the block), false for a row of cards (a link to each). */
  wrapped: boolean;
  columns: number;
  lines: number;
  children: Item[];
  /** A stacked subtree (rule 6): each member's indent, in levels below the stack's top card (members[0]). */
  indents?: Uint8Array;
}

/** Children of every row (and of the root, at index count) as one compact list. */
function childLists(parent: Int32Array): { start: Int32Array; list: Int32Array } {
  const count = parent.length;
  const start = new Int32Array(count + 2);
  for (let row = 0; row < count; row++) {
    const up = parent[row]!;
    start[(up === -1 ? count : up) + 1]!++;
  }
  for (let i = 1; i < start.length; i++) start[i] = start[i]! + start[i - 1]!;
  const fill = start.slice(0, count + 1);
  const list = new Int32Array(count);
  for (let row = 0; row < count; row++) {
    const up = parent[row]!;
    list[fill[up === -1 ? count : up]!++] = row;
  }
  return { start, list };
}

/**
 * The reader's choices turned into one flag per row, so the layout itself needs no ids: the page
 * resolves them (a pass over the rows) and the worker receives typed arrays only.
 */
export interface ResolvedLayoutOptions {
  orientation: Orientation;
  /** 1 where the row shows its children. */
  open: Uint8Array;
  /** Row of the focused node, -1 for the whole plan. */
  focusRow: number;
  wrapAt: number;
  screenWidth: number;
  screenHeight: number;
}

/** The part of the snapshot the layout reads; ids stay on the page. */
export type LayoutStructure = Pick<CascadeStructure, 'parent' | 'depth' | 'health'>;

/** Which rows show their children under `options` (rule 1 of the module comment). */
export function resolveLayoutOptions(structure: CascadeStructure, options: LayoutOptions): ResolvedLayoutOptions {
  const count = structure.parent.length;
  const hasChildren = new Uint8Array(count);
  for (let row = 0; row < count; row++) { const up = structure.parent[row]!; if (up >= 0) hasChildren[up] = 1; }
  const focusRow = options.focus === null ? -1 : structure.ids.indexOf(options.focus);
  const open = new Uint8Array(count);
  const choices = options.expanded.size > 0 || options.collapsed.size > 0;
  for (let row = 0; row < count; row++) {
    if (!hasChildren[row]) continue;
    if (row === focusRow) { open[row] = 1; continue; }
    if (choices) {
      const id = structure.ids[row]!;
      if (options.collapsed.has(id)) continue;
      if (options.expanded.has(id)) { open[row] = 1; continue; }
    }
    if (structure.depth[row]! < options.collapseDepth) open[row] = 1;
  }
  const screen = options.screen ?? referenceScreen;
  return { orientation: options.orientation, open, focusRow, wrapAt: options.wrapAt, screenWidth: screen.width, screenHeight: screen.height };
}

/** Lays out the cascade; see the module comment for the rules. */
export function layoutCascade(structure: CascadeStructure, options: LayoutOptions): CascadeLayout {
  return layoutResolved(structure, resolveLayoutOptions(structure, options));
}

/**
 * The layout from resolved options (what the worker runs): the plain tree, or with subtrees stacked
 * from the level where that fits the screen best (rule 6).
 */
export function layoutResolved(structure: LayoutStructure, resolved: ResolvedLayoutOptions): CascadeLayout {
  const plain = layoutAt(structure, resolved, 0);
  if (resolved.orientation !== 'top-down' || plain.rows.length > STACK_MAX_CARDS || fitZoom(plain, resolved) * CARD.width >= READABLE_CARD_PX) return plain;
  let best = plain;
  let bestZoom = fitZoom(plain, resolved);
  // Deepest level first: a shallower stack wins only by a clear margin, so the tree keeps as much of
  // its shape as reading it allows.
  for (const level of stackableLevels(structure, resolved)) {
    const stacked = layoutAt(structure, resolved, level);
    const zoom = fitZoom(stacked, resolved);
    if (zoom > bestZoom * 1.1) { best = stacked; bestZoom = zoom; }
  }
  return best;
}

/** The zoom at which the layout fills the screen: `fitView`'s, without its cap at 1. */
function fitZoom(layout: CascadeLayout, resolved: ResolvedLayoutOptions): number {
  return fitView(layout.bounds, resolved.screenWidth, resolved.screenHeight, { maxK: Infinity }).k;
}

/** Depths of the open rows shown (a stack's top must show children), deepest first. */
function stackableLevels(structure: LayoutStructure, resolved: ResolvedLayoutOptions): number[] {
  const levels = new Set<number>();
  const top = resolved.focusRow >= 0 ? structure.depth[resolved.focusRow]! : 1;
  for (let row = 0; row < structure.parent.length; row++) {
    if (resolved.open[row] === 1 && structure.depth[row]! >= top) levels.add(structure.depth[row]!);
  }
  return [...levels].sort((a, b) => b - a);
}

/**
 * The layout with open subtrees stacked from depth `stackFrom` (0: none). Speed at 100,000 nodes comes from
 * giving d3's tidy tree few items: a parent whose children are all childless gets them as one item,
 * a wrap block when longer than `wrapAt`, else a single row of cards placed exactly as the tidy tree
 * would place them side by side (each card still linked to its parent).
 */
function layoutAt(structure: LayoutStructure, resolved: ResolvedLayoutOptions, stackFrom: number): CascadeLayout {
  const count = structure.parent.length;
  const { start, list } = childLists(structure.parent);
  const childCount = (row: number) => start[row + 1]! - start[row]!;
  const openFlags = resolved.open;
  const isOpen = (row: number): boolean => openFlags[row] === 1;
  const focusRow = resolved.focusRow;
  const vertical = resolved.orientation === 'top-down';
  const breadth = vertical ? CARD.width : CARD.height;
  const depthSize = vertical ? CARD.height : CARD.width;
  const wrapAt = Math.max(1, Math.floor(resolved.wrapAt));

  const cardItem = (row: number): Item => ({ row, members: null, wrapped: false, columns: 1, lines: 1, children: [] });
  const childItems = (rows: Int32Array): Item[] => {
    let closed = 0;
    for (let i = 0; i < rows.length; i++) if (!isOpen(rows[i]!)) closed++;
    if (closed === rows.length) {
      // All childless (or closed): one item, a wrap block or a single row.
      return closed > wrapAt
        ? [{ row: -1, members: rows, wrapped: true, columns: wrapAt, lines: Math.ceil(closed / wrapAt), children: [] }]
        : [{ row: -1, members: rows, wrapped: false, columns: closed, lines: 1, children: [] }];
    }
    const items: Item[] = [];
    const wrap = closed > wrapAt;
    if (wrap) {
      const leaves = new Int32Array(closed);
      let at = 0;
      for (let i = 0; i < rows.length; i++) if (!isOpen(rows[i]!)) leaves[at++] = rows[i]!;
      items.push({ row: -1, members: leaves, wrapped: true, columns: wrapAt, lines: Math.ceil(closed / wrapAt), children: [] });
      for (let i = 0; i < rows.length; i++) if (isOpen(rows[i]!)) items.push(cardItem(rows[i]!));
      return items;
    }
    // Runs of closed siblings between open ones: each run one row item, in order.
    let run = -1;
    for (let i = 0; i <= rows.length; i++) {
      const closedHere = i < rows.length && !isOpen(rows[i]!);
      if (closedHere && run < 0) run = i;
      if (closedHere) continue;
      if (run >= 0) {
        items.push(i - run === 1 ? cardItem(rows[run]!) : { row: -1, members: rows.subarray(run, i), wrapped: false, columns: i - run, lines: 1, children: [] });
        run = -1;
      }
      if (i < rows.length) items.push(cardItem(rows[i]!));
    }
    return items;
  };
  const roots = focusRow >= 0 ? Int32Array.of(focusRow) : list.subarray(start[count]!, start[count + 1]!);
  const root: Item = { row: -1, members: null, wrapped: false, columns: 0, lines: 0, children: roots.length > 0 ? childItems(roots) : [] };
  // Iteratively, so a deep chain of subtasks cannot overflow the stack.
  const stackItem = (item: Item) => {
    // The shown subtree in outline order, iteratively (a deep chain of subtasks is a long stack).
    const rows: number[] = [];
    const indents: number[] = [];
    const walk: [number, number][] = [[item.row, 0]];
    while (walk.length > 0) {
      const [row, indent] = walk.pop()!;
      rows.push(row);
      indents.push(indent);
      if (!isOpen(row)) continue;
      for (let i = start[row + 1]! - 1; i >= start[row]!; i--) walk.push([list[i]!, indent + 1]);
    }
    item.members = Int32Array.from(rows);
    item.indents = Uint8Array.from(indents, (indent) => Math.min(indent, 255));
    item.lines = rows.length;
  };
  const pending: Item[] = [...root.children];
  while (pending.length > 0) {
    const item = pending.pop()!;
    if (item.row < 0 || !isOpen(item.row)) continue;
    if (stackFrom > 0 && vertical && structure.depth[item.row]! >= stackFrom) { stackItem(item); continue; }
    item.children = childItems(list.subarray(start[item.row]!, start[item.row + 1]!));
    for (const child of item.children) pending.push(child);
  }

  const stackBreadth = (indents: Uint8Array) => { let most = 0; for (const indent of indents) most = Math.max(most, indent); return breadth + most * CARD.indent; };
  const itemBreadth = (item: Item) => item.indents ? stackBreadth(item.indents) : item.columns * breadth + Math.max(0, item.columns - 1) * CARD.breadthGap;
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
  /**
   * A stacked subtree: its top card linked to its parent as any card, the rest in one column below it
   * on a block linked from the top card, each indented by its depth below the top.
   */
  const placeStack = (node: HierarchyPointNode<Item>, indents: Uint8Array, members: ArrayLike<number>, parentCard: number, top: number) => {
    const width = itemBreadth(node.data);
    const left = node.x - width / 2;
    const topCard = addCard(members[0]!, parentCard, true, left + breadth / 2, top + depthSize / 2);
    if (members.length === 1) return;
    for (let i = 1; i < members.length; i++) {
      const card = addCard(members[i]!, topCard, false, left + indents[i]! * CARD.indent + breadth / 2, top + i * (depthSize + CARD.rowGap) + depthSize / 2);
      blockOf[card] = blocks.length;
    }
    const blockTop = top + depthSize + CARD.rowGap;
    blocks.push({ parentCard: topCard, x: left + CARD.indent, y: blockTop, width: width - CARD.indent, height: (members.length - 1) * (depthSize + CARD.rowGap) - CARD.rowGap, stacked: true });
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
    if (node.data.indents) { placeStack(node, node.data.indents, members, parentCard, top); continue; }
    const width = itemBreadth(node.data);
    const left = node.x - width / 2;
    const { columns, wrapped } = node.data;
    for (let i = 0; i < members.length; i++) {
      const column = i % columns;
      const line = Math.floor(i / columns);
      const card = addCard(members[i]!, parentCard, !wrapped, left + column * (breadth + CARD.breadthGap) + breadth / 2, top + line * (depthSize + CARD.rowGap) + depthSize / 2);
      if (wrapped) blockOf[card] = blocks.length;
    }
    if (!wrapped) continue;
    const depth = itemDepth(node.data);
    blocks.push(vertical
      ? { parentCard, x: left, y: top, width, height: depth, stacked: false }
      : { parentCard, x: top, y: left, width: depth, height: width, stacked: false });
  }

  const cardWidth = CARD.width;
  const cardHeight = CARD.height;
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (let card = 0; card < cards; card++) {
    x0 = Math.min(x0, x[card]! - cardWidth / 2); x1 = Math.max(x1, x[card]! + cardWidth / 2);
    y0 = Math.min(y0, y[card]! - cardHeight / 2); y1 = Math.max(y1, y[card]! + cardHeight / 2);
  }
  const bounds = cards > 0 ? { x0, y0, x1, y1 } : { x0: 0, y0: 0, x1: 0, y1: 0 };
  return { orientation: resolved.orientation, cardWidth, cardHeight, rows, x, y, linkParent, hidden, hiddenHealth, open, blocks, blockOf, cardOfRow, bounds };
}

/**
 * Recounts the health bars of closed cards after rows changed in place (a remote edit changes a
 * hidden node's health without changing the tree, so the layout stands but its counts must follow).
 */
export function recountHiddenHealth(layout: CascadeLayout, structure: Pick<CascadeStructure, 'depth' | 'health'>): void {
  layout.hiddenHealth.fill(0);
  for (let card = 0; card < layout.rows.length; card++) {
    if (layout.hidden[card] === 0) continue;
    const row = layout.rows[card]!;
    const end = row + 1 + layout.hidden[card]!;
    for (let below = row + 1; below < end; below++) layout.hiddenHealth[card * 3 + structure.health[below]!]!++;
  }
}
