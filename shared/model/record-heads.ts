import type * as Y from 'yjs';

/** A record that lists the records it saw as current and replaced: a rename, a field edit, a move. */
export interface ReplacingRecord {
  readonly after: readonly string[];
}

/**
 * The records no other record replaced: the heads of a field's (or a place's) history. One head is a
 * settled value; several are concurrent changes nobody has resolved yet.
 */
export function unreplaced<T extends ReplacingRecord>(records: readonly T[], idOf: (record: T) => string): T[] {
  const replaced = new Set<string>();
  for (const record of records) for (const id of record.after) replaced.add(id);
  return records.filter((record) => !replaced.has(idOf(record)));
}

/**
 * The records a node's map keeps under the keys `isKey` accepts (moves, kind changes), each read by `read`;
 * an unreadable value (a hostile peer's, or a newer version's) is left out.
 */
export function recordsOnMap<T>(node: Y.Map<unknown>, isKey: (key: string) => boolean, read: (key: string, value: unknown) => T | null): T[] {
  const records: T[] = [];
  for (const [key, item] of node._map) {
    if (item.deleted || !isKey(key)) continue;
    const record = read(key, node.get(key));
    if (record) records.push(record);
  }
  return records;
}

/** Latest first; ties by the greater id (the same order on every replica). */
export function latestFirst<T extends { readonly at: number }>(idOf: (record: T) => string): (a: T, b: T) => number {
  return (a, b) => {
    if (a.at !== b.at) return b.at - a.at;
    const x = idOf(a);
    const y = idOf(b);
    return x > y ? -1 : x < y ? 1 : 0;
  };
}
