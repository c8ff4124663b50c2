import { connect, type Socket } from 'node:net';

/**
 * What a reply of the append connection can be: RESP2's simple string, error, integer, bulk string
 * (as latin1 text: this connection only ever reads stream ids and OK) and array.
 */
export type AppendReply = string | number | null | Error | AppendReply[];

/** Redis answered with an error reply (`-WRONGTYPE …`, `-OOM …`): that command did not run. */
export class AppendReplyError extends Error {}

/** The connection to Redis was lost or could not be made: the commands waiting on it may or may not have run. */
export class AppendConnectionError extends Error {}

/** A reply that is not RESP2: the connection is dropped, since nothing after it can be trusted. */
class ProtocolError extends Error {}

/** Marks "the reply is not complete yet" while parsing. */
const incomplete = Symbol('incomplete');

interface Waiting {
  readonly resolve: (reply: AppendReply) => void;
  readonly reject: (error: Error) => void;
}

/** Where a single Redis listens, and how to log in, from a `redis://` URL. */
export interface AppendTarget {
  readonly host: string;
  readonly port: number;
  readonly username: string | null;
  readonly password: string | null;
  readonly db: number;
}

/** The target of a `redis://[[user]:password@]host[:port][/db]` URL; null for anything else (TLS, options). */
export function appendTargetOf(url: string): AppendTarget | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  // TLS and query options (family, …) are left to ioredis, which understands them.
  if (parsed.protocol !== 'redis:' || parsed.search !== '') return null;
  const db = parsed.pathname === '' || parsed.pathname === '/' ? 0 : Number(parsed.pathname.slice(1));
  if (!Number.isInteger(db) || db < 0) return null;
  return {
    host: parsed.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1',
    port: parsed.port === '' ? 6379 : Number(parsed.port),
    username: parsed.username === '' ? null : decodeURIComponent(parsed.username),
    password: parsed.password === '' ? null : decodeURIComponent(parsed.password),
    db,
  };
}

/** The name the append connection gives itself in Redis (CLIENT LIST). */
export const appendConnectionName = 'throughline-appends';

/** One RESP command of text arguments (the log-in commands; appends come encoded). */
function encodeCommand(args: readonly string[]): Buffer {
  return Buffer.from(`*${args.length}\r\n${args.map((arg) => `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`).join('')}`, 'utf8');
}

/**
 * The appends' own connection to a single Redis (issue #19, eleventh run). An append arrives already
 * RESP-encoded (doorbell.ts); here it is written to the socket as it is and its reply matched by
 * order, with no client library in between: ioredis's per-command work (a Command object, its flag
 * look-ups, its queue, its decoder building a Buffer per reply item) was the largest library share
 * of an instance's CPU. Commands sent by one callback leave in one write (the socket is corked until
 * process.nextTick, as RedisLink.queue does), in the order sent; Redis answers in that order.
 *
 * Failure is never silent: an error reply rejects its command alone (Redis did not run it); a lost
 * connection rejects every command waiting on it (each may or may not have run: the durable writer
 * then treats its rooms as failed, the clients resend, and an update stored twice is a no-op in Yjs),
 * and the next command connects again. Nothing is retried here: a retried append could land behind a
 * later one of the same room and break its order.
 */
export class AppendConnection {
  private socket: Socket | null = null;
  private readonly waiting: Waiting[] = [];
  /** Received bytes not yet parsed into a whole reply. */
  private pending: Buffer | null = null;
  private corked = false;
  private closed = false;

  constructor(private readonly target: AppendTarget) {}

  /** Sends one RESP-encoded command; resolves with its reply, rejects with an AppendReplyError or AppendConnectionError. */
  send(bytes: Buffer): Promise<AppendReply> {
    if (this.closed) return Promise.reject(new AppendConnectionError('the append connection to Redis is closed'));
    const socket = this.socket ?? this.open();
    if (!this.corked) {
      this.corked = true;
      socket.cork();
      process.nextTick(() => {
        this.corked = false;
        socket.uncork();
      });
    }
    return new Promise<AppendReply>((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      socket.write(bytes);
    });
  }

  /** Commands sent and not yet answered (tests). */
  get inFlight(): number {
    return this.waiting.length;
  }

  /** Closes the connection; commands still waiting are rejected. */
  close(): void {
    this.closed = true;
    this.drop(new AppendConnectionError('the append connection to Redis was closed'));
  }

