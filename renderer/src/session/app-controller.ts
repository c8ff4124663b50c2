import type { StoreApi } from 'zustand/vanilla';
import { isPlanError, type Plan, type PlanContext } from '../../../shared/model/index.js';
import { colourForName, readIdentity, writeIdentity, type DeviceIdentity } from '../identity/device-identity.js';
import type { KeyValueStore } from '../library/key-value-store.js';
import { PlanLibrary, randomId } from '../library/plan-library.js';
import type { AppState } from '../store/app-store.js';
import type { PlanView } from '../store/ui-slice.js';
import { buildJoinLink, parseJoinHash, type JoinRequest } from '../sync/join-link.js';
import { ServerConnections } from '../sync/server-connections.js';
import { localStatus } from '../sync/sync-status.js';
import { readTokenFacts } from '../sync/token-facts.js';
import { markOpenStart, perfMarks } from './perf-marks.js';
import { PlanSession } from './plan-session.js';
import { parseRoute, routeHash, type Route } from './routes.js';

/** A random id for nodes, check-ins, people (fits NODE_ID_PATTERN and room URLs). */
export function newId(): string {
  return randomId((bytes) => crypto.getRandomValues(bytes));
}

/**
 * Everything the UI asks of the app: routing, the plan library, opening and closing plans, running
 * operations with their errors shown, undo/redo, joining servers and presence. Components call it;
 * it updates the store.
 */
export class AppController {
  readonly library: PlanLibrary;
  readonly connections: ServerConnections;
  private session: PlanSession | null = null;
  private openGeneration = 0;
  readonly ctx: PlanContext;

  constructor(readonly store: StoreApi<AppState>, readonly storage: KeyValueStore) {
    this.library = new PlanLibrary(storage);
    this.connections = new ServerConnections(storage);
    const actor = () => this.actor();
    this.ctx = {
      now: () => Date.now(),
      newId,
      // A getter: the acting person can change ("who am I") while a plan is open.
      get actor() { return actor(); },
    };
  }

  private get state(): AppState {
    return this.store.getState();
  }

  /** Reads stored state, follows the URL, and keeps presence in step with the UI. */
  start(): void {
    this.state.setIdentity(readIdentity(this.storage));
    this.refreshLibrary();
    window.addEventListener('hashchange', () => { void this.followLocation(); });
    this.store.subscribe((state, previous) => {
      if (state.selectedId !== previous.selectedId || state.view !== previous.view || state.identity !== previous.identity) this.publishPresence();
      if (state.view !== previous.view && state.openState.kind === 'open') this.replaceRoute({ kind: 'plan', planId: state.openState.planId, view: state.view });
    });
    void this.followLocation();
  }

  /** Who acts on this device: the person chosen in this plan, else the device's name. */
  actor(): string {
    const identity = this.state.identity;
    const planId = this.session?.planId;
    const person = identity && planId ? identity.personByPlan[planId] : undefined;
    return person ?? identity?.name ?? 'someone';
  }

  // ── routing ──────────────────────────────────────────────────────────────────────────────

  navigate(route: Route): void {
    const hash = routeHash(route);
    if (window.location.hash === hash) void this.followLocation();
    else window.location.hash = hash;
  }

  private replaceRoute(route: Route): void {
    const hash = routeHash(route);
    if (window.location.hash !== hash) history.replaceState(null, '', hash);
  }

  private async followLocation(): Promise<void> {
    const join = parseJoinHash(window.location.hash);
    if (join.kind === 'invalid') {
      this.state.notify({ text: join.problem, tone: 'error' });
      this.replaceRoute({ kind: 'library' });
    } else if (join.kind === 'join') {
      this.join(join.request);
      return;
    }
    const route = parseRoute(window.location.hash);
    if (route.kind === 'library') {
      await this.closePlan();
      return;
    }
    this.state.setView(route.view);
    if (this.session?.planId !== route.planId) await this.openPlan(route.planId);
  }

  // ── library ──────────────────────────────────────────────────────────────────────────────

  refreshLibrary(): void {
    this.state.setPlans(this.library.list());
  }

