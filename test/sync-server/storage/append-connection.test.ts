import { createServer, connect, type Server, type Socket } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseUpdate } from '../../../sync-server/protocol/update-format.js';
import { encodeSummary, summarise } from '../../../sync-server/protocol/update-summary.js';
import { AppendConnection, AppendConnectionError, appendConnectionName, AppendReplyError, appendTargetOf } from '../../../sync-server/scaleout/append-connection.js';
import type { ScaleoutBackend } from '../../../sync-server/scaleout/backend.js';
import { DoorbellHeader } from '../../../sync-server/scaleout/doorbell-entry.js';
import { encodeAppend, encodeAppendHead } from '../../../sync-server/scaleout/doorbell.js';
import { RedisKeys } from '../../../sync-server/scaleout/redis-keys.js';
import { parsePackedEntries, parseRange } from '../../../sync-server/scaleout/stream-replies.js';
import { streamIdNumber } from '../../../sync-server/scaleout/stream-id.js';
import { documentOf, freshRoom, updateSetting } from '../contracts/update-store-contract.js';
import { useOwnRedisInstances } from './redis-instances.js';

// On a single Redis an instance sends its appends over a connection of its own, written and read
// without ioredis (scaleout/append-connection.ts, eleventh scale-out run). These tests hold it to
// what the ioredis path did: the same stream and doorbell entries for the same batches, every
// acknowledged append kept through kill -9 of Redis (the ones in flight refused, never reported
// stored), and replies read right however Redis's bytes are cut into reads.

// Its own Redis: one test kills it, another counts its clients.
const redis = useOwnRedisInstances('lean');

/** A room's stream entries as (fields) with their ids, and the doorbell's entries of that room, ids made relative. */
async function recorded(namespace: string, rooms: readonly string[]): Promise<unknown> {
  const keys = new RedisKeys(namespace, 16);
  const doorbell = parsePackedEntries(await redis.raw.xreadBuffer('COUNT', 100_000, 'STREAMS', keys.sharedDoorbell, '0-0'))[0]?.packed ?? [];
  const result: Record<string, unknown> = {};
  for (const [n, room] of rooms.entries()) {
    const entries = parseRange(await redis.raw.xrangeBuffer(keys.updates(room), '-', '+'));
    const place = (id: string) => (id === '0-0' ? -1 : entries.findIndex((entry) => entry.id === id));
    const rung = doorbell.map((bytes) => DoorbellHeader.read(bytes)).filter((header) => header.room === room).map((header) => {
      const { prev, id } = header.ids();
      return { kind: header.kind, carried: header.carried, instance: header.instance, prev: place(prev), at: place(id), summary: Buffer.from(header.summary() ?? []).toString('hex'), payload: Buffer.from(header.payload()).toString('hex') };
    });
    result[`room ${n}`] = { entries: entries.map((entry) => Object.fromEntries([...entry.fields].map(([name, value]) => [name, value.toString('hex')]))), rung };
  }
  return result;
}

/** Names of the Redis connections now open. */
async function connectionNames(): Promise<string[]> {
  const list = await redis.raw.client('LIST') as string;
  return list.split('\n').map((line) => /(?:^| )name=(\S*)/.exec(line)?.[1] ?? '').filter((name) => name !== '');
}

