import type { StoreApi } from 'zustand/vanilla';
import { DisposableStore } from '../../../shared/lifecycle/disposable.js';
import { parsePlanId, type PlanId } from '../../../shared/model/ids.js';
import type { Plan, PlanContext, NodeId } from '../../../shared/model/index.js';
import type { FirstScreenPulseFigure } from '../../../shared/model/first-screen.js';
import type { KeyValueStore } from '../library/key-value-store.js';
import { pooledRandomBytes, randomId, type PlanLibrary } from '../library/plan-library.js';
import type { AppState, PlanView } from '../store/app-state.js';
import { HostingKeys, hostScreenHash, parseHostHash, parseHostScreenHash } from '../host/hosting-keys.js';
import { parseJoinHash, type JoinRequest } from '../sync/join-link.js';
import { workshopScreenHash } from '../workshop/workshop-route.js';
import { workshopServerToFollow, type WorkshopStatus } from '../../../shared/bridge/workshop.js';
import { ServerConnections } from '../sync/server-connections.js';
import { Joining } from './joining.js';
import { LibraryCatalog } from './library-catalog.js';
import { PlanOperations, type OperationResult } from './plan-operations.js';
import { PlanSessions } from './plan-sessions.js';
import { PresencePublisher } from './presence-publisher.js';
import { Router } from './router.js';
import { WorkspaceSessions } from './workspaces.js';
import { isListed, listedNameOrigin, listedNameToTake } from './plan-name-follows-directory.js';
import { parseRoute, type Route } from './routes.js';
import { hasFilteredRow } from '../outline/outline-filter.js';
import { noFilters } from '../store/ui-slice.js';
import { notSharedAgainBecause, sharedAgain } from './taken-out.js';
import { uploadStoredCopy } from './stored-copy-upload.js';
import { isolatedText } from '../../../shared/text/bidi-isolation.js';

const randomBytes = pooledRandomBytes((bytes) => crypto.getRandomValues(bytes));

/** A random id for nodes, check-ins, people (fits NODE_ID_PATTERN and room URLs). */
export function newId(): string {
  return randomId(randomBytes);
}

/** A new plan's id (also its sync room's name). */
export function newPlanId(): PlanId {
  return parsePlanId(newId());
}

/**
 * Everything the UI asks of the app, in one place for components, each part doing one job:
 * `router` (the URL), `catalog` (the plan library), `sessions` (opening and closing plans),
 * `operations` (running changes, undo/redo), `joining` (servers and share links) and `presence`
 * (identity and what others see). The controller wires them together and owns one
 * DisposableStore: `dispose()` removes every listener and subscription it added.
 */
export class AppController {
  readonly connections: ServerConnections;
  readonly ctx: PlanContext;
  readonly router: Router;
  readonly catalog: LibraryCatalog;
  readonly sessions: PlanSessions;
  readonly operations: PlanOperations;
  readonly joining: Joining;
  readonly presence: PresencePublisher;
  readonly workspaces: WorkspaceSessions;
  /** Host keys of the workspaces this device hosts (a host link stores them). */
  readonly hosting: HostingKeys;
  private readonly disposables = new DisposableStore();

  constructor(readonly store: StoreApi<AppState>, readonly storage: KeyValueStore) {
    this.connections = new ServerConnections(storage);
    this.hosting = new HostingKeys(storage);
    this.catalog = new LibraryCatalog(store, storage);
    this.presence = new PresencePublisher(store, storage, () => this.sessions);
    const presence = this.presence;
    this.ctx = {
      now: () => Date.now(),
      newId,
      // A getter: the acting person can change ("who am I") while a plan is open.
      get actor() { return presence.actor(); },
    };
    this.sessions = new PlanSessions(store, storage, this.catalog, this.connections, this.ctx, {
      onOpened: () => presence.publish(),
      // Read when a plan opens, after the constructor has made the workspaces.
      listingOf: (planId) => this.workspaces.listingOf(planId),
    });
    this.operations = new PlanOperations(store, this.sessions);
    this.router = new Router((hash) => { void this.followLocation(hash); });
    this.workspaces = new WorkspaceSessions(store, storage, this.connections, this.catalog, () => presence.actor(), (planId) => this.sessions.stopSyncOf(planId), (planId, workspace) => this.shareAgain(planId, workspace));
    this.joining = new Joining(store, this.connections, this.catalog, this.sessions, this.router, this.workspaces);
  }

  private get state(): AppState {
    return this.store.getState();
  }

