/**
 * Where rooms' updates live. The interface is narrow and asynchronous so several backends can sit
 * behind it: SQLite (one process), and Redis streams in front of PostgreSQL (many instances). A
 * room's document is the merge of all its rows, in any order (Yjs updates commute and applying one
 * twice is a no-op). The rules every backend keeps — each is a numbered test in
 * test/sync-server/contracts/update-store-contract.ts, run against every backend:
 *
 * 1. A room nobody wrote to loads as empty: no updates, lastId 0, bytes 0.
 * 2. `append` resolves with one id per update, increasing within a batch and across batches.
 * 3. Rooms are kept apart: a room loads exactly the updates appended to it.
 * 4. Durable: once `append` resolves, another store opened on the same data (another instance, or
 *    this one restarted after kill -9) loads the updates.
 * 5. Updates appended concurrently by several instances are all kept.
 * 6. `compact` never changes a room's document, and keeps every update appended after `throughId`.
 * 7. `size` agrees with `load` on the room's bytes; a room nobody wrote to has size 0.
 * 8. After `close`, `append` and `load` reject (a failing store is visible to the writer).
 */

/** One update to store for one room (a Yjs v1 update, already validated and applied). */
export interface UpdateToStore {
  readonly room: string;
  readonly update: Uint8Array;
  /**
   * What the accepting room recorded of the update (protocol/update-summary.ts), when it has one: a
   * store that tells other instances of updates may send it along so they need not parse the update.
   * Not stored; a store may ignore it.
   */
  readonly summary?: Uint8Array;
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
   * Stores a batch. When the promise resolves every update in it is durable (survives kill -9 of the
   * server); when it rejects none of a room's updates in it is (SQLite: none of the batch at all).
   * Resolves to the new row ids.
   */
  append(batch: readonly UpdateToStore[]): Promise<number[]>;
  /**
   * Replaces the rows of `room` with ids ≤ `throughId` by `snapshot` (which must contain all of them),
   * atomically, keeping rows added after `throughId`. A store whose rows several instances write may
   * instead merge the room from its own rows later (an instance's snapshot may lack rows another
   * instance stored moments ago); either way the room's document does not change.
   */
  compact(room: string, snapshot: Uint8Array, throughId: number): Promise<void>;
  /**
   * Present on a store that merges a room's rows itself (several instances write them, so no one
   * instance's snapshot is complete): queues `room` for merging. Servers on such a store keep no
   * document per open room (rooms/stateless-content.ts) and never call `compact`.
   */
  requestMerge?(room: string): Promise<void>;
  /**
   * Present on a store several instances write (with requestMerge): `load`'s rows with the position
   * they reach, and `position`, where the room's rows end now — a cheap read, no update decoded. A
   * position equal to an earlier one means nothing was stored since. The workspace directory's cache
   * (workspace/directory-cache.ts) uses them to know, at each plan join, whether it is current.
   */
  loadPositioned?(room: string): Promise<{ stored: StoredRoom; position: string }>;
  position?(room: string): Promise<string>;
  /** Row count and bytes of `room` (for health, compaction decisions and tests). */
  size(room: string): Promise<{ rows: number; bytes: number }>;
  /** Flushes and closes; further calls reject. */
  close(): Promise<void>;
}
