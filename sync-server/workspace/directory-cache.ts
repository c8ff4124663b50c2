import type { Logger } from 'pino';
import * as Y from 'yjs';
import type { WorkspaceId } from '../../shared/model/ids.js';
import { roomKey } from '../../shared/sync/room.js';
import { directoryRoom } from '../../shared/workspace/directory.js';
import type { RoomFanout } from '../fanout.js';
import type { UpdateStore } from '../storage/update-store.js';

/** How long a workspace's directory stays cached after its last connection on this instance closed. */
export const directoryCacheIdleMs = 30_000;

interface Cached {
  readonly workspace: WorkspaceId;
  readonly key: string;
  readonly doc: Y.Doc;
  /** Connections of the workspace on this instance (plans and the list). */
  holders: number;
  idleTimer: NodeJS.Timeout | null;
  /** Read from storage at least once. */
  loaded: boolean;
  /** Scaled out: where the room's stream ended when it was last read (UpdateStore.position). */
  position: string | null;
  /** The document changed since the owner was last told. */
  changed: boolean;
  /** The check under way, and the one queued behind it for everyone who asked meanwhile. */
  running: Promise<void> | null;
  queued: Promise<void> | null;
  stopWatching: () => void;
  dropped: boolean;
}

/** Each count goes up by one per event (tests and the bench read them). */
export interface DirectoryCacheCounts {
  /** Directories read whole from storage. */
  loads: number;
  /** Scaled out: checks of where the directory's stream ends (one small Redis read each). */
  positionChecks: number;
  /** Joins that waited for updates the directory's room here had accepted and not yet stored. */
  settleWaits: number;
}

/**
 * The workspace directories a server instance needs for its plan joins, one Y.Doc per workspace with
 * a connection here (dropped `directoryCacheIdleMs` after its last one), so that a plan join reads
 * no directory from storage and decodes none (removed38: each join used to read and decode it whole).
 *
 * Kept current by the updates that change a directory:
 * - this instance's own, once durable (the directory room's `onChanged`, before they are relayed) —
 *   all there is in SQLite mode, where every change of a directory goes through this process;
 * - scaled out, every instance's: the fan-out's `watch` rings at each doorbell entry of the
 *   directory's stream (and at every 2-s sweep), and the cache then compares where the stream ends
 *   with where it last read it (`UpdateStore.position`, one small Redis read) and, if it moved, reads
 *   the directory again (the stream and the PostgreSQL row, as a room's load).
 *
 * `current` is what a join awaits: first any update the directory's room here accepted and has not
 * stored yet (`unsettled`); then, scaled out, a position check *begun after the call* (joins arriving
 * while one is under way share the next), so a join is decided on every change stored before it
 * arrived, on whichever instance — not on what a doorbell has brought so far. In SQLite mode the
 * cache, once loaded, cannot be behind. `onChange` is told each time the document changed, once it
 * has been loaded: the server closes connections to plans taken out.
 */
export class DirectoryCache {
  private readonly cached = new Map<WorkspaceId, Cached>();
  readonly counts: DirectoryCacheCounts = { loads: 0, positionChecks: 0, settleWaits: 0 };

  constructor(
    private readonly store: UpdateStore,
    private readonly fanout: RoomFanout,
    private readonly log: Logger,
    private readonly onChange: (workspace: WorkspaceId, doc: Y.Doc) => void,
    private readonly idleMs = directoryCacheIdleMs,
    /**
     * The directory room's accepted updates not yet stored, if it is loaded here and has any: a join
     * waits for them, so a change this instance took before the join counts (once it is stored).
     */
    private readonly unsettled: (key: string) => Promise<void> | null = () => null,
  ) {
    if (store.requestMerge !== undefined && (store.position === undefined || store.loadPositioned === undefined || fanout.watch === undefined)) {
      throw new Error('a store several instances write must give positions, and its fan-out a watch, for the workspace directories to stay current');
    }
  }

  /** Whether the directory of `workspace` is cached here now (tests). */
  has(workspace: WorkspaceId): boolean {
    return this.cached.has(workspace);
  }

  /** A connection of `workspace` opened here: its directory is kept while any is open. */
  hold(workspace: WorkspaceId): void {
    const entry = this.entryOf(workspace);
    entry.holders++;
    if (entry.idleTimer !== null) {
      clearTimeout(entry.idleTimer);
      entry.idleTimer = null;
    }
  }

  /** One closed. */
  release(workspace: WorkspaceId): void {
    const entry = this.cached.get(workspace);
    if (entry === undefined) return;
    entry.holders = Math.max(0, entry.holders - 1);
    if (entry.holders === 0) this.dropLater(entry);
  }

