import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import type { WebSocket, WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { accessCloseCodes, encodeGrant } from '../../shared/sync/access.js';
import { closeCodes, planRemovedReason, tokenRevokedReason } from '../../shared/sync/protocol.js';
import type { WorkspaceId } from '../../shared/model/ids.js';
import { cutText } from '../../shared/text/cut-text.js';
import { roomKey, type RoomAddress } from '../../shared/sync/room.js';
import { decodeTokenPayload, type TokenPayload, type TokenRole } from '../../shared/sync/token.js';
import { directoryEntry, directoryRoom, readDirectory, type DirectoryEntry } from '../../shared/workspace/directory.js';
import { appInstancePattern, describeDevice, maxLinkTtlSeconds as maxPersonalLinkSeconds } from '../../shared/workspace/host-api.js';
import type { TokenAuthority, TokenCheck } from '../auth.js';
import type { RoomRegistry } from '../rooms/room-registry.js';
import type { RoomPeer } from '../rooms/room.js';
import type { UpdateStore } from '../storage/update-store.js';
import type { RoomFanout } from '../fanout.js';
import { DirectoryCache, type DirectoryCacheCounts } from './directory-cache.js';
import { linkIdOf, linkIdPattern, newLinkNonce } from './link-id.js';
import { mintedLinkKnown, readMintedLinks, rememberMintedLink, startMintedLinks } from './minted-links.js';
import { appInstanceDigestHexDigits, appInstanceDigestPrefix, encodeRoleChangeFrame } from '../../shared/sync/role-change.js';

import { RevocationList } from './revocations.js';
import type { SharedAccess } from '../scaleout/shared-access.js';
import { smallest } from '../../shared/collections/long-lists.js';

/** A link minted by the host: the token it carries, its id (to list and revoke it) and its expiry. */
export interface MintedLink {
  readonly token: string;
  readonly linkId: string;
  readonly role: TokenRole;
  /** Unix seconds. */
  readonly expiresAt: number;
}

/** What revoking did (the host API's answer, shared/workspace/host-api.ts). */
export interface RevokeOutcome {
  readonly linkId: string;
  readonly revoked: boolean;
  readonly closed: number;
  readonly known: boolean | null;
  readonly note?: string;
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
  /** The app instances announced in presence: untrusted (anyone can copy them), shown only. */
  readonly instances: readonly string[];
  /**
   * The app the connection is bound to since its upgrade (instanceOfAppKey of the key in its URL; null
   * for a client that presented none): the host lists each app as one participant, and a role change
   * by instance reaches exactly the connections bound to it.
   */
  readonly instance: string | null;
  /** The link(s) it first joined with, whatever personal link a role change handed it since. */
  readonly joinedWithLinkIds: readonly string[];
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
  /**
   * Revokes by token or link id. `closed` counts the connections closed because of it; `known` says
   * whether this server made that link (null: it cannot tell), `note` what that means when it did not.
   */
  revoke(tokenOrLinkId: string): RevokeOutcome;
  /**
   * Scaled out: revokes as `revoke` does, then, when this instance cannot tell whether the link is the
   * deployment's (`known: null`), asks the deployment's record of minted links (PostgreSQL) and answers
   * true or false (host36). The host API calls it; without a deployment it is `revoke`.
   */
  revokeAsked?(tokenOrLinkId: string): Promise<RevokeOutcome>;
  /** Scaled out: resolves once the links minted here so far are noted where every instance finds them. */
  mintedShared?(): Promise<void>;
  /** The plans listed in the workspace's directory, as the server has stored them. */
  plans(workspace: string): Promise<DirectoryEntry[]>;
  /** Gives one participant a new role at once (see RoleChangeRequest); throws ParticipantNotFound. */
  changeRole(workspace: string, role: TokenRole, participant: Participant): RoleChangeOutcome;
  /** Scaled out: the instance whose connections `connected` lists (it lists no other's). */
  readonly listedBy?: { readonly instance: string } | undefined;
  /** The workspace directories cached for plan joins, with their counts (tests, the bench). */
  readonly directories?: { readonly counts: DirectoryCacheCounts; has(workspace: WorkspaceId): boolean };
}

/**
 * Whom a role change is for: an app (every connection bound to it; the connections listed with it, the
 * host's row, must all be bound to it), or (a client bound to none) exactly the connections listed.
 */
export type Participant = { readonly instance: string; readonly connections?: readonly number[] } | { readonly connections: readonly number[] };

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

/** The host's row names connections that are not bound to the app it names (the host API's 409). */
export class ParticipantMismatch extends Error {
  override readonly name = 'ParticipantMismatch';
}

/**
 * The app an app key names, as the host sees it: 24 hex digits of SHA-256 over the key. The key itself
 * is a secret of the app's (it never leaves the room URLs it opens); the digest names the app in the
 * host's list and in role changes and lets nobody present the key.
 */
export function instanceOfAppKey(appKey: string): string {
  return createHash('sha256').update(`${appInstanceDigestPrefix}${appKey}`, 'utf8').digest('hex').slice(0, appInstanceDigestHexDigits);
}

/** How a connection introduced itself at the upgrade (its room URL's query). */
export interface TrackOptions {
  /** It reads the role-change frame (only Throughline's app does). */
  readonly readsRoleChange?: boolean;
  /** It answers role changes sent as type 101 (Throughline's app since hostfix): a demotion waits for the answer. */
  readonly answersRoleChange?: boolean;
  /** Its app's key (already checked against appKeyPattern), or null. */
  readonly appKey?: string | null;
}

/**
 * A connection as the workspace host sees it: a room's peer (it closes it when its link is revoked)
 * whose role the host may change (it is re-admitted in place).
 */
export interface TrackedConnection extends RoomPeer {
  /** `awaitsAnswer`: it is sent a role change it answers right after (a demotion then waits for the answer). */
  readmit(canEdit: boolean, expiresAt: number, awaitsAnswer?: boolean): void;
  /** A demotion waiting for its answer applies now (nothing if none is waiting). */
  endGrace(): void;
}

interface Tracked {
  readonly connection: TrackedConnection;
  readonly address: RoomAddress;
  /** The link of the token it now holds (a personal link after a role change told it). */
  readonly linkId: string;
  /** The link(s) it first joined with: a personal link's origin, when it came back with one. */
  readonly joinedWithLinkIds: readonly string[];
  /** When the link it joined with expires (Unix seconds): no personal link made for it lasts longer. */
  readonly joinedExpiresAt: number;
  /** The app it is bound to (instanceOfAppKey), fixed at the upgrade; null for a client without a key. */
  readonly instance: string | null;
  readonly role: TokenRole;
  readonly ip: string;
  readonly device: string;
  readonly since: number;
  /** Its token's expiry (Unix seconds): a personal link minted for it lasts as long. */
  readonly expiresAt: number;
  /** The client said it reads the role-change frame (only Throughline's app does). */
  readonly readsRoleChange: boolean;
  /** ... and answers it (sent as type 101; a demotion applies from its answer). */
  readonly answersRoleChange: boolean;
}

/** A link a role change minted for one participant: whose it is and what it was made from. */
interface PersonalLink {
  readonly joinedWithLinkIds: readonly string[];
  readonly joinedExpiresAt: number;
  /** Unix seconds; forgotten after it. */
  readonly expiresAt: number;
}

/** Reason sent to a connection whose link was revoked (the client shows it). */
export const revokedReason = tokenRevokedReason;

const presenceNameOf = (state: unknown): string | null => {
  if (typeof state !== 'object' || state === null || !('user' in state)) return null;
  const user = (state as { user: unknown }).user;
  if (typeof user !== 'object' || user === null || !('name' in user)) return null;
  const name = (user as { name: unknown }).name;
  // Cut as the app counts a name (80 characters, between graphemes), never inside an emoji.
  return typeof name === 'string' && name.length > 0 ? cutText(name, 80) : null;
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
  /** The tracked connections of each workspace (a plan taken out closes those of its workspace). */
  private readonly trackedIn = new Map<string, Set<TrackedConnection>>();
  /** Each workspace's directory while it has connections here: what a plan join checks (removed38). */
  readonly directories: DirectoryCache;
  /**
   * Links minted by role changes, by link id, until they expire: a connection coming back with one is
   * listed with the link it first joined with (what "revoke the link" revokes), and a personal link no
   * connection holds any more after the next change is revoked. Kept in memory: after a restart such a
   * link is a link like any other (listed as joined with itself).
   */
  private readonly personalLinks = new Map<string, PersonalLink>();
  /**
   * The host's last role change of each app (by instance), with the personal link it was handed, while
   * that link is valid: a connection the app opens later — a plan reconnecting with the link it had, an
   * upgrade already on its way when the host clicked — is admitted in that role and handed the link too.
   */
  private readonly decided = new Map<string, MintedLink>();
  private readonly revocations: RevocationList;

  constructor(
    private readonly dataDir: string,
    private readonly authority: TokenAuthority,
    private readonly rooms: RoomRegistry,
    private readonly store: UpdateStore,
    private readonly log: Logger,
    /** Scaled out: revocations and role changes shared with the other instances (scaleout/access-bus.ts). */
    private readonly shared: SharedAccess | null = null,
    /** The rooms' fan-out: scaled out, it rings when a workspace's directory changes on any instance. */
    fanout: RoomFanout | null = null,
  ) {
    this.directories = new DirectoryCache(store, fanout ?? { publish: () => undefined, subscribe: () => () => undefined }, log, (workspace, doc) => this.closeRemoved(workspace, doc), undefined, (key) => rooms.loaded(key)?.writesSettled() ?? null);
    try {
      const { problems } = startMintedLinks(dataDir, Math.floor(Date.now() / 1000));
      for (const problem of problems) log.error({ problem }, `the list of links made here has a line that is not a link: ${problem}`);
    } catch (error) {
      log.warn({ err: error }, 'could not start the list of links made here; revoking an id will say it is unknown');
    }
    // Scaled out, the folder's own links (made before this start, or by its CLI) are noted for every instance.
    const folderLinks = readMintedLinks(dataDir).links;
    if (shared !== null && folderLinks.length > 0) this.share(folderLinks);
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
  track(connection: TrackedConnection, address: RoomAddress, token: string, payload: TokenPayload, ip: string, userAgent: string | undefined, options: TrackOptions = {}): void {
    const linkId = linkIdOf(token);
    this.forgetExpiredPersonalLinks(Math.floor(Date.now() / 1000));
    const personal = this.personalLinks.get(linkId);
    const entry: Tracked = {
      connection, address, linkId, role: payload.role, ip, device: describeDevice(userAgent), since: Date.now(), expiresAt: payload.exp,
      readsRoleChange: options.readsRoleChange ?? false,
      answersRoleChange: (options.readsRoleChange ?? false) && (options.answersRoleChange ?? false),
      instance: options.appKey ? instanceOfAppKey(options.appKey) : null,
      joinedWithLinkIds: personal?.joinedWithLinkIds ?? [linkId],
      joinedExpiresAt: personal?.joinedExpiresAt ?? payload.exp,
    };
    this.tracked.set(connection, entry);
    let inWorkspace = this.trackedIn.get(address.workspace);
    if (inWorkspace === undefined) {
      inWorkspace = new Set();
      this.trackedIn.set(address.workspace, inWorkspace);
    }
    inWorkspace.add(connection);
    this.directories.hold(address.workspace);
    const decided = entry.instance === null ? undefined : this.decided.get(entry.instance);
    if (decided !== undefined && decided.linkId !== linkId) this.applyDecision(entry, decided);
  }

  /** A connection of an app the host gave a role opened with another link: the host's role applies to it too. */
  private applyDecision(entry: Tracked, decided: MintedLink): void {
    const updated: Tracked = { ...entry, role: decided.role, ...(entry.readsRoleChange ? { linkId: decided.linkId, expiresAt: decided.expiresAt } : {}) };
    this.tracked.set(entry.connection, updated);
    // Not waiting for its answer: a connection opened after the change is in the new role from its first
    // message (else a demoted app could reconnect again and again with its old link, each time with a grace).
    entry.connection.readmit(decided.role === 'editor', updated.expiresAt);
    // Told as type 100, which no app answers: nothing waits for an answer here (see above), and an answer
    // would be counted against a later change's.
    if (entry.readsRoleChange) entry.connection.send(encodeRoleChangeFrame({ role: decided.role, token: decided.token }));
    this.log.info({ connection: entry.connection.id, instance: entry.instance, role: decided.role }, 'the host\'s role change applied to a new connection of the app');
  }

  /**
   * Re-admits every open connection of the participant under `role` at once: the room judges each
   * update by the connection's role, so a viewer's next update is refused and an editor's accepted (an
   * editor is also invited to upload what was refused before). Connections that read the role-change
   * frame are sent it with a personal link of the new role, minted for this participant and lasting
   * as long as the link it joined with, so their reconnects keep the role; they are listed under that
   * link from now on (and with the link they joined with). An earlier personal link that no open
   * connection holds any more is revoked. A connection that does not read the frame (the stock client)
   * is changed in place only: when it reconnects its own token decides again.
   */
  changeRole(workspace: string, role: TokenRole, participant: Participant, remote?: { readonly link: MintedLink | null }): RoleChangeOutcome {
    const entries = this.participantEntries(workspace, participant);
    const now = Math.floor(Date.now() / 1000);
    this.forgetExpiredPersonalLinks(now);
    const previousLinkIds = [...new Set(entries.map((entry) => entry.linkId))];
    const readers = entries.filter((entry) => entry.readsRoleChange);
    const instance = 'instance' in participant ? participant.instance : null;
    // Scaled out, a change made through another instance carries the personal link it minted there.
    const personal = remote !== undefined ? remote.link : readers.length > 0 ? this.mintPersonalLink(workspace, role, entries, now) : null;
    if (remote?.link) this.rememberPersonalLink(remote.link, entries);
    if (instance !== null) {
      if (personal !== null) this.decided.set(instance, personal);
      else this.decided.delete(instance);
    }
    for (const entry of entries) {
      const told = personal !== null && entry.readsRoleChange;
      const updated: Tracked = { ...entry, role, ...(told ? { linkId: personal.linkId, expiresAt: personal.expiresAt } : {}) };
      this.tracked.set(entry.connection, updated);
      entry.connection.readmit(role === 'editor', updated.expiresAt, told && entry.answersRoleChange);
      if (told) entry.connection.send(encodeRoleChangeFrame({ role, token: personal.token }, entry.answersRoleChange));
    }
    // Scaled out: the other instances apply it to that app instance's connections they hold (before the revocations below).
    if (remote === undefined && instance !== null) this.shared?.publishRoleChange({ workspace, role, instance, token: personal?.token ?? null });
    // Only links minted for someone, and only once nobody uses them: a shared link is the host's to revoke.
    const revokedLinkIds = previousLinkIds.filter((id) => this.personalLinks.has(id) && id !== personal?.linkId && this.countOpen(id) === 0);
    for (const id of revokedLinkIds) this.revoke(id);
    const told = personal === null ? 0 : readers.length;
    this.log.info({ workspace, participant, role, changed: entries.length, told, revoked: revokedLinkIds }, 'role changed by the host');
    return { role, changed: entries.length, told, personalLinkId: personal?.linkId ?? null, previousLinkIds, revokedLinkIds };
  }

  /** A link of `role` for the participant of `entries`, expiring with the earliest link they joined with. */
  private mintPersonalLink(workspace: string, role: TokenRole, entries: readonly Tracked[], now: number): MintedLink {
    const joinedExpiresAt = smallest(entries.map((entry) => entry.joinedExpiresAt));
    const ttl = Math.min(maxPersonalLinkSeconds, Math.max(1, joinedExpiresAt - now));
    const personal = this.mintLink(workspace, role, ttl);
    this.rememberPersonalLink(personal, entries);
    return personal;
  }

  /** Remembers which links the participant of `entries` joined with, for connections that come back on `personal`. */
  private rememberPersonalLink(personal: MintedLink, entries: readonly Tracked[]): void {
    const joinedExpiresAt = smallest(entries.map((entry) => entry.joinedExpiresAt));
    const joinedWithLinkIds = [...new Set(entries.flatMap((entry) => entry.joinedWithLinkIds))];
    this.personalLinks.set(personal.linkId, { joinedWithLinkIds, joinedExpiresAt, expiresAt: personal.expiresAt });
  }

  /**
   * The open connections of a participant in `workspace`. By instance: every connection bound to that
   * app at its upgrade, never what anyone announces in presence (anyone can copy that); the connections
   * the host's row listed with it must all be bound to it. By connections alone: exactly those.
   */
  private participantEntries(workspace: string, participant: Participant): Tracked[] {
    const entries = [...this.tracked.values()].filter((entry) => entry.address.workspace === workspace && !entry.connection.isClosed);
    const listed = participant.connections ?? [];
    if (!('instance' in participant)) {
      const wanted = new Set(listed);
      const found = entries.filter((entry) => wanted.has(entry.connection.id));
      if (found.length === 0) throw new ParticipantNotFound(describeParticipant(workspace, participant));
      return found;
    }
    const bound = entries.filter((entry) => entry.instance === participant.instance);
    if (bound.length === 0) throw new ParticipantNotFound(describeParticipant(workspace, participant));
    const boundIds = new Set(bound.map((entry) => entry.connection.id));
    const strangers = listed.filter((id) => !boundIds.has(id) && entries.some((entry) => entry.connection.id === id));
    if (strangers.length > 0) {
      throw new ParticipantMismatch(`connection${strangers.length > 1 ? 's' : ''} ${strangers.join(', ')} of workspace "${workspace}" ${strangers.length > 1 ? 'are' : 'is'} not of app instance ${participant.instance}: nothing was changed (reload the list)`);
    }
    return bound;
  }

  /** Personal links past their expiry are refused anyway: nothing to remember about them. */
  private forgetExpiredPersonalLinks(now: number): void {
    for (const [id, link] of this.personalLinks) if (link.expiresAt < now) this.personalLinks.delete(id);
    for (const [instance, link] of this.decided) if (link.expiresAt < now) this.decided.delete(instance);
  }

  get listedBy(): { instance: string } | undefined {
    return this.shared === null ? undefined : { instance: this.shared.instance };
  }

  untrack(connection: TrackedConnection): void {
    const entry = this.tracked.get(connection);
    if (entry === undefined) return;
    this.tracked.delete(connection);
    const workspace = entry.address.workspace;
    const inWorkspace = this.trackedIn.get(workspace);
    inWorkspace?.delete(connection);
    if (inWorkspace?.size === 0) this.trackedIn.delete(workspace);
    this.directories.release(workspace);
  }

  mintLink(workspace: string, role: TokenRole, ttlSeconds: number): MintedLink {
    const now = Math.floor(Date.now() / 1000);
    const token = this.authority.issue(workspace, role, ttlSeconds, now, newLinkNonce());
    const linkId = linkIdOf(token);
    // Remembered so that revoking a mistyped id can say nobody made it (minted-links.ts).
    try {
      rememberMintedLink(this.dataDir, linkId, now + ttlSeconds, now);
    } catch (error) {
      this.log.warn({ err: error, link: linkId }, 'could not note the link as made here; revoking it will say it is unknown');
    }
    if (this.shared !== null) this.share([{ id: linkId, exp: now + ttlSeconds }]);
    return { token, linkId, role, expiresAt: now + ttlSeconds };
  }

  /** Links being noted in the deployment's record (scaled out); mintedShared waits for them. */
  private readonly sharing = new Set<Promise<void>>();

  private share(links: readonly { readonly id: string; readonly exp: number }[]): void {
    const stored = this.shared!.rememberMinted(links).catch((error: unknown) => {
      this.log.warn({ err: error, links: links.map((link) => link.id) }, 'could not note the links as made in PostgreSQL; revoking one through another instance will say it cannot tell');
    }).finally(() => this.sharing.delete(stored));
    this.sharing.add(stored);
  }

  async mintedShared(): Promise<void> {
    await Promise.all([...this.sharing]);
  }

  async revokeAsked(tokenOrLinkId: string): Promise<RevokeOutcome> {
    const outcome = await this.revokeSaved(tokenOrLinkId);
    if (outcome.known !== null || this.shared === null) return outcome;
    let record: { readonly known: boolean; readonly since: number | null };
    try {
      record = await this.shared.mintedKnown(outcome.linkId);
    } catch (error) {
      this.log.warn({ err: error, link: outcome.linkId }, 'could not ask PostgreSQL whether another instance made the link');
      return outcome;
    }
    if (record.known) return { linkId: outcome.linkId, revoked: outcome.revoked, closed: outcome.closed, known: true };
    const since = record.since === null ? '' : ` since ${utcMinute(record.since)} UTC`;
    return { ...outcome, known: false, note: `no link ${outcome.linkId} was made by any instance of this deployment${since}: check the id (a typo?). It is refused from now on on every instance anyway, in case it is an older link.` };
  }

  /**
   * `revoke`, answered once the revocation is in the data folder's file: at once, unless another writer
   * holds the file's lock (a `revoke` killed holding it: up to 10 s, waited for on timers, so rooms go on).
   */
  private async revokeSaved(tokenOrLinkId: string): Promise<RevokeOutcome> {
    const outcome = this.revoke(tokenOrLinkId);
    try {
      await this.revocations.saved();
      return outcome;
    } catch (error) {
      const unsaved = `It is refused from now on, but could not be written to the data folder yet (${error instanceof Error ? error.message : String(error)}); the server keeps trying, and a restart before it succeeds would forget it.`;
      return { ...outcome, note: outcome.note === undefined ? unsaved : `${outcome.note} ${unsaved}` };
    }
  }

  connected(workspace: string): ConnectedClient[] {
    const clients: ConnectedClient[] = [];
    for (const entry of this.tracked.values()) {
      if (entry.address.workspace !== workspace) continue;
      const presence = this.rooms.loaded(roomKey(entry.address))?.presenceOf(entry.connection) ?? [];
      const names = presence.map(presenceNameOf).filter(present);
      const instances = [...new Set(presence.map(presenceInstanceOf).filter(present))];
      clients.push({
        connection: entry.connection.id, linkId: entry.linkId, role: entry.role, plan: entry.address.plan, ip: entry.ip, device: entry.device, since: entry.since, names, instances,
        instance: entry.instance, joinedWithLinkIds: entry.joinedWithLinkIds,
      });
    }
    return clients.sort((a, b) => a.since - b.since || a.connection - b.connection);
  }

  revoke(tokenOrLinkId: string): RevokeOutcome {
    const linkId = linkIdPattern.test(tokenOrLinkId) ? tokenOrLinkId : linkIdOf(tokenOrLinkId);
    const known = this.knows(tokenOrLinkId, linkId);
    const before = this.countOpen(linkId);
    const now = Math.floor(Date.now() / 1000);
    const expiresAt = linkIdPattern.test(tokenOrLinkId) ? 0 : readExpiry(tokenOrLinkId);
    const revoked = this.revocations.revoke(linkId, expiresAt, now);
    this.personalLinks.delete(linkId);
    // A revoked personal link is not handed to the app's next connections.
    for (const [instance, link] of this.decided) if (link.linkId === linkId) this.decided.delete(instance);
    // The list's callback closes the connections of newly revoked links; do it here too for a repeat.
    this.closeRevoked([linkId]);
    const note = known === true ? undefined : this.unknownLinkNote(tokenOrLinkId, linkId, known);
    return { linkId, revoked, closed: before, known, ...(note === undefined ? {} : { note }) };
  }

  /**
   * Whether this server made the link (usercheck6 F7: a mistyped id was answered "revoked" as if it were
   * one): a token by its signature; an id by the links in use, revoked, or noted as made here
   * (minted-links.ts). Scaled out, another instance may have made an id this one never saw: null.
   */
  private knows(tokenOrLinkId: string, linkId: string): boolean | null {
    if (!linkIdPattern.test(tokenOrLinkId)) {
      try {
        const payload = decodeTokenPayload(tokenOrLinkId);
        // Its signature, as of when it was made (an expired link of ours is still ours).
        return this.authority.check(tokenOrLinkId, payload.ws, payload.iat).ok;
      } catch {
        return false;
      }
    }
    const inUse = [...this.tracked.values()].some((entry) => entry.linkId === linkId || entry.joinedWithLinkIds.includes(linkId));
    if (inUse || this.personalLinks.has(linkId) || this.revocations.isRevoked(linkId) || mintedLinkKnown(this.dataDir, linkId).known) return true;
    return this.shared === null ? false : null;
  }

  /** What the host should know about revoking a link this server did not make (or cannot tell). */
  private unknownLinkNote(tokenOrLinkId: string, linkId: string, known: false | null): string {
    if (!linkIdPattern.test(tokenOrLinkId)) return `that token was not made by this server (its signature does not match its secret): no link of this server was revoked. Its id ${linkId} is refused from now on anyway.`;
    if (known === null) return `this server instance did not make link ${linkId} and cannot tell whether another instance did: check the id. It is refused from now on on every instance anyway.`;
    const since = mintedLinkKnown(this.dataDir, linkId).since;
    return `no link ${linkId} was made by this server${since === null ? '' : ` since ${utcMinute(since)} UTC`}: check the id (a typo?). It is refused from now on anyway, in case it is an older link.`;
  }

  async plans(workspace: WorkspaceId): Promise<DirectoryEntry[]> {
    return this.readDirectoryOf(workspace, readDirectory);
  }

  /**
   * Reads the workspace's directory as this server has it: the loaded room's document (SQLite mode,
   * read at once, in the same turn) or its stored rows (nobody has it open here, or a stateless room
   * in Redis + PostgreSQL mode, which keeps no document). Either is the merge of every change the
   * server has, so its answer follows the converged directory (docs/sync-server.md).
   */
  private readDirectoryOf<T>(workspace: WorkspaceId, read: (doc: Y.Doc) => T): Promise<T> | T {
    const key = roomKey({ workspace, plan: directoryRoom });
    const loaded = this.rooms.loaded(key)?.document;
    if (loaded) return read(loaded);
    return this.store.load(key).then((stored) => {
      const doc = new Y.Doc();
      try {
        if (stored.updates.length > 0) Y.applyUpdate(doc, Y.mergeUpdates([...stored.updates]));
        return read(doc);
      } finally {
        doc.destroy();
      }
    });
  }

  /**
   * Why a join to `address` is refused because its plan was taken out of the workspace (the close
   * reason, naming who did it), or null: the directory's own room, a plan it lists, or one it never
   * listed (a plan shared before the directory existed) are served. Decided on the workspace's cached
   * directory (directory-cache.ts), current with every change stored before the call on any instance.
   */
  async removalOf(address: RoomAddress): Promise<string | null> {
    if (address.plan === directoryRoom) return null;
    const directory = await this.directories.current(address.workspace);
    const removed = directoryEntry(directory, address.plan)?.removed ?? null;
    return removed === null ? null : planRemovedReason(removed.by);
  }

  /**
   * The directory room of `workspace` stored these updates (own peers', once durable; another
   * instance's, once applied): the cache takes them, and connections here to a plan they take out are
   * closed before the change is relayed to anyone.
   */
  directoryChanged(workspace: WorkspaceId, updates: readonly Uint8Array[]): void {
    this.directories.applied(workspace, updates);
  }

  /**
   * The workspace's directory changed (here or, scaled out, on any instance): every connection here to
   * a plan it now marks removed is closed with `planRemoved` (4410) and who took it out, so nobody
   * keeps reading or writing a plan taken out of the workspace.
   */
  private closeRemoved(workspace: WorkspaceId, directory: Y.Doc): void {
    for (const connection of [...(this.trackedIn.get(workspace) ?? [])]) {
      const entry = this.tracked.get(connection);
      if (entry === undefined || entry.connection.isClosed || entry.address.plan === directoryRoom) continue;
      const taken = directoryEntry(directory, entry.address.plan)?.removed;
      if (!taken) continue;
      this.log.info({ connection: entry.connection.id, room: roomKey(entry.address) }, 'closing a connection to a plan taken out of its workspace');
      entry.connection.close(closeCodes.planRemoved, planRemovedReason(taken.by));
    }
  }

  close(): void {
    this.revocations.close();
    this.directories.close();
  }

  private countOpen(linkId: string): number {
    let count = 0;
    for (const entry of this.tracked.values()) if (entry.linkId === linkId && !entry.connection.isClosed) count++;
    return count;
  }

  /**
   * Closes the connections holding a revoked link. One moved off it onto a personal link by a role
   * change (its app was told) stays open, but a demotion still waiting for its app's answer applies now:
   * "Make viewer and revoke the link" takes editing away at once, not after the grace (review35 F3).
   * Scaled out, the revocation reaches the other instances here too.
   */
  private closeRevoked(ids: readonly string[]): void {
    const revoked = new Set(ids);
    for (const entry of [...this.tracked.values()]) {
      if (!revoked.has(entry.linkId)) {
        if (entry.joinedWithLinkIds.some((id) => revoked.has(id))) entry.connection.endGrace();
        continue;
      }
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

/** Unix seconds as `YYYY-MM-DD HH:MM` (UTC). */
function utcMinute(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 16).replace('T', ' ');
}
