import { Cluster, Command, Redis } from 'ioredis';
import { AppendConnection, appendTargetOf } from './append-connection.js';

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

/**
 * A command whose RESP bytes its caller made: an append's are mostly the same for every append to a
 * room, so they are encoded once per room and only the payloads are added (see doorbell.ts). `keys`
 * are the command's arguments as ioredis reads them for Cluster routing (for EVAL: the script's
 * place, the key count and the keys); they are not sent.
 */
export class EncodedCommand extends Command {
  constructor(name: string, keys: readonly (string | number)[], private readonly bytes: Buffer) {
    super(name, [...keys], { replyEncoding: null });
  }

  override toWritable(): Buffer {
    return this.bytes;
  }
}

/** What a connection closed before Redis answered anything says of its server (review42b N2: nothing). */
const closedWithoutAnswer = 'the server there closed the connection without answering as Redis (is that port Redis\'s?)';

/**
 * A connection error as the cause of commands failing. A reply that is not RESP (an HTTP server's
 * "HTTP/1.1 400…") reaches ioredis's parser as "Unknown RESP type 72 "H". Please report this.": it is
 * not a bug to report but another server on the port (review42b N2).
 */
function connectionFailureOf(error: Error): string {
  if (/^(Unknown RESP type|Protocol error)/.test(error.message)) {
    return `the server there did not answer as Redis (${error.message.replace(/\. Please report this\.$/, '')}; is that port Redis's?)`;
  }
  return `Redis could not be reached (${error.message})`;
}

/** A command failed after the client's retries: Redis could not be reached; the message says why. */
export class RedisUnreachableError extends Error {}

/**
 * The link was closed while the command waited (queued while Redis was away, or sent and not yet
 * answered), or the command came after the close: it may or may not have run.
 */
export class RedisLinkClosedError extends Error {}

/**
 * How long close() lets Redis answer the commands already sent (its QUIT's reply comes after theirs)
 * before it drops the connection: a Redis that stopped answering must not hold a shutdown.
 */
const quitLimitMs = 2_000;

/**
 * Ends an ioredis client in bounded time: a ready connection is asked to QUIT (Redis answers what was
 * sent before it first) for at most `limitMs`; otherwise, or after that, it is dropped. A client not
 * ready is dropped at once: in ioredis 6.0.0 a QUIT while the client waits to reconnect with commands
 * queued is queued behind them and never sent (on a client that retries forever it never settles).
 */
export async function endRedisClient(client: Redis | Cluster, limitMs = quitLimitMs): Promise<void> {
  if (client.status === 'ready') {
    let timer: NodeJS.Timeout | undefined;
    const quitted = await Promise.race([
      client.quit().then(() => true, () => false),
      new Promise<false>((resolve) => { timer = setTimeout(() => resolve(false), limitMs); }),
    ]);
    clearTimeout(timer);
    if (quitted) return;
  }
  client.disconnect();
}

interface QueuedCommand {
  readonly command: Command;
  /** Who waits for it on a cluster (null on one connection: the command's own promise). */
  readonly settle: { resolve: (value: unknown) => void; reject: (error: unknown) => void } | null;
}

/** The commands this mode sends, on one connection (or one cluster client), with binary replies. */
export class RedisLink {
  /** Commands queued this turn of the event loop, one group per hash tag (one for all on a single Redis). */
  private readonly queued = new Map<string, QueuedCommand[]>();

  /** The appends' own lean connection (single Redis, plain `redis://` URLs); null: appends go through ioredis. */
  private readonly appends: AppendConnection | null;

  /**
   * How to reject each command handed out and not yet settled. ioredis 6.0.0 settles nothing when a
   * client is disconnected while it waits to reconnect (its retry timer is cleared and no close event
   * comes): the commands queued meanwhile would wait for ever, and so would whoever awaits them (a
   * stream reader's stop, so a server's shutdown). The link rejects them itself when it is closed.
   */
  private readonly waiting = new Set<(error: Error) => void>();
  private closing: Promise<void> | null = null;

  /**
   * Why the client's last connection failed (ECONNREFUSED, not Redis answering, …): its commands fail
   * with a retry count that names no cause.
   */
  private lastFailure: string | null = null;