  /**
   * Shares a copy kept on this device since its plan was taken out of `workspace` there again (the
   * plan is listed there again; the person asked): listed, then synced — the open plan reopens with
   * its sync, a closed one's stored copy is sent now. Yjs merges it with what the server has.
   */
  async shareAgain(planId: string, workspace: string): Promise<void> {
    // What the directory says now, not when the offer was made: listing the plan restores it for
    // everyone, so a plan taken out again since stays out, and the person is told (review39a F3).
    const directory = this.workspaces.directory(workspace);
    if (directory) await directory.settled;
    const entry = this.catalog.library.get(planId);
    const connection = this.connections.forWorkspace(workspace);
    if (!entry || entry.workspace !== undefined || !connection) return;
    const refused = notSharedAgainBecause(entry.name, workspace, directory?.entry(planId) ?? null);
    if (refused !== null) {
      this.workspaces.withdrawOffer(planId);
      this.state.notify({ text: refused, tone: 'info' });
      return;
    }
    this.catalog.library.put(sharedAgain(entry, workspace));
    this.workspaces.list(workspace, planId, entry.name);
    this.workspaces.sharedAgain(planId);
    this.catalog.refresh();
    this.state.notify({ text: `"${isolatedText(entry.name)}" is shared in workspace ${isolatedText(workspace)} again.`, tone: 'info' });
    if (this.sessions.planId === planId) await this.sessions.open(parsePlanId(planId));
    else await uploadStoredCopy(planId, connection);
  }

  /** Reads stored state, follows the URL, and keeps presence and the URL in step with the UI. */
  start(): void {
    this.presence.start(this.disposables);
    this.catalog.refresh();
    this.workspaces.start(this.disposables);
    // A plan's name changed in its doc: its workspace's list follows, unless the list names it already
    // (then the list decides, and the plan follows it: plan-name-follows-directory.ts).
    this.disposables.add(this.catalog.renamed((entry) => {
      if (entry.workspace && !isListed(entry.id, entry.workspace, this.state.workspaces)) this.workspaces.rename(entry.workspace, entry.id, entry.name);
    }));
    this.disposables.defer(this.store.subscribe((state, previous) => {
      if (state.planVersion !== previous.planVersion || state.workspaces !== previous.workspaces || state.readOnlyReason !== previous.readOnlyReason) queueMicrotask(() => this.takeListedName());
    }));
    this.disposables.defer(this.store.subscribe((state, previous) => {
      if (state.view !== previous.view && state.openState.kind === 'open') this.router.replace({ kind: 'plan', planId: parsePlanId(state.openState.planId), view: state.view });
    }));
    this.router.start(this.disposables);
  }

  /** Writes the open plan's name from its workspace's list when they differ (not while read-only or showing the past). */
  private takeListedName(): void {
    const plan = this.sessions.current?.plan;
    const planId = this.sessions.planId;
    if (!plan || !planId || plan !== this.sessions.plan || this.state.readOnlyReason !== null) return;
    const name = listedNameToTake(planId, plan.index.summary().name, this.state.workspaces);
    if (name === null) return;
    try {
      plan.doc.transact(() => plan.types.meta.set('name', name), listedNameOrigin);
    } catch {
      // A plan that cannot take the name keeps its own; the list still shows the listed one.
    }
  }

  /** Closes the open plan and removes every listener and subscription `start()` added. */
  async dispose(): Promise<void> {
    await this.disposables.dispose();
    await this.sessions.close();
  }

  private async followLocation(hash: string): Promise<void> {
    const host = parseHostHash(hash, window.location.origin);
    if (host.kind === 'invalid') {
      this.state.notify({ text: host.problem, tone: 'error' });
      this.router.replace({ kind: 'library' });
    } else if (host.kind === 'host') {
      // The key is kept on this device; the link (with its key) leaves the address bar and history.
      this.hosting.save(host.hosting);
      history.replaceState(null, '', hostScreenHash(host.hosting.workspace));
    }
    const workshopScreen = window.location.hash === workshopScreenHash;
    this.state.showWorkshopScreen(workshopScreen);
    const hostScreen = workshopScreen ? null : parseHostScreenHash(window.location.hash);
    this.state.showHostScreen(hostScreen);
    if (hostScreen !== null || workshopScreen) {
      await this.sessions.close();
      return;
    }
    const join = parseJoinHash(hash);
    if (join.kind === 'invalid') {
      this.state.notify({ text: join.problem, tone: 'error' });
      this.router.replace({ kind: 'library' });
    } else if (join.kind === 'join') {
      this.joining.join(join.request);
      return;
    }
    const route = parseRoute(window.location.hash);
    if (route.kind === 'library') {
      await this.sessions.close();
      return;
    }
    this.state.setView(route.view);
    if (this.sessions.planId !== route.planId) await this.sessions.open(route.planId);
  }

  // ── the parts' methods that components call, kept here so components have one entry point ──

