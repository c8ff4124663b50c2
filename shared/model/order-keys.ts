/** Fractional order keys (fractional-indexing) for placing a node among its siblings. */
import { generateKeyBetween } from 'fractional-indexing';

/**
 * A key that sorts at position `index` among `orders` (the siblings' keys in sibling order). Keys
 * made concurrently can be equal, and a hostile peer can store a malformed one: then the key goes
 * after the nearest valid, strictly smaller neighbour, and ties are broken by id when sorting.
 */
export function orderKeyAt(orders: readonly string[], index: number): string {
  const at = Math.max(0, Math.min(index, orders.length));
  const lower = at > 0 ? orders[at - 1]! : null;
  let upper: string | null = null;
  for (let i = at; i < orders.length; i++) {
    if (lower === null || orders[i]! > lower) { upper = orders[i]!; break; }
  }
  try {
    return generateKeyBetween(lower, upper);
  } catch {
    try {
      return generateKeyBetween(lower, null);
    } catch {
      return generateKeyBetween(null, null);
    }
  }
}
