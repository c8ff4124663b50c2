import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import path from 'node:path';
import type { Logger } from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import type { BackendsHealth, Health } from '../shared/sync/health.js';
import { accessCheckPath } from '../shared/sync/access.js';
import { closeCodes, upgradeRefusalStatus } from '../shared/sync/protocol.js';
import { parseRoomPath, roomKey, RoomPathError, type RoomAddress } from '../shared/sync/room.js';
import { answersRoleChangeParam, appKeyParam, appKeyPattern, readsRoleChangeParam } from '../shared/sync/role-change.js';
import type { TokenPayload } from '../shared/sync/token.js';
import { TokenAuthority } from './auth.js';
import { serverOptionsSchema, type ServerOptions, type ServerOptionsInput } from './config.js';
import { Connection } from './connection.js';
import { DurableWriter } from './durable-writer.js';
import { LocalFanout, type RoomFanout } from './fanout.js';
import { answerClientError, clientErrorAnswer } from './http/client-errors.js';
import { answerOnSocket, sendText, type ExtraHeaders } from './http/replies.js';
import { parseRequestTarget, preview, previewTarget } from './http/request-target.js';
import { JoinAdmission, tokenKeyOf, type JoinRefusal } from './admission.js';
import { PendingSockets } from './http/pending-sockets.js';
import { RefusalLog } from './refusal-log.js';
import { UnfinishedFrameBudget } from './unfinished-frames.js';
import { storageUnavailableReason } from './rooms/room.js';
import { directoryRoom } from '../shared/workspace/directory.js';
import { RoomRegistry } from './rooms/room-registry.js';
import { StorageHealth } from './storage-health.js';
import { securityHeaders, serveStatic } from './static-site.js';
import { TransientDocumentTurns } from './rooms/transient-documents.js';
import { databaseFileName, SqliteUpdateStore } from './storage/sqlite-store.js';
import type { UpdateStore } from './storage/update-store.js';
import type { BackendsProbe } from './scaleout/backends-probe.js';
import type { SharedAccess } from './scaleout/shared-access.js';
import { UploadSlots } from './upload-slots.js';
import { adminKeyFor, handleAdminRequest } from './workspace/admin-http.js';
import { WorkspaceAccess, type TrackOptions, type WorkspaceHost } from './workspace/workspace-host.js';

/** Name of the SQLite file inside the data folder. */
export { databaseFileName } from './storage/sqlite-store.js';

/** What the server is built from besides its options. */
export interface SyncServerParts {
  readonly logger: Logger;
  readonly secret: Buffer;
  /** Defaults to SQLite in `dataDir`. */
  readonly store?: UpdateStore;
  /** Defaults to an in-process LocalFanout (single instance). */
  readonly fanout?: RoomFanout;
  /** Scaled out: revocations and role changes shared by the instances (ScaleoutBackend.access); none alone. */
  readonly access?: SharedAccess;
  /** Scaled out: whether Redis and PostgreSQL answer, for GET /health (ScaleoutBackend.backends); none alone. */
  readonly backends?: BackendsProbe;
  /**
   * The host API's bearer key; defaults to one derived from `secret` (what `throughline-sync host-key`
   * prints). The desktop workshop passes a random key per workshop, kept in its main process.
   */
  readonly adminKey?: string;
}

export interface RunningSyncServer {
  /** `http://HOST:PORT/`; rooms are at `ws://HOST:PORT/<workspace>/<plan>?token=…`. */
  readonly url: string;
  readonly port: number;
  readonly options: ServerOptions;
  readonly rooms: RoomRegistry;
  /** Connections receiving a message over the ordinary limit right now (at most maxJoinUploads). */
  readonly uploads: UploadSlots;
  /** Bytes of ordinary messages partly received, server-wide and per token. */
  readonly unfinished: UnfinishedFrameBudget;
  /** What GET /health answered last (its `backends` are the last probe's). */
  health(): Health;
  /** Links, connections, revocation and plan lists of the workspaces (sync-server/workspace/). */
  readonly workspaces: WorkspaceHost;
  /** Graceful shutdown: stop accepting, close clients with 1001, flush and compact, close storage. */
  close(): Promise<void>;
  /** Rooms whose latest accepted updates are not stored yet: what a shutdown cut short leaves unflushed. */
  unstoredRooms(): readonly string[];
}

