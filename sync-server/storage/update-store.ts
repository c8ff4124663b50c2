/**
 * Where rooms' updates live. The interface is narrow and asynchronous so a PostgreSQL store can follow
 * the SQLite one: append a batch atomically and durably, load a room, replace a room's old rows with
 * one snapshot. Row ids are increasing per store; a room's document is the merge of all its rows, in
 * any order (Yjs updates commute).
 */

/** One update to store for one room (a Yjs v1 update, already validated and applied). */
export interface UpdateToStore {
  readonly room: string;
  readonly update: Uint8Array;
}

/** A room's stored rows. */
export interface StoredRoom {
  readonly updates: readonly Uint8Array[];
  /** Id of the newest row, 0 when the room has none. */
  readonly lastId: number;
  readonly bytes: number;
}

export interface UpdateStore {
  /** Every stored update of `room`, oldest first. */
  load(room: string): Promise<StoredRoom>;
  /**
   * Stores a batch in one transaction. When the promise resolves every update in it is on disk
   * (survives kill -9 of the server); when it rejects none of them is. Resolves to the new row ids.
   */
  append(batch: readonly UpdateToStore[]): Promise<number[]>;
  /**
   * Replaces the rows of `room` with ids ≤ `throughId` by `snapshot` (which must contain all of them),
   * atomically, keeping rows added after `throughId`.
   */
  compact(room: string, snapshot: Uint8Array, throughId: number): Promise<void>;
  /** Row count and bytes of `room` (for health, compaction decisions and tests). */
  size(room: string): Promise<{ rows: number; bytes: number }>;
  /** Flushes and closes; further calls reject. */
  close(): Promise<void>;
}
