import { createHash } from 'node:crypto';

const bucketCacheSize = 100_000;

/** Namespaces keep several deployments (or tests) apart on one Redis and one PostgreSQL. */
export const namespacePattern = /^[a-z0-9_-]{1,40}$/;

/**
 * Where a room lives in Redis. Every key of a room carries one hash tag, `{<namespace>:<bucket>}`, so
 * all of them sit in one Redis Cluster slot and can be read together. Rooms are spread over a fixed
 * number of buckets: a blocking read may only name keys of one slot on a cluster, so each instance
 * runs one read per bucket (a bounded number of connections, whatever the number of rooms).
 */
export class RedisKeys {
  /** Buckets of recently named rooms: every stream read names each room's keys, and SHA-1 per key showed in profiles. */
  private readonly bucketCache = new Map<string, number>();
  /** Update stream keys of recently named rooms: every append names one, and building it showed in the writer's profile. */
  private readonly updatesCache = new Map<string, string>();

  constructor(readonly namespace: string, readonly buckets: number) {
    if (!namespacePattern.test(namespace)) throw new Error(`"${namespace}" is not a namespace (1–40 of a-z, 0-9, "_" or "-")`);
  }

  bucketOf(room: string): number {
    let bucket = this.bucketCache.get(room);
    if (bucket === undefined) {
      bucket = createHash('sha1').update(room).digest().readUInt32BE(0) % this.buckets;
      // Bounded: a server naming more rooms than this starts over (a cache miss only costs a hash).
      if (this.bucketCache.size >= bucketCacheSize) this.bucketCache.clear();
      this.bucketCache.set(room, bucket);
    }
    return bucket;
  }

  /** The room's log of updates, newest last; trimmed once merged into PostgreSQL. */
  updates(room: string): string {
    let key = this.updatesCache.get(room);
    if (key === undefined) {
      key = `${this.tag(this.bucketOf(room))}:updates:${room}`;
      if (this.updatesCache.size >= bucketCacheSize) this.updatesCache.clear();
      this.updatesCache.set(room, key);
    }
    return key;
  }

  /** The room's recent presence messages (capped, never stored). */
  presence(room: string): string {
    return `${this.tag(this.bucketOf(room))}:presence:${room}`;
  }

  /** Set while a compaction of the room is queued, so many instances do not queue it many times. */
  compactionQueued(room: string): string {
    return `${this.tag(this.bucketOf(room))}:queued:${room}`;
  }

  /** An instance's wake-up stream for one bucket: it interrupts the blocking read when rooms change. */
  wake(bucket: number, instance: string): string {
    return `${this.tag(bucket)}:wake:${instance}`;
  }

  /**
   * A bucket's doorbell on a Redis Cluster: one packed entry per update or presence message appended
   * to a room of the bucket (scaleout/doorbell.ts). Readers block on the doorbells, not on every
   * room's streams, and deliver what the entries carry or read the rooms that rang (see RedisStreamFanout).
   */
  doorbell(bucket: number): string {
    return `${this.tag(bucket)}:doorbell`;
  }

  /** The one doorbell every room rings on a single Redis (no slots to keep apart there). */
  get sharedDoorbell(): string {
    return `{${this.namespace}:doorbell}:all`;
  }

  /** The compaction jobs, read by the workers' consumer group. */
  get jobs(): string {
    return `{${this.namespace}:jobs}:compaction`;
  }

  /**
   * The deployment's pub/sub channel for revocations and role changes (scaleout/access-bus.ts). Named
   * like the keys, with its own hash tag; on a Redis Cluster a PUBLISH reaches every node anyway.
   */
  get accessChannel(): string {
    return `{${this.namespace}:access}:changes`;
  }

  /**
   * The personal links handed to one app instance of a workspace by role changes (`<link id>:<expiry>`
   * members), on whichever instance they were made: the next change revokes the earlier ones.
   */
  personalLinks(workspace: string, appInstance: string): string {
    return `{${this.namespace}:access}:personal:${workspace}:${appInstance}`;
  }

  tag(bucket: number): string {
    return `{${this.namespace}:${bucket}}`;
  }
}