describe('appends over their own connection (single Redis)', () => {
  it('write the same stream and doorbell entries as appends sent through ioredis, and answer each batch with its entries\' ids', async () => {
    let run = 0;
    await fc.assert(fc.asyncProperty(
      fc.array(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 5 }),
      fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
      async (batches, withSummary) => {
        run++;
        const rooms = Array.from({ length: 4 }, () => freshRoom());
        // The same update bytes for both paths (an update carries a random client id).
        let n = 0;
        const batchList = batches.map((picks) => picks.map((pick) => {
          const update = updateSetting(`r${run}-u${n}`, n);
          const summary = withSummary[n++ % withSummary.length] ? encodeSummary(summarise(parseUpdate(update))) : undefined;
          return summary === undefined ? { room: rooms[pick]!, update } : { room: rooms[pick]!, update, summary };
        }));
        const last = updateSetting(`r${run}-last`, n + 1);
        const backends: ScaleoutBackend[] = [];
        try {
          for (const leanAppends of [true, false]) {
            const namespace = `lean-${run}-${String(leanAppends)}`;
            const backend = await redis.open({ namespace, instance: 'writer', leanAppends });
            backends.push(backend);
            for (const batch of batchList) {
              const ids = await backend.store.append(batch);
              // Each update's id is its entry's in its room's stream.
              for (const [index, { room }] of batch.entries()) {
                const entries = parseRange(await redis.raw.xrangeBuffer(new RedisKeys(namespace, 16).updates(room), '-', '+'));
                expect(entries.map((entry) => streamIdNumber(entry.id))).toContain(ids[index]);
              }
            }
            // A presence append goes the same way (and before the update appended after it).
            backend.fanout.publish(rooms[0]!, { kind: 'awareness', instance: 'writer', payload: new Uint8Array([1, 2, 3]) });
            await backend.store.append([{ room: rooms[1]!, update: last }]);
          }
          const lean = await recorded(`lean-${run}-true`, rooms);
          const viaIoredis = await recorded(`lean-${run}-false`, rooms);
          expect(lean).toEqual(viaIoredis);
          expect(await connectionNames()).toContain(appendConnectionName);
        } finally {
          for (const backend of backends) await backend.close();
        }
      },
    ), { numRuns: 8 });
  });

  it('keeps every append Redis acknowledged through kill -9 of Redis; appends in flight are refused, and the next one connects again', async () => {
    const writer = await redis.open({ instance: 'crash-writer' });
    try {
      const room = freshRoom();
      const acknowledged: string[] = [];
      const refused: unknown[] = [];
      const appends: Promise<void>[] = [];
      let n = 0;
      const sendSome = () => {
        for (let i = 0; i < 5; i++) {
          const key = `k${n++}`;
          appends.push(writer.store.append([{ room, update: updateSetting(key, n) }]).then(() => { acknowledged.push(key); }, (error: unknown) => { refused.push(error); }));
        }
      };
      // Appends keep going out while Redis is killed and started again.
      const sending = setInterval(sendSome, 2);
      await new Promise((resolve) => setTimeout(resolve, 150));
      await redis.services.redis.crashAndRestart();
      clearInterval(sending);
      await Promise.all(appends);
      // Redis is back: appends are stored again. The connection may not have heard yet that the old
      // Redis is gone (its close can wait behind the restart's own events, CI of 6 December): an append
      // sent on it then is refused as sent on a lost connection, never reported stored, and the one after
      // it connects again. So: stored at the first or the second try.
      for (let attempt = 0; ; attempt++) {
        const key = `after-${attempt}`;
        try {
          await writer.store.append([{ room, update: updateSetting(key, n + 1 + attempt) }]);
          acknowledged.push(key);
          break;
        } catch (error) {
          if (attempt > 0 || !(error instanceof AppendConnectionError)) throw error;
          refused.push(error);
        }
      }
      const stored = new Set(Object.keys(documentOf((await writer.store.load(room)).updates)));
      expect(acknowledged.filter((key) => !stored.has(key))).toEqual([]);
      // The test saw both sides: appends stored before the kill, and appends refused while Redis was away.
      expect(acknowledged.length).toBeGreaterThan(1);
      expect(refused.length).toBeGreaterThan(0);
      // Refused because the connection was lost or could not be made, or, once Redis is up but still
      // reading its append-only file, with its LOADING reply: never anything else.
      for (const error of refused) expect(error instanceof AppendConnectionError || (error instanceof AppendReplyError && error.message.startsWith('LOADING'))).toBe(true);
    } finally {
      await writer.close();
    }
  });

  it('reads each reply right however Redis\'s bytes are cut into reads', async () => {
    const target = appendTargetOf(redis.services.redis.url)!;
    const { server, port } = await cuttingProxy(target.port);
    const connection = new AppendConnection({ ...target, host: '127.0.0.1', port });
    try {
      const keys = new RedisKeys('lean-cut', 16);
      const rooms = Array.from({ length: 3 }, () => freshRoom());
      const sent: { room: string; reply: Promise<unknown> }[] = [];
      for (let n = 0; n < 60; n++) {
        const room = rooms[n % 3]!;
        const head = encodeAppendHead({ streamKey: keys.updates(room), doorbellKey: keys.sharedDoorbell, doorbellLength: 16_000, instance: 'cut', room, kind: 'u', options: { cap: 0, expireMs: 0 } });
        // One, two or three updates per command: replies of several ids.
        const payloads = Array.from({ length: 1 + (n % 3) }, (_, i) => [new Uint8Array(0), updateSetting(`c${n}-${i}`, n)]).flat();
        sent.push({ room, reply: connection.send(encodeAppend(head, payloads)) });
        if (n % 7 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
      }
      const replies = await Promise.all(sent.map(({ reply }) => reply));
      for (const room of rooms) {
        const ids = parseRange(await redis.raw.xrangeBuffer(keys.updates(room), '-', '+')).map((entry) => entry.id);
        expect(sent.flatMap(({ room: of }, index) => (of === room ? replies[index] as string[] : []))).toEqual(ids);
      }
      // A refused command rejects alone, and the connection goes on.
      await redis.raw.set('lean-cut-not-a-stream', 'x');
      const wrongHead = encodeAppendHead({ streamKey: 'lean-cut-not-a-stream', doorbellKey: keys.sharedDoorbell, doorbellLength: 16_000, instance: 'cut', room: 'x', kind: 'u', options: { cap: 0, expireMs: 0 } });
      await expect(connection.send(encodeAppend(wrongHead, [new Uint8Array(0), updateSetting('w', 1)]))).rejects.toThrow(/WRONGTYPE/);
      const head = encodeAppendHead({ streamKey: keys.updates(rooms[0]!), doorbellKey: keys.sharedDoorbell, doorbellLength: 16_000, instance: 'cut', room: rooms[0]!, kind: 'u', options: { cap: 0, expireMs: 0 } });
      expect(await connection.send(encodeAppend(head, [new Uint8Array(0), updateSetting('last', 99)]))).toHaveLength(1);
    } finally {
      connection.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

/**
 * A proxy to Redis that passes its replies on in pieces of 1-9 bytes, a few milliseconds apart, so the
 * connection's reads end anywhere: inside a length, between \r and \n, inside an id, between replies.
 */
async function cuttingProxy(redisPort: number): Promise<{ server: Server; port: number }> {
  let seed = 7;
  const random = () => { seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648; return seed / 2_147_483_648; };
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    client.setNoDelay(true);
    const upstream = connect({ host: '127.0.0.1', port: redisPort });
    sockets.add(client);
    client.pipe(upstream);
    let queue = Promise.resolve();
    upstream.on('data', (chunk: Buffer) => {
      queue = queue.then(async () => {
        for (let at = 0; at < chunk.length;) {
          const size = 1 + Math.floor(random() * 9);
          client.write(chunk.subarray(at, at + size));
          at += size;
          await new Promise((resolve) => setTimeout(resolve, 1));
        }
      });
    });
    const end = () => { client.destroy(); upstream.destroy(); sockets.delete(client); };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const close = server.close.bind(server);
  server.close = ((callback?: (error?: Error) => void) => { for (const socket of sockets) socket.destroy(); return close(callback); }) as typeof server.close;
  return { server, port };
}
