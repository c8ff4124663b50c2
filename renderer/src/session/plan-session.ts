import * as Y from 'yjs';
import type { IndexeddbPersistence } from 'y-indexeddb';
import type { PlanId } from '../../../shared/model/ids.js';
import { LocalOrigin, MIGRATION_ORIGIN, createUndoManager, openingPlan, planTypes, type Plan, type PlanContext, type PlanUndoManager, type Steps } from '../../../shared/model/index.js';
import { groupCheckInsAtOnce, keepCheckInObjects, keepEachDecodedString } from '../../../shared/model/doc-cache.js';
import type { KeyValueStore } from '../library/key-value-store.js';
import { StoredWrites, compactLocalCopy, openLocalCopy } from '../persistence/plan-storage.js';
import { inputPending, openLocalCopyInSlices, yieldToPage } from '../persistence/sliced-load.js';
import { runCooperatively, runInSlices } from './cooperative-steps.js';
import { Slicer } from './slicer.js';
import { PlanTabs } from '../persistence/plan-tabs.js';
import { applyUnstoredCopies, UnstoredEdits } from '../persistence/unstored-edits.js';
import { UpdateWorkerClient, createUpdateWorker } from '../persistence/update-worker-client.js';
import { PlanSync } from '../sync/plan-sync.js';
import type { Peer, PresenceState } from '../sync/presence.js';
import type { ServerConnection } from '../sync/server-connections.js';
import type { SyncStatus } from '../sync/sync-status.js';
import { readTokenFacts } from '../sync/token-facts.js';
import { markRemoteUpdate, perfMarks } from './perf-marks.js';
import type { FirstScreen, FirstScreenPulseFigure } from '../../../shared/model/first-screen.js';
import { FirstScreenKeeper } from './first-screen-keeper.js';
import { DisposableStore, Emitter, MutableDisposable, toDisposable, type Disposable } from '../../../shared/lifecycle/disposable.js';
import { animationFrame, interval, listen, timeout } from './dom-disposables.js';
import { takeSessionClientId } from './client-id-lease.js';
import type { ClientIdLease } from '../../../shared/sync/client-id-reuse.js';
import { closeCodes, planRemovedBy } from '../../../shared/sync/protocol.js';
import { isolatedText } from '../../../shared/text/bidi-isolation.js';

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

/**
 * The benchmark's switch back to the previous open path (the whole stored document applied in one
 * task), so both paths run side by side in one build. Nothing in the app sets it.
 */
export const openInOneTaskKey = 'throughline:bench:open-in-one-task';
/**
 * The benchmark's switch to the opening's slicer (slicer.ts: one clock for the whole open, a budget
 * that adapts to the slices' wall time) instead of the fixed 8 ms slices with a fresh clock per batch
 * and phase. Off in the app: side by side it showed no fewer long tasks (what is left over 50 ms is
 * garbage collection) and a live outline 4–12% later (docs/benchmarks.md, "Opening 20k, ninth run");
 * in a fresh process interactive came 1.09× later ("Opening 20k, open20k5, eighteenth session").
 * Nothing in the app sets it.
 */
export const openingSlicerKey = 'throughline:bench:opening-slicer';
/**
 * The benchmark's switch back to the apply without a yield between one batch of stored rows and the
 * next (persistence/sliced-load.ts, applyBatchesInSlices). Nothing in the app sets it.
 */
export const batchesInOneTaskKey = 'throughline:bench:batches-in-one-task';
/**
 * The benchmark's switch back to check-ins and node records that keep their own decoded strings
 * (shared/model/doc-cache.ts, keepEachDecodedString). Nothing in the app sets it.
 */
export const unsharedCheckInStringsKey = 'throughline:bench:unshared-check-in-strings';
/**
 * The benchmark's switch back to one CheckIn object per check-in in the index instead of the columns
 * (shared/model/doc-cache.ts, keepCheckInObjects). Nothing in the app sets it.
 */
