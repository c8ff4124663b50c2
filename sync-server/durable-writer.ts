import type { UpdateStore } from './storage/update-store.js';

interface PendingWrite {
  readonly room: string;
  readonly update: Uint8Array;
  readonly summary: Uint8Array | undefined;
  readonly onStored: (id: number) => void;
}

interface Batch {
  writes: PendingWrite[];
  /** Work that may only happen once every write queued before it is on disk, tagged by room. */
  readonly afterwards: { room: string; run: (stored: boolean) => void }[];
  /** Rooms whose writes in this batch were dropped or failed: their work runs with `stored` false. */
  readonly failedRooms: Set<string>;
}

const newBatch = (): Batch => ({ writes: [], afterwards: [], failedRooms: new Set() });

/**
 * Group commit in front of the UpdateStore. Updates queued during one turn of the event loop are
 * stored in one transaction (one fsync), and everything that could reveal an update to anyone —
 * relaying it, a sync reply, a compaction — waits in `whenDurable` until the batch holding it is on
 * disk. So no client ever receives an update a kill -9 could lose. Batches are stored one at a time,
 * in order.
 */
export class DurableWriter {
  private queued: Batch | null = null;
  private inFlight: Batch | null = null;
  private scheduled = false;
  private idle: (() => void)[] = [];

  constructor(
    private readonly store: UpdateStore,
    /** Called when a batch could not be stored: those rooms' in-memory state is ahead of the disk. */
    private readonly onFailure: (rooms: ReadonlySet<string>, error: unknown) => void,
  ) {}

  /**
   * Queues `update` of `room` (with its `summary` for other instances, see UpdateToStore); `onStored`
   * gets its row id once it is durable. Returns a token for the batch it joined: writes that return
   * the same token become durable together.
   */
  write(room: string, update: Uint8Array, onStored: (id: number) => void, summary?: Uint8Array): object {
    this.queued ??= newBatch();
    this.queued.writes.push({ room, update, summary, onStored });
    this.schedule();
    return this.queued;
  }

  /**
   * Runs `run(true)` once every update queued so far is durable (at once when nothing is pending), or
   * `run(false)` when the writes of `room` it waited for were lost (a failed batch, or discard()).
   */
  whenDurable(room: string, run: (stored: boolean) => void): void {
    const target = this.queued ?? this.inFlight;
    if (target === null) run(true);
    else target.afterwards.push({ room, run });
  }

  /** Resolves when nothing is queued or being written. */
  drained(): Promise<void> {
    if (this.queued === null && this.inFlight === null) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  /**
   * Rooms with updates queued or being stored, each once: what is not durable yet (a shutdown cut
   * short names them; their clients keep those changes and send them again).
   */
  pendingRooms(): string[] {
    const rooms = new Set<string>();
    for (const batch of [this.inFlight, this.queued]) for (const write of batch?.writes ?? []) rooms.add(write.room);
    return [...rooms];
  }

  /** Drops the queued (not yet written) updates of `room`: after a failure they would leave a gap. */
  discard(room: string): void {
    if (this.queued === null) return;
    this.queued.writes = this.queued.writes.filter((write) => write.room !== room);
    this.queued.failedRooms.add(room);
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight !== null) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    const batch = this.queued;
    if (batch === null || this.inFlight !== null) return;
    this.queued = null;
    this.inFlight = batch;
    try {
      const ids = await this.store.append(batch.writes.map(({ room, update, summary }) => (summary === undefined ? { room, update } : { room, update, summary })));
      batch.writes.forEach((write, index) => write.onStored(ids[index]!));
    } catch (error) {
      const failed = new Set(batch.writes.map((write) => write.room));
      for (const room of failed) {
        batch.failedRooms.add(room);
        this.discard(room);
      }
      this.onFailure(failed, error);
    }
    this.inFlight = null;
    for (const work of batch.afterwards) work.run(!batch.failedRooms.has(work.room));
    // Re-read: the await above let other code queue more.
    const next = this.queued as Batch | null;
    if (next !== null) {
      if (next.writes.length > 0) this.schedule();
      else {
        // Only waiting work, no writes: nothing more to wait for.
        this.queued = null;
        for (const work of next.afterwards) work.run(!next.failedRooms.has(work.room));
      }
    }
    if (this.queued === null && this.inFlight === null) {
      for (const resolve of this.idle.splice(0)) resolve();
    }
  }
}
