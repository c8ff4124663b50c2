/**
 * What the first screen's outline hands to the live outline when the loaded plan replaces it: the
 * scroll position, so the swap does not jump the list back to the top, and the list's size, so the
 * live list can lay out the right rows at once without measuring itself (a forced layout inside the
 * swap's one task).
 */
let handedOver: number | null = null;
let handedOverSize: (() => ListSize | null) | null = null;

/** The scroll element's inner size in pixels (what the virtualiser calls its rect). */
export interface ListSize { width: number; height: number }

/** The first screen's outline was scrolled to `top` (pixels). */
export function keepOutlineScroll(top: number): void {
  handedOver = top;
}

/** The scroll position to restore once, or null. */
export function takeOutlineScroll(): number | null {
  const top = handedOver;
  handedOver = null;
  return top;
}

/** The scroll position the live outline will restore, without taking it (its first render reads it). */
export function peekOutlineScroll(): number | null {
  return handedOver;
}

/**
 * The first screen's list is on the page and `measured` gives its last measured size (null before
 * its first measurement); null when it leaves the page (the live outline's render, which reads it,
 * comes before that in the swap's commit).
 */
export function keepOutlineSize(measured: (() => ListSize | null) | null): void {
  handedOverSize = measured;
}

/** The last measured size of the first screen's list still on the page, or null. */
export function outlineSizeHandedOver(): ListSize | null {
  const size = handedOverSize?.() ?? null;
  return size && size.height > 0 ? { width: size.width, height: size.height } : null;
}