export const checkInObjectsKey = 'throughline:bench:check-in-objects';
/**
 * The benchmark's switch back to grouping the check-ins of a full read by node in one step instead of
 * in steps (shared/model/doc-cache.ts, groupCheckInsAtOnce). Nothing in the app sets it.
 */
export const checkInsGroupedAtOnceKey = 'throughline:bench:check-ins-grouped-at-once';

export interface SessionOptions {
  planId: PlanId;
  name: string;
  connection: ServerConnection | null;
  ctx: PlanContext;
  store: KeyValueStore;
  callbacks: SessionCallbacks;
  /** The first screen that was stored (and painted) before the doc loaded, if any. */
  firstScreen: FirstScreen | null;
  /** A stored write of the first screen failed. */
  onFirstScreenError(error: unknown): void;
  /** The safety copy of unstored changes could not be written or confirmed (the store itself goes on). */
  onUnstoredCopyError?(error: unknown): void;
  /**
   * This device refused to store a change (storage full, over quota, a disk error): the change is in this
   * window and its safety copy only until a later write succeeds. Said once per outage.
   */
  onLocalWriteFailed?(error: unknown): void;
  /** Every change this device refused earlier is stored now. */
  onLocalWritesRecovered?(): void;
  /**
   * Work the live views' first render would otherwise do (the outline's rows), run between the
   * index's last steps and that render: in tasks of its own, as steps between which the page answers.
   */
  prepareLiveViews?(plan: Plan): Steps<void> | undefined;
}

/**
 * How often the loading status may change while the slices apply: each change re-renders the page
 * between two slices, and a re-render per slice made the sliced open slower than the one-task one.
 */
const progressReportMs = 250;

/**
 * y-indexeddb stores every update as a row and, at 500 rows, writes the whole plan as ONE row
 * (y-indexeddb#31): for a large plan one long task, and a row the next open must cut again. A long
 * session's edits are compacted before that.
 */
const compactAtRows = 450;
/** Edits stored since the last compaction before another one is worth it. */
const editsPerCompaction = 20;

/**
 * How long one slice of applying the stored plan runs (the first part past it ends the slice). A
 * young-generation GC lands inside some slices and adds 25–45 ms on a quiet machine (Yjs keeps what
 * it decodes, so each scavenge copies a full nursery): with 12 ms slices those were tasks of 50–60 ms.
 */
const applySliceBudgetMs = 8;

/** `report`, called at most once per `everyMs` (and always for the last slice). */
function reportAtMostEvery(everyMs: number, now: () => number, report: (applied: number, total: number) => void): (applied: number, total: number) => void {
  let last = Number.NEGATIVE_INFINITY;
  return (applied, total) => {
    const at = now();
    if (applied < total && at - last < everyMs) return;
    last = at;
    report(applied, total);
  };
}

/**
 * From this many node records waiting, a refresh runs in steps (`refreshInSteps`): an ordinary edit
 * touches a handful, a spreadsheet import or its undo thousands.
 */
export const refreshInStepsAtNodes = 1_000;
/** The benchmark's switch back to refreshing any batch in one task. Nothing in the app sets it. */
export const refreshInOneTaskKey = 'throughline:bench:refresh-in-one-task';
/** Thrown into a stepped refresh whose session closed. */
const sessionClosed = Symbol('session closed');

/** The origin of the changes recovered from the safety copy on open (not a user's edit, not the store's). */
export const unstoredOrigin = Symbol('recovered unstored changes');

/**
 * The server refused a plan this device has nothing of, because it was taken out of its workspace
 * (closed with planRemoved): there is nothing to open, and nothing of it was fetched.
 */
