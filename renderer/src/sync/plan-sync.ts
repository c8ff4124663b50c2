import type * as Y from 'yjs';
import { Text as YText } from 'yjs';
import { WebsocketProvider, messageAuth } from 'y-websocket';
import { Awareness } from 'y-protocols/awareness';
import * as authProtocol from 'y-protocols/auth';
import type { KeyValueStore } from '../library/key-value-store.js';
import { peersFromStates, type Peer, type PresenceState, type UnnamedPresence } from './presence.js';
import type { ServerConnection } from './server-connections.js';
import type { SyncPhase, SyncStatus } from './sync-status.js';
import { closeCodes, describeClose, describeCloseCode, tokenRevokedReason } from '../../../shared/sync/index.js';
import { readTokenFacts, refusalBeforeConnecting, type TokenFacts } from './token-facts.js';
import { checkAccess, describeAccessFailure } from './access-check.js';
import { PendingEdits } from './pending-edits.js';
import { PartedUpload } from './parted-upload.js';
import { maxRetryDelayMs, reconnectDelayMs } from './reconnect-backoff.js';
import { answeredRoleChangeMessageType, answersRoleChangeParam, appKeyParam, encodeRoleChangeTakenFrame, readRoleChange, readsRoleChangeParam, roleChangeMessageType, type RoleChange } from '../../../shared/sync/role-change.js';
import { appKey, handoverScope, roleHandover, type RoleHandover } from './role-handover.js';

export interface PlanSyncOptions {
  doc: Y.Doc;
  planId: string;
  connection: ServerConnection;
  /** What the token says about itself (null when it cannot be read). */
  token: TokenFacts | null;
  /** Origins of transactions that are not local edits (the local store replaying updates). */
  nonLocalOrigins: readonly unknown[];
  /**
   * Whether a transaction's origin is the user's own edit (the plan's local origin, undo/redo). When
   * absent, every origin that is neither the server's nor in `nonLocalOrigins` counts.
   */
  isUserOrigin?: (origin: unknown) => boolean;
  /** Where the waiting count is kept between sessions (default `throughline:pending:<planId>`). */
  pendingKey?: string;
  store: KeyValueStore;
  now: () => number;
  onStatus: (status: SyncStatus) => void;
  onPeers: (peers: Peer[]) => void;
  /** Waits after each storage refusal (4507) in a row (default 30 s, 1, 2, 5 min). */
  storageBackoffMs?: readonly number[];
  /** A draw from [0, 1) for the reconnection jitter (default Math.random). */
  random?: () => number;
  /** Largest part of a first upload too big for one message (default parted-upload.ts's 1 MiB). */
  maxPartBytes?: number;
  /**
   * Asks the server for what this device lacks this often while connected (the stock client's
   * `resyncInterval`; default never). For small documents whose every change matters at once, such as a
   * workspace's plan list: anything that did not arrive (a relay lost on its way) arrives by the next.
   */
  resyncMs?: number;
  /**
   * The host changed this app's role (sync-server's role-change frame): the sync already reconnects
   * with the token handed over; this is for keeping that token (and telling the person).
   */
  onRoleChange?: (change: RoleChange) => void;
  /** The running app's key, sent in the room URL (default: this app's, role-handover.ts). */
  appKey?: string;
  /** Where the app's syncs hand each other the host's role changes (default: the app's one). */
  handover?: RoleHandover;
}

/** Consecutive connection attempts that closed before opening, after which we probe the server. */
const failedAttemptsBeforeProbe = 2;
/**
 * Waits after the server said it cannot store changes (4507), doubling per refusal up to the last:
 * the stock client would retry within 2.5 s and re-upload every unsaved change each time.
 */
const storageBackoffMs = [30_000, 60_000, 120_000, 300_000] as const;
/** A storage refusal this long after the previous one starts the backoff from the beginning. */
const storageBackoffResetMs = 600_000;
export { maxRetryDelayMs };

/**
 * Keeps one plan in sync with its workspace's server through the stock y-websocket client, and turns
 * what the client reports into the status the user sees: connecting, synced, offline, refused, and how
 * many local changes wait for the server. Browsers report an HTTP 401/403 at the WebSocket upgrade
 * only as a failed connection, so a refusal is told apart from an unreachable server by probing the
 * server's /health endpoint after repeated failures.
 */
