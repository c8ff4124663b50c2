import type { ScaleoutContext } from '../scaleout/context.js';
import { appendAndRing } from '../scaleout/doorbell.js';
import { bytesField, parseRange } from '../scaleout/stream-replies.js';
import { compareStreamIds, streamIdNumber } from '../scaleout/stream-id.js';
import type { StoredRoom, UpdateStore, UpdateToStore } from './update-store.js';

/** Update streams keep every entry (compaction trims them) and never expire. */
const updatesOnly = { cap: 0, expireMs: 0 } as const;

/**
 * The store of the scaled-out mode: a room's recent updates are entries of its Redis stream, older
 * ones are merged into its PostgreSQL row by a compaction worker. An update is durable once XADD has
 * answered (with `appendonly yes` and `appendfsync always` Redis has written it to its log by then);
 * the same entry is how every other instance hears of it (see RedisStreamFanout).
 */
export class RedisStreamStore implements UpdateStore {
  private closed = false;

  constructor(private readonly context: ScaleoutContext, private readonly onClose: () => Promise<void>) {}

  /**
   * The stream is read before the PostgreSQL row: a compaction that commits in between trims only
   * entries its commit covers, so every update is in one or the other (possibly both: applying an
   * update twice is a no-op). The room's subscription starts after the last entry read.
   */
  async load(room: string): Promise<StoredRoom> {
    const { stored, position } = await this.loadPositioned(room);
    this.context.loadedThrough.set(room, position);
    return stored;
  }

  /**
   * Loads as `load` does, without touching where a subscription would start, and says where the
   * stream was read up to: the last entry's id (`0-0` for an empty stream).
   */
  async loadPositioned(room: string): Promise<{ stored: StoredRoom; position: string }> {
    this.assertOpen();
    const entries = parseRange(await this.context.redis.command('XRANGE', this.context.keys.updates(room), '-', '+'));
    const snapshot = await this.context.snapshots.read(room);
    const updates: Uint8Array[] = snapshot === null ? [] : [snapshot.doc];
    let lastId = snapshot === null ? 0 : streamIdNumber(snapshot.streamId);
    for (const entry of entries) {
      if (snapshot !== null && compareStreamIds(entry.id, snapshot.streamId) <= 0) continue;
      updates.push(bytesField(entry, 'u'));
      lastId = streamIdNumber(entry.id);
    }
    return { stored: { updates, lastId, bytes: updates.reduce((sum, update) => sum + update.byteLength, 0) }, position: entries.at(-1)?.id ?? '0-0' };
  }

  /**
   * Where the room's stream ends now (its newest entry's id, `0-0` when empty): one small read, no
   * update decoded. Equal to a load's position exactly when nothing was appended since (a trim that
   * empties the stream changes it once, to `0-0`).
   */
  async position(room: string): Promise<string> {
    this.assertOpen();
    return parseRange(await this.context.redis.command('XREVRANGE', this.context.keys.updates(room), '+', '-', 'COUNT', 1))[0]?.id ?? '0-0';
  }

  /**
   * A room's updates of the batch are all stored or none is: one script per room appends them and
   * rings the room's bucket doorbell for each, carrying the update (see appendAndRing; a refused
   * write fails before anything is written). All of it is queued into one write to Redis per turn of
   * the event loop, in order, so appends issued back to back keep their order too.
   */
  async append(batch: readonly UpdateToStore[]): Promise<number[]> {
    this.assertOpen();
    const byRoom = new Map<string, number[]>();
    for (let index = 0; index < batch.length; index++) {
      const room = batch[index]!.room;
      const positions = byRoom.get(room);
      if (positions === undefined) byRoom.set(room, [index]);
      else positions.push(index);
    }
    const ids = new Array<number>(batch.length);
    const appended: Promise<void>[] = [];
    for (const [room, positions] of byRoom) {
      const updates = positions.map((index) => batch[index]!.update);
      const summaries = positions.map((index) => batch[index]!.summary);
      appended.push(appendAndRing(this.context, room, this.context.keys.updates(room), 'u', updates, updatesOnly, summaries).then((stored) => {
        for (let n = 0; n < stored.length; n++) ids[positions[n]!] = streamIdNumber(stored[n]!);
      }));
    }
    await Promise.all(appended);
    return ids;
  }

  /**
   * Queues the room for the compaction worker rather than writing `snapshot`: this instance's view
   * may lack entries another instance appended moments ago, so only the worker, which reads the stream
   * itself, merges and trims.
   */
  async compact(room: string): Promise<void> {
    await this.requestMerge(room);
  }

  /** Queues the room for the compaction worker (see compact). */
  async requestMerge(room: string): Promise<void> {
    this.assertOpen();
    await this.context.requestCompaction(room);
  }

  async size(room: string): Promise<{ rows: number; bytes: number }> {
    const loaded = await this.load(room);
    return { rows: loaded.updates.length, bytes: loaded.bytes };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.onClose();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the Redis store is not open');
  }
}
