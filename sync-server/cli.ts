#!/usr/bin/env node
// The sync server's command line: `serve` runs it, `token` prints an access token.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError, Option } from 'commander';
import { roomSegmentPattern } from '../shared/sync/room.js';
import { tokenRoles, type TokenRole } from '../shared/sync/token.js';
import { loadSecret, parseTtl, TokenAuthority } from './auth.js';
import { serverOptionsSchema } from './config.js';
import { createLogger, logLevels, type LogLevel } from './logger.js';
import type { startSyncServer as StartSyncServer } from './server.js';
import { adminKeyFor } from './workspace/admin-http.js';
import { linkIdOf, linkIdPattern, newLinkNonce } from './workspace/link-id.js';
import { writeRevocation } from './workspace/revocations.js';
import { mintedLinkKnown, rememberMintedLink } from './workspace/minted-links.js';
import { decodeTokenPayload } from '../shared/sync/token.js';

/**
 * Where the web build sits relative to this file: from source (tsx), sync-server/ beside dist/; from
 * dist/, dist/web, whether this is tsc's dist/sync-server/cli.js or the bundle's
 * dist/sync-server/bundle/cli.js (scripts/bundle-server.mjs).
 */
function defaultWebRoot(): string {
  const parts = path.dirname(fileURLToPath(import.meta.url)).split(path.sep);
  const dist = parts.lastIndexOf('dist');
  return dist >= 0 ? path.join(parts.slice(0, dist + 1).join(path.sep) || path.sep, 'web') : path.resolve(parts.join(path.sep), '..', 'dist', 'web');
}

function integer(min: number, max: number): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(number) || number < min || number > max) {
      throw new InvalidArgumentError(`"${value}" is not a whole number from ${min} to ${max}.`);
    }
    return number;
  };
}

function positiveNumber(value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number <= 0) throw new InvalidArgumentError(`"${value}" is not a positive number.`);
  return number;
}

function workspaceName(value: string): string {
  if (!roomSegmentPattern.test(value)) throw new InvalidArgumentError(`"${value}" is not a workspace name (1–64 letters, digits, "_" or "-").`);
  return value;
}

function ttl(value: string): number {
  try {
    return parseTtl(value);
  } catch (error) {
    throw new InvalidArgumentError(error instanceof Error ? error.message : String(error));
  }
}

const defaults = serverOptionsSchema.parse({});
const program = new Command('throughline-sync')
  .description('Throughline sync server: y-websocket rooms with durable storage, and the web build for browser mode.')
  .showHelpAfterError()
  .exitOverride();

interface ServeFlags {
  port: number; host: string; web: string; data: string; maxMessageBytes: number; maxJoinBytes: number; maxReplyPartBytes: number; maxJoinUploads: number; perMessageDeflate: boolean;
  graceMs: number; maxConnectionsPerIp: number;
  messagesPerSecond: number; messageBurst: number; joinsPerSecond: number; joinBurst: number; awarenessMs: number;
  compactRows: number; synchronous: 'full' | 'normal'; pingMs: number; logLevel: LogLevel;
  /** Fairness and pre-upgrade limits (issue #14). */
  joinsPerSecondPerToken: number; joinBurstPerToken: number; joinsPerSecondPerIp: number; joinBurstPerIp: number;
  maxPendingSocketsPerIp: number; requestTimeoutMs: number; maxUnfinishedBytes: number; maxUnfinishedBytesPerToken: number;
  minUploadBytesPerSecond: number; storageRetryMs: number; refusalLogMs: number;
  /** Presence limits (review34). */
  maxPresenceClients: number; maxPresenceStateBytes: number; maxRoomPresence: number; maxRoomPresenceBytes: number;
  redis?: string; postgres?: string; namespace?: string; worker: boolean; compactionLeaseMs?: number;
}