/** Where a plan's waiting count is kept between sessions. */
export function planPendingKey(planId: string): string {
  return `throughline:pending:${planId}`;
}

/**
 * How many of this device's own edits to a plan the server had not confirmed when its last sync stopped
 * (or now, while one runs): kept across sessions, so it is known for a plan that is not open too.
 */
export function storedPendingChanges(store: KeyValueStore, planId: string): number {
  const stored = Number(store.getItem(planPendingKey(planId)) ?? '0');
  return Number.isInteger(stored) && stored > 0 ? stored : 0;
}

export class PlanSync {
  readonly awareness: Awareness;
  private provider: WebsocketProvider | null = null;
  private phase: SyncPhase = { kind: 'connecting' };
  private readonly pending: PendingEdits;
  /** Bumped once per task, so every transaction of one task is one edit. */
  private task = 0;
  private taskScheduled = false;
  private permissionDenied: string | null = null;
  private failedAttempts = 0;
  private opened = false;
  private probing = false;
  private destroyed = false;
  private readonly pendingKey: string;
  private storageRefusals = 0;
  private lastStorageRefusalAt = -Infinity;
  private storageRetryTimer: ReturnType<typeof setTimeout> | null = null;
  /** Our own reconnection (jittered): the stock client's fixed doubling is switched off. */
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private reconnectAttempts = 0;
  private nextAttemptAt: number | null = null;
  private resolveFirstSync: () => void = () => undefined;
  /** The token this sync connects with: the connection's, until the host hands over another. */
  private token: string;
  private tokenFacts: TokenFacts | null;
  private readonly appKey: string;
  private readonly handover: RoleHandover;
  private readonly handoverScope: string;
  private readonly leaveHandover: () => void;
  /** Resolves when the server has answered once (the doc then holds everything it had). */
  readonly firstSync: Promise<void> = new Promise((resolve) => { this.resolveFirstSync = resolve; });

  constructor(private readonly options: PlanSyncOptions) {
    this.pendingKey = options.pendingKey ?? planPendingKey(options.planId);
    this.token = options.connection.token;
    this.tokenFacts = options.token;
    this.appKey = options.appKey ?? appKey;
    this.handover = options.handover ?? roleHandover;
    this.handoverScope = handoverScope(this.appKey, options.connection.server, options.connection.workspace);
    // Started with a token the host replaced meanwhile (a plan opened with an older connection): the new one.
    const replacing = this.handover.replacing(this.handoverScope, this.token);
    if (replacing !== null) this.adoptToken(replacing);
    this.leaveHandover = this.handover.join(this.handoverScope, (change) => this.adopt(change));
    this.pending = new PendingEdits(Number(options.store.getItem(this.pendingKey) ?? '0') || 0);
    this.awareness = new Awareness(options.doc);
    // The doc's client id may be one an earlier session of this device used (client-id-lease.ts).
    // Peers and the server keep the last presence clock of every id they saw and ignore anything
    // older, so a reused id starting again at clock 0 would stay invisible; starting from the time
    // in ms puts it past any clock the earlier session could have reached (under one change per ms).
    const ownMeta = this.awareness.meta.get(this.awareness.clientID);
    if (ownMeta) this.awareness.meta.set(this.awareness.clientID, { ...ownMeta, clock: Math.max(ownMeta.clock, Math.floor(options.now())) });
    options.doc.on('afterTransaction', this.onTransaction);
    this.awareness.on('change', this.onAwarenessChange);
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
    const refusal = refusalBeforeConnecting(this.tokenFacts, options.connection.workspace);
    if (refusal) this.setPhase({ kind: 'refused', reason: refusal });
    else this.start();
  }

  /** The role granted by the token, known before the server answers. */
  get role(): 'editor' | 'viewer' | null {
    return this.tokenFacts?.role ?? null;
  }

  status(): SyncStatus {
    return { phase: this.phase, pendingChanges: this.pending.value, role: this.role, permissionDenied: this.permissionDenied };
  }

  /** True for transactions applied from the server (or another tab of this plan). */
  isRemoteOrigin(origin: unknown): boolean {
    return origin !== null && origin === this.provider;
  }

  setPresence(state: PresenceState | UnnamedPresence): void {
    this.awareness.setLocalState(state);
  }