export class PlanTakenOutError extends Error {
  override readonly name = 'PlanTakenOutError';
  constructor(readonly by: string | null) {
    super(`It was taken out of its workspace${by ? ` by ${isolatedText(by)}` : ''}, so it is not shared any more: nothing of it was downloaded to this device. It is shared again if someone who has it moves it into the workspace again.`);
  }
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
  undo: PlanUndoManager | null = null;
  /** The running sync, and its slot: replacing or closing releases the previous connection. */
  private currentSync: PlanSync | null = null;
  private readonly syncSlot = new MutableDisposable<Disposable>();
  /** Set by stopSync: this session never syncs again (its plan was taken out of its workspace). */
  private syncStopped = false;
  private refreshScheduled = false;
  private firstScreenKeeper: FirstScreenKeeper | null = null;
  private closed = false;
  /** Where compactions report, set once the first one (after opening) is due. */
  private compactionReport: { onResult(result: { rowsBefore: number; bytes: number }): void; onError(error: unknown): void } | null = null;
  private compacting = false;
  private rowsAfterCompaction = 0;
  /** Every listener, timer and resource of this session; `close()` releases them, newest first. */
  private readonly disposables = new DisposableStore();
  private readonly syncStatusChanged = new Emitter<SyncStatus>();
  private readonly closing = new Emitter<void>();
  /** This window's synchronous copy of changes y-indexeddb has not stored yet (a reload may come first). */
  private readonly unstored: UnstoredEdits;
  /** The plan's row writes, which know when the browser refused one. */
  private readonly writes: StoredWrites;

  private constructor(
    readonly planId: PlanId,
    readonly doc: Y.Doc,
    readonly persistence: IndexeddbPersistence,
    private readonly options: SessionOptions,
    private readonly workers: UpdateWorkerClient,
  ) {
    // Registered first, so released last: the doc outlives everything that listens to it.
    this.disposables.defer(() => doc.destroy());
    this.disposables.defer(() => persistence.destroy());
    this.disposables.defer(() => workers.dispose());
    // Before every other update listener, as y-indexeddb's own handler was: the row is counted before
    // onDocUpdate reads the count, and its write is started before the safety copy's flush.
    // The plan's other tabs get each change once it is stored (offline they meet nowhere else).
    const tabs = this.disposables.add(new PlanTabs(planId, persistence, (error) => console.warn('A change could not be handed to the plan\'s other tabs; they read it when the plan opens again.', error)));
    this.writes = new StoredWrites(persistence, (error) => options.onLocalWriteFailed?.(error), () => options.onLocalWritesRecovered?.(), (update) => tabs.stored(update));
    // Changes made just before the last reload or tab close that IndexedDB may not have stored, stored now
    // through `writes`, which knows when the device refuses them: written by y-indexeddb's own handler, a
    // refused write went unseen, the copy was removed after the flush all the same, and every later change
    // of the reused client id then depended on structs stored nowhere, so a later open showed none of them
    // (review45b F4). Applied before the session's own listeners: not an edit of this session.
    const recovered = applyUnstoredCopies(options.store, planId, doc, unstoredOrigin);
    doc.on('beforeTransaction', this.onBeforeTransaction);
    doc.on('update', this.onDocUpdate);
    this.disposables.defer(() => {
      doc.off('update', this.onDocUpdate);
      doc.off('beforeTransaction', this.onBeforeTransaction);
    });
    this.disposables.add(this.syncStatusChanged);
    this.disposables.add(this.closing);
    this.disposables.add(this.syncSlot);
    const onUnstoredError = options.onUnstoredCopyError ?? (() => undefined);
    this.unstored = this.disposables.add(new UnstoredEdits(planId, doc, options.store, () => this.writes.flush(), persistence, onUnstoredError));
    // A copy whose changes wait on ones this device does not hold (a first sync too large to copy, lost to a
    // reload, under a copied edit) is applied but not integrated: Yjs keeps it pending, so it is in no update
    // and no row yet. The copy stays until an open finds nothing pending (the missing part came meanwhile).
    if (doc.store.pendingStructs === null && doc.store.pendingDs === null) this.unstored.forgetOnceStored(recovered);
    // A hidden page may be closed or discarded next without another event: start storing now.
    if (typeof document !== 'undefined') {
      this.disposables.add(listen(document, 'visibilitychange', () => { if (document.visibilityState === 'hidden') this.unstored.pageHiding(); }));
      this.disposables.add(listen(window, 'pagehide', () => this.unstored.pageHiding()));
    }
  }

