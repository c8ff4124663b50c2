import type { FanoutMessage, RoomFanout } from './fanout.js';
import type { ScaleoutContext } from './scaleout/context.js';
import { appendAndRing } from './scaleout/doorbell.js';
import { RedisLink } from './scaleout/redis-link.js';
import { compareStreamIds } from './scaleout/stream-id.js';
import { bytesField, parseRange, parseRead, textField, type StreamEntry } from './scaleout/stream-replies.js';

type Listener = (message: FanoutMessage) => void;

interface RoomReading {
  readonly room: string;
  /** The room's two stream keys, named once (naming hashes the room). */
  readonly updatesKey: string;
  readonly presenceKey: string;
  readonly listeners: Set<Listener>;
  /** Last update entry read (the load's end for a fresh subscription); null until the stream's end is known. */
  updatesFrom: string | null;
  /** Last presence entry read; null until the stream's current end is known. */
  presenceFrom: string | null;
}

/** How a reader's entries reached it: carried by a doorbell, or read from their room's stream. */
export interface DeliveryCounts {
  carried: number;
  read: number;
}

/** Entries fetched per stream and read; a busy room is read again at once. */
const readCount = 500;
/** Rooms named in one read of their streams (a sweep of many rooms takes several). */
const roomsPerRead = 1_000;
/** Doorbell entries fetched per read. */
const doorbellCount = 1_000;
/** A blocking read returns after this long with nothing, to notice being stopped. */
const blockMs = 2_000;
/**
 * Every subscribed room is read at least this often even if no doorbell named it: the safety net for
 * a doorbell lost (a failed XADD, or trimmed before a slow reader got to it).
 */
const sweepMs = 2_000;
/** Presence entries kept per room: enough for a reader that falls a little behind. */
const presenceLength = 200;
const wakeTtlMs = 3_600_000;

/**
 * One reading loop over a group of rooms whose keys may be read together: all rooms on a single
 * Redis, one bucket (hash tag, so one slot) on a Redis Cluster. It blocks on the group's doorbells
 * (one per bucket; every append rings its room's, see scaleout/doorbell.ts) and on its own wake
 * stream, then reads only the rooms that rang: the cost of a read follows the rooms with news, not
 * the rooms subscribed (a blocking XREAD naming every room's streams was a third of an instance's CPU
 * under load). Its own connection, since a blocked connection can carry nothing else. Adding a room
 * marks it due and appends to the wake stream, so the new room is read at once.
 */
