import * as Y from 'yjs';
import type { IndexeddbPersistence } from 'y-indexeddb';
import { MIGRATION_ORIGIN, createUndoManager, openPlan, planTypes, type Plan, type PlanContext } from '../../../shared/model/index.js';
import type { KeyValueStore } from '../library/key-value-store.js';
import { compactLocalCopy, openLocalCopy } from '../persistence/plan-storage.js';
import { PlanSync } from '../sync/plan-sync.js';
import type { Peer, PresenceState } from '../sync/presence.js';
import type { ServerConnection } from '../sync/server-connections.js';
import type { SyncStatus } from '../sync/sync-status.js';
import { readTokenFacts } from '../sync/token-facts.js';
import { readReviewPoint } from '../pulse/review-point.js';
import { markRemoteUpdate, perfMarks } from './perf-marks.js';

/** The index's clock ticks every ten minutes: a new `now` recomputes every signal, so not often. */
export const indexClockStepMs = 10 * 60_000;
export function indexClock(now: number): number {
  return Math.floor(now / indexClockStepMs) * indexClockStepMs;
}

export interface SessionCallbacks {
  /** The index's views changed (ids whose view changed; ROOT_ID for the summary / top level). */
  onChange(changed: ReadonlySet<string>): void;
  onSyncStatus(status: SyncStatus): void;
  onPeers(peers: Peer[]): void;
  /** Progress while opening, for the loading screen. */
  onProgress(detail: string): void;
}

export interface SessionOptions {
  planId: string;
  name: string;
  connection: ServerConnection | null;
  ctx: PlanContext;
  store: KeyValueStore;
  callbacks: SessionCallbacks;
}

/** True when nothing has been stored in the doc yet (a plan joined by link before its first sync). */
function isEmptyDoc(doc: Y.Doc): boolean {
  const { meta, nodes } = planTypes(doc);
  return meta.size === 0 && nodes.size === 0;
}

/**
 * One open plan in this window: its Y.Doc, the ONE y-indexeddb provider for it, the model's Plan
 * (operations + PlanIndex), the user's undo manager and, when its workspace has a server, the sync.
 */
export class PlanSession {
  plan: Plan | null = null;
  undo: Y.UndoManager | null = null;
  sync: PlanSync | null = null;
  private refreshScheduled = false;
  private closed = false;
  private stopIndex: (() => void) | null = null;
  private clockTimer = 0;

  private constructor(
    readonly planId: string,
    readonly doc: Y.Doc,
    readonly persistence: IndexeddbPersistence,
    private readonly options: SessionOptions,
  ) {}

  /**
   * Loads the local copy, then opens the plan. A plan joined by link has nothing stored the first
   * time: it is opened only after the first sync, so this device never initialises a second
   * "new plan" that would race the real one's name and settings.
   */
  static async open(options: SessionOptions): Promise<PlanSession> {
    const doc = new Y.Doc();
    options.callbacks.onProgress('Reading the plan from this device…');
    const persistence = await openLocalCopy(options.planId, doc);
    performance.mark(perfMarks.localLoaded);
    const session = new PlanSession(options.planId, doc, persistence, options);
    doc.on('beforeTransaction', session.onBeforeTransaction);
    doc.on('update', session.onDocUpdate);
    if (isEmptyDoc(doc) && options.connection) {
      session.startSync(options.connection);
      options.callbacks.onProgress('Fetching the plan from the sync server…');
      await session.firstSync();
      if (session.closed) return session;
      session.openModel();
    } else {
      // The local copy first: the outline is built and painted before the socket (whose first sync
      // step scans the whole doc) competes for the main thread.
      session.openModel();
      const connection = options.connection;
      if (connection) requestAnimationFrame(() => setTimeout(() => { if (!session.closed) session.startSync(connection); }, 0));
    }
    return session;
  }

  /** Builds the Plan and its index over the loaded doc. */
  private openModel(): void {
    const plan = openPlan(this.doc, this.options.ctx, { name: this.options.name, now: indexClock(Date.now()), baseline: readReviewPoint(this.options.store, this.planId) });
    performance.mark(perfMarks.indexBuilt);
    this.plan = plan;
    this.undo = createUndoManager(plan);
    this.stopIndex = plan.index.onInvalidate(() => this.scheduleRefresh());
    this.clockTimer = window.setInterval(() => this.refreshNow(), indexClockStepMs / 2);
  }

  /**
   * Resolves once the server has answered (its plan, or nothing for a plan new to it), or the doc got
   * content some other way (another tab), or the server refused us, or the session closed. Offline
   * it waits for the network.
   */
  private firstSync(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.doc.off('update', onUpdate);
        window.clearInterval(poll);
        resolve();
      };
      const onUpdate = () => { if (!isEmptyDoc(this.doc)) done(); };
      // A refused connection will never sync: open what is here, so the plan stays usable locally.
      const poll = window.setInterval(() => { if (this.closed || this.sync?.status().phase.kind === 'refused') done(); }, 250);
      this.doc.on('update', onUpdate);
      void this.sync?.firstSync.then(done);
    });
  }

  private presence: PresenceState | null = null;

  /** What this device shows others (kept, and published whenever sync is running). */
  setPresence(state: PresenceState): void {
    this.presence = state;
    this.sync?.setPresence(state);
  }

  startSync(connection: ServerConnection): void {
    this.sync?.destroy();
    this.sync = new PlanSync({
      doc: this.doc,
      planId: this.planId,
      connection,
      token: readTokenFacts(connection.token),
      // Initialising or migrating the doc on open is not a change the user made.
      nonLocalOrigins: [this.persistence, MIGRATION_ORIGIN],
      store: this.options.store,
      now: () => Date.now(),
      onStatus: (status) => this.options.callbacks.onSyncStatus(status),
      onPeers: (peers) => this.options.callbacks.onPeers(peers),
    });
    if (this.presence) this.sync.setPresence(this.presence);
    this.options.callbacks.onSyncStatus(this.sync.status());
  }

  /** Compacts the local copy; run when the window is idle after opening. */
  compact(): Promise<{ rowsBefore: number; bytes: number }> {
    return compactLocalCopy(this.persistence);
  }

  /**
   * Brings the index up to date now (after a local operation, so the UI answers at once). `always`
   * notifies even when no node view changed: a purge or a review point changes what lists show.
   */
  refreshNow(always = false): void {
    if (!this.plan || this.closed) return;
    this.refreshScheduled = false;
    const changed = this.plan.index.refresh(indexClock(Date.now()));
    if (changed.size > 0 || always) this.options.callbacks.onChange(changed);
  }

  private scheduleRefresh(): void {
    if (this.refreshScheduled) return;
    this.refreshScheduled = true;
    // Coalesce every change of one task (a remote batch, a local transaction) into one refresh.
    // Always notify: a change to people, teams or periods changes no node view but shows elsewhere.
    queueMicrotask(() => { if (this.refreshScheduled) this.refreshNow(true); });
  }

  private transactionStart = 0;
  private readonly onBeforeTransaction = (): void => { this.transactionStart = performance.now(); };
  private readonly onDocUpdate = (_update: Uint8Array, origin: unknown): void => {
    if (this.sync?.isRemoteOrigin(origin)) markRemoteUpdate(this.transactionStart);
  };

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    window.clearInterval(this.clockTimer);
    this.doc.off('update', this.onDocUpdate);
    this.doc.off('beforeTransaction', this.onBeforeTransaction);
    this.stopIndex?.();
    this.plan?.index.destroy();
    this.undo?.destroy();
    this.sync?.destroy();
    this.sync = null;
    await this.persistence.destroy();
    this.doc.destroy();
  }
}
