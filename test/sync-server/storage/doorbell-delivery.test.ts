import fc from 'fast-check';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FanoutMessage } from '../../../sync-server/fanout.js';
import { openScaleoutBackend, type ScaleoutBackend } from '../../../sync-server/scaleout/backend.js';
import { RedisKeys } from '../../../sync-server/scaleout/redis-keys.js';
import { documentOf, freshRoom, updateSetting } from '../contracts/update-store-contract.js';
import { startScaleoutServices, type ScaleoutServices } from '../support/services.js';

// Doorbell entries carry small updates (room, entry id, the id before it, payload): a reader that is
// where the entry follows delivers it from its one blocking read; otherwise it reads the room's
// stream. These properties drive real instances on a real Redis through what can go wrong around
// that — doorbells never rung, rung twice, rung out of order, readers restarted mid-stream — and hold
// every reader to: each update of its rooms heard exactly once, in the room stream's order.

const namespace = 'doorbells';
let services: ScaleoutServices;
let raw: Redis;
beforeAll(async () => {
  services = await startScaleoutServices();
  raw = new Redis(services.redis.url);
});
afterAll(async () => {
  raw.disconnect();
  await services.stop();
});

const open = () => openScaleoutBackend({
  redisUrl: services.redis.url, postgresUrl: services.postgres.url, namespace, worker: false,
  log: pino({ level: process.env.SYNC_TEST_LOG ?? 'silent' }),
});
const keys = new RedisKeys(namespace, 16);
const keyOf = (update: Uint8Array) => Object.keys(documentOf([update]))[0]!;

/** One reader incarnation: what it loaded of each room and what it heard from other instances after. */
interface Listening {
  readonly backend: ScaleoutBackend;
  readonly loaded: Map<string, string[]>;
  readonly heard: Map<string, string[]>;
}

async function listen(rooms: readonly string[]): Promise<Listening> {
  const backend = await open();
  const loaded = new Map<string, string[]>();
  const heard = new Map<string, string[]>();
  for (const room of rooms) {
    loaded.set(room, (await backend.store.load(room)).updates.map(keyOf));
    const list: string[] = [];
    heard.set(room, list);
    backend.fanout.subscribe(room, (message: FanoutMessage) => {
      if (message.kind === 'update' && message.instance !== backend.instance) list.push(keyOf(message.payload));
    });
  }
  return { backend, loaded, heard };
}

/** What the reader holds of `room`: its load followed by what it heard. */
const holds = (listening: Listening, room: string) => [...listening.loaded.get(room)!, ...listening.heard.get(room)!];