  /**
   * The directory of `workspace` with every change stored before this call (see the class comment);
   * rejects when storage cannot be read (the next call tries again).
   */
  async current(workspace: WorkspaceId): Promise<Y.Doc> {
    const entry = this.entryOf(workspace);
    if (entry.holders === 0 && entry.idleTimer === null) this.dropLater(entry);
    const writes = this.unsettled(entry.key);
    if (writes !== null) {
      this.counts.settleWaits++;
      await writes;
    }
    await this.checked(entry);
    return entry.doc;
  }

  /** The directory room of `workspace` stored (or, from another instance, applied) these updates. */
  applied(workspace: WorkspaceId, updates: readonly Uint8Array[]): void {
    const entry = this.cached.get(workspace);
    if (entry === undefined) return;
    for (const update of updates) {
      try {
        Y.applyUpdate(entry.doc, update);
      } catch (error) {
        // Stored already, so the room took it; a full read will bring it (scaled out) or the next load.
        this.log.warn({ err: error, workspace }, 'the cached directory could not take an update');
      }
    }
    this.tell(entry);
    // Scaled out the own append also moved the stream: read where it ends now, so the next join need not.
    if (this.store.position !== undefined) this.refresh(entry);
  }

  /** Drops every cached directory (the server stops). */
  close(): void {
    for (const entry of [...this.cached.values()]) this.drop(entry);
  }

  private entryOf(workspace: WorkspaceId): Cached {
    let entry = this.cached.get(workspace);
    if (entry !== undefined) return entry;
    const doc = new Y.Doc();
    const created: Cached = {
      workspace, key: roomKey({ workspace, plan: directoryRoom }), doc, holders: 0, idleTimer: null, loaded: false, position: null,
      changed: false, running: null, queued: null, stopWatching: () => undefined, dropped: false,
    };
    doc.on('update', () => { created.changed = true; });
    entry = created;
    this.cached.set(workspace, entry);
    if (this.fanout.watch !== undefined && this.store.position !== undefined) {
      entry.stopWatching = this.fanout.watch(entry.key, () => this.refresh(created));
    }
    return entry;
  }

  /** A check begun after now; whoever asks while one runs shares the one queued behind it. */
  private checked(entry: Cached): Promise<void> {
    if (entry.running === null) return this.start(entry);
    entry.queued ??= entry.running.catch(() => undefined).then(() => {
      entry.queued = null;
      return this.start(entry);
    });
    return entry.queued;
  }

  private start(entry: Cached): Promise<void> {
    const running = this.check(entry).finally(() => {
      if (entry.running === running) entry.running = null;
    });
    entry.running = running;
    return running;
  }

  private async check(entry: Cached): Promise<void> {
    if (entry.dropped) return;
    const { store } = this;
    if (entry.loaded && store.position === undefined) return;
    if (entry.loaded && store.position !== undefined) {
      this.counts.positionChecks++;
      const position = await store.position(entry.key);
      if (position === entry.position) return;
    }
    this.counts.loads++;
    let updates: readonly Uint8Array[];
    if (store.loadPositioned !== undefined) {
      const { stored, position } = await store.loadPositioned(entry.key);
      updates = stored.updates;
      entry.position = position;
    } else {
      updates = (await store.load(entry.key)).updates;
    }
    if (entry.dropped) return;
    for (const update of updates) Y.applyUpdate(entry.doc, update);
    entry.loaded = true;
    this.tell(entry);
  }

  /** The stream may have moved (a watch rang, or this instance appended): check, and tell what changed. */
  private refresh(entry: Cached): void {
    if (entry.dropped) return;
    this.checked(entry).catch((error: unknown) => {
      this.log.warn({ err: error, workspace: entry.workspace }, 'the workspace directory could not be read after a change');
    });
  }

  private tell(entry: Cached): void {
    if (!entry.loaded || !entry.changed || entry.dropped) return;
    entry.changed = false;
    this.onChange(entry.workspace, entry.doc);
  }

  private dropLater(entry: Cached): void {
    if (entry.idleTimer !== null) return;
    entry.idleTimer = setTimeout(() => {
      entry.idleTimer = null;
      if (entry.holders === 0) this.drop(entry);
    }, this.idleMs);
    entry.idleTimer.unref();
  }

  private drop(entry: Cached): void {
    if (this.cached.get(entry.workspace) === entry) this.cached.delete(entry.workspace);
    entry.dropped = true;
    if (entry.idleTimer !== null) clearTimeout(entry.idleTimer);
    entry.stopWatching();
    entry.doc.destroy();
  }
}