program.command('serve')
  .description('run the server (rooms at ws://HOST:PORT/<workspace>/<plan>?token=TOKEN, GET /health, the web build at /)')
  .option('--port <port>', 'port to listen on (0 picks a free one)', integer(0, 65_535), defaults.port)
  .option('--host <host>', 'address to listen on', defaults.host)
  .option('--data <dir>', 'folder for storage and the signing secret', defaults.dataDir)
  .option('--web <dir>', 'web build to serve at /', defaultWebRoot())
  .option('--max-message-bytes <bytes>', 'largest message accepted, except a connection\'s first sync step 2; larger closes the connection (1009)', integer(1024, 256 * 1024 * 1024), defaults.maxMessageBytes)
  .option('--max-join-bytes <bytes>', 'largest first sync step 2 of a connection (what a client made offline, sent when it joins)', integer(1024, 256 * 1024 * 1024), defaults.maxJoinBytes)
  .option('--max-reply-part-bytes <bytes>', 'a join answer larger than this is sent in update messages of at most this size, paced by the socket', integer(1024, 256 * 1024 * 1024), defaults.maxReplyPartBytes)
  .option('--per-message-deflate', 'compress large messages (join answers, uploads) with permessage-deflate for clients that offer it', false)
  .option('--max-join-uploads <n>', 'connections receiving a message over --max-message-bytes at once, server-wide (1013 above)', integer(1, 1_000), defaults.maxJoinUploads)
  .option('--grace-ms <ms>', 'keep a room in memory this long after its last connection closes', integer(0, 86_400_000), defaults.graceMs)
  .option('--max-connections-per-ip <n>', 'open connections allowed per client address', integer(1, 1_000_000), defaults.maxConnectionsPerIp)
  .option('--messages-per-second <n>', 'sustained messages per second per connection', positiveNumber, defaults.messagesPerSecond)
  .option('--message-burst <n>', 'messages a connection may send in a burst', integer(1, 1_000_000), defaults.messageBurst)
  .option('--joins-per-second <n>', 'connections accepted per second across the server', positiveNumber, defaults.joinsPerSecond)
  .option('--join-burst <n>', 'connections accepted in a burst', integer(1, 1_000_000), defaults.joinBurst)
  .option('--joins-per-second-per-token <n>', 'joins per second per token, before the server-wide cap', positiveNumber, defaults.joinsPerSecondPerToken)
  .option('--join-burst-per-token <n>', 'joins one token may make in a burst', integer(1, 1_000_000), defaults.joinBurstPerToken)
  .option('--joins-per-second-per-ip <n>', 'upgrade attempts per second per client address', positiveNumber, defaults.joinsPerSecondPerIp)
  .option('--join-burst-per-ip <n>', 'upgrade attempts one address may make in a burst', integer(1, 1_000_000), defaults.joinBurstPerIp)
  .option('--max-pending-sockets-per-ip <n>', 'sockets per address that are not (yet) a WebSocket', integer(1, 1_000_000), defaults.maxPendingSocketsPerIp)
  .option('--request-timeout-ms <ms>', 'time a socket has to send its whole request', integer(100, 120_000), defaults.requestTimeoutMs)
  .option('--max-unfinished-bytes <bytes>', 'bytes of partly received messages held server-wide', integer(64 * 1024, Number.MAX_SAFE_INTEGER), defaults.maxUnfinishedBytes)
  .option('--max-unfinished-bytes-per-token <bytes>', 'bytes of partly received messages held per token', integer(64 * 1024, Number.MAX_SAFE_INTEGER), defaults.maxUnfinishedBytesPerToken)
  .option('--min-upload-bytes-per-second <n>', 'a message arriving slower than this closes its connection', integer(1, Number.MAX_SAFE_INTEGER), defaults.minUploadBytesPerSecond)
  .option('--refusal-log-ms <ms>', 'refusals of one kind are logged one by one at most once per this interval, the rest counted into one line', integer(10, 3_600_000), defaults.refusalLogMs)
  .option('--storage-retry-ms <ms>', 'after storing fails (disk full), refuse writes this long before trying again', integer(100, 3_600_000), defaults.storageRetryMs)
  .option('--awareness-ms <ms>', 'coalesce presence changes per room over this interval', integer(0, 10_000), defaults.awarenessMs)
  .addOption(new Option('--max-presence-clients <n>', 'presence client ids one connection may announce; more closes it (1008)').env('THROUGHLINE_MAX_PRESENCE_CLIENTS').argParser(integer(1, 1_000)).default(defaults.maxPresenceClients))
  .addOption(new Option('--max-presence-state-bytes <bytes>', 'largest presence state of one client; larger closes the connection (1008)').env('THROUGHLINE_MAX_PRESENCE_STATE_BYTES').argParser(integer(256, 1024 * 1024)).default(defaults.maxPresenceStateBytes))
  .addOption(new Option('--max-room-presence <n>', 'presence states one room holds; past it new presence is not taken').env('THROUGHLINE_MAX_ROOM_PRESENCE').argParser(integer(1, 1_000_000)).default(defaults.maxRoomPresence))
  .addOption(new Option('--max-room-presence-bytes <bytes>', 'bytes of one room\'s presence states together; past it new presence is not taken').env('THROUGHLINE_MAX_ROOM_PRESENCE_BYTES').argParser(integer(1024, 256 * 1024 * 1024)).default(defaults.maxRoomPresenceBytes))
  .option('--compact-rows <n>', 'merge a room\'s stored rows into one snapshot past this many', integer(2, 10_000_000), defaults.compactRows)
  .addOption(new Option('--synchronous <mode>', 'SQLite durability: full survives power loss, normal survives a process crash').choices(['full', 'normal']).default(defaults.synchronous))
  .option('--ping-ms <ms>', 'liveness ping interval', integer(100, 3_600_000), defaults.pingMs)
  .addOption(new Option('--log-level <level>', 'log level').choices(logLevels).default('info'))
  .option('--redis <url>', 'scale out: Redis for the rooms\' update streams (redis://host:port or redis-cluster://host:port,…; env THROUGHLINE_REDIS_URL); needs --postgres')
  .option('--postgres <url>', 'scale out: PostgreSQL for compacted plans (postgres://user@host:port/db; env THROUGHLINE_POSTGRES_URL); needs --redis')
  .option('--namespace <name>', 'scale out: keeps deployments sharing one Redis and PostgreSQL apart (env THROUGHLINE_NAMESPACE)')
  .option('--no-worker', 'scale out: do not take compaction jobs on this instance')
  .option('--compaction-lease-ms <ms>', 'scale out: a compaction job not renewed this long is taken over by another worker', integer(100, 3_600_000))
  .action(async (flags: ServeFlags) => {
    const logger = createLogger(flags.logLevel);
    const { secret, source, created } = loadSecret(flags.data);
    const { scaleoutSettings } = await import('./scaleout/settings.js');
    const scaleout = scaleoutSettings({ redis: flags.redis, postgres: flags.postgres, namespace: flags.namespace, worker: flags.worker, leaseMs: flags.compactionLeaseMs }, process.env);
    // Loaded only when asked for: the SQLite mode does not even load the Redis and PostgreSQL clients.
    const backend = scaleout === null ? null : await (await import('./scaleout/backend.js')).openScaleoutBackend({ ...scaleout, log: logger });
    // Loaded here, not at the top: `token`, `host-key` and `revoke` start in a fraction of the time
    // without the server's modules (npm start runs two of them before printing its links).
    const { startSyncServer } = await import('./server.js') as { startSyncServer: typeof StartSyncServer };
    const server = await startSyncServer({
      port: flags.port, host: flags.host, dataDir: flags.data, webRoot: flags.web, maxMessageBytes: flags.maxMessageBytes,
      maxJoinBytes: flags.maxJoinBytes, maxReplyPartBytes: flags.maxReplyPartBytes, maxJoinUploads: flags.maxJoinUploads, perMessageDeflate: flags.perMessageDeflate,
      graceMs: flags.graceMs, maxConnectionsPerIp: flags.maxConnectionsPerIp, messagesPerSecond: flags.messagesPerSecond,
      messageBurst: flags.messageBurst, joinsPerSecond: flags.joinsPerSecond, joinBurst: flags.joinBurst,
      awarenessMs: flags.awarenessMs, compactRows: flags.compactRows, synchronous: flags.synchronous, pingMs: flags.pingMs,
      joinsPerSecondPerToken: flags.joinsPerSecondPerToken, joinBurstPerToken: flags.joinBurstPerToken,
      joinsPerSecondPerIp: flags.joinsPerSecondPerIp, joinBurstPerIp: flags.joinBurstPerIp,
      maxPendingSocketsPerIp: flags.maxPendingSocketsPerIp, requestTimeoutMs: flags.requestTimeoutMs,
      maxUnfinishedBytes: flags.maxUnfinishedBytes, maxUnfinishedBytesPerToken: flags.maxUnfinishedBytesPerToken,
      minUploadBytesPerSecond: flags.minUploadBytesPerSecond, storageRetryMs: flags.storageRetryMs, refusalLogMs: flags.refusalLogMs,
      maxPresenceClients: flags.maxPresenceClients, maxPresenceStateBytes: flags.maxPresenceStateBytes,
      maxRoomPresence: flags.maxRoomPresence, maxRoomPresenceBytes: flags.maxRoomPresenceBytes,
    }, { logger, secret, ...(backend === null ? {} : { store: backend.store, fanout: backend.fanout, access: backend.access, backends: backend.backends }) });
    if (created) logger.info({ file: path.join(flags.data, 'secret') }, 'generated a new signing secret');
    // Browser mode's page: without it GET / answers "Not found." and nothing said why (review42b).
    if (!existsSync(path.join(flags.web, 'index.html'))) {
      logger.warn({ web: path.resolve(flags.web) }, 'no web build there: GET / answers 404 (npm run build makes it; --web names another); sync and /health work');
    }
    // Scripts and tests wait for this line, so it is printed at every log level.
    const announcer = logger.isLevelEnabled('info') ? logger : createLogger('info');
    announcer.info({
      url: server.url, data: path.resolve(flags.data), secret: source, mode: backend === null ? 'sqlite' : 'redis+postgres', maxMessageBytes: flags.maxMessageBytes, maxJoinBytes: flags.maxJoinBytes,
    }, 'listening');
    let stopping = false;
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.on(signal, () => {
        if (stopping) return;
        stopping = true;
        logger.info({ signal }, 'signal received');
        setTimeout(() => {
          // Names the rooms whose accepted updates were not stored (storage stopped answering): never
          // acknowledged, so their clients still hold them and send them again to the next server.
          logger.error({ unstoredRooms: server.unstoredRooms() }, 'shutdown took too long; exiting');
          process.exit(1);
        }, 15_000).unref();
        server.close().then(() => process.exit(0), (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        });
      });
    }
  });