  /** Tries again after a refusal or a long outage (the user pressed "Retry"). */
  retry(): void {
    const refusal = refusalBeforeConnecting(this.tokenFacts, this.options.connection.workspace);
    if (refusal) {
      this.setPhase({ kind: 'refused', reason: refusal });
      return;
    }
    this.failedAttempts = 0;
    this.cancelReconnect();
    if (this.provider) {
      this.provider.disconnect();
      this.provider.connect();
    } else {
      this.start();
    }
    this.setPhase({ kind: 'connecting' });
  }

  destroy(): void {
    this.destroyed = true;
    this.leaveHandover();
    if (this.storageRetryTimer !== null) clearTimeout(this.storageRetryTimer);
    this.cancelReconnect();
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    this.options.doc.off('afterTransaction', this.onTransaction);
    this.awareness.off('change', this.onAwarenessChange);
    this.provider?.destroy();
    this.provider = null;
    this.awareness.destroy();
  }

  private start(): void {
    const { connection, planId, doc } = this.options;
    const provider = new WebsocketProvider(`${connection.server}/${connection.workspace}`, planId, doc, {
      awareness: this.awareness,
      // Says this client reads the server's role-change frame (the stock client never gets one).
      // The app's key binds the connection to this app on the server (role changes go by it, never by presence).
      params: { token: this.token, [readsRoleChangeParam]: '1', [answersRoleChangeParam]: '1', [appKeyParam]: this.appKey },
      connect: navigator.onLine,
      maxBackoffTime: maxRetryDelayMs,
      // The stock client's cross-tab BroadcastChannel encodes the WHOLE doc on every connect (16 MB
      // and a few hundred ms for a 20,000-node plan); tabs of one plan meet through the server instead.
      disableBc: true,
      resyncInterval: this.options.resyncMs ?? -1,
    });
    // The stock client only logs permission-denied; we show it (a viewer's writes are dropped).
    provider.messageHandlers[messageAuth] = (_encoder, decoder) => {
      authProtocol.readAuthMessage(decoder, doc, (_doc, reason) => {
        this.permissionDenied = reason || 'The server does not accept changes from this device.';
        this.emitStatus();
      });
    };
    provider.messageHandlers[roleChangeMessageType] = (_encoder, decoder) => {
      const change = readRoleChange(decoder);
      if (change !== null) this.takeRole(change);
    };
    // The same, from a server that waits for the answer: sent on the same socket once taken, so what this
    // sync sent before was typed while it could edit, and the server keeps it; a demotion applies to what
    // comes after (shared/sync/role-change.ts). Sent here: the stock client sends a handler's answer only
    // when it is over one byte.
    provider.messageHandlers[answeredRoleChangeMessageType] = (_encoder, decoder, handling) => {
      const change = readRoleChange(decoder);
      if (change !== null) this.takeRole(change);
      if (handling.ws?.readyState === WebSocket.OPEN) handling.ws.send(encodeRoleChangeTakenFrame());
    };
    provider.on('status', ({ status }) => {
      if (status === 'connected') {
        this.opened = true;
        this.failedAttempts = 0;
      }
      // While the server is unreachable each attempt is "connecting": keep the countdown instead.
      if (status === 'connecting' && this.phase.kind !== 'offline' && this.phase.kind !== 'refused' && this.phase.kind !== 'unreachable') this.setPhase({ kind: 'connecting' });
    });
    // A first upload too large for one message goes in parts (parted-upload.ts).
    const parted = new PartedUpload(provider, this.options.maxPartBytes === undefined ? {} : { maxPartBytes: this.options.maxPartBytes });
    provider.on('sync', (synced) => {
      if (!synced) return;
      this.resolveFirstSync();
      this.reconnectAttempts = 0;
      // The server's answer is in; ours may still be going out in parts: only then is nothing waiting.
      void parted.whenIdle().then(() => {
        // Not answered: the connection dropped mid-upload; the next one syncs and comes back here.
        if (this.destroyed || !provider.synced || !parted.answered) return;
        this.pending.clear();
        this.options.store.removeItem(this.pendingKey);
        this.setPhase({ kind: 'synced' });
      });
    });
    provider.on('connection-close', (event) => {
      // A close we caused (disconnect on "offline", retry) says nothing about the server.
      if (this.destroyed || event === null) return;
      if (event.code === closeCodes.storageUnavailable) {
        this.backOffForStorage(provider, event.reason);
        return;
      }
      if (!this.opened) this.failedAttempts++;
      this.opened = false;
      if (!navigator.onLine) {
        this.setPhase({ kind: 'offline' });
        return;
      }
      // 4400–4499 are final: the stock client stops and reports them through 'closed'.
      if (event.code >= 4400 && event.code < 4500) return;
      const retryAt = this.scheduleReconnect(provider);
      if (this.phase.kind === 'unreachable') this.setPhase({ ...this.phase, retryAt });
      else if (this.phase.kind === 'synced') this.setPhase({ kind: 'connecting' });
      if (this.failedAttempts >= failedAttemptsBeforeProbe) void this.probeServer(retryAt);
    });
    // Close codes 4400–4499 are final (the stock client stops retrying): malformed, token expired.
    provider.on('closed', ({ code, reason }) => {
      this.setPhase({ kind: 'refused', reason: describeClose(code, reason), closed: { code, reason } });
    });
    this.provider = provider;
    this.setPhase(navigator.onLine ? { kind: 'connecting' } : { kind: 'offline' });
  }

