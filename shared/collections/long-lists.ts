/**
 * Lists of any length. Spreading a list into a call (`Math.min(...list)`, `list.push(...more)`) passes
 * every item as an argument on the stack, and past about 125,000 items V8 throws RangeError (review36d
 * B2: one hostile kind change under a node with 200,000 children stopped the plan from showing on every
 * replica). These loop instead; the lint forbids the spread forms in product code.
 */

/** The smallest of `values` (Infinity when there are none, NaN if one is NaN), as Math.min. */
export function smallest(values: Iterable<number>): number {
  let found = Infinity;
  for (const value of values) found = Math.min(found, value);
  return found;
}

/** The largest of `values` (-Infinity when there are none, NaN if one is NaN), as Math.max. */
export function largest(values: Iterable<number>): number {
  let found = -Infinity;
  for (const value of values) found = Math.max(found, value);
  return found;
}

/** Appends `items` to `target` in order, as `target.push(...items)` would. */
export function appendAll<T>(target: T[], items: Iterable<T>): void {
  for (const item of items) target.push(item);
}