  /** Opens a plan of the library (creating its entry when a link named an unknown plan). */
  async openPlan(planId: string): Promise<void> {
    const generation = ++this.openGeneration;
    await this.closeSession();
    const entry = this.library.get(planId) ?? this.library.put({ id: planId, name: 'Shared plan', createdAt: Date.now(), openedAt: Date.now() });
    this.library.touch(planId, Date.now());
    this.refreshLibrary();
    markOpenStart();
    this.state.setPlan(null, { kind: 'opening', planId, detail: 'Opening…' });
    const connection = entry.workspace ? this.connections.forWorkspace(entry.workspace) ?? null : null;
    this.state.setSyncStatus(localStatus);
    this.state.setPeers([]);
    try {
      const session = await PlanSession.open({
        planId, name: entry.name, connection, ctx: this.ctx, store: this.storage,
        // Callbacks may fire while the session is still opening; they check that this open is current.
        callbacks: {
          onChange: (changed) => { if (generation === this.openGeneration) this.onPlanChanged(changed); },
          onSyncStatus: (status) => { if (generation === this.openGeneration) { this.state.setSyncStatus(status); this.updateReadOnly(); } },
          onPeers: (peers) => { if (generation === this.openGeneration) this.state.setPeers(peers); },
          onProgress: (detail) => { if (generation === this.openGeneration) this.state.setOpenState({ kind: 'opening', planId, detail }); },
        },
      });
      if (generation !== this.openGeneration) {
        await session.close();
        return;
      }
      this.session = session;
      this.state.setPlan(session.plan, { kind: 'open', planId });
      this.updateReadOnly();
      this.publishPresence();
      this.syncLibraryName();
      // Compact once the outline is on screen: opening stays fast, and storage stays flat.
      window.setTimeout(() => {
        if (this.session !== session) return;
        session.compact().then(
          (result) => performance.mark(perfMarks.compacted, { detail: result }),
          (error: unknown) => this.state.notify({ text: `This plan's local copy could not be compacted: ${error instanceof Error ? error.message : String(error)}`, tone: 'error' }),
        );
      }, 500);
    } catch (error) {
      if (generation !== this.openGeneration) return;
      this.state.setPlan(null, { kind: 'failed', planId, message: error instanceof Error ? error.message : String(error) });
    }
  }

  async closePlan(): Promise<void> {
    this.openGeneration++;
    await this.closeSession();
    this.state.setPlan(null, { kind: 'closed' });
    this.state.setSyncStatus(localStatus);
    this.state.setPeers([]);
    this.state.setReadOnlyReason(null);
    this.state.select(null);
  }

  private async closeSession(): Promise<void> {
    const session = this.session;
    this.session = null;
    if (session) await session.close();
  }

  /** The plan of the open session, if any. */
  get plan(): Plan | null {
    return this.session?.plan ?? null;
  }

  get planId(): string | null {
    return this.session?.planId ?? null;
  }

  private onPlanChanged(changed: ReadonlySet<string>): void {
    this.state.planChanged(changed);
    this.syncLibraryName();
    const selected = this.state.selectedId;
    if (selected && this.plan && !this.plan.index.node(selected)) this.state.select(null);
  }

  /** The plan's name lives in the doc; the library keeps a copy to list plans without opening them. */
  private syncLibraryName(): void {
    const plan = this.plan;
    const planId = this.planId;
    if (!plan || !planId) return;
    const name = plan.index.summary().name;
    const entry = this.library.get(planId);
    if (entry && name && entry.name !== name) {
      this.library.rename(planId, name);
      this.refreshLibrary();
    }
  }

  // ── operations ───────────────────────────────────────────────────────────────────────────

  /**
   * Runs an operation on the open plan. A refused operation (PlanError, read-only) is shown as a
   * notice naming the problem and changes nothing; the index is refreshed at once otherwise.
   */
  run<T>(operation: (plan: Plan) => T, options: { quiet?: boolean } = {}): { ok: true; value: T } | { ok: false; message: string } {
    const plan = this.plan;
    const fail = (message: string) => {
      if (!options.quiet) this.state.notify({ text: message, tone: 'error' });
      return { ok: false as const, message };
    };
    if (!plan) return fail('No plan is open.');
    const readOnly = this.state.readOnlyReason;
    if (readOnly) return fail(readOnly);
    try {
      // Each command is its own undo step, however quickly the next one follows.
      this.session?.undo?.stopCapturing();
      const value = operation(plan);
      this.session?.undo?.stopCapturing();
      this.session?.refreshNow(true);
      return { ok: true, value };
    } catch (error) {
      return fail(isPlanError(error) ? sentence(error.message) : error instanceof Error ? error.message : String(error));
    }
  }

  /** Brings the views up to date now (after a change the doc does not see, e.g. a new review point). */
  refresh(): void {
    this.session?.refreshNow(true);
  }

  undo(): void {
    if (this.state.readOnlyReason || !this.session?.undo?.canUndo()) return;
    this.session.undo.undo();
    this.session.refreshNow(true);
  }

