import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { RedisStreamFanout } from '../fanout-redis.js';
import { PostgresSnapshots } from '../storage/postgres-snapshots.js';
import { RedisStreamStore } from '../storage/redis-stream-store.js';
import { ScaleoutAccessBus } from './access-bus.js';
import { CompactionWorker, type CompactionStage } from './compaction-worker.js';
import type { ScaleoutContext } from './context.js';
import { RedisKeys } from './redis-keys.js';
import { PostgresRevocations } from './postgres-revocations.js';
import { appendTargetOf } from './append-connection.js';
import { CachedBackendsProbe, type BackendsProbe } from './backends-probe.js';
import { parseRedisUrl, RedisLink } from './redis-link.js';
import type { SharedAccess } from './shared-access.js';

export interface ScaleoutOptions {
  readonly redisUrl: string;
  readonly postgresUrl: string;
  /** Keeps deployments (or tests) sharing one Redis and one PostgreSQL apart. */
  readonly namespace?: string;
  /** Rooms are spread over this many hash tags; on a cluster each instance reads each with one connection. */
  readonly buckets?: number;
  /** Whether this instance takes compaction jobs (any number of instances may). */
  readonly worker?: boolean;
  readonly leaseMs?: number;
  readonly trimDelayMs?: number;
  readonly maxEntries?: number;
  readonly instance?: string;
  readonly log: Logger;
  readonly onStage?: (stage: CompactionStage, room: string) => Promise<void> | void;
  /** Appends over their own lean connection on a single Redis (default; see append-connection.ts); false: through ioredis. */
  readonly leanAppends?: boolean;
  /** How often revocations are read from PostgreSQL besides the Redis messages (access-bus.ts). */
  readonly accessPollMs?: number;
  /**
   * How often every subscribed room is read even if no doorbell named it (fanout-redis.ts; 2 s). Only
   * tests change it: one that holds the doorbells alone to delivering every update sets it past its length.
   */
  readonly sweepMs?: number;
}

export interface ScaleoutBackend {
  readonly instance: string;
  readonly store: RedisStreamStore;
  readonly fanout: RedisStreamFanout;
  readonly worker: CompactionWorker | null;
  /** Revocations and role changes shared by the deployment's instances (the server's `access` part). */
  readonly access: SharedAccess;
  /** Whether Redis and PostgreSQL answer (the server's `backends` part: GET /health). */
  readonly backends: BackendsProbe;
  /** Stops reading and working, and closes Redis and PostgreSQL (also what store.close() does). */
  close(): Promise<void>;
}

/**
 * `url` without its user name and password, for messages and logs: a wrong password must not end up in
 * a log file or a terminal's scrollback (review42b: Redis's was printed whole, PostgreSQL's was hidden).
 */
export function withoutCredentials(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//…@');
}

/**
 * Connects one instance to Redis and PostgreSQL: the store and fan-out the server runs on, and (unless
 * turned off) a compaction worker. Fails with a clear error when either cannot be reached.
 */
export async function openScaleoutBackend(options: ScaleoutOptions): Promise<ScaleoutBackend> {
  const target = parseRedisUrl(options.redisUrl);
  const instance = options.instance ?? randomUUID();
  const leaseMs = options.leaseMs ?? 30_000;
  const keys = new RedisKeys(options.namespace ?? 'throughline', options.buckets ?? 16);
  const redis = RedisLink.open(target, false, { leanAppends: options.leanAppends !== false });
  const snapshots = new PostgresSnapshots(options.postgresUrl, keys.namespace);
  const revocations = new PostgresRevocations(options.postgresUrl, keys.namespace);
  try {
    await redis.command('PING');
    // ioredis only logs a SELECT it could not make at connect and goes on in database 0, while the
    // appends' own connection refuses every write (review42b: the server listened, every edit got 4507).
    const db = target.kind === 'single' ? appendTargetOf(target.url)?.db ?? 0 : 0;
    if (db !== 0) await redis.command('SELECT', db);
  } catch (error) {
    await redis.close();
    await snapshots.close();
    await revocations.close();
    throw new Error(`cannot use Redis at ${withoutCredentials(options.redisUrl)}: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    await snapshots.migrate();
    await revocations.migrate();
    await revocations.migrateMinted(Math.floor(Date.now() / 1000));
  } catch (error) {
    await redis.close();
    await snapshots.close();
    await revocations.close();
    throw new Error(`cannot use PostgreSQL at ${withoutCredentials(options.postgresUrl)}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const context: ScaleoutContext = {
    instance,
    redis,
    target,
    keys,
    snapshots,
    log: options.log,
    loadedThrough: new Map(),
    async requestCompaction(room) {
      const queued = await redis.command('SET', keys.compactionQueued(room), instance, 'PX', leaseMs, 'NX');
      if (queued !== null) await redis.command('XADD', keys.jobs, 'MAXLEN', '~', 100_000, '*', 'r', room);
    },
  };
  // Before the server takes its first connection: an instance started after a revocation refuses the link.
  const access = new ScaleoutAccessBus({ instance, redis, target, keys, revocations, log: options.log, ...(options.accessPollMs === undefined ? {} : { pollMs: options.accessPollMs }) });
  try {
    await access.start();
  } catch (error) {
    await access.close().catch(() => undefined);
    await redis.close();
    await snapshots.close();
    await revocations.close();
    throw new Error(`cannot read the revoked links: ${error instanceof Error ? error.message : String(error)}`);
  }
  const fanout = new RedisStreamFanout(context, options.sweepMs);
  const worker = options.worker === false ? null : new CompactionWorker(context, {
    leaseMs, trimDelayMs: options.trimDelayMs ?? 30_000, maxEntries: options.maxEntries ?? 20_000,
    ...(options.onStage ? { onStage: options.onStage } : {}),
  });
  let closing: Promise<void> | null = null;
  const close = () => (closing ??= (async () => {
    await fanout.close();
    await worker?.stop();
    await access.close();
    await redis.close();
    await snapshots.close();
    await revocations.close();
  })());
  const store = new RedisStreamStore(context, close);
  const backends = new CachedBackendsProbe(redis, snapshots);
  return { instance, store, fanout, worker, access, backends, close: async () => { await store.close(); } };
}
