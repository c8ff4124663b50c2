import { createServer, connect, type Socket } from 'node:net';
import { pino } from 'pino';
import { expect, it } from 'vitest';
import { ScaleoutAccessBus } from '../../../sync-server/scaleout/access-bus.js';
import { PostgresRevocations } from '../../../sync-server/scaleout/postgres-revocations.js';
import { RedisLink } from '../../../sync-server/scaleout/redis-link.js';
import { until, useOwnRedisInstances } from './redis-instances.js';

// flake39, thirty-fifth session: an instance closed while its access subscriber was reconnecting
// ended in "Unhandled Rejection: Connection is closed" (CI, 7 December): the reply to the reconnect's
// ready check, arriving after the close had ended the connection, made it ready; ioredis's own
// SUBSCRIBE (autoResubscribe) then waited on the ended connection and was rejected with no one listening.
const redis = useOwnRedisInstances('bus-reconnect');

it('closes the access bus while its subscriber reconnects with no unhandled rejection', async () => {
  // Migrates the revocation tables.
  await (await redis.open({ instance: 'migrator' })).close();
  const unhandled: unknown[] = [];
  const note = (reason: unknown) => { unhandled.push(reason); };
  process.on('unhandledRejection', note);
  // A proxy to Redis that can hold Redis's replies to a connection back until it is told.
  let holding = false;
  // Set in the proxy's callback: typed so that the checks after it are not narrowed to its first null.
  let heldFrom = null as { client: Socket; held: Buffer[]; sent: string; ended: boolean; release: () => void } | null;
  const sockets = new Set<Socket>();
  const server = createServer({ allowHalfOpen: true }, (client) => {
    const upstream = connect({ host: '127.0.0.1', port: redis.services.redis.port });
    sockets.add(client);
    const state = { client, held: [] as Buffer[], sent: '', ended: false, released: !holding, release: () => undefined as void };
    state.release = () => { state.released = true; for (const chunk of state.held.splice(0)) client.write(chunk); if (state.ended) client.end(); };
    if (holding) heldFrom = state;
    client.on('data', (chunk: Buffer) => { state.sent += chunk.toString('latin1').toLowerCase(); upstream.write(chunk); });
    // Replies up to the ready check's INFO pass (the handshake's); from it on they are held.
    upstream.on('data', (chunk: Buffer) => { if (state.released || !state.sent.includes('$4\r\ninfo')) client.write(chunk); else state.held.push(chunk); });
    const end = () => { client.destroy(); upstream.destroy(); sockets.delete(client); };
    // The client ending its side (a disconnect) is passed on once what was held is delivered.
    client.on('end', () => { state.ended = true; if (state.released) client.end(); });
    client.on('close', end).on('error', end);
    upstream.on('close', () => { if (state.released) end(); }).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const link = RedisLink.open({ kind: 'single', url: redis.services.redis.url }, false);
  const revocations = new PostgresRevocations(redis.services.postgres.url, redis.keys.namespace);
  const bus = new ScaleoutAccessBus({
    instance: 'reconnecting', redis: link, target: { kind: 'single', url: `redis://127.0.0.1:${port}` }, keys: redis.keys, revocations,
    log: pino({ level: 'silent' }), pollMs: 60_000,
  });
  try {
    await bus.start();
    // The subscriber's connection drops; its next one gets no reply to its ready check yet.
    holding = true;
    for (const socket of [...sockets]) socket.destroy();
    await until(() => heldFrom !== null && heldFrom.sent.includes('$4\r\ninfo'), 'the subscriber to connect again and check Redis is ready');
    const reconnected = heldFrom!;
    // Closing ends that connection before it is ready; the reply to its ready check, already on its
    // way, then arrives before the connection's close.
    const closing = bus.close();
    await until(() => reconnected.ended, 'the subscriber to end its connection');
    reconnected.release();
    await closing;
    // A rejection unhandled at the close is reported after the turn it happened in.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(unhandled.map(String)).toEqual([]);
  } finally {
    process.off('unhandledRejection', note);
    await link.close();
    await revocations.close();
    heldFrom?.release();
    for (const socket of [...sockets]) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  }
});

it('hears the access channel again after its subscriber reconnects (it subscribes again itself)', async () => {
  await (await redis.open({ instance: 'migrator' })).close();
  const link = RedisLink.open({ kind: 'single', url: redis.services.redis.url }, false);
  const revocations = new PostgresRevocations(redis.services.postgres.url, redis.keys.namespace);
  const bus = new ScaleoutAccessBus({
    instance: 'resubscribing', redis: link, target: { kind: 'single', url: redis.services.redis.url }, keys: redis.keys, revocations,
    // Only the channel can bring the revocation within the test: the table is read once a minute.
    log: pino({ level: 'silent' }), pollMs: 60_000,
  });
  const heard: string[] = [];
  bus.onRevoked((ids) => heard.push(...ids));
  try {
    await bus.start();
    // Redis drops every client (as a restart does); the bus's subscriber connects again.
    await redis.raw.call('CLIENT', 'KILL', 'TYPE', 'pubsub');
    const id = '0123456789abcdef';
    const message = JSON.stringify({ kind: 'revoked', from: 'elsewhere', links: [{ id, at: 1, exp: 0 }] });
    // Published until heard: the subscriber's new connection takes a retry delay to come.
    await until(() => {
      void redis.raw.publish(redis.keys.accessChannel, message);
      return heard.includes(id);
    }, 'a revocation published on the access channel after the reconnect to be heard');
  } finally {
    await bus.close();
    await link.close();
    await revocations.close();
  }
});
