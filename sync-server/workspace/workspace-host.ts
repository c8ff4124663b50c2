import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import type { WebSocket, WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { accessCloseCodes, encodeGrant } from '../../shared/sync/access.js';
import { closeCodes, tokenRevokedReason } from '../../shared/sync/protocol.js';
import type { WorkspaceId } from '../../shared/model/ids.js';
import { roomKey, type RoomAddress } from '../../shared/sync/room.js';
import { decodeTokenPayload, type TokenPayload, type TokenRole } from '../../shared/sync/token.js';
import { directoryRoom, readDirectory, type DirectoryEntry } from '../../shared/workspace/directory.js';
import { appInstancePattern, describeDevice, maxLinkTtlSeconds as maxPersonalLinkSeconds } from '../../shared/workspace/host-api.js';
import type { TokenAuthority, TokenCheck } from '../auth.js';
import type { RoomRegistry } from '../rooms/room-registry.js';
import type { RoomPeer } from '../rooms/room.js';
import type { UpdateStore } from '../storage/update-store.js';
import { linkIdOf, linkIdPattern, newLinkNonce } from './link-id.js';
import { encodeRoleChangeFrame } from '../../shared/sync/role-change.js';

import { RevocationList } from './revocations.js';
import type { SharedAccess } from '../scaleout/shared-access.js';

/** A link minted by the host: the token it carries, its id (to list and revoke it) and its expiry. */
export interface MintedLink {
  readonly token: string;
  readonly linkId: string;
  readonly role: TokenRole;
  /** Unix seconds. */
  readonly expiresAt: number;
}

/** One open connection of a workspace, as the host sees it. */
export interface ConnectedClient {
  readonly connection: number;
  readonly linkId: string;
  readonly role: TokenRole;
  /** The plan (room) it has open; `_directory` for the workspace list. */
  readonly plan: string;
  readonly ip: string;
  /** The client's browser and system, from its User-Agent ("Chrome on Linux"; untrusted). */
  readonly device: string;
  /** Milliseconds since the epoch. */
  readonly since: number;
  /** Names the client announces in presence (untrusted: anyone may call themselves anything). */
  readonly names: readonly string[];
  /**
   * The app instances (one per browser tab or desktop window, the same id in every room it has open)
   * announced in presence: the host lists each instance as its own participant, whatever its name.
   */
  readonly instances: readonly string[];
}

/**
 * What a host can do with the workspaces of its server: mint links, see who is connected, revoke a
 * link (its token is refused from then on and its open connections are closed with 4403 and a reason),
 * and list a workspace's plans. The desktop app calls this for the server it hosts; in browser mode
 * the CLI offers the same (`token`, `connections`, `revoke`).
 */
export interface WorkspaceHost {
  mintLink(workspace: string, role: TokenRole, ttlSeconds: number): MintedLink;
  connected(workspace: string): ConnectedClient[];
  /** Revokes by token or link id. `closed` counts the connections closed because of it. */
  revoke(tokenOrLinkId: string): { readonly linkId: string; readonly revoked: boolean; readonly closed: number };
  /** The plans listed in the workspace's directory, as the server has stored them. */
  plans(workspace: string): Promise<DirectoryEntry[]>;
  /** Gives one participant a new role at once (see RoleChangeRequest); throws ParticipantNotFound. */
  changeRole(workspace: string, role: TokenRole, participant: Participant): RoleChangeOutcome;
  /** Scaled out: the instance whose connections `connected` lists (it lists no other's). */
  readonly listedBy?: { readonly instance: string } | undefined;
}

/** Whom a role change is for: an app instance, or (a client announcing none) connections by id. */
export type Participant = { readonly instance: string } | { readonly connections: readonly number[] };

/** What a role change did (the host API's answer, shared/workspace/host-api.ts). */
export interface RoleChangeOutcome {
  readonly role: TokenRole;
  readonly changed: number;
  readonly told: number;
  readonly personalLinkId: string | null;
  readonly previousLinkIds: readonly string[];
  readonly revokedLinkIds: readonly string[];
}

/** Nobody of the workspace matches the participant named: the message says who was looked for. */
export class ParticipantNotFound extends Error {
  override readonly name = 'ParticipantNotFound';
}

/**
 * A connection as the workspace host sees it: a room's peer (it closes it when its link is revoked)
 * whose role the host may change (it is re-admitted in place).
 */
export interface TrackedConnection extends RoomPeer {
  readmit(canEdit: boolean, expiresAt: number): void;
}

/** A personal link lasts what the participant's link had left, and at least this (seconds). */
const minPersonalLinkSeconds = 3600;

interface Tracked {
  readonly connection: TrackedConnection;
  readonly address: RoomAddress;
  readonly linkId: string;
  readonly role: TokenRole;
  readonly ip: string;
  readonly device: string;
  readonly since: number;
  /** Its token's expiry (Unix seconds): a personal link minted for it lasts as long. */
  readonly expiresAt: number;
  /** The client said it reads the role-change frame (only Throughline's app does). */
  readonly readsRoleChange: boolean;
}

/** Reason sent to a connection whose link was revoked (the client shows it). */
export const revokedReason = tokenRevokedReason;

const presenceNameOf = (state: unknown): string | null => {
  if (typeof state !== 'object' || state === null || !('user' in state)) return null;
  const user = (state as { user: unknown }).user;
  if (typeof user !== 'object' || user === null || !('name' in user)) return null;
  const name = (user as { name: unknown }).name;
  return typeof name === 'string' && name.length > 0 ? name.slice(0, 80) : null;
};

/** An app instance id as the renderer makes them (`appInstance` in presence); anything else is ignored. */
const presenceInstanceOf = (state: unknown): string | null => {
  if (typeof state !== 'object' || state === null || !('appInstance' in state)) return null;
  const id = (state as { appInstance: unknown }).appInstance;
  return typeof id === 'string' && appInstancePattern.test(id) ? id : null;
};

const present = <T>(value: T | null): value is T => value !== null;

/**
 * The server's workspace side: revocations, the access check, and the host's view of connections.
 * server.ts calls it at the upgrade (check, track) and when a connection closes (untrack).
 */
export class WorkspaceAccess implements WorkspaceHost {
  private readonly tracked = new Map<TrackedConnection, Tracked>();
  /**
   * Links minted by role changes, each for one app instance: when that instance's role changes again,
   * its earlier personal link is revoked (nobody else holds it). Kept in memory: after a restart such
   * a link is treated like any other (the host screen offers revoking it).
   */
  private readonly personalLinks = new Map<string, string>();
  private readonly revocations: RevocationList;

  constructor(
    dataDir: string,
    private readonly authority: TokenAuthority,
    private readonly rooms: RoomRegistry,
    private readonly store: UpdateStore,
    private readonly log: Logger,
    /** Scaled out: revocations and role changes shared with the other instances (scaleout/access-bus.ts). */
    private readonly shared: SharedAccess | null = null,
  ) {
    this.revocations = new RevocationList(dataDir, (ids) => this.closeRevoked(ids), (error) => log.error({ err: error }, 'revocations file unreadable; keeping the revocations known so far'), shared);
    shared?.attach(this, authority);
  }

  /** Checks a token for a workspace: signature, claims, then revocation. */
  check(token: string | null, workspace: string, nowSeconds: number): TokenCheck {
    const check = this.authority.check(token, workspace, nowSeconds);
    if (check.ok && token !== null && this.revocations.isRevoked(linkIdOf(token))) return { ok: false, status: 403, reason: revokedReason };
    return check;
  }

  /**
   * Answers an upgrade to the access check (`shared/sync/access.ts`): accepts the socket and closes it
   * at once with the verdict. `admitted` is false when the server's join limit is spent.
   */
  answerAccessCheck(wss: WebSocketServer, req: IncomingMessage, socket: Duplex, head: Buffer, query: URLSearchParams, admitted: boolean): void {
    const workspace = query.get('workspace') ?? '';
    const verdict = admitted ? this.check(query.get('token'), workspace, Math.floor(Date.now() / 1000)) : null;
    wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      if (verdict === null) ws.close(accessCloseCodes.busy, 'too many joins right now; retry shortly');
      else if (verdict.ok) ws.close(accessCloseCodes.granted, encodeGrant(verdict.payload.role));
      else ws.close(accessCloseCodes.refused, verdict.reason.slice(0, 120));
      // A client that never answers the close frame is not kept.
      setTimeout(() => ws.terminate(), 2_000).unref();
    });
    this.log.info({ ip: req.socket.remoteAddress, workspace: workspace.slice(0, 64), verdict: verdict === null ? 'busy' : verdict.ok ? 'granted' : verdict.reason }, 'access check');
  }

  /** A connection was opened with `token` (already checked). */
  track(connection: TrackedConnection, address: RoomAddress, token: string, payload: TokenPayload, ip: string, userAgent: string | undefined, readsRoleChange = false): void {
    this.tracked.set(connection, {
      connection, address, linkId: linkIdOf(token), role: payload.role, ip, device: describeDevice(userAgent), since: Date.now(), expiresAt: payload.exp, readsRoleChange,
    });
  }

  /**
   * Re-admits every open connection of the participant under `role` at once: the room judges each
   * update by the connection's role, so a viewer's next update is refused and an editor's accepted (an
   * editor is also invited to upload what was refused before). Connections that read the role-change
   * frame are sent it with a personal link of the new role, minted for this participant, so their
   * reconnects keep the role; they are listed under that link from now on. The participant's earlier
   * personal link, if any, is revoked. A connection that does not read the frame (the stock client)
   * is changed in place only: when it reconnects its own token decides again.
   */
  changeRole(workspace: string, role: TokenRole, participant: Participant, remote?: { readonly link: MintedLink | null }): RoleChangeOutcome {
    const entries = this.participantEntries(workspace, participant);
    if (entries.length === 0) throw new ParticipantNotFound(describeParticipant(workspace, participant));
    const now = Math.floor(Date.now() / 1000);
    const previousLinkIds = [...new Set(entries.map((entry) => entry.linkId))];
    const readers = entries.filter((entry) => entry.readsRoleChange);
    const instance = 'instance' in participant ? participant.instance : null;
    let personal: MintedLink | null = null;
    if (readers.length > 0) {
      const left = Math.max(...readers.map((entry) => entry.expiresAt)) - now;
      personal = remote?.link ?? this.mintLink(workspace, role, Math.min(maxPersonalLinkSeconds, Math.max(minPersonalLinkSeconds, left)));
      if (instance !== null) this.personalLinks.set(personal.linkId, instance);
    }
    for (const entry of entries) {
      const told = personal !== null && entry.readsRoleChange;
      const updated: Tracked = { ...entry, role, ...(told ? { linkId: personal!.linkId, expiresAt: personal!.expiresAt } : {}) };
      this.tracked.set(entry.connection, updated);
      entry.connection.readmit(role === 'editor', updated.expiresAt);
      if (told) entry.connection.send(encodeRoleChangeFrame({ role, token: personal!.token }));
    }
    // Scaled out: the other instances apply it to that app instance's connections they hold (before the revocations below).
    if (remote === undefined && instance !== null) this.shared?.publishRoleChange({ workspace, role, instance, token: personal?.token ?? null });
    // Only links this instance was given for itself: a shared link is the host's to revoke (it cuts others).
    const revokedLinkIds = instance === null ? [] : previousLinkIds.filter((id) => this.personalLinks.get(id) === instance && !(personal !== null && id === personal.linkId));
    for (const id of revokedLinkIds) {
      this.revoke(id);
      this.personalLinks.delete(id);
    }
    this.log.info({ workspace, participant, role, changed: entries.length, told: personal === null ? 0 : readers.length, revoked: revokedLinkIds }, 'role changed by the host');
    return { role, changed: entries.length, told: personal === null ? 0 : readers.length, personalLinkId: personal?.linkId ?? null, previousLinkIds, revokedLinkIds };
  }

  /** The open connections of a participant in `workspace`: those announcing the instance, or those listed. */
  private participantEntries(workspace: string, participant: Participant): Tracked[] {
    const entries = [...this.tracked.values()].filter((entry) => entry.address.workspace === workspace && !entry.connection.isClosed);
    if ('connections' in participant) {
      const wanted = new Set(participant.connections);
      return entries.filter((entry) => wanted.has(entry.connection.id));
    }
    return entries.filter((entry) => {
      const presence = this.rooms.loaded(roomKey(entry.address))?.presenceOf(entry.connection) ?? [];
      return presence.some((state) => presenceInstanceOf(state) === participant.instance);
    });
  }

  get listedBy(): { instance: string } | undefined {
    return this.shared === null ? undefined : { instance: this.shared.instance };
  }

  untrack(connection: TrackedConnection): void {
    this.tracked.delete(connection);
  }

  mintLink(workspace: string, role: TokenRole, ttlSeconds: number): MintedLink {
    const now = Math.floor(Date.now() / 1000);
    const token = this.authority.issue(workspace, role, ttlSeconds, now, newLinkNonce());
    return { token, linkId: linkIdOf(token), role, expiresAt: now + ttlSeconds };
  }

  connected(workspace: string): ConnectedClient[] {
    const clients: ConnectedClient[] = [];
    for (const entry of this.tracked.values()) {
      if (entry.address.workspace !== workspace) continue;
      const presence = this.rooms.loaded(roomKey(entry.address))?.presenceOf(entry.connection) ?? [];
      const names = presence.map(presenceNameOf).filter(present);
      const instances = [...new Set(presence.map(presenceInstanceOf).filter(present))];
      clients.push({ connection: entry.connection.id, linkId: entry.linkId, role: entry.role, plan: entry.address.plan, ip: entry.ip, device: entry.device, since: entry.since, names, instances });
    }
    return clients.sort((a, b) => a.since - b.since || a.connection - b.connection);
  }

  revoke(tokenOrLinkId: string): { linkId: string; revoked: boolean; closed: number } {
    const linkId = linkIdPattern.test(tokenOrLinkId) ? tokenOrLinkId : linkIdOf(tokenOrLinkId);
    const before = this.countOpen(linkId);
    const now = Math.floor(Date.now() / 1000);
    const expiresAt = linkIdPattern.test(tokenOrLinkId) ? 0 : readExpiry(tokenOrLinkId);
    const revoked = this.revocations.revoke(linkId, expiresAt, now);
    // The list's callback closes the connections of newly revoked links; do it here too for a repeat.
    this.closeRevoked([linkId]);
    return { linkId, revoked, closed: before };
  }

  async plans(workspace: WorkspaceId): Promise<DirectoryEntry[]> {
    const key = roomKey({ workspace, plan: directoryRoom });
    // A stateless room (Redis + PostgreSQL mode) keeps no document: read it from storage then.
    const loaded = this.rooms.loaded(key)?.document;
    if (loaded) return readDirectory(loaded);
    const stored = await this.store.load(key);
    const doc = new Y.Doc();
    try {
      if (stored.updates.length > 0) Y.applyUpdate(doc, Y.mergeUpdates([...stored.updates]));
      return readDirectory(doc);
    } finally {
      doc.destroy();
    }
  }

  close(): void {
    this.revocations.close();
  }

  private countOpen(linkId: string): number {
    let count = 0;
    for (const entry of this.tracked.values()) if (entry.linkId === linkId) count++;
    return count;
  }

  private closeRevoked(ids: readonly string[]): void {
    const revoked = new Set(ids);
    for (const entry of [...this.tracked.values()]) {
      if (!revoked.has(entry.linkId)) continue;
      this.log.info({ connection: entry.connection.id, link: entry.linkId }, 'closing a connection of a revoked link');
      entry.connection.close(closeCodes.tokenRevoked, revokedReason);
    }
  }
}

/** How the host named a participant nobody matches, for the API's 404. */
function describeParticipant(workspace: string, participant: Participant): string {
  const who = 'instance' in participant ? `app instance ${participant.instance}` : `connection${participant.connections.length > 1 ? 's' : ''} ${participant.connections.join(', ')}`;
  return `nobody is connected to workspace "${workspace}" as ${who} (they may have left; reload the list)`;
}

/** A token's expiry claim, to drop its revocation once it has expired anyway (0 if unreadable). */
function readExpiry(token: string): number {
  try {
    return decodeTokenPayload(token).exp;
  } catch {
    return 0;
  }
}