program.command('token')
  .description('print an access token for a workspace (nothing else is printed)')
  .requiredOption('--workspace <name>', 'workspace the token opens', workspaceName)
  .addOption(new Option('--role <role>', 'editor can change plans; viewer can only read them').choices(tokenRoles).makeOptionMandatory())
  .option('--data <dir>', 'folder holding the signing secret (created if missing)', defaults.dataDir)
  .addOption(new Option('--ttl <duration>', 'lifetime: 90 (seconds), 45s, 30m, 8h, 7d').argParser(ttl).default(8 * 3600, '8h'))
  .action((flags: { workspace: string; role: TokenRole; data: string; ttl: number }) => {
    const { secret } = loadSecret(flags.data);
    const now = Math.floor(Date.now() / 1000);
    const token = new TokenAuthority(secret).issue(flags.workspace, flags.role, flags.ttl, now, newLinkNonce());
    // Noted in the folder, so that revoking its id later is known to be a real link (minted-links.ts).
    rememberMintedLink(flags.data, linkIdOf(token), now + flags.ttl, now);
    process.stdout.write(`${token}\n`);
  });

program.command('host-key')
  .description('print the host key of the server\'s data folder: it opens the host screen and the host API (/_admin/…); keep it to yourself')
  .option('--data <dir>', 'the server\'s data folder (created, with a new secret, if missing)', defaults.dataDir)
  .action((flags: { data: string }) => {
    process.stdout.write(`${adminKeyFor(loadSecret(flags.data).secret)}\n`);
  });