  /** Whether the current connection attempt (from its TCP connect to ready) reported an error. */
  private attemptErred = false;
  private connectedNotReady = false;

  private constructor(private readonly client: Redis | Cluster, readonly target: RedisTarget, leanAppends: boolean) {
    client.on('connect', () => {
      this.connectedNotReady = true;
      this.attemptErred = false;
    });
    client.on('error', (error: Error) => {
      this.lastFailure = connectionFailureOf(error);
      this.attemptErred = true;
    });
    // Something else on the port (PostgreSQL) may close the connection without a word and without ioredis
    // reporting an error: its commands failed with the bare retry count (review42b N2).
    client.on('close', () => {
      if (this.connectedNotReady && !this.attemptErred) this.lastFailure = closedWithoutAnswer;
      this.connectedNotReady = false;
    });
    // An error from an outage that has ended is not the cause of a later one.
    client.on('ready', () => {
      this.lastFailure = null;
      this.connectedNotReady = false;
    });
    const appendTarget = leanAppends && target.kind === 'single' ? appendTargetOf(target.url) : null;
    this.appends = appendTarget === null ? null : new AppendConnection(appendTarget);
  }

  /**
   * Connects. `blocking` connections carry one blocking read at a time and retry forever across a
   * Redis restart; the others fail a command after a few retries so a write can be refused (and the
   * client told) instead of hanging while Redis is away.
   */
  static open(target: RedisTarget, blocking: boolean, options: { leanAppends?: boolean } = {}): RedisLink {
    const common = { maxRetriesPerRequest: blocking ? null : 3, protocol: 2 as const };
    const client = target.kind === 'single'
      ? new Redis(target.url, common)
      : new Cluster([...target.nodes], { redisOptions: { protocol: 2 }, maxRedirections: 16 });
    // Connection errors surface as rejected commands; the 'error' event alone would crash the process.
    client.on('error', () => undefined);
    // A blocking link never appends; the others send appends over their own connection unless told not to
    // (tests compare both paths).
    return new RedisLink(client, target, !blocking && options.leanAppends !== false);
  }

  get isCluster(): boolean {
    return this.target.kind === 'cluster';
  }

  /** Sends one command; replies keep binary values as Buffers. */
  command(name: string, ...args: (string | number | Buffer)[]): Promise<unknown> {
    if (this.closing !== null) return Promise.reject(this.closedError());
    return this.settledByClose(this.client.callBuffer(name, ...args));
  }

  /** The client's state as ioredis names it (`ready`, `reconnecting`, `end`, …; tests). */
  get status(): string {
    return this.client.status;
  }

  /** Commands handed out and not yet settled (tests). */
  get waitingCount(): number {
    return this.waiting.size;
  }

