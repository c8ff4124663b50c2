import { z } from 'zod';

const mebibyte = 1024 * 1024;

/** Every setting of the server, with its default. Validated with zod wherever it comes from. */
export const serverOptionsSchema = z.strictObject({
  port: z.number().int().min(0).max(65_535).default(4455),
  host: z.string().min(1).default('127.0.0.1'),
  /** Folder for the SQLite file and the signing secret. */
  dataDir: z.string().min(1).default('data'),
  /** Web build served at `/` (null: serve nothing but /health). */
  webRoot: z.string().min(1).nullable().default(null),
  /** Largest message accepted, except a connection's first sync step 2; a larger one closes it with 1009. */
  maxMessageBytes: z.number().int().min(1024).max(256 * mebibyte).default(8 * mebibyte),
  /**
   * Largest first sync step 2 of a connection: a client's reply to the server's sync step 1, which
   * carries everything it made offline (a whole imported plan). Only once per connection.
   */
  maxJoinBytes: z.number().int().min(1024).max(256 * mebibyte).default(64 * mebibyte),
  /**
   * A join answer larger than this (what a fresh client lacks of a large plan) is sent as update
   * messages of at most this many bytes, each once the socket has drained, then an empty sync step 2.
   */
  maxReplyPartBytes: z.number().int().min(1024).max(256 * mebibyte).default(mebibyte),
  /**
   * Negotiate permessage-deflate (RFC 7692) with clients that offer it (browsers and ws do). Off by
   * default: it makes a fresh join's bytes 2.7× smaller but costs zlib CPU per joiner, and a compressed
   * frame is only measured once inflated (see docs/sync-server.md, "Wire compression").
   */
  perMessageDeflate: z.boolean().default(false),
  /** Connections that may be receiving a message over `maxMessageBytes` at the same time, server-wide. */
  maxJoinUploads: z.number().int().min(1).max(1_000).default(4),
  /** How long a room stays in memory after its last connection closes. */
  graceMs: z.number().int().min(0).max(86_400_000).default(10_000),
  maxConnectionsPerIp: z.number().int().min(1).default(128),
  /**
   * Sockets from one address that have not become a WebSocket (still sending their request, or plain
   * HTTP keep-alive): more are refused with 429. Browsers open at most 6 per host.
   */
  maxPendingSocketsPerIp: z.number().int().min(1).default(32),
  /** A socket must complete its request (headers included) within this; a slow one is dropped. */
  requestTimeoutMs: z.number().int().min(100).max(120_000).default(5_000),
  /** Sustained messages per second per connection (token bucket). */
  messagesPerSecond: z.number().positive().default(200),
  /** Messages a connection may send in a burst above the sustained rate. */
  messageBurst: z.number().int().min(1).default(400),
  /** WebSocket upgrades accepted per second across the server (a reconnect storm is smoothed out). */
  joinsPerSecond: z.number().positive().default(100),
  joinBurst: z.number().int().min(1).default(200),
  /**
   * Joins per second per token, checked before the server-wide cap so one token cannot use it up.
   * A token is one join link: one person's, or a whole workshop's, hence the generous burst.
   */
  joinsPerSecondPerToken: z.number().positive().default(20),
  joinBurstPerToken: z.number().int().min(1).default(100),
  /** Upgrade attempts per second per client address (refused ones included), before the token is read. */
  joinsPerSecondPerIp: z.number().positive().default(50),
  joinBurstPerIp: z.number().int().min(1).default(200),
  /** Refusals of one kind are logged once per this interval, with a count of the rest. */
  refusalLogMs: z.number().int().min(10).default(10_000),
  /** Presence changes are coalesced per room and sent at most this often. */
  awarenessMs: z.number().int().min(0).max(10_000).default(50),
  /**
   * Presence client ids one connection may announce over its life (the stock client and the app
   * announce one per connection; a reconnect is a new connection). More closes it with 1008.
   */
  maxPresenceClients: z.number().int().min(1).max(1_000).default(4),
  /** Bytes of one presence state (the app's is a few hundred); a larger one closes its connection (1008). */
  maxPresenceStateBytes: z.number().int().min(256).max(mebibyte).default(4 * 1024),
  /** Presence states one room holds: past it new presence is not taken (connections stay). */
  maxRoomPresence: z.number().int().min(1).max(1_000_000).default(1_000),
  /** Bytes of one room's presence states together (what a newcomer is sent of them): the same. */
  maxRoomPresenceBytes: z.number().int().min(1024).max(256 * mebibyte).default(mebibyte),
  /** A room's stored rows are merged into one snapshot once there are more than this many. */
  compactRows: z.number().int().min(2).default(500),
  synchronous: z.enum(['full', 'normal']).default('full'),
  /** Interval between liveness pings; a connection that misses one pong is dropped. */
  pingMs: z.number().int().min(100).default(30_000),
  /**
   * Bytes of ordinary messages that have started to arrive and not finished, server-wide: past it a
   * connection whose message grows is closed with 1013 (join uploads are bounded by maxJoinUploads).
   */
  maxUnfinishedBytes: z.number().int().min(64 * 1024).default(256 * mebibyte),
  /** The same bound for all connections of one token together. */
  maxUnfinishedBytesPerToken: z.number().int().min(64 * 1024).default(32 * mebibyte),
  /** A message that arrives slower than this (averaged over a few seconds) closes its connection. */
  minUploadBytesPerSecond: z.number().int().min(1).default(16 * 1024),
  /**
   * After storing fails (a full disk), writes are refused for this long (writers are closed with 4507,
   * readers stay); then the next change tries storage again.
   */
  storageRetryMs: z.number().int().min(100).max(3_600_000).default(30_000),
  /** Unsent bytes queued for one connection past which it is closed as too slow. */
  maxBufferedBytes: z.number().int().min(mebibyte).default(64 * mebibyte),
});

export type ServerOptions = z.infer<typeof serverOptionsSchema>;
export type ServerOptionsInput = z.input<typeof serverOptionsSchema>;
