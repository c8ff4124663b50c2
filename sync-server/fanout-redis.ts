import type { FanoutMessage, RoomFanout } from './fanout.js';
import type { ScaleoutContext } from './scaleout/context.js';
import { appendAndRing } from './scaleout/doorbell.js';
import { DoorbellHeader } from './scaleout/doorbell-entry.js';
import { RedisLink } from './scaleout/redis-link.js';
import { compareStreamIds } from './scaleout/stream-id.js';
import { bytesField, parsePackedEntries, parseRange, parseRead, textField, type StreamEntry } from './scaleout/stream-replies.js';

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
/**
 * After a read that brought doorbell entries, the next waits this long: under load a read that
 * returned at once brought one or two entries, and each read is a command written, a reply decoded
 * and a wake-up, per instance, per entry. Waiting lets entries gather (5 ms at 1,000 updates/s is
 * about five per read) at the cost of at most this much added delivery latency; an idle reader still
 * wakes at once for the first entry.
 */
const gatherMs = 5;
/** A blocking read returns after this long with nothing, to notice being stopped. */
const blockMs = 2_000;
/**
 * Every subscribed room is read at least this often even if no doorbell named it: the safety net for
 * a doorbell lost (a failed XADD, or trimmed before a slow reader got to it). ScaleoutOptions.sweepMs
 * changes it (tests that hold the doorbells alone to delivering everything).
 */
const defaultSweepMs = 2_000;
/** Presence entries kept per room: enough for a reader that falls a little behind. */
const presenceLength = 200;
const wakeTtlMs = 3_600_000;

/**
 * One reading loop over a group of rooms whose keys may be read together: all rooms on a single
 * Redis, one bucket (hash tag, so one slot) on a Redis Cluster. It blocks on the group's doorbell
 * (one for all rooms on a single Redis, one per bucket on a cluster; every append rings its room's,
 * see scaleout/doorbell.ts) and on its own wake stream, delivers what the entries carry, and reads
 * only the rooms whose entries it could not deliver: the cost of a read follows the rooms with news,
 * not the rooms subscribed (a blocking XREAD naming every room's streams was a third of an instance's
 * CPU under load). Its own connection, since a blocked connection can carry nothing else. Adding a
 * room marks it due and appends to the wake stream, so the new room is read at once.
 */
