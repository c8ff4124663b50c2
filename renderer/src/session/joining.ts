import type { StoreApi } from 'zustand/vanilla';
import { parsePlanId } from '../../../shared/model/ids.js';
import type { AppState, JoinMoveQuestion } from '../store/app-state.js';
import { checkAccess, describeAccessFailure } from '../sync/access-check.js';
import { buildJoinLink, type JoinRequest } from '../sync/join-link.js';
import { sameServer, serverName, type ServerConnections } from '../sync/server-connections.js';
import type { LibraryCatalog } from './library-catalog.js';
import type { PlanSessions } from './plan-sessions.js';
import type { Router } from './router.js';
import type { WorkspaceSessions } from './workspaces.js';
import type { DirectoryEntry } from '../../../shared/workspace/directory.js';
import { isolatedText } from '../../../shared/text/bidi-isolation.js';
import { takenOutFrom } from './taken-out.js';

/** The two links Share gives: the workspace's (its plan list) and the open plan's. */
export interface ShareLinks {
  readonly workspace: string;
  readonly role: 'editor' | 'viewer' | null;
  readonly workspaceLink: string;
  readonly planLink: string;
}

/**
 * Joining workspaces on sync servers: a join link is checked with its server first (the access check,
 * within 10 s) and only then remembered, so a refused or unreachable link leaves nothing behind; then
 * the workspace's plan list shows, or the linked plan opens. Share links out; local plans moved in.
 */
export class Joining {
  /** Bumped by every join and cancel: a check that was overtaken is ignored. */
  private attempt = 0;

  constructor(
    private readonly store: StoreApi<AppState>,
    private readonly connections: ServerConnections,
    private readonly catalog: LibraryCatalog,
    private readonly sessions: PlanSessions,
    private readonly router: Router,
    private readonly workspaces: WorkspaceSessions,
  ) {}

  private get state(): AppState {
    return this.store.getState();
  }

  /** Follows a join link: checks it with its server, then joins (or says why not, with Retry and Cancel). */
  join(request: JoinRequest): void {
    const attempt = ++this.attempt;
    // The link carries a token: take it out of the address bar and history at once.
    this.router.replace({ kind: 'library' });
    this.state.setJoinAttempt({ phase: 'checking', request });
    void checkAccess(request.server, request.workspace, request.token).then((result) => {
      if (attempt !== this.attempt) return;
      if (result.kind !== 'granted') {
        this.state.setJoinAttempt({ phase: 'failed', request, message: describeAccessFailure(result, request.server, request.workspace) });
        return;
      }
      // Before anything is saved: a link that would move a workspace or a plan asks first.
      const question = this.moveQuestion(request);
      if (question) {
        this.state.setJoinAttempt({ phase: 'confirm', request, role: result.role, question });
        return;
      }
      void this.joined(request, result.role, attempt, false);
    });
  }

  /**
   * What following the link would move, or null when it moves nothing this device keeps: a workspace
   * this device syncs with another server under the same name (anyone can send a link naming it, with
   * their own server and a token it accepts), or the plan the link names when this device keeps it on
   * this device only or in another workspace (plan ids are in every plan link ever sent).
   */
  moveQuestion(request: JoinRequest): JoinMoveQuestion | null {
    const known = this.connections.forWorkspace(request.workspace);
    const movesWorkspace = known !== undefined && !sameServer(known.server, request.server);
    let plan: JoinMoveQuestion['plan'] = null;
    if (request.plan) {
      const existing = this.catalog.library.get(parsePlanId(request.plan));
      // A copy kept after the plan was taken out of this workspace is not moved back by an old link:
      // it opens on this device only, with a word why (joined).
      const takenOutHere = existing?.workspace === undefined && this.workspaces.directory(request.workspace)?.removedPlans().some((entry) => entry.id === request.plan) === true;
      if (existing && existing.workspace !== request.workspace && !takenOutHere) {
        // The copy was taken out of this workspace on this server, and the link names it there again:
        // the same plan going back where it came from asks plainly, without a warning about trust.
        plan = !movesWorkspace && takenOutFrom(existing, request.workspace, request.server)
          ? { name: existing.name, from: null, sharedAgain: { by: existing.takenOut.by, unsent: existing.takenOut.unsent } }
          : { name: existing.name, from: existing.workspace ?? null };
      }
    }
    if (!movesWorkspace && !plan) return null;
    const workspacePlans = movesWorkspace ? this.catalog.library.list().filter((entry) => entry.workspace === request.workspace).map((entry) => entry.name) : [];
    return { newServer: serverName(request.server), workspace: request.workspace, currentServer: movesWorkspace ? serverName(known.server) : null, workspacePlans, plan };
  }

  /** The person agreed to the move the link asked about: joins, moving the workspace or the plan. */
  confirmMove(): void {
    const pending = this.state.joinAttempt;
    if (pending?.phase !== 'confirm') return;
    const attempt = ++this.attempt;
    this.state.setJoinAttempt({ phase: 'checking', request: pending.request });
    void this.joined(pending.request, pending.role, attempt, true);
  }

  /** Gives up on a join that failed or is being checked; nothing of it was saved. */
  cancelJoin(): void {
    this.attempt++;
    this.state.setJoinAttempt(null);
  }

  /** Checks the last failed join link again. */
  retryJoin(): void {
    const attempt = this.state.joinAttempt;
    if (attempt) this.join(attempt.request);
  }