  /** True while a change in the doc is not yet known to be stored on this device (tests). */
  get hasUnstoredChanges(): boolean {
    return this.unstored.hasPending;
  }

  /** The server connection, when the plan's workspace has one and it has started. */
  get sync(): PlanSync | null {
    return this.currentSync;
  }

  /**
   * Loads the local copy, then opens the plan. A plan joined by link has nothing stored the first
   * time: it is opened only after the first sync, so this device never initialises a second
   * "new plan" that would race the real one's name and settings.
   */
  static async open(options: SessionOptions): Promise<PlanSession> {
    // History is kept: review points are snapshots, and showing the plan as it was needs every value
    // a snapshot points to (docs/data-model.md §9).
    const doc = new Y.Doc({ gc: false });
    options.callbacks.onProgress('Reading the plan from this device…');
    const workers = new UpdateWorkerClient(typeof Worker === 'function' ? createUpdateWorker : null);
    let persistence: IndexeddbPersistence | null;
    // With the bench's switch, one slicer for the whole open: the apply, the index build and the live rows (slicer.ts).
    keepEachDecodedString(options.store.getItem(unsharedCheckInStringsKey) === '1');
    keepCheckInObjects(options.store.getItem(checkInObjectsKey) === '1');
    groupCheckInsAtOnce(options.store.getItem(checkInsGroupedAtOnceKey) === '1');
    const slicer = options.store.getItem(openingSlicerKey) === '1' ? new Slicer({ yieldToPage, now: () => performance.now(), inputPending }) : null;
    try {
      persistence = options.store.getItem(openInOneTaskKey) === '1'
        ? await openLocalCopy(options.planId, doc)
        : await openLocalCopyInSlices(options.planId, doc, {
          workers, yieldToPage, now: () => performance.now(), sliceBudgetMs: applySliceBudgetMs, ...(slicer ? { slicer } : {}),
          batchesInOneTask: options.store.getItem(batchesInOneTaskKey) === '1',
          onPhase: (phase, detail) => performance.mark(`throughline:${phase}`, { detail }),
          onProgress: reportAtMostEvery(progressReportMs, () => performance.now(), (applied, total) => {
            options.callbacks.onProgress(`Reading the plan from this device… ${Math.floor((100 * applied) / Math.max(1, total))}%`);
          }),
        });
    } catch (error) {
      workers.dispose();
      doc.destroy();
      throw error;
    }
    if (!persistence) throw new Error('The plan stopped loading.');
    const session = new PlanSession(options.planId, doc, persistence, options, workers);
    performance.mark(perfMarks.localLoaded);
    session.slicer = slicer;
    try {
      await session.openLoaded(options);
    } catch (error) {
      // Nobody else holds the session: release its lock, sync and local copy here.
      await session.close();
      throw error;
    }
    return session;
  }

  /** The rest of `open` once the local copy is loaded. */
  private async openLoaded(options: SessionOptions): Promise<void> {
    // Before anything writes or syncs: the id this session writes with (reused when provably safe).
    await this.takeClientId();
    if (this.closed) return;
    if (isEmptyDoc(this.doc) && options.connection) {
      this.startSync(options.connection);
      options.callbacks.onProgress('Fetching the plan from the sync server…');
      await this.firstSync();
      if (this.closed) return;
      const phase = this.sync?.status().phase;
      if (phase?.kind === 'refused' && phase.closed?.code === closeCodes.planRemoved && isEmptyDoc(this.doc)) throw new PlanTakenOutError(planRemovedBy(phase.closed.reason));
      await this.openModel();
    } else {
      // The local copy first: the outline is built and painted before the socket (whose first sync
      // step scans the whole doc) competes for the main thread.
      await this.openModel();
      const connection = options.connection;
      if (connection) {
        const frame = this.disposables.add(animationFrame(() => {
          this.disposables.release(frame);
          const start = this.disposables.add(timeout(() => {
            this.disposables.release(start);
            this.startSync(connection);
          }, 0));
        }));
      }
    }
  }

