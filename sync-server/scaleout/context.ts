import type { Logger } from 'pino';
import type { PostgresSnapshots } from '../storage/postgres-snapshots.js';
import type { RedisKeys } from './redis-keys.js';
import type { RedisLink, RedisTarget } from './redis-link.js';

/** What the store, the fan-out and the compaction worker of one instance share. */
export interface ScaleoutContext {
  /** This instance's name in stream entries (its own entries are skipped when read back). */
  readonly instance: string;
  readonly redis: RedisLink;
  readonly target: RedisTarget;
  readonly keys: RedisKeys;
  readonly snapshots: PostgresSnapshots;
  readonly log: Logger;
  /** Where each room's stream was read up to when it was last loaded: its subscription starts there. */
  readonly loadedThrough: Map<string, string>;
  /** Queues a compaction of `room` (at most one queued per room at a time). */
  requestCompaction(room: string): Promise<void>;
}