  private async joined(request: JoinRequest, role: 'editor' | 'viewer', attempt: number, move: boolean): Promise<void> {
    const connection = this.connections.save({ server: request.server, workspace: request.workspace, token: request.token, savedAt: Date.now() }, { move });
    // "Joining…" stays up until the workspace is listed: a plan made in between (the directory's local
    // copy can take a while to open on a busy laptop) would have gone to this device only, silently.
    const directory = await this.workspaces.ensure(connection).finally(() => {
      if (attempt === this.attempt) this.state.setJoinAttempt(null);
    });
    const asViewer = role === 'viewer' ? ' as a viewer' : '';
    if (request.plan) {
      // The join link is a boundary: its plan id is checked (and branded) here.
      const planId = parsePlanId(request.plan);
      const library = this.catalog.library;
      const existing = library.get(planId);
      // A plan this device does not have is fetched only if the workspace still has it: the list is
      // asked first (its answer, or that the server cannot answer now; the server refuses a plan taken
      // out anyway, 4410, and nothing of it is sent).
      if (!existing) await directory.settled;
      if (attempt !== this.attempt) return;
      const takenOut = directory.removedPlans().find((entry) => entry.id === request.plan);
      if (takenOut) {
        this.tellTakenOut(request.workspace, takenOut, existing !== undefined);
        if (!existing) return;
        this.router.replace({ kind: 'plan', planId, view: 'outline' });
        this.state.setView('outline');
        await this.sessions.open(planId);
        return;
      }
      const listed = directory.listing.plans.find((entry) => entry.id === request.plan);
      library.put({ id: planId, name: existing?.name ?? listed?.name ?? 'Shared plan', createdAt: existing?.createdAt ?? Date.now(), openedAt: Date.now(), workspace: request.workspace });
      if (existing?.takenOut) this.workspaces.sharedAgain(planId);
      this.catalog.refresh();
      this.state.notify({ text: `Joined workspace "${request.workspace}"${asViewer}.`, tone: 'info' });
      this.router.replace({ kind: 'plan', planId, view: 'outline' });
      this.state.setView('outline');
      // Again if it is the open one, so its sync picks up the new connection.
      await this.sessions.open(planId);
    } else {
      this.state.notify({ text: `Joined workspace "${request.workspace}"${asViewer}: its plans are listed below.`, tone: 'info' });
      await this.sessions.close();
    }
  }

  /**
   * The link names a plan someone took out of the workspace: nothing of it is fetched. A device that
   * had it keeps its copy (workspaces.ts already made it a plan of this device only) and opens it.
   */
  private tellTakenOut(workspace: string, entry: DirectoryEntry, hasCopy: boolean): void {
    const who = entry.removed?.by ? ` by ${isolatedText(entry.removed.by)}` : '';
    const plan = `“${isolatedText(entry.name)}” was taken out of workspace ${isolatedText(workspace)}${who}, so it is not shared any more.`;
    this.state.notify(hasCopy
      ? { text: `${plan} Your copy is on this device only.`, tone: 'info' }
      : { text: `${plan} Nothing of it was downloaded to this device. It is shared again if someone who has it moves it into the workspace again.`, tone: 'error', persistent: true });
  }

  /** Moves the open plan into a workspace this device reaches with the given link parts. */
  async connectOpenPlan(server: string, workspace: string, token: string): Promise<void> {
    const planId = this.sessions.planId;
    if (!planId) return;
    const result = await checkAccess(server, workspace, token);
    if (result.kind !== 'granted') {
      this.state.notify({ text: describeAccessFailure(result, server, workspace), tone: 'error' });
      return;
    }
    const known = this.connections.forWorkspace(workspace);
    if (known && !sameServer(known.server, server)) {
      this.state.notify({ text: `This device already syncs workspace "${workspace}" with ${serverName(known.server)}. Give the workspace on ${serverName(server)} another name.`, tone: 'error' });
      return;
    }
    const connection = this.connections.save({ server, workspace, token, savedAt: Date.now() });
    await this.workspaces.ensure(connection);
    const entry = this.catalog.library.get(planId);
    if (entry) {
      this.catalog.library.put({ ...entry, workspace });
      this.workspaces.list(workspace, planId, entry.name);
    }
    this.catalog.refresh();
    await this.sessions.open(planId);
  }

  retrySync(): void {
    this.sessions.current?.sync?.retry();
  }

  /** The workspace link and the open plan's link, or null when the plan is on this device only. */
  shareLinks(): ShareLinks | null {
    const planId = this.sessions.planId;
    const workspace = planId ? this.catalog.library.get(planId)?.workspace : undefined;
    const connection = workspace ? this.connections.forWorkspace(workspace) : undefined;
    if (!planId || !connection) return null;
    const base = { server: connection.server, workspace: connection.workspace, token: connection.token };
    return {
      workspace: connection.workspace,
      role: this.workspaces.directory(connection.workspace)?.listing.role ?? null,
      workspaceLink: buildJoinLink(window.location.href, base),
      planLink: buildJoinLink(window.location.href, { ...base, plan: planId }),
    };
  }

  /** The link to a joined workspace's plan list (for the library's Share button). */
  workspaceLink(workspace: string): string | null {
    const connection = this.connections.forWorkspace(workspace);
    return connection ? buildJoinLink(window.location.href, { server: connection.server, workspace, token: connection.token }) : null;
  }

  /** A join link for the open plan, or null when it is not on a server. */
  shareLink(): string | null {
    return this.shareLinks()?.planLink ?? null;
  }
}
