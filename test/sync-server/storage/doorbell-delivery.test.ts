import fc from 'fast-check';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import type { FanoutMessage } from '../../../sync-server/fanout.js';
import type { ScaleoutBackend } from '../../../sync-server/scaleout/backend.js';
import { carryLimit, doorbellOf } from '../../../sync-server/scaleout/doorbell.js';
import { DoorbellHeader, doorbellField, packDoorbellEntry } from '../../../sync-server/scaleout/doorbell-entry.js';
import { parseUpdate } from '../../../sync-server/protocol/update-format.js';
import { encodeSummary, summarise } from '../../../sync-server/protocol/update-summary.js';
import { documentOf, freshRoom, updateSetting } from '../contracts/update-store-contract.js';
import { until, useRedisInstances } from './redis-instances.js';

// Doorbell entries carry small updates (one packed field: room, entry id, the id before it, payload):
// a reader that is where the entry follows delivers it from its one blocking read; otherwise it reads
// the room's stream. An instance's own entries move its readers along without their payload, carried
// or not. These properties drive real instances on a real Redis through what can go wrong around
// that — doorbells never rung, rung twice, rung out of order, updates too big to carry, entries of
// rooms nobody holds, readers restarted mid-stream — and hold every reader, the writer's own
// included, to: each update of its rooms from other instances heard exactly once, in the room
// stream's order.

const redis = useRedisInstances('doorbells');
const { open, keys } = redis;
const keyOf = (update: Uint8Array) => Object.keys(documentOf([update]))[0]!;

/** One reader incarnation: what it loaded of each room and what it heard from other instances after. */
interface Listening {
  readonly backend: ScaleoutBackend;
  readonly loaded: Map<string, string[]>;
  readonly heard: Map<string, string[]>;
}