  /**
   * The host gave this app another role: the server already treats this connection so; from now on the
   * status says it (the views switch between read-only and editable), and reconnects use the token
   * handed over, so they keep the role. A refusal seen as a viewer no longer applies to an editor.
   */
  private takeRole(change: RoleChange): void {
    const replaced = this.token;
    if (!this.adopt(change)) return;
    // The app's other syncs of this workspace (the plan list, other plans) take it too.
    this.handover.handOver(this.handoverScope, replaced, change);
  }

  /** Takes a role change (told by the server, or handed over by another sync of this app); false when unusable or already held. */
  private adopt(change: RoleChange): boolean {
    if (this.destroyed || change.token === this.token || !this.adoptToken(change)) return false;
    if (this.provider) this.provider.params = { ...this.provider.params, token: change.token };
    if (change.role === 'editor') this.permissionDenied = null;
    this.emitStatus();
    this.options.onRoleChange?.(change);
    return true;
  }

  /** Holds the change's token (and its facts) from now on, when it is a token of this workspace in that role. */
  private adoptToken(change: RoleChange): boolean {
    const facts = readTokenFacts(change.token);
    if (facts === null || facts.role !== change.role || facts.workspace !== this.options.connection.workspace) return false;
    this.token = change.token;
    this.tokenFacts = facts;
    return true;
  }

  /** When the next reconnection attempt is due (ms since the epoch), or null when none is scheduled. */
  get nextReconnectAt(): number | null {
    return this.nextAttemptAt;
  }

