import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { openScaleoutBackend, type ScaleoutBackend } from '../../../sync-server/scaleout/backend.js';
import { RedisKeys } from '../../../sync-server/scaleout/redis-keys.js';
import { startScaleoutServices, type ScaleoutServices } from '../support/services.js';
import { sharedScaleoutServices, type SharedScaleoutServices } from '../support/shared-services.js';

/**
 * The set-up the Redis store and fan-out tests share: a real Redis and PostgreSQL (the run's shared
 * pair, or with `own` a pair started for the test file and stopped after it), a raw Redis connection
 * for writing what an instance would (or would not) write, and instances opened on one namespace, as
 * separate servers would be.
 */
export interface RedisInstances<Services extends SharedScaleoutServices = SharedScaleoutServices> {
  readonly services: Services;
  readonly raw: Redis;
  /** One more instance (without a compaction worker unless `options.worker`) on the shared namespace (or `options.namespace`). */
  open(options?: { namespace?: string; instance?: string; leanAppends?: boolean; sweepMs?: number; worker?: boolean }): Promise<ScaleoutBackend>;
  /** The namespace's key names, as the instances use them. */
  readonly keys: RedisKeys;
}

/**
 * Instances on the run's shared Redis and PostgreSQL (`sharedScaleoutServices`): for files that keep to
 * `namespace` and leave the servers as they are. The file's project must name scaleout-global-setup.ts.
 */
export function useRedisInstances(namespace: string): RedisInstances {
  return redisInstances(namespace, async () => ({ services: sharedScaleoutServices(), stop: async () => undefined }));
}

/** Instances on a Redis and PostgreSQL of the file's own, for tests that kill them or count their clients. */
export function useOwnRedisInstances(namespace: string): RedisInstances<ScaleoutServices> {
  return redisInstances(namespace, async () => {
    const services = await startScaleoutServices();
    return { services, stop: () => services.stop() };
  });
}

function redisInstances<Services extends SharedScaleoutServices>(namespace: string, start: () => Promise<{ services: Services; stop: () => Promise<void> }>): RedisInstances<Services> {
  let started: { services: Services; stop: () => Promise<void> } | null = null;
  let raw: Redis | null = null;
  beforeAll(async () => {
    started = await start();
    raw = new Redis(started.services.redis.url);
    // Files that crash Redis: its reconnect attempts fail meanwhile (ioredis prints an unhandled 'error' event otherwise).
    raw.on('error', () => undefined);
  });
  afterAll(async () => {
    raw?.disconnect();
    await started?.stop();
  });
  const ready = <T>(value: T | null): T => {
    if (value === null) throw new Error('Redis and PostgreSQL are not started yet (use them inside a test)');
    return value;
  };
  return {
    get services() { return ready(started).services; },
    get raw() { return ready(raw); },
    open: (options = {}) => openScaleoutBackend({
      redisUrl: ready(started).services.redis.url, postgresUrl: ready(started).services.postgres.url, namespace, worker: false,
      log: pino({ level: process.env.SYNC_TEST_LOG ?? 'silent' }), ...options,
    }),
    keys: new RedisKeys(namespace, 16),
  };
}

/** Waits until `condition` holds, or fails naming `what` after `limitMs`. */
export async function until(condition: () => boolean, what: string, limitMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > limitMs) throw new Error(`gave up waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