/** The token inside a join link (`…#join?…&token=…`), or the argument itself when it is not a link. */
function tokenOrLinkOf(value: string): string {
  const hashAt = value.indexOf('#join?');
  if (hashAt < 0) return value.trim();
  const token = new URLSearchParams(value.slice(hashAt + '#join?'.length)).get('token');
  if (!token) throw new InvalidArgumentError('that join link carries no token.');
  return token;
}

program.command('revoke')
  .description('revoke a link: its token is refused from now on, and a running server closes its connections within a second')
  .argument('<link>', 'the join link, its token, or its link id (16 hex digits, as `connections` lists it)', tokenOrLinkOf)
  .option('--data <dir>', 'the server\'s data folder', defaults.dataDir)
  .action(async (link: string, flags: { data: string }) => {
    const now = Math.floor(Date.now() / 1000);
    const linkId = linkIdPattern.test(link) ? link : linkIdOf(link);
    let exp = 0;
    if (!linkIdPattern.test(link)) {
      try { exp = decodeTokenPayload(link).exp; } catch { throw new InvalidArgumentError('that is neither a join link, a token nor a link id.'); }
    }
    const added = await writeRevocation(flags.data, { id: linkId, at: now, exp }, now);
    process.stdout.write(`${added ? 'revoked' : 'already revoked'}: link ${linkId}\n`);
    // A mistyped id is revoked as well (it costs nothing), but the host is told nobody made it.
    const { known, since, problems } = mintedLinkKnown(flags.data, linkId);
    if (linkIdPattern.test(link) && !known) {
      process.stderr.write(`warning: no link ${linkId} was made with this data folder${since === null ? '' : ` since ${new Date(since * 1000).toISOString()}`}: check the id (a typo?)\n`);
      for (const problem of problems) process.stderr.write(`warning: the list of links made here could not all be read: ${problem}\n`);
    }
  });

