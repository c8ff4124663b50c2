import type { CascadeStructure } from './cascade-snapshot.js';

/**
 * Where the find's matches are on the canvas (fix41b, F3). A match is on its own card, or hidden under the
 * closed card of its nearest ancestor on the canvas (a task under a collapsed initiative), or outside the
 * picture (a focused subtree leaves the rest out). The canvas marked only the first, and a person finding a
 * task under a closed initiative saw no match on screen; the outline opens every row with a match below it,
 * and the canvas now says, on the closed card, how many matches it holds.
 */
export interface MatchesOnCanvas {
  /** Per snapshot row: matches its closed card hides (0 for rows without a card, or hiding none). */
  inside: Int32Array;
  /** Per snapshot row: 1 where the card is lit, a match or a closed card holding one. */
  lit: Uint8Array;
  total: number;
  /** Matches on a card of their own. */
  onCards: number;
  /** Matches hidden under closed cards, and how many closed cards hold them. */
  hidden: number;
  closedCards: number;
  /** Matches with no card above them on the canvas (outside the focused subtree). */
  outside: number;
}

/**
 * Counts each match once: on its card, inside the one closed card that shows it (its nearest ancestor with a
 * card), or outside. `cardOfRow[row]` is the row's card, -1 when it has none; rows come parents first.
 */
export function matchesOnCanvas(structure: Pick<CascadeStructure, 'parent'>, cardOfRow: ArrayLike<number>, matches: Uint8Array): MatchesOnCanvas {
  const count = matches.length;
  const inside = new Int32Array(count);
  const lit = new Uint8Array(count);
  // The row whose card shows each row: its own, else its parent's holder (parents come first), -1 for none.
  const holder = new Int32Array(count);
  let total = 0, onCards = 0, hidden = 0, closedCards = 0, outside = 0;
  for (let row = 0; row < count; row++) {
    const parent = structure.parent[row]!;
    holder[row] = cardOfRow[row]! >= 0 ? row : parent >= 0 ? holder[parent]! : -1;
    if (!matches[row]) continue;
    total++;
    const at = holder[row]!;
    if (at === row) { onCards++; lit[row] = 1; continue; }
    if (at < 0) { outside++; continue; }
    if (inside[at] === 0) closedCards++;
    inside[at]!++;
    hidden++;
    lit[at] = 1;
  }
  return { inside, lit, total, onCards, hidden, closedCards, outside };
}

/**
 * The next matching row after `from` in outline order (`direction` 1), or before it (-1), wrapping round;
 * -1 when nothing matches. From -1 (nothing selected) it is the first match, or the last going back.
 */
export function nextMatchRow(matches: Uint8Array, from: number, direction: 1 | -1): number {
  const count = matches.length;
  if (count === 0) return -1;
  let at = from < 0 || from >= count ? (direction === 1 ? -1 : count) : from;
  for (let step = 0; step < count; step++) {
    at = (at + direction + count) % count;
    if (matches[at]) return at;
  }
  return -1;
}