/**
 * permessage-deflate when enabled (--per-message-deflate). Only messages of 16 KiB and more are
 * compressed (join answers and uploads: an edit or a presence change is a few dozen bytes that deflate
 * cannot shrink); level 1 (2.7× on a plan against 3.0× at the default level, at a third of the CPU); no
 * context takeover either way, so an idle connection keeps no compression window. ws inflates a
 * message only up to maxPayload (then closes with 1009), and runs at most 10 zlib jobs at once.
 */
const wireCompression = {
  threshold: 16 * 1024,
  zlibDeflateOptions: { level: 1 },
  serverNoContextTakeover: true,
  clientNoContextTakeover: true,
  concurrencyLimit: 10,
} as const;

/** Starts the sync server: HTTP (web build + /health) and the y-websocket rooms on one port. */
export async function startSyncServer(input: ServerOptionsInput, parts: SyncServerParts): Promise<RunningSyncServer> {
  const options = serverOptionsSchema.parse(input);
  const log = parts.logger;
  const startedAt = performance.now();
  const store = parts.store ?? new SqliteUpdateStore(path.join(options.dataDir, databaseFileName), options.synchronous);
  const fanout = parts.fanout ?? new LocalFanout();
  const authority = new TokenAuthority(parts.secret);
  const admission = new JoinAdmission(options);
  const refusals = new RefusalLog(log, options.refusalLogMs);
  const pendingSockets = new PendingSockets(options.maxPendingSocketsPerIp);
  const uploads = new UploadSlots(options.maxJoinUploads);
  const unfinished = new UnfinishedFrameBudget(options.maxUnfinishedBytes, options.maxUnfinishedBytesPerToken);
  const connections = new Set<Connection>();
  const connectionsPerIp = new Map<string, number>();
  let nextConnectionId = 1;
  let stopping: Promise<void> | null = null;

  const storage = new StorageHealth(options.storageRetryMs);
  const writer = new DurableWriter(store, (failedRooms, error) => onStorageFailure(failedRooms, error));
  const rooms = new RoomRegistry({
    instance: randomUUID(),
    store,
    writer,
    fanout,
    log,
    awarenessMs: options.awarenessMs,
    presence: {
      maxPresenceClients: options.maxPresenceClients,
      maxPresenceStateBytes: options.maxPresenceStateBytes,
      maxRoomPresence: options.maxRoomPresence,
      maxRoomPresenceBytes: options.maxRoomPresenceBytes,
    },
    compactRows: options.compactRows,
    maxReplyPartBytes: options.maxReplyPartBytes,
    transientDocuments: new TransientDocumentTurns(),
    storage,
    onChanged: (room, updates) => {
      const address = parseRoomPath(`/${room.key}`);
      if (address.plan === directoryRoom) workspaces.directoryChanged(address.workspace, updates);
    },
  }, options.graceMs, log);
  const workspaces = new WorkspaceAccess(options.dataDir, authority, rooms, store, log, parts.access ?? null, fanout);
  const adminKey = parts.adminKey ?? adminKeyFor(parts.secret);

  /**
   * The rooms' documents are ahead of the disk: each is reloaded from storage, its writers closed with
   * storageUnavailable (they keep their changes), its readers kept. Writes are refused server-wide for
   * storageRetryMs: a full disk fails every room's writes alike.
   */
  function onStorageFailure(failedRooms: ReadonlySet<string>, error: unknown): void {
    storage.failed();
    log.error({ err: error, rooms: [...failedRooms], retryMs: options.storageRetryMs, failures: storage.failureCount }, 'storing updates failed; refusing writes for a while');
    for (const key of failedRooms) rooms.reload(key, closeCodes.storageUnavailable, storageUnavailableReason);
  }
  const stopLoggingResume = storage.onResumed(() => log.warn({ failures: storage.failureCount }, 'accepting writes again (storage will be tried on the next change)'));

  /** The last probe of Redis and PostgreSQL (scaled out; null alone or before the first GET /health). */
  let backends: BackendsHealth | null = null;
  const health = (): Health => ({
    status: stopping === null ? 'ok' : 'stopping',
    rooms: rooms.size,
    connections: connections.size,
    uptimeSeconds: Math.round((performance.now() - startedAt) / 100) / 10,
    storage: storage.acceptsWrites ? 'ok' : 'refusing writes',
    ...(backends === null ? {} : { backends }),
  });

  /**
   * 503 while Redis or PostgreSQL does not answer: no plan can be loaded or stored then, and a load
   * balancer or monitor that reads only the status sees it. `storage: refusing writes` keeps 200 (readers
   * are still served).
   */
  function answerHealth(res: ServerResponse): void {
    const probed = parts.backends?.check() ?? Promise.resolve(null);
    probed.then((state) => {
      backends = state;
      const body = health();
      const reachable = body.backends === undefined || (body.backends.redis === 'ok' && body.backends.postgres === 'ok');
      res.writeHead(reachable ? 200 : 503, { ...securityHeaders(), 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      res.end(JSON.stringify(body));
    }, (error: unknown) => {
      log.error({ err: error }, 'answering /health failed');
      sendText(res, 500, 'Internal error.');
    });
  }

  const httpServer = createServer({
    // A request (headers included) must arrive within requestTimeoutMs; Node checks this every
    // connectionsCheckingInterval, 30 s by default, so a slow request could live far longer.
    headersTimeout: options.requestTimeoutMs,
    requestTimeout: options.requestTimeoutMs,
    connectionsCheckingInterval: Math.min(1_000, options.requestTimeoutMs),
  });
  // ws refuses (1009, no reason) any frame over the larger limit; Connection enforces which applies.
  const maxPayload = Math.max(options.maxMessageBytes, options.maxJoinBytes);
  const wss = new WebSocketServer({ noServer: true, maxPayload, perMessageDeflate: options.perMessageDeflate ? wireCompression : false });

  // Every handler is guarded: whatever a request contains, nothing throws out of an event handler.
  httpServer.on('request', (req: IncomingMessage, res: ServerResponse) => {
    try {
      handleHttp(req, res);
    } catch (error) {
      log.error({ err: error, target: previewTarget(req.url ?? '') }, 'handling a request failed');
      sendText(res, 500, 'Internal error.');
    }
  });
  httpServer.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', (error) => log.debug({ err: error }, 'upgrade socket error'));
    try {
      handleUpgrade(req, socket, head);
    } catch (error) {
      log.error({ err: error, target: previewTarget(req.url ?? '') }, 'handling an upgrade failed');
      answerOnSocket(socket, 500, 'internal error');
    }
  });
  httpServer.on('connection', (socket: Socket) => {
    try {
      admitSocket(socket);
    } catch (error) {
      log.error({ err: error }, 'accepting a socket failed');
      socket.destroy();
    }
  });
  httpServer.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    const answer = clientErrorAnswer(error);
    refusals.record(`unreadable request ${answer.status ?? 'reset'}`, { code: error.code, status: answer.status, ip: remoteAddressOf(socket) }, 'unreadable request');
    answerClientError(socket, answer);
  });

  /**
   * Caps the sockets per address that are not (yet) a WebSocket, and gives each requestTimeoutMs of
   * silence at most: a socket that connects and sends nothing is dropped in seconds, not Node's 90.
   */
  function admitSocket(socket: Socket): void {
    const ip = socket.remoteAddress ?? 'unknown';
    socket.on('error', (error) => log.debug({ err: error, ip }, 'socket error'));
    if (!pendingSockets.admit(socket, ip)) {
      refusals.record('socket refused 429', { ip, pending: pendingSockets.countFor(ip) }, 'socket refused: too many unfinished requests from this address');
      answerOnSocket(socket, upgradeRefusalStatus.tooManyConnections, `too many open requests from this address (at most ${options.maxPendingSocketsPerIp})`);
      return;
    }
    socket.setTimeout(options.requestTimeoutMs);
  }

  function handleHttp(req: IncomingMessage, res: ServerResponse): void {
    const parsed = parseRequestTarget(req.url);
    if (!parsed.ok) {
      sendText(res, parsed.refusal.status, `Bad request: ${parsed.refusal.reason}.`);
      return;
    }
    const { pathname } = parsed.target;
    if (handleAdminRequest(req, res, pathname, workspaces, adminKey, securityHeaders())) return;
    if (pathname === '/health') {
      answerHealth(res);
      return;
    }
    if (options.webRoot === null) {
      sendText(res, 404, 'Not found.');
      return;
    }
    serveStatic(options.webRoot, pathname, req, res).then((handled) => {
      if (!handled) sendText(res, 405, 'Method not allowed.', { Allow: 'GET, HEAD' });
    }, (error: unknown) => {
      log.error({ err: error, path: preview(pathname) }, 'serving a file failed');
      sendText(res, 500, 'Internal error.');
    });
  }

  /** Answers an upgrade with an HTTP refusal; floods of one kind are logged once per interval. */
  function refuse(socket: Duplex, req: IncomingMessage, status: number, reason: string, headers: ExtraHeaders = {}, kind = String(status)): void {
    const fields = { ip: req.socket.remoteAddress, target: previewTarget(req.url ?? ''), status, reason };
    refusals.record(`upgrade refused ${kind}`, fields, 'upgrade refused');
    answerOnSocket(socket, status, reason, headers);
  }

  function refuseJoin(socket: Duplex, req: IncomingMessage, refusal: JoinRefusal): void {
    refuse(socket, req, refusal.status, refusal.reason, { 'Retry-After': String(refusal.retryAfterSeconds) }, `${refusal.status} ${refusal.limit}`);
  }

  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    // A socket refused on arrival may still deliver the request it had already sent.
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    if (stopping !== null) {
      refuse(socket, req, upgradeRefusalStatus.unavailable, 'server is shutting down', { 'Retry-After': '2' });
      return;
    }
    const ip = req.socket.remoteAddress ?? 'unknown';
    const addressRefusal = admission.admitAddress(ip);
    if (addressRefusal !== null) {
      refuseJoin(socket, req, addressRefusal);
      return;
    }
    const parsed = parseRequestTarget(req.url);
    if (!parsed.ok) {
      refuse(socket, req, parsed.refusal.status, parsed.refusal.reason);
      return;
    }
    if (parsed.target.pathname === accessCheckPath) {
      // Already counted against this address above; the server-wide cap is the last guard.
      pendingSockets.forget(req.socket, ip);
      workspaces.answerAccessCheck(wss, req, socket, head, parsed.target.query, admission.admitServerWide());
      return;
    }
    let address: RoomAddress;
    try {
      address = parseRoomPath(parsed.target.pathname);
    } catch (error) {
      if (!(error instanceof RoomPathError)) throw error;
      refuse(socket, req, upgradeRefusalStatus.badRoomPath, error.message);
      return;
    }
    if ((connectionsPerIp.get(ip) ?? 0) >= options.maxConnectionsPerIp) {
      refuse(socket, req, upgradeRefusalStatus.tooManyConnections, `too many connections from this address (at most ${options.maxConnectionsPerIp})`);
      return;
    }
    const token = parsed.target.query.get('token');
    const check = workspaces.check(token, address.workspace, Math.floor(Date.now() / 1000));
    if (!check.ok) {
      refuse(socket, req, check.status, check.reason);
      return;
    }
    const tokenRefusal = admission.admitToken(tokenKeyOf(check.payload));
    if (tokenRefusal !== null) {
      refuseJoin(socket, req, tokenRefusal);
      return;
    }
    // The app's key binds the connection to its app for the connection's life (role changes go by it).
    const appKey = parsed.target.query.get(appKeyParam);
    if (appKey !== null && !appKeyPattern.test(appKey)) {
      refuse(socket, req, upgradeRefusalStatus.badRoomPath, `${appKeyParam} must be 22–64 letters, digits, "_" or "-"`);
      return;
    }
    pendingSockets.forget(req.socket, ip);
    const readsRoleChange = parsed.target.query.get(readsRoleChangeParam) === '1';
    const introduced: TrackOptions = { readsRoleChange, answersRoleChange: readsRoleChange && parsed.target.query.get(answersRoleChangeParam) === '1', appKey };
    wss.handleUpgrade(req, socket, head, (ws) => accept(ws, socket, ip, address, token ?? '', check.payload, req.headers['user-agent'], introduced));
  }

  function accept(ws: WebSocket, socket: Duplex, ip: string, address: RoomAddress, tokenText: string, token: TokenPayload, userAgent: string | undefined, introduced: TrackOptions): void {
    const key = roomKey(address);
    const connection = new Connection({
      id: nextConnectionId++, socket: ws, rawSocket: socket, canEdit: token.role === 'editor', roomKey: key,
      tokenKey: tokenKeyOf(token), expiresAt: token.exp, limits: options, uploads, unfinished, log,
    });
    connections.add(connection);
    connectionsPerIp.set(ip, (connectionsPerIp.get(ip) ?? 0) + 1);
    workspaces.track(connection, address, tokenText, token, ip, userAgent, introduced);
    // ws reports protocol errors here (e.g. a frame over maxPayload) after closing the socket itself.
    ws.on('error', (error) => log.info({ connection: connection.id, room: key, reason: error.message }, 'connection error'));
    ws.on('close', (code, reason) => {
      connections.delete(connection);
      workspaces.untrack(connection);
      const left = (connectionsPerIp.get(ip) ?? 1) - 1;
      if (left > 0) connectionsPerIp.set(ip, left);
      else connectionsPerIp.delete(ip);
      connection.closed();
      log.info({ connection: connection.id, room: key, code, reason: reason.toString('utf8') }, 'connection closed');
    });
    log.info({ connection: connection.id, room: key, role: token.role, ip }, 'connection opened');
    // A plan taken out of its workspace is served to nobody (tracked first: a removal arriving while
    // this reads the directory closes it too). Its frames wait meanwhile, as while a room loads.
    void workspaces.removalOf(address).then(async (removed) => {
      if (connection.isClosed) return;
      if (removed !== null) {
        connection.close(closeCodes.planRemoved, removed);
        return;
      }
      const room = await rooms.join(key, connection, () => connection.isClosed);
      if (room !== null) connection.attach(room);
    }).catch((error: unknown) => {
      // Storage could not be read (Redis or PostgreSQL away, a damaged file). The client is told 1011;
      // the operator is told why (review42b: nothing was logged but the close, and /health said ok).
      refusals.record('the plan could not be loaded', { connection: connection.id, room: key, err: error }, 'the plan could not be loaded', 'error');
      connection.close(closeCodes.storageFailure, 'the plan could not be loaded');
    });
  }

  const expiryTimer = setInterval(() => {
    const now = Math.floor(Date.now() / 1000);
    for (const connection of connections) {
      if (connection.expiresAt <= now) connection.close(closeCodes.tokenExpired, 'token expired');
    }
  }, Math.min(5_000, options.pingMs));
  const pingTimer = setInterval(() => {
    // Timers run before pending I/O is read: after the event loop was busy (a large upload applied),
    // pongs that already arrived are read first, so a busy server does not drop live clients.
    setImmediate(() => {
      for (const connection of connections) connection.checkLiveness();
    });
  }, options.pingMs);
  const uploadRateTimer = setInterval(() => {
    const now = performance.now();
    for (const connection of connections) connection.checkUploadRate(now);
  }, 1_000);

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const address = httpServer.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  const hostForUrl = options.host.includes(':') ? `[${options.host}]` : options.host;

  async function shutdown(): Promise<void> {
    log.info({ connections: connections.size, rooms: rooms.size }, 'shutting down');
    clearInterval(expiryTimer);
    clearInterval(pingTimer);
    clearInterval(uploadRateTimer);
    admission.dispose();
    refusals.dispose();
    stopLoggingResume();
    storage.dispose();
    workspaces.close();
    const httpClosed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
    httpServer.closeIdleConnections();
    await rooms.closeAll(closeCodes.goingAway, 'server shutting down');
    await writer.drained();
    // Give clients a moment to complete the close handshake, then drop whoever has not.
    const socketsClosed = new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (connections.size === 0) { clearInterval(check); resolve(); }
      }, 10);
      setTimeout(() => { clearInterval(check); resolve(); }, 2_000);
    });
    for (const connection of connections) connection.close(closeCodes.goingAway, 'server shutting down');
    await socketsClosed;
    for (const client of wss.clients) client.terminate();
    wss.close();
    httpServer.closeAllConnections();
    await httpClosed;
    await store.close();
    log.info('stopped');
  }

  return {
    url: `http://${hostForUrl}:${port}/`,
    port,
    options,
    rooms,
    uploads,
    unfinished,
    health,
    workspaces,
    close: () => (stopping ??= shutdown()),
    unstoredRooms: () => writer.pendingRooms(),
  };
}

/** The peer's address of a socket (a net.Socket under the Duplex), for logs and per-address limits. */
function remoteAddressOf(socket: Duplex): string {
  const address = (socket as Duplex & { remoteAddress?: unknown }).remoteAddress;
  return typeof address === 'string' ? address : 'unknown';
}
