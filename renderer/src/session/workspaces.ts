import type { StoreApi } from 'zustand/vanilla';
import { toDisposable, type DisposableStore } from '../../../shared/lifecycle/disposable.js';
import type { KeyValueStore } from '../library/key-value-store.js';
import { WorkspaceDirectory, type WorkspaceListing } from '../library/workspace-directory.js';
import type { AppState } from '../store/app-state.js';
import { appInstance } from './app-instance.js';
import { directoryPresence } from '../sync/presence.js';
import type { ServerConnection, ServerConnections } from '../sync/server-connections.js';
import type { RoleChange } from '../../../shared/sync/role-change.js';
import type { LibraryCatalog } from './library-catalog.js';
import { isolatedText } from '../../../shared/text/bidi-isolation.js';
import { keptOnThisDevice, listedAgainNotice, takenOutAgainNotice, takenOutFrom, takenOutNotice } from './taken-out.js';

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
    /**
     * A plan of this device was taken out of its workspace: its sync stops before the person is told.
     * Returns how many of this device's changes had not reached the server (read before it stopped).
     */
    private readonly takenOut: (planId: string) => number = () => 0,
    /** Shares a copy taken out of its workspace there again, once it is listed again (the person asked). */
    private readonly shareAgain: (planId: string, workspace: string) => Promise<void> = () => Promise.resolve(),
  ) {}

  /** Copies this app has offered to share again (once per listing again, per window), with the offer's notice. */
  private readonly offered = new Map<string, number>();
  /** The notices about each copy taken out (kept until dismissed): they go once it is shared again. */
  private readonly told = new Map<string, number[]>();

  private tell(planId: string, id: number): void {
    this.told.set(planId, [...(this.told.get(planId) ?? []), id]);
  }

  /**
   * The offer to share a copy again no longer holds (its plan was taken out of the workspace again, or
   * pressing it found so): the notice goes, and the plan listed again later is offered again.
   */
  withdrawOffer(planId: string): void {
    const notice = this.offered.get(planId);
    if (notice !== undefined) this.store.getState().dismissNotice(notice);
    this.offered.delete(planId);
  }

  /** A copy taken out was shared in its workspace again: what was said about it no longer holds. */
  sharedAgain(planId: string): void {
    for (const id of this.told.get(planId) ?? []) this.store.getState().dismissNotice(id);
    this.told.delete(planId);
  }

  /** Opens the directory of every saved connection; `dispose()` of `disposables` closes them. */
  start(disposables: DisposableStore): void {
    disposables.add(toDisposable(() => this.dispose()));
    disposables.defer(this.store.subscribe((state, previous) => {
      if (state.identity !== previous.identity) for (const directory of this.directories.values()) this.announce(directory);
    }));
    for (const connection of this.connections.list()) void this.ensure(connection);
  }

  /**
   * Publishes this app's instance id in the directory room, with the person's name once they have said
   * it: the host's list keys each participant by the instance it announces (their name for the row),
   * and the plan list is often all a person has open. Announcing the instance before the name keeps an
   * unnamed app's plan list in that app's row, not in an extra "not named yet" one.
   */
  private announce(directory: WorkspaceDirectory): void {
    directory.setPresence(directoryPresence(this.store.getState().identity, appInstance));
  }

  /** Opens (or re-opens with a new token) the directory of a connection's workspace. */
  ensure(connection: ServerConnection): Promise<WorkspaceDirectory> {
    const current = this.directories.get(connection.workspace);
    if (current && current.connection.token === connection.token && current.connection.server === connection.server) return Promise.resolve(current);
    const pending = this.opening.get(connection.workspace);
    if (pending && !current) return pending;
    current?.destroy();
    this.directories.delete(connection.workspace);
    const opening = WorkspaceDirectory.open(connection, this.storage, () => {
      const open = this.directories.get(connection.workspace);
      if (open) {
        this.keepRemovedOnThisDevice(open);
        this.offerSharingAgain(open);
      }
      this.publish();
    }, (change) => this.roleChanged(connection.workspace, change)).then((directory) => {
      this.opening.delete(connection.workspace);
      if (this.disposed) {
        directory.destroy();
        return directory;
      }
      this.directories.set(connection.workspace, directory);
      this.announce(directory);
      this.keepRemovedOnThisDevice(directory);
      this.offerSharingAgain(directory);
      this.listLocalPlans(directory);
      this.publish();
      return directory;
    });
    this.opening.set(connection.workspace, opening);
    return opening;
  }

  /**
   * The host changed this app's role in `workspace` (its plan list's connection was told; each open
   * plan's is told too, and switches its own views): the personal link handed over replaces the stored
   * one, so reloads, reconnects and plans opened later keep the new role; the person is told.
   */
  private roleChanged(workspace: string, change: RoleChange): void {
    const stored = this.connections.forWorkspace(workspace);
    if (!stored || stored.token === change.token) return;
    this.connections.save({ ...stored, token: change.token, savedAt: Date.now() });
    const role = change.role === 'editor' ? 'an editor: you can change its plans' : 'a viewer: you can look at its plans, not change them';
    this.store.getState().notify({ text: `The host made you ${role} (workspace ${isolatedText(workspace)}).`, tone: 'info' });
  }

  /** The open directory of `workspace`, if it is joined. */
  directory(workspace: string): WorkspaceDirectory | undefined {
    return this.directories.get(workspace);
  }

  /**
   * The joined workspace whose list names `planId`, with the name it is listed under, or null. Each
   * list is read once its local copy is open and its server has answered (or is known not to answer
   * now), so a plan address opened on a fresh page finds the workspace its plan lives in
   * (review44a F1: it opened as a new, empty plan on this device only). Plan ids are random: at most
   * one workspace lists a plan.
   */
  async listingOf(planId: string): Promise<{ workspace: string; name: string } | null> {
    for (const connection of this.connections.list()) {
      const directory = await this.ensure(connection);
      await directory.settled;
      const listed = directory.listing.plans.find((plan) => plan.id === planId);
      if (listed) return { workspace: connection.workspace, name: listed.name };
    }
    return null;
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

  /**
   * Takes a plan out of the workspace for everyone in it. Every device that holds a copy keeps it, as
   * a plan on that device only (keepRemovedOnThisDevice): nothing anyone wrote is lost.
   */
  remove(workspace: string, planId: string): void {
    const directory = this.directories.get(workspace);
    if (!directory) throw new Error(`This device has not joined workspace "${workspace}".`);
    if (directory.listing.role === 'viewer') throw new Error(`Your link to workspace "${workspace}" lets you view, not change, its plans.`);
    directory.remove(planId, this.actor());
  }

  /** Closes a workspace's directory and forgets the connection (its plans stay on this device). */
  leave(workspace: string): void {
    this.directories.get(workspace)?.destroy();
    this.directories.delete(workspace);
    this.connections.remove(workspace);
    this.publish();
  }

  /** Lists the plans this device holds for the workspace, except those someone took out of it. */
  private listLocalPlans(directory: WorkspaceDirectory): void {
    if (directory.listing.role === 'viewer') return;
    const removed = new Set(directory.removedPlans().map((entry) => entry.id));
    for (const entry of this.catalog.library.list()) {
      if (entry.workspace === directory.connection.workspace && !removed.has(entry.id)) directory.list(entry.id, entry.name, this.actor());
    }
  }

  /**
   * A plan taken out of the workspace (here or by someone else) stays on this device as a plan of this
   * device only: it no longer syncs, is not listed again, and its content is all still here.
   */
  private keepRemovedOnThisDevice(directory: WorkspaceDirectory): void {
    const { workspace, server } = directory.connection;
    let changed = false;
    for (const removed of directory.removedPlans()) {
      const entry = this.catalog.library.get(removed.id);
      // A copy offered to go back, and the plan taken out again before it went: the offer is withdrawn,
      // and the person told (pressing it listed the plan again for everyone: review39a F3).
      if (this.offered.has(removed.id) && takenOutFrom(entry, workspace, server)) {
        this.withdrawOffer(removed.id);
        const by = removed.removed?.by.slice(0, 200) ?? null;
        this.catalog.library.put({ ...entry, takenOut: { ...entry.takenOut, by, at: removed.removed?.at ?? Date.now() } });
        changed = true;
        this.tell(removed.id, this.store.getState().notify({ text: takenOutAgainNotice(entry.name, workspace, by), tone: 'info' }));
        continue;
      }
      if (entry?.workspace !== workspace) continue;
      // Read before the sync stops: the changes this device never got to send.
      const unsent = this.takenOut(removed.id);
      const record = { workspace, server, by: removed.removed?.by.slice(0, 200) ?? null, at: removed.removed?.at ?? Date.now(), unsent };
      this.catalog.library.put(keptOnThisDevice(entry, record));
      this.offered.delete(removed.id);
      changed = true;
      this.tell(removed.id, this.store.getState().notify({ text: takenOutNotice(entry.name, record), tone: 'info', ...(unsent > 0 ? { persistent: true } : {}) }));
    }
    if (changed) this.catalog.refresh();
  }

  /**
   * A plan this device's copy was taken out of is listed in that workspace again (someone moved their
   * copy back): the person is asked, once, whether to share theirs there again. Not done unasked: the
   * copy was "on this device only" since, and what they wrote there may not be meant for the workspace.
   */
  private offerSharingAgain(directory: WorkspaceDirectory): void {
    if (directory.listing.role === 'viewer') return;
    const { workspace, server } = directory.connection;
    const listed = new Set(directory.listing.plans.map((entry) => entry.id));
    for (const entry of this.catalog.library.list()) {
      if (!listed.has(entry.id) || this.offered.has(entry.id) || !takenOutFrom(entry, workspace, server)) continue;
      const offer = this.store.getState().notify({
        text: listedAgainNotice(entry.name, entry.takenOut), tone: 'info', persistent: true,
        action: { label: 'Share my copy again', run: () => {
          this.shareAgain(entry.id, workspace).catch((error: unknown) => this.store.getState().notify({ text: `Your copy was not shared again: ${error instanceof Error ? error.message : String(error)}`, tone: 'error' }));
        } },
      });
      this.offered.set(entry.id, offer);
      this.tell(entry.id, offer);
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
