import { expect, it } from 'vitest';
import { parseRedisUrl, RedisLink, RedisLinkClosedError } from '../../../sync-server/scaleout/redis-link.js';
import { startRedisCluster } from '../support/services.js';
import { documentOf, freshRoom, updateSetting } from '../contracts/update-store-contract.js';
import { until, useOwnRedisInstances } from './redis-instances.js';

// redisclose40, thirty-sixth session: in ioredis 6.0.0, disconnect() while a client waits to reconnect
// (its retry timer pending) clears the timer and emits no close, so the commands it holds stay pending
// for ever. The stream fanout's and the compaction worker's blocking links were stopped that way and
// their loops awaited the read they held: an instance closed while Redis was away (right after a Redis
// restart, or with Redis down at a server's SIGTERM) never finished closing. Each test below puts a link
// in that state for real (Redis killed and left down; the link's state read in the same turn as the
// close starts), then waits a bounded time for the close and, if it is still pending, says what waits.
const redis = useOwnRedisInstances('redis-close');

/** Time given to a close that should end at once; past it the close is reported as stuck (it hung for ever before the fix). */
const stuckAfterMs = 10_000;

/** 'settled' once `promise` settles; otherwise, after stuckAfterMs, what `pending()` says still waits. */
async function settledOrPending(promise: Promise<unknown>, pending: () => string): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const outcome = await Promise.race([
    promise.then(() => 'settled', (error: unknown) => `settled (rejected: ${String(error)})`),
    new Promise<string>((resolve) => { timer = setTimeout(() => resolve(`still pending after ${stuckAfterMs / 1000} s: ${pending()}`), stuckAfterMs); }),
  ]);
  clearTimeout(timer);
  return outcome;
}

/** What a command's promise came to, kept for the report (without waiting). */
function watched(promise: Promise<unknown>): { readonly outcome: () => string } {
  let outcome = 'pending';
  promise.then(() => { outcome = 'resolved'; }, (error: unknown) => { outcome = `rejected (${error instanceof Error ? error.constructor.name : 'unknown'})`; });
  return { outcome: () => outcome };
}

it('a blocking link closed or dropped while it waits to reconnect rejects the read it holds', async () => {
  const target = { kind: 'single' as const, url: redis.services.redis.url };
  const dropped = RedisLink.open(target, true);
  const closed = RedisLink.open(target, true);
  try {
    await dropped.command('PING');
    await closed.command('PING');
    // Each blocks on a stream nobody writes; Redis then goes away and stays away.
    const reads = [dropped, closed].map((link) => link.command('XREAD', 'BLOCK', 0, 'STREAMS', `${redis.keys.namespace}:nothing`, '$'));
    const outcomes = reads.map(watched);
    await redis.services.redis.crash();
    await until(() => dropped.status === 'reconnecting' && closed.status === 'reconnecting', 'both links to wait to reconnect');
    // In this same turn (no I/O in between): the links are still waiting to reconnect as they are closed.
    expect([dropped.status, closed.status, dropped.waitingCount, closed.waitingCount]).toEqual(['reconnecting', 'reconnecting', 1, 1]);
    dropped.disconnect();
    const closing = closed.close();
    const report = () => `dropped link: ${dropped.status}, read ${outcomes[0]!.outcome()}; closed link: ${closed.status}, read ${outcomes[1]!.outcome()}`;
    expect(await settledOrPending(Promise.allSettled([...reads, closing]), report)).toBe('settled');
    await expect(reads[0]).rejects.toBeInstanceOf(RedisLinkClosedError);
    await expect(reads[1]).rejects.toBeInstanceOf(RedisLinkClosedError);
    // A command after the close is refused at once, not queued for a connection that never comes.
    await expect(closed.command('PING')).rejects.toBeInstanceOf(RedisLinkClosedError);
  } finally {
    dropped.disconnect();
    closed.disconnect();
    await redis.services.redis.start();
  }
});

it('closes the stream fanout while its reading link waits to reconnect after Redis went away', async () => {
  const backend = await redis.open({ instance: 'fanout-closing' });
  const room = freshRoom();
  let stuck = false;
  try {
    const unsubscribe = backend.fanout.subscribe(room, () => undefined);
    // The reader blocks on the doorbell (its read waits on Redis).
    await until(() => backend.fanout.readerLinks[0]?.status === 'ready' && backend.fanout.readerLinks[0].waiting === 1, 'the reader to block on the doorbell');
    await redis.services.redis.crash();
    await until(() => backend.fanout.readerLinks[0]?.status === 'reconnecting' && backend.fanout.readerLinks[0].waiting === 1, 'the reading link to wait to reconnect, holding its read');
    expect(backend.fanout.readerLinks).toEqual([{ status: 'reconnecting', waiting: 1 }]);
    const closing = backend.fanout.close();
    const outcome = await settledOrPending(closing, () => `reader links ${JSON.stringify(backend.fanout.readerLinks)}`);
    stuck = outcome !== 'settled';
    expect(outcome).toBe('settled');
    unsubscribe();
  } finally {
    await redis.services.redis.start();
    // A fanout stuck (the old code) never finishes closing: the rest of the instance is not waited for.
    if (stuck) void backend.close();
    else await backend.close();
  }
});