  private open(): Socket {
    const socket = connect({ host: this.target.host, port: this.target.port, keepAlive: true });
    // No Nagle delay: a batch's write must leave at once (its clients wait for the reply).
    socket.setNoDelay(true);
    this.socket = socket;
    this.pending = null;
    // Log-in first: its replies come back before any append's, so they take the first places.
    const login: string[][] = [];
    if (this.target.password !== null) login.push(this.target.username === null ? ['AUTH', this.target.password] : ['AUTH', this.target.username, this.target.password]);
    if (this.target.db !== 0) login.push(['SELECT', String(this.target.db)]);
    for (const args of login) {
      this.waiting.push({
        resolve: () => undefined,
        reject: (error) => { if (this.socket === socket) this.drop(new AppendConnectionError(`Redis refused ${args[0]}: ${error.message}`), socket); },
      });
      socket.write(encodeCommand(args));
    }
    // Named so an operator (and the tests) can tell it in CLIENT LIST; a Redis that refuses CLIENT (an
    // ACL) still takes the appends.
    this.waiting.push({ resolve: () => undefined, reject: () => undefined });
    socket.write(encodeCommand(['CLIENT', 'SETNAME', appendConnectionName]));
    socket.on('data', (chunk: Buffer) => this.receive(socket, chunk));
    socket.on('error', (error) => this.drop(new AppendConnectionError(`the append connection to Redis failed: ${error.message}`), socket));
    // Redis's end of the connection is gone at 'end': forgotten then, not at 'close' a turn later, so an
    // append sent meanwhile connects again instead of being written to a socket already ended.
    socket.on('end', () => this.drop(new AppendConnectionError('the append connection to Redis closed'), socket));
    socket.on('close', () => this.drop(new AppendConnectionError('the append connection to Redis closed'), socket));
    return socket;
  }

  /** Rejects everything waiting on `socket` (the current one when not named) and forgets it. */
  private drop(error: Error, socket: Socket | null = this.socket): void {
    if (socket === null || socket !== this.socket) return;
    this.socket = null;
    this.pending = null;
    socket.destroy();
    for (const waiting of this.waiting.splice(0)) waiting.reject(error);
  }

  private receive(socket: Socket, chunk: Buffer): void {
    if (socket !== this.socket) return;
    const bytes = this.pending === null ? chunk : Buffer.concat([this.pending, chunk]);
    let at = 0;
    try {
      while (at < bytes.length) {
        const parsed = readReply(bytes, at);
        if (parsed === incomplete) break;
        at = parsed.end;
        const waiting = this.waiting.shift();
        if (waiting === undefined) throw new ProtocolError('Redis sent a reply nobody asked for');
        if (parsed.value instanceof Error) waiting.reject(parsed.value);
        else waiting.resolve(parsed.value);
      }
    } catch (error) {
      this.drop(new AppendConnectionError(`the append connection to Redis read something unexpected: ${error instanceof Error ? error.message : String(error)}`), socket);
      return;
    }
    this.pending = at < bytes.length ? bytes.subarray(at) : null;
  }
}

/** The end of the line starting at `at` (the index of its `\r`), or -1 when it has not all arrived. */
function lineEnd(bytes: Buffer, at: number): number {
  const end = bytes.indexOf(13, at);
  return end === -1 || end + 1 >= bytes.length ? -1 : end;
}

function integerOf(bytes: Buffer, from: number, to: number): number {
  const text = bytes.toString('latin1', from, to);
  if (!/^-?\d{1,15}$/.test(text)) throw new ProtocolError(`"${text}" is not a RESP length or integer`);
  return Number(text);
}

/** One whole RESP2 reply starting at `at`, with where it ends; `incomplete` when more bytes are needed. */
function readReply(bytes: Buffer, at: number): { value: AppendReply; end: number } | typeof incomplete {
  const end = lineEnd(bytes, at);
  if (end === -1) return incomplete;
  const type = bytes[at];
  switch (type) {
    case 0x2b: // + simple string
      return { value: bytes.toString('latin1', at + 1, end), end: end + 2 };
    case 0x2d: // - error
      return { value: new AppendReplyError(bytes.toString('utf8', at + 1, end)), end: end + 2 };
    case 0x3a: // : integer
      return { value: integerOf(bytes, at + 1, end), end: end + 2 };
    case 0x24: { // $ bulk string
      const length = integerOf(bytes, at + 1, end);
      if (length === -1) return { value: null, end: end + 2 };
      if (length < 0) throw new ProtocolError(`bulk string of length ${length}`);
      const from = end + 2;
      if (from + length + 2 > bytes.length) return incomplete;
      return { value: bytes.toString('latin1', from, from + length), end: from + length + 2 };
    }
    case 0x2a: { // * array
      const count = integerOf(bytes, at + 1, end);
      if (count === -1) return { value: null, end: end + 2 };
      if (count < 0) throw new ProtocolError(`array of length ${count}`);
      const items: AppendReply[] = [];
      let next = end + 2;
      for (let n = 0; n < count; n++) {
        const item = readReply(bytes, next);
        if (item === incomplete) return incomplete;
        items.push(item.value);
        next = item.end;
      }
      return { value: items, end: next };
    }
    default:
      throw new ProtocolError(`unknown RESP type byte ${String(type)}`);
  }
}