async function until(condition: () => boolean, what: string, limitMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > limitMs) throw new Error(`gave up waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The id of the room stream's last entry (0-0 for a new stream), as the append script records it. */
async function lastId(room: string): Promise<string> {
  const last = await raw.xrevrange(keys.updates(room), '+', '-', 'COUNT', 1);
  return last[0]?.[0] ?? '0-0';
}

/** Appends to the room's stream the way an instance does, without ringing: returns (previous, new) ids. */
async function appendSilently(room: string, key: string, value: number): Promise<{ prev: string; id: string }> {
  const prev = await lastId(room);
  const id = await raw.xadd(keys.updates(room), '*', 'i', 'silent-instance', 'u', Buffer.from(updateSetting(key, value)));
  return { prev, id: id! };
}

/** Rings the room's doorbell for an entry, carrying its payload, as the append script does. */
async function ring(room: string, prev: string, id: string, payload: Uint8Array): Promise<void> {
  await raw.xadd(keys.doorbell(keys.bucketOf(room)), 'MAXLEN', '~', 1000, '*', 'r', room, 'i', 'silent-instance', 'p', prev, 'd', id, 'u', Buffer.from(payload));
}

type Step =
  | { readonly kind: 'append'; readonly rooms: readonly number[] }
  | { readonly kind: 'unrung'; readonly room: number }
  | { readonly kind: 'reversed'; readonly room: number }
  | { readonly kind: 'duplicate'; readonly pick: number }
  | { readonly kind: 'restart' }
  | { readonly kind: 'pause'; readonly ms: number };

const roomCount = 3;
const roomIndex = fc.integer({ min: 0, max: roomCount - 1 });
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('append' as const), rooms: fc.array(roomIndex, { minLength: 1, maxLength: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('unrung' as const), room: roomIndex }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reversed' as const), room: roomIndex }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'restart' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('pause' as const), ms: fc.integer({ min: 0, max: 15 }) }) },
);

describe('Redis fan-out: updates carried by doorbells', () => {
  it('every reader hears every update of its rooms exactly once and in order, through dropped, duplicated and reordered doorbells and restarts', async () => {
    const writer = await open();
    // A reader that stays up throughout, and one that is restarted by the steps.
    let steady: Listening | null = null;
    let restarted: Listening | null = null;
    const totals = { carried: 0, read: 0, restarts: 0 };
    try {
      let run = 0;
      await fc.assert(fc.asyncProperty(fc.array(step, { minLength: 4, maxLength: 24 }), async (steps) => {
        run++;
        const rooms = Array.from({ length: roomCount }, () => freshRoom());
        const written = new Map<string, string[]>(rooms.map((room) => [room, []]));
        steady = await listen(rooms);
        restarted = await listen(rooms);
        let n = 0;
        const next = (room: string) => {
          const key = `r${run}-u${n++}`;
          written.get(room)!.push(key);
          return key;
        };
        for (const taken of steps) {
          if (taken.kind === 'append') {
            // Issued without waiting between them: one write to Redis, as under load.
            await Promise.all(taken.rooms.map((index) => {
              const room = rooms[index]!;
              return writer.store.append([{ room, update: updateSetting(next(room), n) }]);
            }));
          } else if (taken.kind === 'unrung') {
            const room = rooms[taken.room]!;
            await appendSilently(room, next(room), n);
          } else if (taken.kind === 'reversed') {
            // Two entries whose doorbells ring in the opposite order.
            const room = rooms[taken.room]!;
            const [firstKey, secondKey] = [next(room), next(room)];
            const first = await appendSilently(room, firstKey, n);
            const second = await appendSilently(room, secondKey, n);
            await ring(room, second.prev, second.id, updateSetting(secondKey, n));
            await ring(room, first.prev, first.id, updateSetting(firstKey, n));
          } else if (taken.kind === 'duplicate') {
            // A doorbell entry of these rooms rung again, after later ones.
            const entries = (await raw.xrange(keys.doorbell(keys.bucketOf(rooms[taken.pick % roomCount]!)), '-', '+'))
              .filter(([, fields]) => rooms.includes(fields[fields.indexOf('r') + 1] ?? ''));
            const again = entries[taken.pick % Math.max(entries.length, 1)];
            if (again !== undefined) {
              const bucket = keys.bucketOf(again[1][again[1].indexOf('r') + 1]!);
              const fields = await raw.xrangeBuffer(keys.doorbell(bucket), again[0], again[0]);
              await raw.xadd(keys.doorbell(bucket), '*', ...fields[0]![1]);
            }
          } else if (taken.kind === 'restart') {
            const stopping: Listening = restarted;
            // What it held when stopped: a run of the room's updates in order, none twice.
            for (const room of rooms) expect(written.get(room)!.slice(0, holds(stopping, room).length)).toEqual(holds(stopping, room));
            await stopping.backend.close();
            totals.carried += stopping.backend.fanout.deliveries.carried;
            totals.read += stopping.backend.fanout.deliveries.read;
            totals.restarts++;
            restarted = await listen(rooms);
          } else {
            await new Promise((resolve) => setTimeout(resolve, taken.ms));
          }
        }
        for (const listening of [steady, restarted]) {
          await until(() => rooms.every((room) => holds(listening, room).length >= written.get(room)!.length), 'every update at every reader');
          // Give a duplicate a moment to show up, if one were coming.
          await new Promise((resolve) => setTimeout(resolve, 50));
          for (const room of rooms) expect(holds(listening, room)).toEqual(written.get(room));
        }
        for (const listening of [steady, restarted]) {
          await listening.backend.close();
          totals.carried += listening.backend.fanout.deliveries.carried;
          totals.read += listening.backend.fanout.deliveries.read;
        }
        steady = null;
        restarted = null;
      }), { numRuns: 12, seed: 19_2026 });
      // Both ways of delivery were taken, and readers were restarted mid-stream.
      expect(totals.carried).toBeGreaterThan(0);
      expect(totals.read).toBeGreaterThan(0);
      expect(totals.restarts).toBeGreaterThan(0);
    } finally {
      for (const listening of [steady as Listening | null, restarted as Listening | null]) await listening?.backend.close();
      await writer.close();
    }
  }, 240_000);

  it('a reader delivers carried updates from the doorbells alone when nothing goes wrong', async () => {
    const writer = await open();
    const rooms = Array.from({ length: 4 }, () => freshRoom());
    const reader = await listen(rooms);
    try {
      // Let the reader learn where every room's streams end before the writes start.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const readBefore = reader.backend.fanout.deliveries.read;
      const written: string[] = [];
      for (let i = 0; i < 40; i++) {
        const room = rooms[i % rooms.length]!;
        written.push(`k${i}`);
        await writer.store.append([{ room, update: updateSetting(`k${i}`, i) }]);
      }
      await until(() => rooms.every((room) => reader.heard.get(room)!.length === 10), 'all 40 updates');
      for (const [index, room] of rooms.entries()) expect(reader.heard.get(room)).toEqual(written.filter((_, i) => i % rooms.length === index));
      expect(reader.backend.fanout.deliveries.carried).toBe(40);
      expect(reader.backend.fanout.deliveries.read).toBe(readBefore);
      // A stream emptied by a compaction's trim still chains: the next entry follows the last id given.
      for (const room of rooms) await raw.xtrim(keys.updates(room), 'MAXLEN', 0);
      for (const room of rooms) await writer.store.append([{ room, update: updateSetting(`after-trim-${room}`, 1) }]);
      await until(() => rooms.every((room) => reader.heard.get(room)!.length === 11), 'the updates after the trim');
      for (const room of rooms) expect(reader.heard.get(room)!.at(-1)).toBe(`after-trim-${room}`);
      expect(reader.backend.fanout.deliveries.carried).toBe(44);
      expect(reader.backend.fanout.deliveries.read).toBe(readBefore);
    } finally {
      await reader.backend.close();
      await writer.close();
    }
  });
});