  /** Resolves once every change already in the doc is stored on this device (quit, reload). */
  flushLocalCopy(): Promise<void> {
    if (this.closed) return Promise.resolve();
    // A quit: the id's closing record is written now, while the page still runs (on pagehide the
    // browser may abort it), and the quit waits for it. Should the window stay, the doc goes on
    // offline under a throwaway id.
    const leaseEnded = this.endClientIdLease().catch((error: unknown) => console.warn('The client id of this session stays retired: its closing record was not stored.', error));
    // The first screen too: the next start paints what was there at quit, not an older state.
    return Promise.all([this.writes.flush(), this.flushFirstScreen(), leaseEnded]).then(() => undefined);
  }

  private clientIdLease: ClientIdLease | null = null;
  /** The opening's slicer (only with the bench's switch): its clock and budget run on from the apply. */
  private slicer: Slicer | null = null;

  /**
   * Writes with a client id this device used before when that is safe, instead of a new one per
   * session: Yjs's cost per transaction grows with the ids a doc has ever seen (docs/benchmarks.md,
   * "Client ids"). Any failure keeps Yjs's random id, which is never reused.
   */
  private async takeClientId(): Promise<void> {
    let lease: ClientIdLease | null = null;
    try {
      lease = await takeSessionClientId(this.planId, this.doc, this.persistence, this.options.ctx.actor);
    } catch (error) {
      console.warn('This session writes with a new client id: the reuse check failed.', error);
    }
    if (!lease) return;
    this.clientIdLease = lease;
    this.disposables.defer(() => lease.abandon());
    // A closing page ends the lease too (best effort: if the record is not stored, the id is retired).
    this.disposables.add(listen(window, 'pagehide', () => { void this.endClientIdLease(); }));
  }

  /**
   * Stops the sync (its provider reads the doc's client id while it shuts down), then records the id
   * as closed at its state now. The doc moves to a throwaway id in the same step, so nothing written
   * after the record extends it.
   */
  private endClientIdLease(): Promise<void> {
    const lease = this.clientIdLease;
    if (!lease) return Promise.resolve();
    this.clientIdLease = null;
    this.syncSlot.value = null;
    return lease.end();
  }

  /**
   * Builds the Plan and its index over the loaded doc, in steps between which the page answers input
   * and paints (the first screen stays on show meanwhile). Changes that reach the doc during the
   * build (the first sync of a plan joined by link) are kept marked and brought in by a refresh.
   */
  private async openModel(): Promise<void> {
    const slicer = this.slicer;
    const cooperatively = <T>(steps: Steps<T>): Promise<T> => (slicer ? runInSlices(steps, slicer) : runCooperatively(steps, { yieldToPage, now: () => performance.now(), inputPending }));
    const plan = await cooperatively(openingPlan(this.doc, this.options.ctx, { name: this.options.name, now: indexClock(Date.now()) }));
    performance.mark(perfMarks.indexBuilt);
    // The live outline's first render is a task of its own: run straight after the last steps (up
    // to a whole budget) it made one task of both, 100–200 ms under load. What that render would
    // compute (the outline's 20,000 rows) is another task before it.
    await (slicer ? slicer.pause() : yieldToPage());
    if (this.closed) {
      plan.index.destroy();
      return;
    }
    const preparing = this.options.prepareLiveViews?.(plan);
    if (preparing) {
      await cooperatively(preparing);
      await (slicer ? slicer.pause() : yieldToPage());
      if (this.closed) {
        plan.index.destroy();
        return;
      }
    }
    this.plan = plan;
    this.disposables.defer(() => plan.index.destroy());
    const undo = createUndoManager(plan);
    this.undo = undo;
    this.disposables.defer(() => undo.destroy());
    this.disposables.defer(plan.index.onInvalidate(() => this.scheduleRefresh()));
    this.disposables.add(interval(() => this.refreshNow(), indexClockStepMs / 2));
    // Added after the index, so released before it: its last write reads the index.
    const keeper = new FirstScreenKeeper(this.planId, this.doc, this.persistence, plan, this.options.onFirstScreenError);
    this.firstScreenKeeper = this.disposables.add(keeper);
    keeper.loaded(this.options.firstScreen);
    if (plan.index.dirty) this.scheduleRefresh();
  }