class GroupReader {
  readonly rooms = new Map<string, RoomReading>();
  /**
   * Rooms watched without being read (RoomFanout.watch): each doorbell entry of an update of the room,
   * this instance's own included, and each sweep calls their callbacks.
   */
  private readonly watchers = new Map<string, Set<() => void>>();
  /** Rooms to read now: rung, just added, or swept. */
  private readonly due = new Set<RoomReading>();
  private wakeFrom = '0-0';
  /** Where the doorbell was read up to; null until its end is known (read before any room). */
  private doorbellFrom: string | null = null;
  /** This instance's name as doorbell entries hold it, to tell its own entries without decoding them. */
  private readonly ownInstance: Buffer;
  /** Doorbell entries that could not be read (logged once per reader: another version's format?). */
  private unreadable = 0;
  private lastSweep = performance.now();
  private link: RedisLink | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly context: ScaleoutContext, private readonly wakeKey: string, private readonly doorbell: string, private readonly counts: DeliveryCounts, private readonly sweepMs: number) {
    this.ownInstance = Buffer.from(context.instance, 'utf8');
  }

  add(reading: RoomReading): void {
    this.rooms.set(reading.room, reading);
    this.markDue(reading);
    this.running ??= this.run();
  }

  watch(room: string, changed: () => void): () => void {
    let callbacks = this.watchers.get(room);
    if (callbacks === undefined) {
      callbacks = new Set();
      this.watchers.set(room, callbacks);
    }
    const watching = callbacks;
    watching.add(changed);
    this.running ??= this.run();
    return () => {
      watching.delete(changed);
      if (watching.size === 0 && this.watchers.get(room) === watching) this.watchers.delete(room);
    };
  }

  /** Calls the room's watchers (none: nothing); a throwing watcher is logged and the others still run. */
  private ring(room: string): void {
    const callbacks = this.watchers.get(room);
    if (callbacks === undefined) return;
    for (const changed of [...callbacks]) {
      try {
        changed();
      } catch (error) {
        this.context.log.error({ err: error, room }, 'a watcher of a room failed');
      }
    }
  }

  private get busy(): boolean {
    return this.rooms.size > 0 || this.watchers.size > 0;
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

  /**
   * Ends the loop: its link is dropped, which rejects the read it waits for (RedisLink.disconnect does
   * even while the link waits to reconnect after Redis went away, when ioredis alone would leave it
   * pending for ever).
   */
  async stop(): Promise<void> {
    this.stopped = true;
    this.link?.disconnect();
    await this.running;
  }

  /** The reading link's state and its commands not yet answered; null while no loop runs (tests). */
  get linkState(): { readonly status: string; readonly waiting: number } | null {
    return this.link === null ? null : { status: this.link.status, waiting: this.link.waitingCount };
  }

  private async run(): Promise<void> {
    const link = RedisLink.open(this.context.target, true);
    this.link = link;
    while (!this.stopped && this.busy) {
      try {
        // The doorbell's end is taken before any room is read: a doorbell rung after a room's read is
        // then never skipped.
        this.doorbellFrom ??= parseRange(await link.command('XREVRANGE', this.doorbell, '+', '-', 'COUNT', 1))[0]?.id ?? '0-0';
        if (performance.now() - this.lastSweep >= this.sweepMs) {
          this.lastSweep = performance.now();
          for (const reading of this.rooms.values()) this.due.add(reading);
          // A doorbell lost or trimmed rang no watcher: they look again now.
          for (const room of [...this.watchers.keys()]) this.ring(room);
        }
        if (this.due.size > 0) await this.readDue(link);
        else if (await this.waitForDoorbell(link, this.doorbellFrom) > 0 && !this.stopped) await new Promise((resolve) => setTimeout(resolve, gatherMs));
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
    if (!this.stopped && this.busy) this.running = this.run();
  }

  /**
   * Blocks until the doorbell rings (or the wake stream, or blockMs passes); delivers what the entries
   * carry or marks their rooms due. Returns how many doorbell entries it read.
   */
  private async waitForDoorbell(link: RedisLink, from: string): Promise<number> {
    let rung = 0;
    const reply = await link.command('XREAD', 'COUNT', doorbellCount, 'BLOCK', blockMs, 'STREAMS', this.wakeKey, this.doorbell, this.wakeFrom, from);
    for (const { key, lastId, packed, malformed } of parsePackedEntries(reply)) {
      if (lastId === null) continue;
      if (key === this.wakeKey) {
        this.wakeFrom = lastId;
        continue;
      }
      if (key !== this.doorbell) continue;
      this.doorbellFrom = lastId;
      rung += packed.length + malformed;
      for (const bytes of packed) {
        try {
          this.answerDoorbell(DoorbellHeader.read(bytes));
        } catch (error) {
          this.noteUnreadable(error);
        }
      }
      if (malformed > 0) this.noteUnreadable(new Error(`${malformed} doorbell entries are not one packed field`));
    }
    return rung;
  }

  /**
   * An entry this reader cannot read names no room it could read: the sweep delivers whatever it rang
   * for. Logged once per reader (during an upgrade, the other version's entries would be every one).
   */
  private noteUnreadable(error: unknown): void {
    if (this.unreadable++ === 0) this.context.log.error({ err: error }, 'a doorbell entry could not be read; its room is delivered by the sweep');
  }

  /**
   * Delivers what a doorbell entry carries if it follows the last entry delivered of its room's
   * stream (its previous id is where this reader is); an entry already delivered is dropped; anything
   * else (a doorbell missed, trimmed, or rung before this reader knew where it was, or a payload too big
   * to carry) makes the room due, so its stream is read from where this reader is. Either way each entry
   * is delivered once, in the stream's order. Entries of rooms not held here are dropped after the
   * header's room; the instance's own entries move it along without their payload being looked at
   * (it relayed them itself), carried or not.
   */
  private answerDoorbell(header: DoorbellHeader): void {
    if (header.kind === 'u' && this.watchers.size > 0) this.ring(header.room);
    const reading = this.rooms.get(header.room);
    if (reading === undefined) return;
    const kind: FanoutMessage['kind'] = header.kind === 'u' ? 'update' : 'awareness';
    const from = kind === 'update' ? reading.updatesFrom : reading.presenceFrom;
    // Not yet known where to read from: the room is read once it is (markDue).
    if (from === null) return;
    let prev: string;
    let id: string;
    try {
      ({ prev, id } = header.ids());
    } catch (error) {
      this.context.log.error({ err: error, room: header.room }, 'a doorbell entry\'s stream ids cannot be read; reading the room');
      return void this.due.add(reading);
    }
    if (prev === from) {
      const own = header.isFrom(this.ownInstance);
      if (own || header.carried) {
        this.counts.carried++;
        if (kind === 'update') reading.updatesFrom = id;
        else reading.presenceFrom = id;
        if (own) return;
        const payload = header.payload();
        const summary = header.summary();
        const message: FanoutMessage = summary === null ? { kind, instance: header.instance, payload } : { kind, instance: header.instance, payload, summary };
        deliverTo(reading.listeners, message);
        return;
      }
    }
    let seen: boolean;
    try {
      seen = compareStreamIds(id, from) <= 0;
    } catch (error) {
      this.context.log.error({ err: error, room: header.room, entry: id }, 'a doorbell entry names no valid stream id; reading the room');
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
      deliverTo(reading.listeners, message);
    }
  }
}

/** Calls each listener (a copy of the set only when there are several: one may unsubscribe another). */
function deliverTo(listeners: ReadonlySet<Listener>, message: FanoutMessage): void {
  if (listeners.size === 1) {
    for (const listener of listeners) listener(message);
    return;
  }
  for (const listener of [...listeners]) listener(message);
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
  /** Updates reach the other instances as stream entries written by the store: publish ignores them. */
  readonly updatesTravelWithStore = true;

  constructor(private readonly context: ScaleoutContext, private readonly sweepMs = defaultSweepMs) {}

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

  /**
   * Calls `changed` whenever the room's update stream may have taken entries: at each of its doorbell
   * entries (this instance's own appends included) and at every sweep (a doorbell lost or trimmed), so
   * at most the sweep's 2 s late. No entry is read for it: the watcher reads what it needs itself.
   */
  watch(room: string, changed: () => void): () => void {
    return this.readerOf(room).watch(room, changed);
  }

  /** Rooms subscribed on this instance (for tests of unloading). */
  get roomCount(): number {
    return this.readings.size;
  }

  /** The state of each reading loop's link (tests: what a close waits for). */
  get readerLinks(): ({ readonly status: string; readonly waiting: number } | null)[] {
    return [...this.readers.values()].map((reader) => reader.linkState);
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
      const doorbell = this.context.redis.isCluster ? this.context.keys.doorbell(group) : this.context.keys.sharedDoorbell;
      reader = new GroupReader(this.context, this.context.keys.wake(group, this.context.instance), doorbell, this.deliveries, this.sweepMs);
      this.readers.set(name, reader);
    }
    return reader;
  }
}