it('closes a whole instance, its compaction worker too, while Redis is away, and keeps every acknowledged update', async () => {
  const backend = await redis.open({ instance: 'instance-closing', worker: true });
  const room = freshRoom();
  let stuck = false;
  try {
    // Acknowledged: each append resolved, so Redis (appendfsync always) holds it.
    for (let n = 0; n < 5; n++) await backend.store.append([{ room, update: updateSetting(`k${n}`, n) }]);
    const unsubscribe = backend.fanout.subscribe(room, () => undefined);
    const worker = backend.worker!;
    await until(() => backend.fanout.readerLinks[0]?.status === 'ready' && backend.fanout.readerLinks[0].waiting === 1 && worker.linkState.waiting === 1,
      'the reader and the worker to block on Redis');
    await redis.services.redis.crash();
    await until(() => backend.fanout.readerLinks[0]?.status === 'reconnecting' && backend.fanout.readerLinks[0].waiting === 1
      && worker.linkState.status === 'reconnecting' && worker.linkState.waiting === 1, 'both blocking links to wait to reconnect, each holding its read');
    const states = { reader: backend.fanout.readerLinks[0], worker: worker.linkState };
    expect(states).toEqual({ reader: { status: 'reconnecting', waiting: 1 }, worker: { status: 'reconnecting', waiting: 1 } });
    unsubscribe();
    const closing = backend.close();
    const outcome = await settledOrPending(closing, () => `reader links ${JSON.stringify(backend.fanout.readerLinks)}, worker link ${JSON.stringify(worker.linkState)}`);
    stuck = outcome !== 'settled';
    expect(outcome).toBe('settled');
  } finally {
    await redis.services.redis.start();
    if (stuck) void backend.close();
  }
  // Nothing acknowledged was lost: another instance reads all of it once Redis is back.
  const reader = await redis.open({ instance: 'reading-after' });
  try {
    const loaded = await reader.store.load(room);
    expect(documentOf(loaded.updates)).toEqual({ k0: 0, k1: 1, k2: 2, k3: 3, k4: 4 });
  } finally {
    await reader.close();
  }
});

it('closes an instance whose Redis stopped answering: each QUIT is given a bounded time, then the connection is dropped', async () => {
  const backend = await redis.open({ instance: 'unanswered' });
  const link = RedisLink.open({ kind: 'single', url: redis.services.redis.url }, false);
  let stuck = false;
  try {
    await link.command('PING');
    // Redis keeps every connection open and answers nothing: a QUIT sent now is never answered.
    redis.services.redis.pause();
    const closing = Promise.all([link.close(), backend.close()]);
    const outcome = await settledOrPending(closing, () => `the link is ${link.status}; the instance's close has not returned`);
    stuck = outcome !== 'settled';
    expect(outcome).toBe('settled');
    await expect(link.command('PING')).rejects.toBeInstanceOf(RedisLinkClosedError);
  } finally {
    redis.services.redis.resume();
    if (!stuck) await Promise.all([link.close(), backend.close()]);
  }
});

it('a blocking link on a Redis Cluster dropped while the cluster waits to reconnect rejects the read it holds', async () => {
  // The same in ioredis's cluster client: disconnect() while it waits to reconnect leaves it
  // 'disconnecting' for ever, its queued commands pending.
  const cluster = await startRedisCluster();
  const link = RedisLink.open(parseRedisUrl(cluster.url), true);
  try {
    await link.command('PING');
    const read = link.command('XREAD', 'BLOCK', 0, 'STREAMS', '{close}nothing', '$');
    const outcome = watched(read);
    for (const node of cluster.nodes) await node.crash();
    await until(() => link.status === 'reconnecting' && link.waitingCount === 1, 'the cluster link to wait to reconnect, holding its read');
    link.disconnect();
    expect(await settledOrPending(read, () => `cluster link ${link.status}, read ${outcome.outcome()}`)).toMatch(/^settled/);
    await expect(read).rejects.toBeInstanceOf(RedisLinkClosedError);
  } finally {
    link.disconnect();
    for (const node of cluster.nodes) await node.start();
    await cluster.stop();
  }
});
