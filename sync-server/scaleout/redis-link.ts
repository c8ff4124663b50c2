import { Cluster, Redis } from 'ioredis';

/**
 * How the server reaches Redis: `redis://[:password@]host:port[/db]` for one server, or
 * `redis-cluster://host:port[,host:port…]` for a Redis Cluster (any reachable nodes; the rest are
 * discovered).
 */
export type RedisTarget =
  | { readonly kind: 'single'; readonly url: string }
  | { readonly kind: 'cluster'; readonly nodes: readonly { host: string; port: number }[] };

export class RedisUrlError extends Error {}

export function parseRedisUrl(text: string): RedisTarget {
  if (text.startsWith('redis://') || text.startsWith('rediss://')) {
    try {
      new URL(text);
    } catch {
      throw new RedisUrlError(`"${text}" is not a valid Redis URL`);
    }
    return { kind: 'single', url: text };
  }
  if (text.startsWith('redis-cluster://')) {
    const nodes = text.slice('redis-cluster://'.length).split(',').map((part) => {
      const match = /^([^:,/]+):(\d{1,5})$/.exec(part.trim());
      if (match === null) throw new RedisUrlError(`"${part}" in the Redis Cluster URL is not host:port`);
      return { host: match[1]!, port: Number(match[2]) };
    });
    return { kind: 'cluster', nodes };
  }
  throw new RedisUrlError(`"${text}" is not a Redis URL: use redis://host:port or redis-cluster://host:port,host:port`);
}

/** The commands this mode sends, on one connection (or one cluster client), with binary replies. */
export class RedisLink {
  private constructor(private readonly client: Redis | Cluster, readonly target: RedisTarget) {}

  /**
   * Connects. `blocking` connections carry one blocking read at a time and retry forever across a
   * Redis restart; the others fail a command after a few retries so a write can be refused (and the
   * client told) instead of hanging while Redis is away.
   */
  static open(target: RedisTarget, blocking: boolean): RedisLink {
    const common = { maxRetriesPerRequest: blocking ? null : 3, protocol: 2 as const };
    const client = target.kind === 'single'
      ? new Redis(target.url, common)
      : new Cluster([...target.nodes], { redisOptions: { protocol: 2 }, maxRedirections: 16 });
    // Connection errors surface as rejected commands; the 'error' event alone would crash the process.
    client.on('error', () => undefined);
    return new RedisLink(client, target);
  }

  get isCluster(): boolean {
    return this.target.kind === 'cluster';
  }

  /** Sends one command; replies keep binary values as Buffers. */
  command(name: string, ...args: (string | number | Buffer)[]): Promise<unknown> {
    return this.client.callBuffer(name, ...args);
  }

  /** Runs `commands` (all on keys of one hash tag) in one MULTI/EXEC; rejects if any of them failed. */
  async transaction(commands: readonly (readonly (string | number | Buffer)[])[]): Promise<unknown[]> {
    const multi = this.client.multi();
    for (const [name, ...args] of commands) multi.callBuffer(String(name), ...args);
    const results = await multi.exec();
    if (results === null) throw new Error('Redis transaction was aborted');
    return results.map(([error, value]) => {
      if (error !== null) throw error;
      return value;
    });
  }

  async close(): Promise<void> {
    try {
      await this.client.quit();
    } catch {
      this.client.disconnect();
    }
  }

  /** Drops the connection at once (a blocked read cannot be interrupted politely). */
  disconnect(): void {
    this.client.disconnect();
  }
}
