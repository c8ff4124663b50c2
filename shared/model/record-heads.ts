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