  /** The pulse's figures as just computed from this live plan, for the stored first screen. */
  setPulseFigures(figures: FirstScreenPulseFigure[]): void {
    this.firstScreenKeeper?.setPulse(figures);
  }

  /** Writes the first screen now if it changed (tests and the quit flush). */
  flushFirstScreen(): Promise<void> {
    return this.firstScreenKeeper?.flush() ?? Promise.resolve();
  }

  /**
   * Resolves once the server has answered (its plan, or nothing for a plan new to it), or the doc got
   * content some other way (another tab), or the server refused us, or the session closed. Offline
   * it waits for the network. It waits on those events; nothing polls.
   */
  private firstSync(): Promise<void> {
    return new Promise((resolve) => {
      const waiting = this.disposables.add(new DisposableStore());
      const done = () => {
        void this.disposables.release(waiting);
        resolve();
      };
      const onUpdate = () => { if (!isEmptyDoc(this.doc)) done(); };
      this.doc.on('update', onUpdate);
      waiting.defer(() => this.doc.off('update', onUpdate));
      // A refused connection will never sync: open what is here, so the plan stays usable locally.
      waiting.add(this.syncStatusChanged.event((status) => { if (status.phase.kind === 'refused') done(); }));
      waiting.add(this.closing.event(done));
      const sync = this.sync;
      if (!sync || sync.status().phase.kind === 'refused') done();
      else void sync.firstSync.then(() => { if (!waiting.isDisposed) done(); });
    });
  }

  private presence: PresenceState | null = null;

  /** What this device shows others (kept, and published whenever sync is running). */
  setPresence(state: PresenceState): void {
    this.presence = state;
    this.sync?.setPresence(state);
  }

  startSync(connection: ServerConnection): void {
    if (this.closed || this.syncStopped) return;
    this.syncSlot.value = null;
    const sync = new PlanSync({
      doc: this.doc,
      planId: this.planId,
      connection,
      token: readTokenFacts(connection.token),
      // Initialising or migrating the doc on open is not a change the user made.
      nonLocalOrigins: [this.persistence, MIGRATION_ORIGIN],
      // Waiting changes are the user's own edits: operations (the plan's local origin) and undo/redo.
      isUserOrigin: (origin) => origin instanceof LocalOrigin || origin instanceof Y.UndoManager,
      store: this.options.store,
      now: () => Date.now(),
      onStatus: (status) => {
        this.options.callbacks.onSyncStatus(status);
        this.syncStatusChanged.fire(status);
      },
      onPeers: (peers) => this.options.callbacks.onPeers(peers),
    });
    this.currentSync = sync;
    this.syncSlot.value = toDisposable(() => {
      sync.destroy();
      if (this.currentSync === sync) this.currentSync = null;
    });
    if (this.presence) sync.setPresence(this.presence);
    this.options.callbacks.onSyncStatus(sync.status());
  }

  /**
   * Stops syncing for good (the plan was taken out of its workspace): the connection is closed now, so
   * no edit made from here on leaves this device, and the status says the plan is on this device only.
   */
  stopSync(): void {
    // A sync still due to start after the first paint does not start either.
    this.syncStopped = true;
    this.syncSlot.value = null;
    this.currentSync = null;
    const status: SyncStatus = { phase: { kind: 'local' }, pendingChanges: 0, role: null, permissionDenied: null };
    this.options.callbacks.onSyncStatus(status);
    this.syncStatusChanged.fire(status);
  }

  /** Compacts the local copy; run when the window is idle after opening. */
  compact(): Promise<{ rowsBefore: number; bytes: number }> {
    return compactLocalCopy(this.persistence, (rows, partBytes) => this.workers.run({ kind: 'compact', rows, maxPartBytes: partBytes }));
  }

