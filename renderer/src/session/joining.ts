import type { StoreApi } from 'zustand/vanilla';
import { parsePlanId } from '../../../shared/model/ids.js';
import type { AppState } from '../store/app-state.js';
import { buildJoinLink, type JoinRequest } from '../sync/join-link.js';
import type { ServerConnections } from '../sync/server-connections.js';
import { readTokenFacts } from '../sync/token-facts.js';
import type { LibraryCatalog } from './library-catalog.js';
import type { PlanSessions } from './plan-sessions.js';
import type { Router } from './router.js';

/** Joining workspaces on sync servers: join links in, share links out, connecting a local plan. */
export class Joining {
  constructor(
    private readonly store: StoreApi<AppState>,
    private readonly connections: ServerConnections,
    private readonly catalog: LibraryCatalog,
    private readonly sessions: PlanSessions,
    private readonly router: Router,
  ) {}

  private get state(): AppState {
    return this.store.getState();
  }

  /** Follows a join link: stores the connection for its workspace and opens its plan, if any. */
  join(request: JoinRequest): void {
    this.connections.save({ server: request.server, workspace: request.workspace, token: request.token, savedAt: Date.now() });
    const facts = readTokenFacts(request.token);
    const library = this.catalog.library;
    if (request.plan) {
      // The join link is a boundary: its plan id is checked (and branded) here.
      const planId = parsePlanId(request.plan);
      const existing = library.get(request.plan);
      library.put({ id: request.plan, name: existing?.name ?? 'Shared plan', createdAt: existing?.createdAt ?? Date.now(), openedAt: Date.now(), workspace: request.workspace });
      this.catalog.refresh();
      this.state.notify({ text: `Joined workspace "${request.workspace}"${facts?.role === 'viewer' ? ' as a viewer' : ''}.`, tone: 'info' });
      // Replace the join link in history (it carries a token), then open the plan — again if it is
      // the open one, so its sync picks up the new connection.
      this.router.replace({ kind: 'plan', planId, view: 'outline' });
      this.state.setView('outline');
      void this.sessions.open(planId);
    } else {
      this.state.notify({ text: `Connected to workspace "${request.workspace}". Plans you share there will sync.`, tone: 'info' });
      this.router.replace({ kind: 'library' });
      void this.sessions.close();
    }
  }

  /** Connects the open plan to a server workspace (the plan keeps its id as the room name). */
  async connectOpenPlan(server: string, workspace: string, token: string): Promise<void> {
    const planId = this.sessions.planId;
    if (!planId) return;
    this.connections.save({ server, workspace, token, savedAt: Date.now() });
    const entry = this.catalog.library.get(planId);
    if (entry) this.catalog.library.put({ ...entry, workspace });
    this.catalog.refresh();
    await this.sessions.open(planId);
  }

  retrySync(): void {
    this.sessions.current?.sync?.retry();
  }

  /** A join link for the open plan, or null when it is not on a server. */
  shareLink(): string | null {
    const planId = this.sessions.planId;
    const workspace = planId ? this.catalog.library.get(planId)?.workspace : undefined;
    const connection = workspace ? this.connections.forWorkspace(workspace) : undefined;
    if (!planId || !connection) return null;
    return buildJoinLink(window.location.href, { server: connection.server, workspace: connection.workspace, token: connection.token, plan: planId });
  }
}
