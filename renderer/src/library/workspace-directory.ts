import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import {
  directoryEntry, directoryRoom, listedPlans, listPlan, readDirectory, removeListedPlan, renameListedPlan, type DirectoryEntry,
} from '../../../shared/workspace/directory.js';
import type { KeyValueStore } from './key-value-store.js';
import { PlanSync } from '../sync/plan-sync.js';
import type { PresenceState, UnnamedPresence } from '../sync/presence.js';
import type { ServerConnection } from '../sync/server-connections.js';
import { localStatus, type SyncStatus } from '../sync/sync-status.js';
import { readTokenFacts } from '../sync/token-facts.js';
import type { RoleChange } from '../../../shared/sync/role-change.js';

/** What the library shows of one joined workspace. */
export interface WorkspaceListing {
  readonly workspace: string;
  readonly server: string;
  readonly role: 'editor' | 'viewer' | null;
  readonly status: SyncStatus;
  /** The plans listed in the workspace (removed ones left out), by name. */
  readonly plans: readonly DirectoryEntry[];
}

/** The IndexedDB database caching a workspace's directory on this device. */
export function directoryDatabaseName(workspace: string): string {
  return `throughline-directory:${workspace}`;
}

/**
 * The plan list asks the server for what it lacks this often while connected: it is small (a state
 * vector each way when nothing is missing; in Redis + PostgreSQL mode one read of the list from storage
 * per instance serves every client asking at once), and a plan someone made must reach everyone's list even if
 * a relay was lost on its way: nothing else would bring it while the connection stays up (a CI run saw
 * a second person's list stay without the first one's plan for three minutes, cause not found).
 */
const directoryResyncMs = 30_000;

/** Origin of this device's edits to a directory (they count as the user's waiting changes). */
const directoryEdit = { edit: 'workspace directory' } as const;

/**
 * One joined workspace's directory on this device: its Y.Doc, cached in IndexedDB (the list shows at
 * once and offline) and synced with the server in the workspace's `_directory` room like a plan.
 */
export class WorkspaceDirectory {
  readonly doc = new Y.Doc();
  private readonly persistence: IndexeddbPersistence;
  private sync: PlanSync | null = null;
  private status: SyncStatus = localStatus;
  private destroyed = false;

  private constructor(
    private current: ServerConnection,
    private readonly onChange: (listing: WorkspaceListing) => void,
    private readonly onRoleChange: (change: RoleChange) => void,
  ) {
    this.persistence = new IndexeddbPersistence(directoryDatabaseName(current.workspace), this.doc);
  }

  /** How this device reaches the workspace: its token is the one the host last handed over, if it did. */
  get connection(): ServerConnection {
    return this.current;
  }

  /**
   * Opens the cached copy, then starts syncing; `onChange` gets every new listing, `onRoleChange` the
   * host's changes of this app's role (the token handed over, to keep).
   */
  static async open(connection: ServerConnection, store: KeyValueStore, onChange: (listing: WorkspaceListing) => void, onRoleChange: (change: RoleChange) => void = () => undefined): Promise<WorkspaceDirectory> {
    const directory = new WorkspaceDirectory(connection, onChange, onRoleChange);
    await directory.persistence.whenSynced;
    if (!directory.destroyed) directory.startSync(store);
    return directory;
  }

  private startSync(store: KeyValueStore): void {
    this.doc.on('update', this.emit);
    this.sync = new PlanSync({
      doc: this.doc,
      planId: directoryRoom,
      connection: this.connection,
      token: readTokenFacts(this.connection.token),
      nonLocalOrigins: [this.persistence],
      isUserOrigin: (origin) => origin === directoryEdit,
      pendingKey: `throughline:pending-directory:${this.connection.workspace}`,
      store,
      now: () => Date.now(),
      onStatus: (status) => {
        this.status = status;
        if (status.phase.kind !== 'connecting' && status.phase.kind !== 'local') this.settle();
        this.emit();
      },
      onPeers: () => undefined,
      resyncMs: directoryResyncMs,
      onRoleChange: (change) => {
        this.current = { ...this.current, token: change.token };
        this.onRoleChange(change);
        this.emit();
      },
    });
    this.status = this.sync.status();
    this.emit();
  }

  get listing(): WorkspaceListing {
    return {
      workspace: this.connection.workspace,
      server: this.connection.server,
      role: this.sync?.role ?? readTokenFacts(this.connection.token)?.role ?? null,
      status: this.status,
      plans: listedPlans(this.doc),
    };
  }

  /** Lists a plan in the workspace (a plan already listed keeps its name). */
  list(id: string, name: string, by: string): void {
    listPlan(this.doc, { id, name, at: Date.now(), by }, directoryEdit);
  }

  /** Renames a listed plan (nothing for a plan the directory does not list). */
  rename(id: string, name: string): void {
    if (listedPlans(this.doc).some((entry) => entry.id === id)) renameListedPlan(this.doc, id, name, directoryEdit);
  }

  /** Takes a plan out of the workspace for everyone (a tombstone: listing it again restores it). */
  remove(id: string, by: string): void {
    removeListedPlan(this.doc, id, Date.now(), by, directoryEdit);
  }

  /** The plans someone took out of the workspace, with who did it. */
  removedPlans(): DirectoryEntry[] {
    return readDirectory(this.doc).filter((entry) => entry.removed !== null);
  }

  /** A plan's entry in the directory as this device has it (removed ones too), or null when it was never listed. */
  entry(id: string): DirectoryEntry | null {
    return directoryEntry(this.doc, id);
  }

  retry(): void {
    this.sync?.retry();
  }

  private settle: () => void = () => undefined;
  /**
   * Resolves once the server has answered this list's first sync, or once it is known not to answer
   * now (offline, unreachable, refused), or when the list closes: what the list says then is what the
   * server says, as far as this device can know.
   */
  readonly settled: Promise<void> = new Promise((resolve) => { this.settle = resolve; });

  /** Says who this device is in the directory room too, so the host can tell two people on one browser apart. */
  setPresence(state: PresenceState | UnnamedPresence): void {
    this.sync?.setPresence(state);
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.settle();
    this.doc.off('update', this.emit);
    this.sync?.destroy();
    void this.persistence.destroy();
    this.doc.destroy();
  }

  private readonly emit = (): void => {
    if (!this.destroyed) this.onChange(this.listing);
  };
}
