import type { CascadeLayout } from './cascade-layout.js';
import { subtreeEnd, type CascadeSnapshot } from './cascade-snapshot.js';

/** What stepping reads of a snapshot: the tree's shape. */
type SnapshotTree = Pick<CascadeSnapshot, 'parent' | 'depth' | 'ids'>;

/** A move of the keyboard selection along the tree. */
export type TreeStep = 'parent' | 'child' | 'previous' | 'next';

/** Maps an arrow key to a tree step: depth runs down (top-down) or right (left-to-right). */
export function stepForKey(key: string, orientation: CascadeLayout['orientation']): TreeStep | null {
  const vertical = orientation === 'top-down';
  switch (key) {
    case 'ArrowUp': return vertical ? 'parent' : 'previous';
    case 'ArrowDown': return vertical ? 'child' : 'next';
    case 'ArrowLeft': return vertical ? 'previous' : 'parent';
    case 'ArrowRight': return vertical ? 'next' : 'child';
    default: return null;
  }
}

/** Visible sibling rows of `row` (same parent, on the canvas), in order. */
function visibleSiblings(snapshot: SnapshotTree, layout: CascadeLayout, row: number): number[] {
  const parent = snapshot.parent[row]!;
  const from = parent === -1 ? 0 : parent + 1;
  const to = parent === -1 ? snapshot.ids.length : subtreeEnd(snapshot, parent);
  const siblings: number[] = [];
  for (let at = from; at < to; at++) if (snapshot.parent[at] === parent && layout.cardOfRow[at]! >= 0) siblings.push(at);
  return siblings;
}

/**
 * The row whose card shows `row`: its own card, or the closed card of its nearest ancestor on the
 * canvas (someone moved the node under a card this person keeps closed); -1 when no card holds it.
 */
export function rowShowing(snapshot: SnapshotTree, layout: CascadeLayout, row: number): number {
  for (let at = row; at >= 0; at = snapshot.parent[at]!) if (layout.cardOfRow[at]! >= 0) return at;
  return -1;
}

/** The row a step leads to from `row`, or `row` itself when there is nowhere to go. */
export function stepAlongTree(snapshot: SnapshotTree, layout: CascadeLayout, row: number, step: TreeStep): number {
  if (step === 'parent') {
    const parent = snapshot.parent[row]!;
    return parent >= 0 && layout.cardOfRow[parent]! >= 0 ? parent : row;
  }
  if (step === 'child') {
    const end = subtreeEnd(snapshot, row);
    for (let at = row + 1; at < end; at++) if (snapshot.parent[at] === row && layout.cardOfRow[at]! >= 0) return at;
    return row;
  }
  const siblings = visibleSiblings(snapshot, layout, row);
  const position = siblings.indexOf(row);
  const next = siblings[position + (step === 'next' ? 1 : -1)];
  return next ?? row;
}

/** The cards of the stacked column (rule 6) `card` is in, top card first; null when it is in none. */
function stackColumn(layout: CascadeLayout, card: number): number[] | null {
  let block = layout.blockOf[card]!;
  if (block < 0 || !layout.blocks[block]!.stacked) block = layout.blocks.findIndex((candidate) => candidate.stacked && candidate.parentCard === card);
  if (block < 0) return null;
  const top = layout.blocks[block]!.parentCard;
  const column = [top];
  // A stack's cards follow its top card (placeStack adds them in one run).
  for (let below = top + 1; below < layout.rows.length && layout.blockOf[below] === block; below++) column.push(below);
  return column;
}

/**
 * The card nearest to `card` on the side `direction` (-1 left, 1 right): at least half a card away
 * along x, the same line preferred (a line apart counts as four columns), -1 when there is none.
 */
function nearestBeside(layout: CascadeLayout, card: number, direction: -1 | 1): number {
  let best = -1, bestScore = Infinity;
  for (let other = 0; other < layout.rows.length; other++) {
    const dx = (layout.x[other]! - layout.x[card]!) * direction;
    if (dx < layout.cardWidth / 2) continue;
    const score = dx + 4 * Math.abs(layout.y[other]! - layout.y[card]!);
    if (score < bestScore) { best = other; bestScore = score; }
  }
  return best;
}

/**
 * The row an arrow key leads to from `row` when its card is in a stacked column, where the tree is
 * turned: depth runs down the column, so ↓ and ↑ go to the card below and above, and ← and → to the
 * nearest card beside it on the screen, on the same line where there is one (the next column's).
 * The tree's sibling order is not the screen's there: a grid of childless siblings may sit on either
 * side of a stack. Null when `row` is not in a stack, or for ↑ from a stack's top card: the tree's
 * step (to the parent) applies.
 */
export function stepInStack(layout: CascadeLayout, row: number, key: string): number | null {
  const card = layout.cardOfRow[row]!;
  const column = card >= 0 ? stackColumn(layout, card) : null;
  if (!column) return null;
  const at = column.indexOf(card);
  switch (key) {
    case 'ArrowDown': return layout.rows[column[Math.min(at + 1, column.length - 1)]!]!;
    case 'ArrowUp': return at > 0 ? layout.rows[column[at - 1]!]! : null;
    case 'ArrowLeft':
    case 'ArrowRight': {
      const beside = nearestBeside(layout, card, key === 'ArrowRight' ? 1 : -1);
      return beside >= 0 ? layout.rows[beside]! : row;
    }
    default: return null;
  }
}