program.command('backup')
  .description('copy a data folder, while its server runs, into a new folder that is itself a data folder (serve --data it to restore)')
  .requiredOption('--to <dir>', 'a new or empty folder for the backup')
  .option('--data <dir>', 'the server\'s data folder', defaults.dataDir)
  .action(async (flags: { to: string; data: string }) => {
    const { backupDataFolder } = await import('./storage/backup.js');
    const done = backupDataFolder(flags.data, flags.to);
    process.stdout.write(`backed up ${path.resolve(flags.data)} to ${done.folder}: ${done.rooms} rooms, ${done.databaseBytes} bytes of database; files ${done.files.join(', ')}\n`);
  });

program.command('connections')
  .description('list who is connected to a workspace of a running server, and its plans')
  .requiredOption('--workspace <name>', 'the workspace', workspaceName)
  .option('--url <url>', 'the running server', `http://${defaults.host}:${defaults.port}/`)
  .option('--data <dir>', 'the server\'s data folder (its secret authorises the request)', defaults.dataDir)
  .action(async (flags: { workspace: string; url: string; data: string }) => {
    const { secret } = loadSecret(flags.data);
    const response = await fetch(new URL(`/_admin/workspaces/${flags.workspace}`, flags.url), { headers: { authorization: `Bearer ${adminKeyFor(secret)}` } });
    const body = await response.text();
    if (!response.ok) throw new Error(`the server answered ${response.status}: ${body}`);
    process.stdout.write(`${body}\n`);
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  // Commander already printed its own errors (and the usage); exit with its code.
  if (error instanceof Error && 'exitCode' in error && typeof error.exitCode === 'number') process.exit(error.exitCode);
  console.error(`throughline-sync: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
