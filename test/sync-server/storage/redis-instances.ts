import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { openScaleoutBackend, type ScaleoutBackend } from '../../../sync-server/scaleout/backend.js';
import { RedisKeys } from '../../../sync-server/scaleout/redis-keys.js';
import { startScaleoutServices, type ScaleoutServices } from '../support/services.js';

/**
 * The set-up the Redis store and fan-out tests share: a real Redis and PostgreSQL started for the
 * test file (stopped after it), a raw Redis connection for writing what an instance would (or would
 * not) write, and instances opened on one namespace, as separate servers would be.
 */
export interface RedisInstances {
  readonly services: ScaleoutServices;
  readonly raw: Redis;
  /** One more instance (without a compaction worker) on the shared namespace (or `options.namespace`). */
  open(options?: { namespace?: string; instance?: string; leanAppends?: boolean }): Promise<ScaleoutBackend>;
  /** The namespace's key names, as the instances use them. */
  readonly keys: RedisKeys;
}

export function useRedisInstances(namespace: string): RedisInstances {
  let services: ScaleoutServices | null = null;
  let raw: Redis | null = null;
  beforeAll(async () => {
    services = await startScaleoutServices();
    raw = new Redis(services.redis.url);
  });
  afterAll(async () => {
    raw?.disconnect();
    await services?.stop();
  });
  const started = <T>(value: T | null): T => {
    if (value === null) throw new Error('Redis and PostgreSQL are not started yet (use them inside a test)');
    return value;
  };
  return {
    get services() { return started(services); },
    get raw() { return started(raw); },
    open: (options = {}) => openScaleoutBackend({
      redisUrl: started(services).redis.url, postgresUrl: started(services).postgres.url, namespace, worker: false,
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
