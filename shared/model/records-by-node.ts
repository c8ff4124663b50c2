/**
 * Per-node records in a flat top-level Y.Map (renames, field edits: key `${node}|${field}|${editId}`).
 * A writer needs one node's records on every write; scanning the whole map made each write cost as
 * much as the plan has records. `RecordKeys` groups the map's keys by node, built on first use and
 * kept in step by the map's observer; keys written in a transaction still running (observers run only
 * at its end) are noted by the writer, and every key is checked against the map when read, so a
 * record deleted meanwhile is never returned.
 */
import type * as Y from 'yjs';
import { groupBy } from '../collections/group-by.js';

/** The map's keys grouped by the node they belong to. */
export class RecordKeys {
  private byNode: Map<string, Set<string>> | null = null;
  private observing = false;

  constructor(
    private readonly map: Y.Map<unknown>,
    /** The node a key belongs to; null for a malformed key (never returned). */
    private readonly nodeOf: (key: string) => string | null,
  ) {}

  /** The keys of `node`'s records (possibly including ones deleted in the running transaction). */
  keysOf(node: string): ReadonlySet<string> {
    return this.index().get(node) ?? noKeys;
  }

  /** Notes a key the writer has just set, before the transaction's end tells the observer. */
  written(key: string): void {
    if (this.byNode) this.add(this.byNode, key);
  }

  /** Stops following the map. */
  destroy(): void {
    if (this.observing) this.map.unobserve(this.onChange);
    this.observing = false;
    this.byNode = null;
  }

  private index(): Map<string, Set<string>> {
    if (this.byNode) return this.byNode;
    const byNode = new Map<string, Set<string>>();
    for (const key of this.map.keys()) this.add(byNode, key);
    this.byNode = byNode;
    if (!this.observing) this.map.observe(this.onChange);
    this.observing = true;
    return byNode;
  }

  private add(byNode: Map<string, Set<string>>, key: string): void {
    const node = this.nodeOf(key);
    if (node === null) return;
    const keys = byNode.get(node);
    if (keys) keys.add(key);
    else byNode.set(node, new Set([key]));
  }

  private readonly onChange = (event: Y.YMapEvent<unknown>): void => {
    const byNode = this.byNode;
    if (!byNode) return;
    for (const key of event.keysChanged) {
      if (this.map.has(key)) {
        this.add(byNode, key);
        continue;
      }
      const node = this.nodeOf(key);
      const keys = node === null ? undefined : byNode.get(node);
      if (!keys) continue;
      keys.delete(key);
      if (keys.size === 0) byNode.delete(node!);
    }
  };
}

const noKeys: ReadonlySet<string> = new Set();

/**
 * The records whose key starts with `prefix`, read by `read` (which returns null for a malformed
 * record). With `keys` (the candidate keys, e.g. one node's from RecordKeys) only those are looked
 * at; without, the whole map is scanned.
 */
export function recordsWithPrefix<R>(map: Y.Map<unknown>, prefix: string, read: (key: string, stored: unknown) => R | null, keys?: Iterable<string>): R[] {
  const records: R[] = [];
  for (const key of keys ?? map.keys()) {
    if (!key.startsWith(prefix)) continue;
    const stored = map.get(key);
    if (stored === undefined) continue;
    const record = read(key, stored);
    if (record !== null) records.push(record);
  }
  return records;
}

/**
 * `items` grouped by the node each belongs to (`nodeOf`; null leaves an item out), in their order: one
 * pass over a flat records map (its keys, or its records read) for a reader that needs every node's.
 */
export function groupByNode<T>(items: Iterable<T>, nodeOf: (item: T) => string | null): Map<string, T[]> {
  return groupBy(items, nodeOf);
}
