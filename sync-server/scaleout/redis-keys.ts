import { createHash } from 'node:crypto';

/** Namespaces keep several deployments (or tests) apart on one Redis and one PostgreSQL. */
export const namespacePattern = /^[a-z0-9_-]{1,40}$/;

/**
 * Where a room lives in Redis. Every key of a room carries one hash tag, `{<namespace>:<bucket>}`, so
 * all of them sit in one Redis Cluster slot and can be read together. Rooms are spread over a fixed
 * number of buckets: a blocking read may only name keys of one slot on a cluster, so each instance
 * runs one read per bucket (a bounded number of connections, whatever the number of rooms).
 */
export class RedisKeys {
  constructor(readonly namespace: string, readonly buckets: number) {
    if (!namespacePattern.test(namespace)) throw new Error(`"${namespace}" is not a namespace (1–40 of a-z, 0-9, "_" or "-")`);
  }

  bucketOf(room: string): number {
    return createHash('sha1').update(room).digest().readUInt32BE(0) % this.buckets;
  }

  /** The room's log of updates, newest last; trimmed once merged into PostgreSQL. */
  updates(room: string): string {
    return `${this.tag(this.bucketOf(room))}:updates:${room}`;
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

  /** The compaction jobs, read by the workers' consumer group. */
  get jobs(): string {
    return `{${this.namespace}:jobs}:compaction`;
  }

  tag(bucket: number): string {
    return `{${this.namespace}:${bucket}}`;
  }
}
