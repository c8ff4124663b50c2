import type { CascadeLayout } from './cascade-layout.js';
import { subtreeEnd, type CascadeSnapshot } from './cascade-snapshot.js';

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
function visibleSiblings(snapshot: CascadeSnapshot, layout: CascadeLayout, row: number): number[] {
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
export function rowShowing(snapshot: CascadeSnapshot, layout: CascadeLayout, row: number): number {
  for (let at = row; at >= 0; at = snapshot.parent[at]!) if (layout.cardOfRow[at]! >= 0) return at;
  return -1;
}

/** The row a step leads to from `row`, or `row` itself when there is nowhere to go. */
export function stepAlongTree(snapshot: CascadeSnapshot, layout: CascadeLayout, row: number, step: TreeStep): number {
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
