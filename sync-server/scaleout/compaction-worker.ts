import type { ScaleoutContext } from './context.js';
import { RedisLink } from './redis-link.js';
import { bytesField, parseRange, parseRead, textField, type StreamEntry } from './stream-replies.js';
import { compareStreamIds, nextStreamId, parseStreamId } from './stream-id.js';

const group = 'compactors';

/** Points where a test may hold a compaction (to kill the worker there); no effect in production. */
export type CompactionStage = 'read' | 'committed';

export interface CompactionWorkerOptions {
  /**
   * A job not renewed for this long is taken over by another worker. The worker renews its job every
   * third of it while compacting, so a slow compaction is not run twice; a dead worker's job is
   * finished by the next one after at most this long.
   */
  readonly leaseMs: number;
  /**
   * Merged entries stay in the stream this long before they are trimmed, so an instance whose read of
   * the stream lags (a pause, a Redis failover) still finds every entry after its position.
   */
  readonly trimDelayMs: number;
  /** Entries merged per job at most; a longer stream is queued again. */
  readonly maxEntries: number;
  readonly onStage?: (stage: CompactionStage, room: string) => Promise<void> | void;
}

function isBusyGroup(error: unknown): boolean {
  return error instanceof Error && error.message.includes('BUSYGROUP');
}

/**
 * The worker role. Compactions are jobs in one Redis stream read through a consumer group: each job
 * goes to one worker, stays pending until acknowledged, and is claimed by another worker when its
 * lease (the pending entry's idle time) runs out. A job merges the room's stream into its PostgreSQL
 * row in one transaction and trims the stream only after that commit: a worker killed at any point
 * loses nothing (the entries are still in the stream) and duplicates nothing (the row records the
 * last entry it holds, and merging an update twice changes nothing in Yjs).
 */
export class CompactionWorker {
  private readonly link: RedisLink;
  private stopped = false;
  private readonly running: Promise<void>;
  /** Rooms compacted by this worker (for health and tests). */
  compactions = 0;

  constructor(private readonly context: ScaleoutContext, private readonly options: CompactionWorkerOptions) {
    this.link = RedisLink.open(context.target, true);
    this.running = this.run();
  }

  /** Ends the loop; dropping its link rejects the blocking read even while the link waits to reconnect. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.link.disconnect();
    await this.running;
  }

  /** The blocking link's state and its commands not yet answered (tests: what a stop waits for). */
  get linkState(): { readonly status: string; readonly waiting: number } {
    return { status: this.link.status, waiting: this.link.waitingCount };
  }

  private async run(): Promise<void> {
    const jobs = this.context.keys.jobs;
    while (!this.stopped) {
      try {
        await this.context.redis.command('XGROUP', 'CREATE', jobs, group, '0', 'MKSTREAM').catch((error: unknown) => {
          if (!isBusyGroup(error)) throw error;
        });
        break;
      } catch (error) {
        this.context.log.warn({ err: error }, 'creating the compaction group failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
    let lastClaim = 0;
    while (!this.stopped) {
      try {
        if (Date.now() - lastClaim >= this.options.leaseMs / 2) {
          lastClaim = Date.now();
          const claimed = await this.context.redis.command('XAUTOCLAIM', jobs, group, this.context.instance, this.options.leaseMs, '0-0', 'COUNT', 10);
          const entries = Array.isArray(claimed) ? parseRange(claimed[1]) : [];
          for (const entry of entries) await this.process(entry);
        }
        const reply = await this.link.command('XREADGROUP', 'GROUP', group, this.context.instance, 'COUNT', 10,
          'BLOCK', Math.max(100, Math.min(2_000, this.options.leaseMs / 2)), 'STREAMS', jobs, '>');
        for (const entry of parseRead(reply).get(jobs) ?? []) await this.process(entry);
      } catch (error) {
        if (this.stopped) break;
        this.context.log.warn({ err: error }, 'compaction worker: Redis or PostgreSQL failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
    await this.link.close();
  }

  /** Runs one job with its lease renewed, then acknowledges it. A failure leaves it pending for a retry. */
  private async process(job: StreamEntry): Promise<void> {
    const jobs = this.context.keys.jobs;
    const room = textField(job, 'r');
    const renew = setInterval(() => {
      void this.context.redis.command('XCLAIM', jobs, group, this.context.instance, 0, job.id, 'JUSTID')
        .catch((error: unknown) => this.context.log.warn({ err: error, room }, 'renewing a compaction lease failed'));
    }, Math.max(50, Math.floor(this.options.leaseMs / 3)));
    try {
      const more = await this.compact(room);
      await this.context.redis.command('DEL', this.context.keys.compactionQueued(room));
      await this.context.redis.command('XACK', jobs, group, job.id);
      await this.context.redis.command('XDEL', jobs, job.id);
      if (more) await this.context.requestCompaction(room);
    } finally {
      clearInterval(renew);
    }
  }

  /** Merges the room's stream into PostgreSQL, then trims what the commit covers. True if entries remain. */
  private async compact(room: string): Promise<boolean> {
    const key = this.context.keys.updates(room);
    const entries = parseRange(await this.context.redis.command('XRANGE', key, '-', '+', 'COUNT', this.options.maxEntries));
    if (entries.length === 0) return false;
    await this.options.onStage?.('read', room);
    const started = performance.now();
    const result = await this.context.snapshots.merge(room, entries.map((entry) => ({ id: entry.id, update: bytesField(entry, 'u') })));
    await this.options.onStage?.('committed', room);
    if (result.streamId !== null) {
      // Trim only what the commit covers, and only entries older than the trim delay.
      const coveredEnd = nextStreamId(result.streamId);
      const delayEnd = `${Math.max(0, Date.now() - this.options.trimDelayMs)}-0`;
      const minId = compareStreamIds(coveredEnd, delayEnd) < 0 ? coveredEnd : delayEnd;
      if (parseStreamId(minId).ms > 0n) await this.context.redis.command('XTRIM', key, 'MINID', minId);
    }
    this.compactions++;
    this.context.log.debug({ room, entries: entries.length, merged: result.merged, ms: Math.round(performance.now() - started) }, 'room merged into PostgreSQL');
    return entries.length === this.options.maxEntries;
  }
}
