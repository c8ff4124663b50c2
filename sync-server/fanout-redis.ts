import type { FanoutMessage, RoomFanout } from './fanout.js';
import type { ScaleoutContext } from './scaleout/context.js';
import { RedisLink } from './scaleout/redis-link.js';
import { bytesField, parseRange, parseRead, textField, type StreamEntry } from './scaleout/stream-replies.js';

type Listener = (message: FanoutMessage) => void;

interface RoomReading {
  readonly room: string;
  readonly listeners: Set<Listener>;
  /** Last update entry read (the load's end for a fresh subscription). */
  updatesFrom: string;
  /** Last presence entry read; null until the stream's current end is known. */
  presenceFrom: string | null;
}

/** Entries fetched per stream and read; a busy room is read again at once. */
const readCount = 500;
/** A blocking read returns after this long with nothing, to notice being stopped. */
const blockMs = 2_000;
/** Presence entries kept per room: enough for a reader that falls a little behind. */
const presenceLength = 200;
const wakeTtlMs = 3_600_000;

/**
 * One blocking XREAD loop over a group of rooms whose keys may be read together: all rooms on a
 * single Redis, one bucket (hash tag, so one slot) on a Redis Cluster. Its own connection, since a
 * blocked connection can carry nothing else. Adding a room appends to the group's wake stream, which
 * the read also waits on, so the new room is read at once.
 */
class GroupReader {
  readonly rooms = new Map<string, RoomReading>();
  private wakeFrom = '0-0';
  private link: RedisLink | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly context: ScaleoutContext, private readonly wakeKey: string) {}

  add(reading: RoomReading): void {
    this.rooms.set(reading.room, reading);
    this.running ??= this.run();
    this.wake();
  }

  remove(room: string): void {
    this.rooms.delete(room);
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
    this.link = RedisLink.open(this.context.target, true);
    while (!this.stopped && this.rooms.size > 0) {
      const keys: string[] = [this.wakeKey];
      const ids: string[] = [this.wakeFrom];
      const byKey = new Map<string, { reading: RoomReading; kind: FanoutMessage['kind'] }>();
      for (const reading of this.rooms.values()) {
        const updates = this.context.keys.updates(reading.room);
        keys.push(updates);
        ids.push(reading.updatesFrom);
        byKey.set(updates, { reading, kind: 'update' });
        if (reading.presenceFrom !== null) {
          const presence = this.context.keys.presence(reading.room);
          keys.push(presence);
          ids.push(reading.presenceFrom);
          byKey.set(presence, { reading, kind: 'awareness' });
        }
      }
      let streams: Map<string, StreamEntry[]>;
      try {
        streams = parseRead(await this.link.command('XREAD', 'COUNT', readCount, 'BLOCK', blockMs, 'STREAMS', ...keys, ...ids));
      } catch (error) {
        if (this.stopped) break;
        this.context.log.warn({ err: error }, 'reading room streams failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, 250));
        continue;
      }
      for (const [key, entries] of streams) {
        if (key === this.wakeKey) {
          this.wakeFrom = entries.at(-1)?.id ?? this.wakeFrom;
          continue;
        }
        const target = byKey.get(key);
        // The room may have been unsubscribed while the read was blocked.
        if (target === undefined || this.rooms.get(target.reading.room) !== target.reading) continue;
        this.deliver(target.reading, target.kind, entries);
      }
    }
    this.running = null;
    const link = this.link;
    this.link = null;
    await link.close();
    // A room added while the loop was ending starts it again.
    if (!this.stopped && this.rooms.size > 0) this.running = this.run();
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

  constructor(private readonly context: ScaleoutContext) {}

  publish(room: string, message: FanoutMessage): void {
    if (message.kind === 'update') return;
    const key = this.context.keys.presence(room);
    this.context.redis.command('XADD', key, 'MAXLEN', '~', presenceLength, '*', 'i', message.instance, 'a', Buffer.from(message.payload))
      .then(() => this.context.redis.command('PEXPIRE', key, wakeTtlMs))
      .catch((error: unknown) => this.context.log.warn({ err: error, room }, 'publishing presence failed'));
  }

  subscribe(room: string, listener: Listener): () => void {
    let reading = this.readings.get(room);
    if (reading === undefined) {
      const created: RoomReading = {
        room,
        listeners: new Set(),
        // Where the room's load stopped reading, so nothing appended since is missed.
        updatesFrom: this.context.loadedThrough.get(room) ?? '$',
        presenceFrom: null,
      };
      reading = created;
      this.context.loadedThrough.delete(room);
      this.readings.set(room, created);
      const reader = this.readerOf(room);
      reader.add(created);
      // Presence starts from now: old presence is stale (clients resend theirs every 15 s).
      this.context.redis.command('XREVRANGE', this.context.keys.presence(room), '+', '-', 'COUNT', 1).then((reply) => {
        created.presenceFrom = parseRange(reply)[0]?.id ?? '0-0';
        reader.wake();
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
      reader = new GroupReader(this.context, this.context.keys.wake(group, this.context.instance));
      this.readers.set(name, reader);
    }
    return reader;
  }
}
