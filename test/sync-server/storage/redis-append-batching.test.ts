import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FanoutMessage } from '../../../sync-server/fanout.js';
import { parseUpdate } from '../../../sync-server/protocol/update-format.js';
import { encodeSummary, summarise } from '../../../sync-server/protocol/update-summary.js';
import type { ScaleoutBackend } from '../../../sync-server/scaleout/backend.js';
import { documentOf, freshRoom, updateSetting } from '../contracts/update-store-contract.js';
import { until, useRedisInstances } from './redis-instances.js';

// The Redis store sends a batch's appends together (one XADD per room with one update, one MULTI per
// room with several, all queued into one write) and rings each room's bucket doorbell behind them;
// other instances read only the rooms that rang, and sweep every room now and then. These tests hold
// that to: per-room order, all-or-nothing per room, nothing lost when Redis refuses part of a batch,
// and delivery even when a doorbell is lost.

const redis = useRedisInstances('batching');
const { open, keys } = redis;

/** Everything another instance hears of `rooms`, per room, in arrival order (after each room loaded). */
async function listen(on: ScaleoutBackend, rooms: readonly string[]): Promise<Map<string, FanoutMessage[]>> {
  const heard = new Map<string, FanoutMessage[]>();
  for (const room of rooms) {
    await on.store.load(room);
    const list: FanoutMessage[] = [];
    heard.set(room, list);
    on.fanout.subscribe(room, (message) => { if (message.instance !== on.instance) list.push(message); });
  }
  return heard;
}

const keyOf = (update: Uint8Array) => Object.keys(documentOf([update]))[0]!;

describe('Redis store: batched appends', () => {
  it('keeps every update, in each room\'s order, in storage and at another instance, whatever the mix of rooms per batch', async () => {
    const writer = await open();
    const reader = await open();
    try {
      let run = 0;
      await fc.assert(fc.asyncProperty(
        // Batches of (room index) picks: rooms appear once, several times or not at all in a batch.
        fc.array(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        async (batches, concurrent) => {
          run++;
          const rooms = Array.from({ length: 5 }, () => freshRoom());
          const heard = await listen(reader, rooms);
          const expected = new Map<string, string[]>(rooms.map((room) => [room, []]));
          const appends: Promise<number[]>[] = [];
          let n = 0;
          for (const picks of batches) {
            const batch = picks.map((pick) => {
              const room = rooms[pick]!;
              const key = `r${run}-u${n++}`;
              expected.get(room)!.push(key);
              const update = updateSetting(key, n);
              // Every other update with its summary (as a stateless room sends it): both kinds of
              // doorbell entry interleave in one script call.
              return n % 2 === 0 ? { room, update, summary: encodeSummary(summarise(parseUpdate(update))) } : { room, update };
            });
            const appended = writer.store.append(batch);
            // The server stores batches one at a time; issuing them back to back must keep order too.
            if (concurrent) appends.push(appended);
            else await appended;
          }
          await Promise.all(appends);
          for (const room of rooms) {
            const loaded = await writer.store.load(room);
            expect(loaded.updates.map(keyOf)).toEqual(expected.get(room));
          }
          const total = [...expected.values()].reduce((sum, list) => sum + list.length, 0);
          await until(() => [...heard.values()].reduce((sum, list) => sum + list.length, 0) >= total, 'every update at the other instance');
          for (const room of rooms) expect(heard.get(room)!.map((message) => keyOf(message.payload))).toEqual(expected.get(room));
          for (const message of [...heard.values()].flat()) {
            if (message.summary !== undefined) expect(message.summary).toEqual(encodeSummary(summarise(parseUpdate(message.payload))));
          }
        },
      ), { numRuns: 15 });
    } finally {
      await writer.close();
      await reader.close();
    }
  });

  it('when Redis refuses one room\'s append, the other rooms of the batch are stored whole and the refused one not at all; resending loses nothing', async () => {
    const writer = await open();
    try {
      const [single, several, refused] = [freshRoom(), freshRoom(), freshRoom()];
      // A key of the wrong type makes Redis refuse the XADD of that room (WRONGTYPE), mid-batch.
      await redis.raw.set(keys.updates(refused), 'not a stream');
      const batch = [
        { room: several, update: updateSetting('s1', 1) },
        { room: single, update: updateSetting('a', 1) },
        { room: refused, update: updateSetting('x1', 1) },
        { room: several, update: updateSetting('s2', 2) },
        { room: refused, update: updateSetting('x2', 2) },
        { room: several, update: updateSetting('s3', 3) },
      ];
      await expect(writer.store.append(batch)).rejects.toThrow(/WRONGTYPE/);
      expect((await writer.store.load(single)).updates.map(keyOf)).toEqual(['a']);
      expect((await writer.store.load(several)).updates.map(keyOf)).toEqual(['s1', 's2', 's3']);
      await redis.raw.del(keys.updates(refused));
      expect((await writer.store.load(refused)).updates).toEqual([]);
      // The server tells the writers of a failed batch; their clients keep the updates and send them again.
      await writer.store.append(batch.filter((entry) => entry.room === refused));
      expect((await writer.store.load(refused)).updates.map(keyOf)).toEqual(['x1', 'x2']);
    } finally {
      await writer.close();
    }
  });

  it('updates and presence of one room appended by turns land in their own streams and reach another instance as what they are', async () => {
    // The writer keeps one encoded append head per room and kind (twenty-third session); a head made
    // for one stream must never be used for the other.
    const [writer, reader] = [await open(), await open()];
    const room = freshRoom();
    try {
      const heard = await listen(reader, [room]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      for (let n = 1; n <= 3; n++) {
        await writer.store.append([{ room, update: updateSetting(`u${n}`, n) }]);
        writer.fanout.publish(room, { kind: 'awareness', instance: writer.instance, payload: new Uint8Array([n]) });
        await until(() => heard.get(room)!.length === 2 * n, `update and presence ${n} at the other instance`);
      }
      expect(heard.get(room)!.map((message) => message.kind === 'update' ? keyOf(message.payload) : `presence ${message.payload[0]!}`))
        .toEqual(['u1', 'presence 1', 'u2', 'presence 2', 'u3', 'presence 3']);
      expect((await writer.store.load(room)).updates.map(keyOf)).toEqual(['u1', 'u2', 'u3']);
      expect(await redis.raw.xlen(keys.presence(room))).toBe(3);
    } finally {
      await reader.close();
      await writer.close();
    }
  });

  it('an update whose doorbell never rang still reaches the other instance (by its sweep of every room)', async () => {
    const reader = await open();
    const room = freshRoom();
    try {
      const heard = await listen(reader, [room]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      // An entry appended without its doorbell: what an instance killed between the two leaves.
      await redis.raw.xadd(keys.updates(room), '*', 'i', 'killed-instance', 'u', Buffer.from(updateSetting('quiet', 1)));
      await until(() => heard.get(room)!.length > 0, 'the update without a doorbell');
      expect(heard.get(room)!.map((message) => keyOf(message.payload))).toEqual(['quiet']);
    } finally {
      await reader.close();
    }
  });
});
