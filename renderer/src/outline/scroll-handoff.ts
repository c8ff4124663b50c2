/**
 * The outline's scroll position handed from the first screen to the live outline when the loaded
 * plan replaces it, so the swap does not jump the list back to the top.
 */
let handedOver: number | null = null;

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
