import type { StoreApi } from 'zustand/vanilla';
import { toDisposable, type DisposableStore } from '../../../shared/lifecycle/disposable.js';
import type { KeyValueStore } from '../library/key-value-store.js';
import { WorkspaceDirectory, type WorkspaceListing } from '../library/workspace-directory.js';
import type { AppState } from '../store/app-state.js';
import type { ServerConnection, ServerConnections } from '../sync/server-connections.js';
import type { LibraryCatalog } from './library-catalog.js';

/**
 * The joined workspaces of this device: one WorkspaceDirectory per saved connection, open for the
 * life of the window (a small document and one socket each), their listings in the store. Every plan
 * this device holds for a workspace is (re-)listed in its directory, so plans made before the
 * directory existed, or offline, show for everyone once this device syncs.
 */
export class WorkspaceSessions {
  private readonly directories = new Map<string, WorkspaceDirectory>();
  private readonly opening = new Map<string, Promise<WorkspaceDirectory>>();
  private disposed = false;

  constructor(
    private readonly store: StoreApi<AppState>,
    private readonly storage: KeyValueStore,
    private readonly connections: ServerConnections,
    private readonly catalog: LibraryCatalog,
    private readonly actor: () => string,
  ) {}

  /** Opens the directory of every saved connection; `dispose()` of `disposables` closes them. */
  start(disposables: DisposableStore): void {
    disposables.add(toDisposable(() => this.dispose()));
    for (const connection of this.connections.list()) void this.ensure(connection);
  }

  /** Opens (or re-opens with a new token) the directory of a connection's workspace. */
  ensure(connection: ServerConnection): Promise<WorkspaceDirectory> {
    const current = this.directories.get(connection.workspace);
    if (current && current.connection.token === connection.token && current.connection.server === connection.server) return Promise.resolve(current);
    const pending = this.opening.get(connection.workspace);
    if (pending && !current) return pending;
    current?.destroy();
    this.directories.delete(connection.workspace);
    const opening = WorkspaceDirectory.open(connection, this.storage, () => this.publish()).then((directory) => {
      this.opening.delete(connection.workspace);
      if (this.disposed) {
        directory.destroy();
        return directory;
      }
      this.directories.set(connection.workspace, directory);
      this.listLocalPlans(directory);
      this.publish();
      return directory;
    });
    this.opening.set(connection.workspace, opening);
    return opening;
  }

  /** The open directory of `workspace`, if it is joined. */
  directory(workspace: string): WorkspaceDirectory | undefined {
    return this.directories.get(workspace);
  }

  /** Lists a plan in its workspace's directory (a no-op for a workspace that is not open yet). */
  list(workspace: string, planId: string, name: string): void {
    const directory = this.directories.get(workspace);
    if (directory && directory.listing.role !== 'viewer') directory.list(planId, name, this.actor());
  }

  rename(workspace: string, planId: string, name: string): void {
    const directory = this.directories.get(workspace);
    if (directory && directory.listing.role !== 'viewer') directory.rename(planId, name);
  }

  /** Closes a workspace's directory and forgets the connection (its plans stay on this device). */
  leave(workspace: string): void {
    this.directories.get(workspace)?.destroy();
    this.directories.delete(workspace);
    this.connections.remove(workspace);
    this.publish();
  }

  private listLocalPlans(directory: WorkspaceDirectory): void {
    if (directory.listing.role === 'viewer') return;
    for (const entry of this.catalog.library.list()) {
      if (entry.workspace === directory.connection.workspace) directory.list(entry.id, entry.name, this.actor());
    }
  }

  private publish(): void {
    if (this.disposed) return;
    const listings: WorkspaceListing[] = [...this.directories.values()].map((directory) => directory.listing);
    listings.sort((a, b) => a.workspace.localeCompare(b.workspace));
    this.store.getState().setWorkspaces(listings);
  }

  private dispose(): void {
    this.disposed = true;
    for (const directory of this.directories.values()) directory.destroy();
    this.directories.clear();
  }
}