  get library(): PlanLibrary { return this.catalog.library; }
  get plan(): Plan | null { return this.sessions.plan; }
  get planId(): PlanId | null { return this.sessions.planId; }
  navigate(route: Route): void { this.router.navigate(route); }
  refreshLibrary(): void { this.catalog.refresh(); }
  openPlan(planId: PlanId): Promise<void> { return this.sessions.open(planId); }
  closePlan(): Promise<void> { return this.sessions.close(); }
  /** Resolves once every open plan's changes are in this device's storage (the desktop app's quit waits for it). */
  flushLocalCopies(): Promise<void> { return this.sessions.flushLocalCopies(); }
  /** Shows the plan as of a review point (read-only) in every view; null: back to the live plan. */
  showPastPlan(past: Plan | null, reason: string | null): void { this.sessions.showPastPlan(past, reason); }
  rewordPastReason(reason: string): void { this.sessions.rewordPastReason(reason); }
  run<T>(operation: (plan: Plan) => T, options: { quiet?: boolean } = {}): OperationResult<T> { return this.operations.run(operation, options); }
  refresh(): void { this.operations.refresh(); }
  /** Drops an untouched new line, leaving no undo step behind (PlanOperations.discardNewLine). */
  discardNewLine(id: NodeId): boolean { return this.operations.discardNewLine(id); }
  /** A title committed on the stored first screen while the plan loads (written once it is open). */
  renameWhileOpening(id: NodeId, title: string): void { this.sessions.renameWhileOpening(id, title); }
  /** The pulse's figures, computed from the live plan, kept for the stored first screen. */
  keepPulseFigures(figures: FirstScreenPulseFigure[]): void { this.sessions.current?.setPulseFigures(figures); }
  undo(): void { this.operations.undo(); }
  /** What the next undo (or redo) would take back (or bring back), in words (the header's button titles). */
  nextStepWords(which: 'undo' | 'redo'): string | null { return this.operations.nextStepWords(which); }
  /** Whether this person has a step of their own to undo (or redo) on the open plan. */
  canUndo(): boolean { return this.sessions.current?.undo?.canUndo() ?? false; }
  canRedo(): boolean { return this.sessions.current?.undo?.canRedo() ?? false; }
  redo(): void { this.operations.redo(); }
  setView(view: PlanView): void { this.state.setView(view); }
  /**
   * Shows a node in the outline, as the pulse, My work and the review do when one is clicked: selected,
   * and its row there. Filters that leave it no row are cleared (usercheck20: with the Sales filter on, a
   * blocked task of another team clicked in the pulse filled the detail panel while the outline had no
   * row for it); a row shown for context (work below it matches) keeps them (teams20).
   */
  showInOutline(id: NodeId): void {
    const state = this.state;
    if (state.plan && !hasFilteredRow(state.plan.index, state.filters, id)) state.setFilters(noFilters);
    state.select(id);
    state.setView('outline');
  }
  join(request: JoinRequest): void { this.joining.join(request); }
  /**
   * The workshop this computer hosts now listens at `status` (moved to another address or port): the
   * host's own connection to its workspace follows, its plan list reconnects, and the open plan, if it
   * is one of the workshop's, reopens on the new address (leftovers46b). Nothing when it is there already.
   */
  async followWorkshop(status: WorkshopStatus): Promise<void> {
    if (status.state !== 'hosting') return;
    const stored = this.connections.forWorkspace(status.workspace);
    const server = workshopServerToFollow(status, stored);
    if (server === null || !stored) return;
    // The plan open now (the host is on the workshop screen, not typing): reopened at once, never after the
    // plan list has reconnected, when the host may be typing in a plan opened since (it lost the line typed).
    const open = this.sessions.planId;
    const connection = this.connections.save({ ...stored, server, savedAt: Date.now() }, { move: true });
    const reopened = open && this.catalog.library.get(open)?.workspace === status.workspace ? this.sessions.open(open) : Promise.resolve();
    await Promise.all([this.workspaces.ensure(connection), reopened]);
  }
  /** Shows the workshop screen (desktop app: host a workshop on the LAN). */
  showWorkshop(): void { window.location.hash = workshopScreenHash; }
  connectOpenPlan(server: string, workspace: string, token: string): Promise<void> { return this.joining.connectOpenPlan(server, workspace, token); }
  retrySync(): void { this.joining.retrySync(); }
  shareLink(): string | null { return this.joining.shareLink(); }
  actor(): string { return this.presence.actor(); }
  setIdentity(name: string, colour: string, personId: string | null): void { this.presence.setIdentity(name, colour, personId); }
  currentPersonId(): string | null { return this.presence.currentPersonId(); }
}
