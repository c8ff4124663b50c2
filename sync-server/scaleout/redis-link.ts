import { Cluster, Redis, type ChainableCommander } from 'ioredis';

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

type CommandArgs = readonly (string | number | Buffer)[];

interface QueuedCommands {
  /** In the order queued: [name, ...args]. */
  readonly commands: (readonly [string, ...CommandArgs])[];
  /** Who waits for which replies: `count` replies from index `from` of the batch's. */
  readonly waiting: { from: number; count: number; settle: (replies: [Error | null, unknown][]) => void; fail: (error: unknown) => void }[];
}

/** The commands this mode sends, on one connection (or one cluster client), with binary replies. */
export class RedisLink {
  /** Commands queued this turn of the event loop, one pipeline per hash tag (one for all on a single Redis). */
  private readonly queued = new Map<string, QueuedCommands>();

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

  /**
   * Sends one command together with the others queued in this turn of the event loop for the same
   * hash `tag` (every key of the command must carry it): one write to Redis instead of one per command
   * (an instance appends to many rooms per turn under load, and a write per command showed in
   * profiles). Redis runs queued commands in the order queued; each settles on its own, as with
   * command(). ioredis's enableAutoPipelining would do this but fails on callBuffer (ioredis 6.0: the
   * command name is lost).
   */
  queue(tag: string, name: string, ...args: (string | number | Buffer)[]): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.queueReplies(tag, [[name, ...args]], (replies) => {
        const [error, value] = replies[0]!;
        if (error !== null) reject(error);
        else resolve(value);
      }, reject);
    });
  }

  /**
   * Runs `commands` (all on keys of one hash tag) in one MULTI/EXEC, queued like queue(): it goes out
   * in the same write as the other commands of this turn, in order with them. Rejects if any failed.
   */
  queueTransaction(tag: string, commands: readonly CommandArgs[]): Promise<unknown[]> {
    return new Promise((resolve, reject) => {
      this.queueReplies(tag, [['MULTI'], ...commands, ['EXEC']], (replies) => {
        const [error, value] = replies.at(-1)!;
        // An error here is EXECABORT: a command was refused while queueing, so none ran.
        if (error !== null) return reject(error);
        if (!Array.isArray(value)) return reject(new Error('Redis transaction was aborted'));
        const failed = value.find((reply): reply is Error => reply instanceof Error);
        if (failed !== undefined) reject(failed);
        else resolve(value);
      }, reject);
    });
  }

  private queueReplies(tag: string, commands: readonly CommandArgs[], settle: (replies: [Error | null, unknown][]) => void, fail: (error: unknown) => void): void {
    const group = this.isCluster ? tag : '';
    let batch = this.queued.get(group);
    if (batch === undefined) {
      batch = { commands: [], waiting: [] };
      if (this.queued.size === 0) process.nextTick(() => this.sendQueued());
      this.queued.set(group, batch);
    }
    batch.waiting.push({ from: batch.commands.length, count: commands.length, settle, fail });
    for (const [name, ...args] of commands) batch.commands.push([String(name), ...args]);
  }

  private sendQueued(): void {
    const batches = [...this.queued.values()];
    this.queued.clear();
    for (const { commands, waiting } of batches) {
      // A turn with one command (most turns of an instance under steady load: one append) goes out as
      // that command; a pipeline object per command (its queue, promise and buffer concatenation) was
      // a tenth of the Redis link's share of an instance's CPU. Either way it is written at this point,
      // so the order of writes is the order queued.
      if (commands.length === 1 && waiting.length === 1) {
        const [name, ...args] = commands[0]!;
        const { settle } = waiting[0]!;
        this.client.callBuffer(name, ...args).then((value: unknown) => settle([[null, value]]), (error: unknown) => settle([[error instanceof Error ? error : new Error(String(error)), null]]));
        continue;
      }
      const pipeline: ChainableCommander = this.client.pipeline();
      for (const [name, ...args] of commands) pipeline.callBuffer(name, ...args);
      pipeline.exec().then((results) => {
        for (const { from, count, settle, fail } of waiting) {
          const replies = results?.slice(from, from + count) ?? [];
          if (replies.length === count) settle(replies);
          else fail(new Error('Redis pipeline returned too few replies'));
        }
      }, (error: unknown) => {
        for (const { fail } of waiting) fail(error);
      });
    }
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