  /** `sent`, rejected at the link's close if still unsettled then. */
  private settledByClose(sent: Promise<unknown>): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.waiting.add(reject);
      sent.then((value) => {
        this.waiting.delete(reject);
        resolve(value);
      }, (error: unknown) => {
        this.waiting.delete(reject);
        reject(this.withCause(error));
      });
    });
  }

  /**
   * ioredis's error after its retries ("Reached the max retries per request limit …") names no cause;
   * the connection's last error does (connect ECONNREFUSED 127.0.0.1:6379, WRONGPASS …), so logs and
   * startup messages say why Redis could not be used (review42b).
   */
  private withCause(error: unknown): unknown {
    if (!(error instanceof Error) || !error.message.startsWith('Reached the max retries') || this.lastFailure === null) return error;
    return new RedisUnreachableError(this.lastFailure, { cause: error });
  }

  private closedError(): RedisLinkClosedError {
    return new RedisLinkClosedError('the connection to Redis was closed before the command was answered (it may or may not have run)');
  }

  private rejectWaiting(): void {
    const error = this.closedError();
    for (const reject of [...this.waiting]) reject(error);
    this.waiting.clear();
  }

  /**
   * Sends `command` together with the others queued in this turn of the event loop for the same hash
   * `tag` (every key of the command must carry it): one write to Redis instead of one per command (an
   * instance appends to many rooms per turn under load, and a write per command showed in profiles).
   * Redis runs queued commands in the order queued; each settles on its own, as with command().
   * ioredis's enableAutoPipelining would do this but fails on callBuffer (ioredis 6.0: the command
   * name is lost).
   */
  queue(tag: string, command: Command): Promise<unknown> {
    if (this.closing !== null) return Promise.reject(this.closedError());
    const group = this.isCluster ? tag : '';
    let batch = this.queued.get(group);
    if (batch === undefined) {
      batch = [];
      if (this.queued.size === 0) process.nextTick(() => this.sendQueued());
      this.queued.set(group, batch);
    }
    // One connection settles a command through its own promise. A cluster pipeline settles each from
    // its exec() results: a redirected pipeline resends its commands with fresh promises, so the
    // first promise may hold the redirection, not the reply.
    if (!this.isCluster) {
      batch.push({ command, settle: null });
      return this.settledByClose(command.promise as Promise<unknown>);
    }
    const queuedTo = batch;
    return this.settledByClose(new Promise((resolve, reject) => queuedTo.push({ command, settle: { resolve, reject } })));
  }

  /**
   * Sends an append (an EVAL encoded by doorbell.ts, see EncodedCommand for `name` and `keys`): on a
   * single Redis over the appends' own connection, with no client library's per-command work (eleventh
   * scale-out run); on a cluster (or a URL the lean connection does not handle) queued for ioredis, which
   * routes it by its keys. Either way appends sent back to back keep their order.
   */
  append(tag: string, name: string, keys: readonly (string | number)[], bytes: Buffer): Promise<unknown> {
    if (this.appends !== null) return this.appends.send(bytes);
    return this.queue(tag, new EncodedCommand(name, keys, bytes));
  }

  /** Whether appends go over the lean connection (tests). */
  get leanAppends(): boolean {
    return this.appends !== null;
  }

  private sendQueued(): void {
    const batches = [...this.queued.values()];
    this.queued.clear();
    // Closed since they were queued: not sent (close() rejected them).
    if (this.closing !== null) return;
    for (const commands of batches) {
      if (this.client instanceof Redis) {
        // One connection: each command is handed to it directly (no pipeline object, no result array;
        // those were a tenth of the Redis link's share of an instance's CPU), with the socket corked
        // meanwhile so the turn's commands still leave in one write, in the order queued.
        const socket = this.client.stream as { cork?: () => void; uncork?: () => void } | undefined;
        socket?.cork?.();
        try {
          for (const { command } of commands) void this.client.sendCommand(command);
        } finally {
          socket?.uncork?.();
        }
        continue;
      }
      if (commands.length === 1) {
        const { command, settle } = commands[0]!;
        (this.client.sendCommand(command) as Promise<unknown>).then(settle!.resolve, settle!.reject);
        continue;
      }
      const pipeline = this.client.pipeline() as unknown as { sendCommand(command: Command): unknown; exec(): Promise<[Error | null, unknown][] | null> };
      for (const { command } of commands) pipeline.sendCommand(command);
      pipeline.exec().then((results) => {
        commands.forEach(({ settle }, index) => {
          const result = results?.[index];
          if (result === undefined) settle!.reject(new Error('Redis pipeline returned too few replies'));
          else if (result[0] !== null) settle!.reject(result[0]);
          else settle!.resolve(result[1]);
        });
      }, (error: unknown) => {
        for (const { settle } of commands) settle!.reject(error);
      });
    }
  }

  /**
   * Closes in bounded time (endRedisClient): commands already sent are answered first if Redis is
   * there; whatever still waits after that is rejected with a RedisLinkClosedError, as is any command
   * sent after the close.
   */
  close(): Promise<void> {
    return (this.closing ??= (async () => {
      this.appends?.close();
      try {
        await endRedisClient(this.client);
      } finally {
        this.rejectWaiting();
      }
    })());
  }

  /**
   * Drops the connection at once (a blocked read cannot be interrupted politely); every command still
   * waiting is rejected now, whether the connection was up or waiting to reconnect.
   */
  disconnect(): void {
    this.appends?.close();
    this.client.disconnect();
    this.rejectWaiting();
    this.closing ??= Promise.resolve();
  }
}