  /**
   * Schedules the next attempt after a jittered wait (reconnect-backoff.ts) and returns when it is due.
   * Called from the close event, just before the stock client schedules its own fixed retry: with
   * `shouldConnect` off, that retry does nothing, and ours calls `connect()`.
   */
  private scheduleReconnect(provider: WebsocketProvider): number {
    this.cancelReconnect();
    const waitMs = reconnectDelayMs(this.reconnectAttempts++, this.options.random ?? Math.random);
    provider.shouldConnect = false;
    const dueAt = this.options.now() + waitMs;
    this.nextAttemptAt = dueAt;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.nextAttemptAt = null;
      // Offline: the "online" event reconnects.
      if (this.destroyed || !navigator.onLine) return;
      provider.connect();
    }, waitMs);
    return dueAt;
  }

  private cancelReconnect(): void {
    if (this.reconnectTimer !== null) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.nextAttemptAt = null;
  }

  /**
   * The server cannot store changes now: stop the stock client's quick retries, say why, and try again
   * after a growing wait. Changes stay on this device meanwhile and are sent on the next connection.
   */
  private backOffForStorage(provider: WebsocketProvider, reason: string): void {
    const now = this.options.now();
    if (now - this.lastStorageRefusalAt > storageBackoffResetMs) this.storageRefusals = 0;
    this.lastStorageRefusalAt = now;
    const waits = this.options.storageBackoffMs ?? storageBackoffMs;
    const waitMs = waits[Math.min(this.storageRefusals, waits.length - 1)] ?? storageBackoffMs[0];
    this.storageRefusals++;
    this.opened = false;
    // After this handler the stock client schedules its own reconnect; disconnecting cancels it.
    queueMicrotask(() => provider.disconnect());
    const seconds = Math.round(waitMs / 1000);
    this.setPhase({ kind: 'refused', reason: `${describeCloseCode(closeCodes.storageUnavailable)}${reason ? ` (${reason})` : ''} Trying again in ${seconds} s.`, retryAt: now + waitMs });
    if (this.storageRetryTimer !== null) clearTimeout(this.storageRetryTimer);
    this.storageRetryTimer = setTimeout(() => {
      this.storageRetryTimer = null;
      if (this.destroyed) return;
      // Offline now: the "online" event reconnects.
      if (!navigator.onLine) return this.setPhase({ kind: 'offline' });
      this.setPhase({ kind: 'connecting' });
      provider.connect();
    }, waitMs);
  }

  /**
   * After repeated failed upgrades, asks the server why (the access check, over a WebSocket: a page
   * sees no HTTP status of a refused upgrade). Refused: stop and say why. Otherwise the server is
   * unreachable (or busy) and the client keeps retrying; the status counts down to its next attempt.
   */
  private async probeServer(retryAt: number): Promise<void> {
    if (this.probing) return;
    this.probing = true;
    try {
      const { server, workspace } = this.options.connection;
      const result = await checkAccess(server, workspace, this.token);
      if (this.destroyed || this.phase.kind === 'synced' || this.phase.kind === 'offline' || this.provider?.wsconnected) return;
      if (result.kind === 'refused') {
        this.cancelReconnect();
        this.provider?.disconnect();
        // A link revoked while the plan was closed (or before a reload) is told in the words of a
        // revocation seen live, not as a server's technical refusal of a workspace id.
        const reason = result.reason === tokenRevokedReason ? describeClose(closeCodes.tokenRevoked, result.reason) : describeAccessFailure(result, server, workspace);
        this.setPhase({ kind: 'refused', reason });
      } else if (result.kind !== 'granted') {
        const nextRetry = this.phase.kind === 'unreachable' ? this.phase.retryAt : retryAt;
        this.setPhase({ kind: 'unreachable', retryAt: nextRetry, ...(result.kind === 'busy' ? { busy: true } : {}) });
      }
    } finally {
      this.probing = false;
    }
  }

  private isUserEdit(origin: unknown): boolean {
    if (origin === this.provider || this.options.nonLocalOrigins.includes(origin)) return false;
    return this.options.isUserOrigin ? this.options.isUserOrigin(origin) : true;
  }

  private readonly onTransaction = (transaction: Y.Transaction): void => {
    if (transaction.changed.size === 0 && transaction.deleteSet.clients.size === 0) return;
    if (this.phase.kind === 'synced' && this.provider?.wsconnected) return;
    if (!this.taskScheduled) {
      this.taskScheduled = true;
      queueMicrotask(() => { this.taskScheduled = false; this.task++; });
    }
    const changed = [...transaction.changed.keys()];
    const text = changed.length === 1 && changed[0] instanceof YText ? changed[0] : null;
    if (!this.pending.note({ byUser: this.isUserEdit(transaction.origin), task: this.task, text, at: this.options.now() })) return;
    this.options.store.setItem(this.pendingKey, String(this.pending.value));
    this.emitStatus();
  };

  private readonly onAwarenessChange = (): void => {
    this.options.onPeers(peersFromStates(this.awareness.getStates(), this.awareness.clientID));
  };

  private readonly onOnline = (): void => {
    if (this.phase.kind === 'refused') return;
    this.failedAttempts = 0;
    this.reconnectAttempts = 0;
    this.cancelReconnect();
    this.provider?.connect();
    this.setPhase({ kind: 'connecting' });
  };

  // Browsers keep an open WebSocket alive for a while after the network goes; drop it at once so
  // the status is honest and edits are counted as waiting.
  private readonly onOffline = (): void => {
    this.cancelReconnect();
    this.provider?.disconnect();
    if (this.phase.kind !== 'refused') this.setPhase({ kind: 'offline' });
  };

  private setPhase(phase: SyncPhase): void {
    this.phase = phase;
    this.emitStatus();
  }

  private emitStatus(): void {
    if (!this.destroyed) this.options.onStatus(this.status());
  }
}