class GroupReader {
  readonly rooms = new Map<string, RoomReading>();
  /** Rooms to read now: rung, just added, or swept. */
  private readonly due = new Set<RoomReading>();
  private wakeFrom = '0-0';
  /** Where each doorbell was read up to; null until their ends are known (read before any room). */
  private doorbellFrom: string[] | null = null;
  private lastSweep = performance.now();
  private link: RedisLink | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly context: ScaleoutContext, private readonly wakeKey: string, private readonly doorbells: readonly string[], private readonly counts: DeliveryCounts) {}

  add(reading: RoomReading): void {
    this.rooms.set(reading.room, reading);
    this.markDue(reading);
    this.running ??= this.run();
  }

  remove(room: string): void {
    const reading = this.rooms.get(room);
    this.rooms.delete(room);
    if (reading !== undefined) this.due.delete(reading);
  }

  /** Reads `reading`'s streams soon (a position became known, or it was just added). */
  markDue(reading: RoomReading): void {
    if (this.rooms.get(reading.room) !== reading) return;
    this.due.add(reading);
    this.wake();
  }

  wake(): void {
    void this.context.redis.command('XADD', this.wakeKey, 'MAXLEN', 1, '*', 'w', 1)
      .then(() => this.context.redis.command('PEXPIRE', this.wakeKey, wakeTtlMs))
      .catch((error: unknown) => this.context.log.debug({ err: error }, 'waking a stream reader failed'));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.link?.disconnect();
    await this.running;
  }

  private async run(): Promise<void> {
    const link = RedisLink.open(this.context.target, true);
    this.link = link;
    while (!this.stopped && this.rooms.size > 0) {
      try {
        // The doorbells' ends are taken before any room is read: a doorbell rung after a room's read
        // is then never skipped.
        this.doorbellFrom ??= await this.doorbellEnds(link);
        if (performance.now() - this.lastSweep >= sweepMs) {
          this.lastSweep = performance.now();
          for (const reading of this.rooms.values()) this.due.add(reading);
        }
        if (this.due.size > 0) await this.readDue(link);
        else await this.waitForDoorbells(link, this.doorbellFrom);
      } catch (error) {
        if (this.stopped) break;
        this.context.log.warn({ err: error }, 'reading room streams failed; retrying');
        // Doorbells may have been missed meanwhile: read every room once the read works again.
        this.lastSweep = Number.NEGATIVE_INFINITY;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
    this.running = null;
    this.link = null;
    await link.close();
    // A room added while the loop was ending starts it again.
    if (!this.stopped && this.rooms.size > 0) this.running = this.run();
  }

  private async doorbellEnds(link: RedisLink): Promise<string[]> {
    const ends: string[] = [];
    for (const key of this.doorbells) ends.push(parseRange(await link.command('XREVRANGE', key, '+', '-', 'COUNT', 1))[0]?.id ?? '0-0');
    return ends;
  }

  /**
   * Blocks until a doorbell rings (or the wake stream, or blockMs passes); delivers what the entries
   * carry or marks their rooms due.
   */
  private async waitForDoorbells(link: RedisLink, from: string[]): Promise<void> {
    const keys = [this.wakeKey, ...this.doorbells];
    const streams = parseRead(await link.command('XREAD', 'COUNT', doorbellCount, 'BLOCK', blockMs, 'STREAMS', ...keys, this.wakeFrom, ...from));
    for (const [key, entries] of streams) {
      const last = entries.at(-1)?.id;
      if (last === undefined) continue;
      if (key === this.wakeKey) {
        this.wakeFrom = last;
        continue;
      }
      const index = this.doorbells.indexOf(key);
      if (index < 0) continue;
      from[index] = last;
      for (const entry of entries) this.answerDoorbell(entry);
    }
  }

  /**
   * Delivers what a doorbell entry carries if it follows the last entry delivered of its room's
   * stream (`p` is where this reader is); an entry already delivered is dropped; anything else (a
   * doorbell missed, trimmed, or rung before this reader knew where it was, or a payload too big to
   * carry) makes the room due, so its stream is read from where this reader is. Either way each entry
   * is delivered once, in the stream's order. The instance's own entries move it along unseen (it
   * relayed them itself).
   */
  private answerDoorbell(entry: StreamEntry): void {
    const room = entry.fields.get('r')?.toString('utf8');
    const reading = room === undefined ? undefined : this.rooms.get(room);
    if (reading === undefined) return;
    const id = entry.fields.get('d')?.toString('latin1');
    const kind: FanoutMessage['kind'] = entry.fields.has('a') || entry.fields.get('k')?.toString('latin1') === 'a' ? 'awareness' : 'update';
    const from = kind === 'update' ? reading.updatesFrom : reading.presenceFrom;
    // Not yet known where to read from: the room is read once it is (markDue).
    if (from === null) return;
    // A doorbell of a server that carries nothing: read the room.
    if (id === undefined) return void this.due.add(reading);
    const payload = entry.fields.get(kind === 'update' ? 'u' : 'a');
    if (payload !== undefined && entry.fields.get('p')?.toString('latin1') === from) {
      this.counts.carried++;
      this.deliver(reading, kind, [{ id, fields: entry.fields }]);
      return;
    }
    let seen: boolean;
    try {
      seen = compareStreamIds(id, from) <= 0;
    } catch (error) {
      this.context.log.error({ err: error, room, entry: entry.id }, 'a doorbell entry names no valid stream id; reading the room');
      seen = false;
    }
    if (!seen) this.due.add(reading);
  }

  /** Reads the streams of the rooms due (without blocking); a room that filled its read stays due. */
  private async readDue(link: RedisLink): Promise<void> {
    const readings: RoomReading[] = [];
    for (const reading of this.due) {
      this.due.delete(reading);
      if (reading.updatesFrom === null && reading.presenceFrom === null) continue;
      readings.push(reading);
      if (readings.length >= roomsPerRead) break;
    }
    if (readings.length === 0) return;
    const keys: string[] = [];
    const ids: string[] = [];
    const byKey = new Map<string, { reading: RoomReading; kind: FanoutMessage['kind'] }>();
    for (const reading of readings) {
      if (reading.updatesFrom !== null) {
        keys.push(reading.updatesKey);
        ids.push(reading.updatesFrom);
        byKey.set(reading.updatesKey, { reading, kind: 'update' });
      }
      if (reading.presenceFrom !== null) {
        keys.push(reading.presenceKey);
        ids.push(reading.presenceFrom);
        byKey.set(reading.presenceKey, { reading, kind: 'awareness' });
      }
    }
    let streams: Map<string, StreamEntry[]>;
    try {
      streams = parseRead(await link.command('XREAD', 'COUNT', readCount, 'STREAMS', ...keys, ...ids));
    } catch (error) {
      // Not read: they are due again.
      for (const reading of readings) if (this.rooms.get(reading.room) === reading) this.due.add(reading);
      throw error;
    }
    for (const [key, entries] of streams) {
      const target = byKey.get(key);
      // The room may have been unsubscribed while the read was under way.
      if (target === undefined || this.rooms.get(target.reading.room) !== target.reading) continue;
      this.counts.read += entries.length;
      this.deliver(target.reading, target.kind, entries);
      if (entries.length >= readCount) this.due.add(target.reading);
    }
  }

  private deliver(reading: RoomReading, kind: FanoutMessage['kind'], entries: readonly StreamEntry[]): void {
    for (const entry of entries) {
      if (kind === 'update') reading.updatesFrom = entry.id;
      else reading.presenceFrom = entry.id;
      let message: FanoutMessage;
      try {
        const instance = textField(entry, 'i');
        if (instance === this.context.instance) continue;
        message = { kind, instance, payload: bytesField(entry, kind === 'update' ? 'u' : 'a') };
      } catch (error) {
        this.context.log.error({ err: error, room: reading.room, entry: entry.id }, 'skipping a malformed stream entry');
        continue;
      }
      for (const listener of [...reading.listeners]) listener(message);
    }
  }
}

/**
 * Fan-out over the rooms' Redis streams. Updates need no publishing: the store's XADD already put
 * them in the stream every instance reads. Presence (already coalesced per room by the room) goes to
 * a capped presence stream under the same hash tag. An instance skips its own entries.
 */
export class RedisStreamFanout implements RoomFanout {
  private readonly readers = new Map<string, GroupReader>();
  private readonly readings = new Map<string, RoomReading>();
  /** Entries (own ones included) this instance took from doorbells and from room reads (tests, bench). */
  readonly deliveries: DeliveryCounts = { carried: 0, read: 0 };

  constructor(private readonly context: ScaleoutContext) {}

  publish(room: string, message: FanoutMessage): void {
    if (message.kind === 'update') return;
    appendAndRing(this.context, room, this.context.keys.presence(room), 'a', [message.payload], { cap: presenceLength, expireMs: wakeTtlMs })
      .catch((error: unknown) => this.context.log.warn({ err: error, room }, 'publishing presence failed'));
  }

  subscribe(room: string, listener: Listener): () => void {
    let reading = this.readings.get(room);
    if (reading === undefined) {
      // Where the room's load stopped reading, so nothing appended since is missed.
      const loadedThrough = this.context.loadedThrough.get(room);
      const created: RoomReading = {
        room,
        updatesKey: this.context.keys.updates(room),
        presenceKey: this.context.keys.presence(room),
        listeners: new Set(),
        updatesFrom: loadedThrough ?? null,
        presenceFrom: null,
      };
      reading = created;
      this.context.loadedThrough.delete(room);
      this.readings.set(room, created);
      const reader = this.readerOf(room);
      reader.add(created);
      // Presence starts from now: old presence is stale (clients resend theirs every 15 s). So do
      // updates of a room subscribed without a load (none in the server: rooms load first).
      const endOf = (key: string) => this.context.redis.command('XREVRANGE', key, '+', '-', 'COUNT', 1).then((reply) => parseRange(reply)[0]?.id ?? '0-0');
      Promise.all([endOf(created.presenceKey), loadedThrough === undefined ? endOf(created.updatesKey) : null]).then(([presenceEnd, updatesEnd]) => {
        created.presenceFrom = presenceEnd;
        created.updatesFrom ??= updatesEnd;
        reader.markDue(created);
      }, (error: unknown) => this.context.log.warn({ err: error, room }, 'reading the presence stream failed'));
    }
    const subscribed = reading;
    subscribed.listeners.add(listener);
    return () => {
      subscribed.listeners.delete(listener);
      if (subscribed.listeners.size > 0 || this.readings.get(room) !== subscribed) return;
      this.readings.delete(room);
      this.readerOf(room).remove(room);
      // Stateless rooms load the room for every join while subscribed: drop the position those left.
      this.context.loadedThrough.delete(room);
    };
  }

  /** Rooms subscribed on this instance (for tests of unloading). */
  get roomCount(): number {
    return this.readings.size;
  }

  async close(): Promise<void> {
    await Promise.all([...this.readers.values()].map((reader) => reader.stop()));
    this.readers.clear();
  }

  private readerOf(room: string): GroupReader {
    const group = this.context.redis.isCluster ? this.context.keys.bucketOf(room) : 0;
    const name = String(group);
    let reader = this.readers.get(name);
    if (reader === undefined) {
      const buckets = this.context.redis.isCluster ? [group] : Array.from({ length: this.context.keys.buckets }, (_, bucket) => bucket);
      reader = new GroupReader(this.context, this.context.keys.wake(group, this.context.instance), buckets.map((bucket) => this.context.keys.doorbell(bucket)), this.deliveries);
      this.readers.set(name, reader);
    }
    return reader;
  }
}