  /**
   * Compacts the local copy after `delayMs`, unless the session closes first; from then on also
   * whenever the session's edits pile up to `compactAtRows` stored rows (see there).
   */
  compactLater(delayMs: number, onResult: (result: { rowsBefore: number; bytes: number }) => void, onError: (error: unknown) => void): void {
    const timer = this.disposables.add(timeout(() => {
      void this.disposables.release(timer);
      this.compactionReport = { onResult, onError };
      this.compactOnce();
    }, delayMs));
  }

  /** Starts a compaction unless one is running; its result goes where `compactLater` was told. */
  private compactOnce(): void {
    const report = this.compactionReport;
    if (!report || this.compacting || this.closed) return;
    this.compacting = true;
    this.compact().then(report.onResult, report.onError).finally(() => {
      this.compacting = false;
      this.rowsAfterCompaction = this.persistence._dbsize;
    });
  }

  /**
   * Brings the index up to date now (after a local operation, so the UI answers at once). `always`
   * notifies even when no node view changed: a purge or a review point changes what lists show.
   */
  refreshNow(always = false): void {
    if (!this.plan || this.closed) return;
    this.refreshScheduled = false;
    const index = this.plan.index;
    if (index.refreshingInSteps) {
      // Brought in after the running one (it leaves what arrived meanwhile marked).
      this.refreshAfterSteps = true;
      return;
    }
    if (index.pendingNodes >= refreshInStepsAtNodes && this.options.store.getItem(refreshInOneTaskKey) !== '1') {
      this.refreshing = this.refreshInSteps(this.plan).catch((error: unknown) => console.error('The plan\'s views could not be brought up to date.', error));
      return;
    }
    const changed = index.refresh(indexClock(Date.now()));
    if (changed.size > 0 || always) this.options.callbacks.onChange(changed);
  }

  private refreshAfterSteps = false;
  private refreshing: Promise<void> = Promise.resolve();

  /**
   * Resolves once the index holds every change made so far (a refresh of a large batch runs in steps:
   * the import dialog waits for it before it says the plan has the import).
   */
  async refreshed(): Promise<void> {
    for (let running = this.refreshing; ; running = this.refreshing) {
      await running;
      if (running === this.refreshing) return;
    }
  }

  /**
   * A refresh of thousands of nodes (an import, its undo, a collaborator's import) in steps between
   * which the page answers: in one task it took a second or more at 10,000 rows. The views change at
   * the end, in one piece; what arrived meanwhile is brought in by an ordinary refresh after it.
   */
  private async refreshInSteps(plan: Plan): Promise<void> {
    const steps = plan.index.refreshing(indexClock(Date.now()));
    let changed: ReadonlySet<string>;
    try {
      changed = await runCooperatively(steps, {
        yieldToPage: async () => { await yieldToPage(); if (this.closed) throw sessionClosed; },
        now: () => performance.now(), inputPending,
      });
    } catch (error) {
      steps.return(new Set());
      if (error === sessionClosed) return;
      throw error;
    }
    if (this.closed) return;
    this.options.callbacks.onChange(changed);
    const again = this.refreshAfterSteps || plan.index.dirty;
    this.refreshAfterSteps = false;
    if (again) this.refreshNow(true);
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
    // y-indexeddb has just stored this update as one more row (and counted it in `_dbsize`).
    // Only when edits piled up since the last compaction: a plan whose parts alone pass the bound
    // must not be compacted again on every edit.
    const rows = this.persistence._dbsize;
    if (origin !== this.persistence && rows >= compactAtRows && rows >= this.rowsAfterCompaction + editsPerCompaction) this.compactOnce();
  };

  /** Releases everything the session holds (sync, timers, index, undo, local copy, doc). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.closing.fire();
    try {
      await this.endClientIdLease();
    } catch (error) {
      console.warn('The client id of this session stays retired: its closing record was not stored.', error);
    }
    await this.disposables.dispose();
  }
}