  redo(): void {
    if (this.state.readOnlyReason || !this.session?.undo?.canRedo()) return;
    this.session.undo.redo();
    this.session.refreshNow(true);
  }

  setView(view: PlanView): void {
    this.state.setView(view);
  }

  // ── sync ─────────────────────────────────────────────────────────────────────────────────

  /** Follows a join link: stores the connection for its workspace and opens its plan, if any. */
  join(request: JoinRequest): void {
    this.connections.save({ server: request.server, workspace: request.workspace, token: request.token, savedAt: Date.now() });
    const facts = readTokenFacts(request.token);
    if (request.plan) {
      const existing = this.library.get(request.plan);
      this.library.put({ id: request.plan, name: existing?.name ?? 'Shared plan', createdAt: existing?.createdAt ?? Date.now(), openedAt: Date.now(), workspace: request.workspace });
      this.refreshLibrary();
      this.state.notify({ text: `Joined workspace "${request.workspace}"${facts?.role === 'viewer' ? ' as a viewer' : ''}.`, tone: 'info' });
      // Replace the join link in history (it carries a token), then open the plan — again if it is
      // the open one, so its sync picks up the new connection.
      this.replaceRoute({ kind: 'plan', planId: request.plan, view: 'outline' });
      this.state.setView('outline');
      void this.openPlan(request.plan);
    } else {
      this.state.notify({ text: `Connected to workspace "${request.workspace}". Plans you share there will sync.`, tone: 'info' });
      this.replaceRoute({ kind: 'library' });
      void this.closePlan();
    }
  }

  /** Connects the open plan to a server workspace (the plan keeps its id as the room name). */
  async connectOpenPlan(server: string, workspace: string, token: string): Promise<void> {
    const planId = this.planId;
    if (!planId) return;
    this.connections.save({ server, workspace, token, savedAt: Date.now() });
    const entry = this.library.get(planId);
    if (entry) this.library.put({ ...entry, workspace });
    this.refreshLibrary();
    await this.openPlan(planId);
  }

  retrySync(): void {
    this.session?.sync?.retry();
  }

  /** A join link for the open plan, or null when it is not on a server. */
  shareLink(): string | null {
    const planId = this.planId;
    const workspace = planId ? this.library.get(planId)?.workspace : undefined;
    const connection = workspace ? this.connections.forWorkspace(workspace) : undefined;
    if (!planId || !connection) return null;
    return buildJoinLink(window.location.href, { server: connection.server, workspace: connection.workspace, token: connection.token, plan: planId });
  }

  private updateReadOnly(): void {
    const plan = this.plan;
    const status = this.state.syncStatus;
    let reason: string | null = null;
    if (plan?.readOnly) reason = plan.opened.readOnlyReason;
    else if (status.role === 'viewer') reason = 'You are a viewer of this plan: you can look, not change.';
    else if (status.permissionDenied) reason = `The server does not accept changes from you: ${status.permissionDenied}`;
    if (this.state.readOnlyReason !== reason) this.state.setReadOnlyReason(reason);
  }

  // ── identity and presence ────────────────────────────────────────────────────────────────

  /** Stores who uses this device; `personId` ties them to a person of the open plan. */
  setIdentity(name: string, colour: string, personId: string | null): void {
    const current = this.state.identity;
    const personByPlan = { ...(current?.personByPlan ?? {}) };
    const planId = this.planId;
    if (planId) {
      if (personId) personByPlan[planId] = personId;
      else delete personByPlan[planId];
    }
    const identity: DeviceIdentity = writeIdentity(this.storage, { name: name.trim(), colour, personByPlan });
    this.state.setIdentity(identity);
  }

  /** The person of the open plan this device acts as, if chosen. */
  currentPersonId(): string | null {
    const planId = this.planId;
    const identity = this.state.identity;
    return planId && identity ? identity.personByPlan[planId] ?? null : null;
  }

  private publishPresence(): void {
    const session = this.session;
    if (!session) return;
    const identity = this.state.identity;
    const name = identity?.name ?? `Guest ${String(session.doc.clientID).slice(-3)}`;
    const personId = this.currentPersonId();
    session.setPresence({
      user: { name, colour: identity?.colour ?? colourForName(name), ...(personId ? { personId } : {}) },
      selection: this.state.selectedId,
      view: this.state.view,
    });
  }
}

/** Model messages are lower-case fragments; the UI shows sentences. */
function sentence(message: string): string {
  const trimmed = message.trim();
  const capitalised = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}
