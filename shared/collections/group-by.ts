/**
 * `items` grouped by `keyOf` (null leaves an item out): groups in the order their first item came, items in
 * their order within a group. One pass; the one grouping the model, the pulse and the review share.
 */
export function groupBy<K, T>(items: Iterable<T>, keyOf: (item: T) => K | null): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === null) continue;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