/** Opens an instance (or takes `backend`) and has it load and follow `rooms`. */
async function listen(rooms: readonly string[], backend?: ScaleoutBackend): Promise<Listening> {
  backend ??= await open();
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

/** Instances that read every room only when a doorbell names it (no sweep within a test's length). */
const sweepless = { sweepMs: 3_600_000 };

/**
 * Waits until `readers` (and the `writer`'s own reader, when it follows the rooms too) know where the
 * doorbell and every room's stream end: `writer` appends a first update to each room, and they have
 * heard it (or moved past it). Then the doorbell of the next append is delivered whichever way they
 * hear it first. A fixed wait (200 ms) did this before: a slower start read the test's first updates
 * from the streams instead of taking them from their doorbells. The first updates are taken out of `heard`.
 */
async function knowTheEnds(writer: ScaleoutBackend, rooms: readonly string[], readers: readonly { readonly heard: ReadonlyMap<string, unknown[]> }[], ownReader?: ScaleoutBackend): Promise<void> {
  for (const room of rooms) await writer.store.append([{ room, update: updateSetting(`first-${room}`, 0) }]);
  const passed = (backend: ScaleoutBackend) => backend.fanout.deliveries.carried + backend.fanout.deliveries.read;
  await until(() => readers.every((listening) => rooms.every((room) => (listening.heard.get(room)?.length ?? 0) > 0))
    && (ownReader === undefined || passed(ownReader) >= rooms.length), 'the first updates at every reader');
  for (const listening of readers) for (const room of rooms) listening.heard.get(room)!.splice(0);
}

/** What the reader holds of `room`: its load followed by what it heard. */
const holds = (listening: Listening, room: string) => [...listening.loaded.get(room)!, ...listening.heard.get(room)!];

/** An update too big to ride in a doorbell entry: readers other than its writer read it from the stream. */
function largeSetting(key: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('m').set(key, 'x'.repeat(carryLimit + 1_000));
  return Y.encodeStateAsUpdate(doc);
}

/** The id of the room stream's last entry (0-0 for a new stream), as the append script records it. */
async function lastId(room: string): Promise<string> {
  const last = await redis.raw.xrevrange(keys.updates(room), '+', '-', 'COUNT', 1);
  return last[0]?.[0] ?? '0-0';
}

/** Appends to the room's stream the way an instance does, without ringing: returns (previous, new) ids. */
async function appendSilently(room: string, key: string, value: number): Promise<{ prev: string; id: string }> {
  const prev = await lastId(room);
  const id = await redis.raw.xadd(keys.updates(room), '*', 'i', 'silent-instance', 'u', Buffer.from(updateSetting(key, value)));
  return { prev, id: id! };
}

/** The doorbell `room` rings (one for all rooms on this single Redis). */
const doorbellKey = (room: string) => doorbellOf({ keys, redis: { isCluster: false } } as Parameters<typeof doorbellOf>[0], room).key;

/** Rings the room's doorbell for an entry, carrying its payload, as the append script does. */
async function ring(room: string, prev: string, id: string, payload: Uint8Array): Promise<void> {
  await redis.raw.xadd(doorbellKey(room), 'MAXLEN', '~', 16_000, '*', doorbellField, packDoorbellEntry({ kind: 'u', instance: 'silent-instance', room, prev, id, payload }));
}

type Step =
  | { readonly kind: 'append'; readonly rooms: readonly number[] }
  | { readonly kind: 'large'; readonly room: number }
  | { readonly kind: 'unheld' }
  | { readonly kind: 'unrung'; readonly room: number }
  | { readonly kind: 'reversed'; readonly room: number }
  | { readonly kind: 'duplicate'; readonly pick: number }
  | { readonly kind: 'restart' }
  | { readonly kind: 'pause'; readonly ms: number };

const roomCount = 3;
const roomIndex = fc.integer({ min: 0, max: roomCount - 1 });
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('append' as const), rooms: fc.array(roomIndex, { minLength: 1, maxLength: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('large' as const), room: roomIndex }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'unheld' as const }) },
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
    const totals = { carried: 0, read: 0, restarts: 0, large: 0, unheld: 0 };
    try {
      let run = 0;
      await fc.assert(fc.asyncProperty(fc.array(step, { minLength: 4, maxLength: 24 }), async (steps) => {
        run++;
        const rooms = Array.from({ length: roomCount }, () => freshRoom());
        const written = new Map<string, string[]>(rooms.map((room) => [room, []]));
        // Written by other instances than the writer: all the writer's own readers should hear.
        const silent = new Set<string>();
        const own = await listen(rooms, writer);
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
          } else if (taken.kind === 'large') {
            const room = rooms[taken.room]!;
            await writer.store.append([{ room, update: largeSetting(next(room)) }]);
            totals.large++;
          } else if (taken.kind === 'unheld') {
            // An entry of a room no reader holds: dropped after its header.
            await ring(freshRoom(), '0-0', `${Date.now()}-0`, updateSetting('nobody', 1));
            totals.unheld++;
          } else if (taken.kind === 'unrung') {
            const room = rooms[taken.room]!;
            const key = next(room);
            silent.add(key);
            await appendSilently(room, key, n);
          } else if (taken.kind === 'reversed') {
            // Two entries whose doorbells ring in the opposite order.
            const room = rooms[taken.room]!;
            const [firstKey, secondKey] = [next(room), next(room)];
            silent.add(firstKey).add(secondKey);
            const first = await appendSilently(room, firstKey, n);
            const second = await appendSilently(room, secondKey, n);
            await ring(room, second.prev, second.id, updateSetting(secondKey, n));
            await ring(room, first.prev, first.id, updateSetting(firstKey, n));
          } else if (taken.kind === 'duplicate') {
            // A doorbell entry of these rooms rung again, after later ones.
            const doorbell = doorbellKey(rooms[0]!);
            const entries = (await redis.raw.xrangeBuffer(doorbell, '-', '+'))
              .filter(([, fields]) => rooms.includes(DoorbellHeader.read(fields[1]!).room));
            const again = entries[taken.pick % Math.max(entries.length, 1)];
            if (again !== undefined) await redis.raw.xadd(doorbell, '*', ...again[1]);
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
        // The writer's own reader skipped its own entries and heard every other one, once, in order.
        await until(() => rooms.every((room) => holds(own, room).length >= written.get(room)!.filter((key) => silent.has(key)).length), 'the other instances\' updates at the writer');
        await new Promise((resolve) => setTimeout(resolve, 50));
        for (const room of rooms) expect(holds(own, room)).toEqual(written.get(room)!.filter((key) => silent.has(key)));
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
      expect(totals.large).toBeGreaterThan(0);
      expect(totals.unheld).toBeGreaterThan(0);
    } finally {
      for (const listening of [steady as Listening | null, restarted as Listening | null]) await listening?.backend.close();
      await writer.close();
    }
  }, 240_000);

  it('a reader delivers carried updates from the doorbells alone when nothing goes wrong, and the writer moves past its own without reading', async () => {
    // No sweep (a read of every room every 2 s) during the test: one falling between an append and its
    // doorbell's delivery read that update from the stream, and a run slower than 2 s failed "carried"
    // (38 of 40). Without sweeps the doorbells alone must deliver everything.
    const writer = await open(sweepless);
    const rooms = Array.from({ length: 4 }, () => freshRoom());
    const reader = await listen(rooms, await open(sweepless));
    const own = await listen(rooms, writer);
    try {
      await knowTheEnds(writer, rooms, [reader], writer);
      const carriedBefore = reader.backend.fanout.deliveries.carried;
      const readBefore = reader.backend.fanout.deliveries.read;
      const ownCarriedBefore = writer.fanout.deliveries.carried;
      const ownReadBefore = writer.fanout.deliveries.read;
      const written: string[] = [];
      for (let i = 0; i < 40; i++) {
        const room = rooms[i % rooms.length]!;
        written.push(`k${i}`);
        await writer.store.append([{ room, update: updateSetting(`k${i}`, i) }]);
      }
      await until(() => rooms.every((room) => reader.heard.get(room)!.length === 10), 'all 40 updates');
      for (const [index, room] of rooms.entries()) expect(reader.heard.get(room)).toEqual(written.filter((_, i) => i % rooms.length === index));
      expect(reader.backend.fanout.deliveries.carried).toBe(carriedBefore + 40);
      expect(reader.backend.fanout.deliveries.read).toBe(readBefore);
      // A stream emptied by a compaction's trim still chains: the next entry follows the last id given.
      for (const room of rooms) await redis.raw.xtrim(keys.updates(room), 'MAXLEN', 0);
      for (const room of rooms) await writer.store.append([{ room, update: updateSetting(`after-trim-${room}`, 1) }]);
      await until(() => rooms.every((room) => reader.heard.get(room)!.length === 11), 'the updates after the trim');
      for (const room of rooms) expect(reader.heard.get(room)!.at(-1)).toBe(`after-trim-${room}`);
      expect(reader.backend.fanout.deliveries.carried).toBe(carriedBefore + 44);
      expect(reader.backend.fanout.deliveries.read).toBe(readBefore);
      // Too big to carry: the reader reads it from the stream; the writer only moves past it.
      await writer.store.append([{ room: rooms[0]!, update: largeSetting('large') }]);
      await writer.store.append([{ room: rooms[0]!, update: updateSetting('after-large', 1) }]);
      await until(() => reader.heard.get(rooms[0]!)!.at(-1) === 'after-large', 'the updates after the large one');
      expect(reader.heard.get(rooms[0]!)!.slice(-2)).toEqual(['large', 'after-large']);
      expect(reader.backend.fanout.deliveries.read).toBeGreaterThan(readBefore);
      // The writer's own entries, carried or not, moved it along: it never read a room, heard nothing.
      await until(() => writer.fanout.deliveries.carried >= ownCarriedBefore + 46, 'the writer passing its own entries');
      expect(writer.fanout.deliveries.read).toBe(ownReadBefore);
      for (const room of rooms) expect(own.heard.get(room)).toEqual([]);
    } finally {
      await reader.backend.close();
      await writer.close();
    }
  });

  it('a carried update brings its writer\'s summary; entries of the previous format (no summary) are still delivered carried', async () => {
    const writer = await open(sweepless);
    const reader = await open(sweepless);
    const room = freshRoom();
    try {
      await reader.store.load(room);
      const heard: FanoutMessage[] = [];
      reader.fanout.subscribe(room, (message) => { if (message.kind === 'update' && message.instance !== reader.instance) heard.push(message); });
      await knowTheEnds(writer, [room], [{ heard: new Map([[room, heard]]) }]);
      const readBefore = reader.fanout.deliveries.read;
      const summaryOf = (update: Uint8Array) => encodeSummary(summarise(parseUpdate(update)));
      // This version's writer: the summary rides with the update (entry kind U).
      const first = updateSetting('with-summary', 1);
      await writer.store.append([{ room, update: first, summary: summaryOf(first) }]);
      await until(() => heard.length === 1, 'the update with its summary');
      expect(keyOf(heard[0]!.payload)).toBe('with-summary');
      expect(heard[0]!.summary).toEqual(summaryOf(first));
      // A previous version's writer rings the old entry (kind u, no summary): delivered carried, parsed by the room.
      const { prev, id } = await appendSilently(room, 'old-format', 2);
      await ring(room, prev, id, updateSetting('old-format', 2));
      await until(() => heard.length === 2, 'the old-format entry');
      expect(keyOf(heard[1]!.payload)).toBe('old-format');
      expect(heard[1]!.summary).toBeUndefined();
      // An update stored without a summary rings the old kind too.
      await writer.store.append([{ room, update: updateSetting('no-summary', 3) }]);
      await until(() => heard.length === 3, 'the update without a summary');
      expect(heard[2]!.summary).toBeUndefined();
      expect(reader.fanout.deliveries.read).toBe(readBefore);
      expect(heard.map((message) => keyOf(message.payload))).toEqual(['with-summary', 'old-format', 'no-summary']);
      // The entry format, as readers decode it.
      const packed = packDoorbellEntry({ kind: 'u', instance: 'w', room, prev: '1-0', id: '2-0', payload: first, summary: summaryOf(first) });
      const header = DoorbellHeader.read(packed);
      expect(header.ids()).toEqual({ prev: '1-0', id: '2-0' });
      expect(header.summary()).toEqual(summaryOf(first));
      expect(header.payload()).toEqual(first);
    } finally {
      await reader.close();
      await writer.close();
    }
  });
});
