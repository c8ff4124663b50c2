import { Cluster, Redis } from 'ioredis';
import type { Logger } from 'pino';
import { decodeTokenPayload } from '../../shared/sync/token.js';
import type { TokenAuthority } from '../auth.js';
import { linkIdOf } from '../workspace/link-id.js';
import { ParticipantNotFound } from '../workspace/workspace-host.js';
import type { PostgresRevocations } from './postgres-revocations.js';
import type { RedisKeys } from './redis-keys.js';
import { endRedisClient, type RedisLink, type RedisTarget } from './redis-link.js';
import {
  accessMessageSchema, maxAccessMessageBytes, type AccessMessage, type HandedLink, type RoleChangeTarget, type SharedAccess,
  type SharedRevocation, type SharedRoleChange,
} from './shared-access.js';

/** A personal link lasts at most 366 days (host-api.ts maxLinkTtlSeconds): so does the set naming it. */
const personalSetTtlMs = 366 * 86_400_000;

/** How often an instance reads the revocations table (the net under a lost Redis message) and retries unstored ones. */
export const defaultAccessPollMs = 2_000;

export interface AccessBusParts {
  /** This instance's name: its own messages are skipped when they come back. */
  readonly instance: string;
  /** Publishes (the instance's ordinary Redis link). */
  readonly redis: RedisLink;
  readonly target: RedisTarget;
  /** The deployment's channel and personal-link sets (RedisKeys.accessChannel, personalLinks). */
  readonly keys: RedisKeys;
  readonly revocations: PostgresRevocations;
  readonly log: Logger;
  readonly pollMs?: number;
}

/**
 * Revocations and role changes shared by the instances of one deployment (namespace):
 *  - a revocation is stored in PostgreSQL (the record: read by every instance when it starts, and every
 *    `pollMs` while it runs) and published on the Redis channel, so every running instance refuses the
 *    link and closes its own connections on it at once;
 *  - a role change of an app instance is published on the channel with the personal link it handed, and
 *    every other instance applies it to that app instance's connections it holds (WorkspaceAccess.changeRole).
 * A message that is not one of ours (unreadable, wrong shape, a link not signed with this deployment's
 * secret) is logged and ignored.
 */
export class ScaleoutAccessBus implements SharedAccess {
  private readonly revoked = new Map<string, SharedRevocation>();
  /** Revoked here but not yet in PostgreSQL (it was unreachable): retried at every poll. */
  private readonly unstored = new Map<string, SharedRevocation>();
  private readonly listeners: ((ids: readonly string[]) => void)[] = [];
  private roleTarget: { readonly target: RoleChangeTarget; readonly authority: TokenAuthority } | null = null;
  private subscriber: Redis | Cluster | null = null;
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private polls = 0;
  private closed = false;

  constructor(private readonly parts: AccessBusParts) {}

  get instance(): string {
    return this.parts.instance;
  }

  /** Subscribes, then reads what is revoked (in that order: a revocation made in between is heard or read). */
  async start(): Promise<void> {
    const { target } = this.parts;
    // No autoResubscribe: ioredis's own SUBSCRIBE after a reconnect is a promise nobody handles. A close
    // while the reconnect's ready check is under way (quit() then ends the connection at once) still
    // lets the check's reply, already on its way, make the connection ready: that SUBSCRIBE waits for a
    // connection now ending and is rejected with "Connection is closed", an unhandled rejection that
    // ends the process (CI, 7 December). This bus subscribes again itself, with the failure handled,
    // and not at all once closing. (A cluster's
    // subscriber connection is its own, resubscribed by ioredis's cluster code: left as it was.)
    const subscriber = target.kind === 'single'
      ? new Redis(target.url, { maxRetriesPerRequest: null, protocol: 2, autoResubscribe: false })
      : new Cluster([...target.nodes], { redisOptions: { protocol: 2 } });
    this.subscriber = subscriber;
    subscriber.on('error', () => undefined);
    subscriber.on('message', (_channel: string, text: string) => this.receive(text));
    // Messages published while the subscription was down are lost: read the table as soon as it is back.
    let subscribed = false;
    subscriber.on('ready', () => {
      if (this.closed) return;
      if (subscribed && target.kind === 'single') {
        subscriber.subscribe(this.parts.keys.accessChannel).catch((error: unknown) => {
          if (!this.closed) this.parts.log.warn({ err: error }, 'subscribing again to the access channel failed');
        });
      }
      void this.poll();
    });
    await subscriber.subscribe(this.parts.keys.accessChannel);
    subscribed = true;
    this.learn(await this.parts.revocations.current(nowSeconds()));
    this.timer = setInterval(() => void this.poll(), this.parts.pollMs ?? defaultAccessPollMs);
    this.timer.unref();
  }

  known(): readonly SharedRevocation[] {
    return [...this.revoked.values()];
  }

  revoke(revocations: readonly SharedRevocation[]): void {
    const fresh = revocations.filter((revocation) => !this.revoked.has(revocation.id));
    if (fresh.length === 0) return;
    for (const revocation of fresh) {
      this.revoked.set(revocation.id, revocation);
      this.unstored.set(revocation.id, revocation);
    }
    this.publish({ kind: 'revoked', from: this.parts.instance, links: fresh });
    void this.storeUnstored();
  }

  onRevoked(listener: (ids: readonly string[]) => void): void {
    this.listeners.push(listener);
  }

  rememberMinted(links: readonly { readonly id: string; readonly exp: number }[]): Promise<void> {
    return this.parts.revocations.addMinted(links);
  }

  mintedKnown(id: string): Promise<{ readonly known: boolean; readonly since: number | null }> {
    return this.parts.revocations.mintedKnown(id, nowSeconds());
  }

  publishRoleChange(change: SharedRoleChange): void {
    this.publish({ kind: 'role', from: this.parts.instance, ...change });
    void this.retireEarlierPersonalLinks(change);
  }

  /**
   * Revokes the app instance's personal links handed by earlier role changes on any instance (after the
   * role message, on the same connection, so the others have moved its connections to the new link
   * first). The answering instance revokes only those it handed or applied itself; a link handed through
   * another instance and used here only later would otherwise stay valid after a demotion.
   */
  private async retireEarlierPersonalLinks(change: SharedRoleChange): Promise<void> {
    const key = this.parts.keys.personalLinks(change.workspace, change.instance);
    const currentId = change.token === null ? null : linkIdOf(change.token);
    try {
      if (change.token !== null) {
        await this.parts.redis.command('SADD', key, `${currentId}:${expiryOf(change.token)}`);
        await this.parts.redis.command('PEXPIRE', key, personalSetTtlMs);
      }
      const members = (await this.parts.redis.command('SMEMBERS', key) as Buffer[]).map((member) => member.toString('utf8'));
      const now = nowSeconds();
      const earlier = members.map(parsePersonalMember).filter((entry): entry is Omit<SharedRevocation, 'at'> => entry !== null && entry.id !== currentId)
        .map((entry) => ({ ...entry, at: now }));
      if (earlier.length === 0) return;
      this.revoke(earlier);
      // This instance's own connections on them are closed as for a revocation heard from elsewhere.
      const ids = earlier.map((entry) => entry.id);
      for (const listener of this.listeners) listener(ids);
      await this.parts.redis.command('SREM', key, ...members.filter((member) => !member.startsWith(`${currentId}:`)));
    } catch (error) {
      this.parts.log.warn({ err: error, workspace: change.workspace, instance: change.instance }, 'revoking the app\'s earlier personal links failed (Redis unreachable)');
    }
  }

  attach(target: RoleChangeTarget, authority: TokenAuthority): void {
    this.roleTarget = { target, authority };
  }

  /** Revocations this instance made that PostgreSQL does not hold yet (tests; the health of the record). */
  get unstoredCount(): number {
    return this.unstored.size;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer !== null) clearInterval(this.timer);
    await this.polling;
    // Last try: a revocation not stored lives on in this instance's data folder, shared again at its next start.
    await this.storeUnstored();
    const subscriber = this.subscriber;
    this.subscriber = null;
    // In bounded time even while it waits to reconnect, or Redis stopped answering (endRedisClient).
    if (subscriber !== null) await endRedisClient(subscriber);
  }

  private publish(message: AccessMessage): void {
    void this.parts.redis.command('PUBLISH', this.parts.keys.accessChannel, JSON.stringify(message)).catch((error: unknown) => {
      // The others still find a revocation in PostgreSQL within pollMs; a role change reaches them no more.
      this.parts.log.warn({ err: error, kind: message.kind }, 'telling the other instances failed (Redis unreachable)');
    });
  }

  private receive(text: string): void {
    if (text.length > maxAccessMessageBytes) {
      this.parts.log.warn({ bytes: text.length }, 'ignored an oversized message on the access channel');
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      this.parts.log.warn({ preview: text.slice(0, 80) }, 'ignored a message on the access channel that is not JSON');
      return;
    }
    const parsed = accessMessageSchema.safeParse(json);
    if (!parsed.success) {
      this.parts.log.warn({ issues: parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.join('.')}: ${issue.message}`) }, 'ignored a message on the access channel that is not a revocation or a role change');
      return;
    }
    const message = parsed.data;
    if (message.from === this.parts.instance) return;
    if (message.kind === 'revoked') this.learn(message.links);
    else this.applyRoleChange(message);
  }

  private applyRoleChange(message: Extract<AccessMessage, { kind: 'role' }>): void {
    if (this.roleTarget === null) return;
    let link: HandedLink | null = null;
    if (message.token !== null) {
      const check = this.roleTarget.authority.check(message.token, message.workspace, nowSeconds());
      const linkId = check.ok ? linkIdOf(message.token) : null;
      if (!check.ok || check.payload.role !== message.role || linkId === null || this.revoked.has(linkId)) {
        this.parts.log.warn({ from: message.from, workspace: message.workspace, reason: check.ok ? 'the link is of another role or revoked' : check.reason }, 'ignored a role change whose personal link this deployment did not sign');
        return;
      }
      link = { token: message.token, linkId, role: check.payload.role, expiresAt: check.payload.exp };
    }
    try {
      this.roleTarget.target.changeRole(message.workspace, message.role, { instance: message.instance }, { link });
    } catch (error) {
      // Nobody of that app instance is connected here: nothing to change.
      if (error instanceof ParticipantNotFound) return;
      this.parts.log.error({ err: error, workspace: message.workspace }, 'applying another instance\'s role change failed');
    }
  }

  /** Adds revocations learned from elsewhere and tells the listeners which links are new. */
  private learn(revocations: readonly SharedRevocation[]): void {
    const fresh = revocations.filter((revocation) => !this.revoked.has(revocation.id));
    for (const revocation of fresh) this.revoked.set(revocation.id, revocation);
    if (fresh.length === 0) return;
    const ids = fresh.map((revocation) => revocation.id);
    for (const listener of this.listeners) listener(ids);
  }

  private poll(): Promise<void> {
    this.polling ??= (async () => {
      try {
        await this.storeUnstored();
        const now = nowSeconds();
        this.learn(await this.parts.revocations.current(now));
        // Now and then (about hourly at the default interval), drop links long expired.
        if (++this.polls % 1_800 === 0) await this.parts.revocations.prune(now);
      } catch (error) {
        if (!this.closed) this.parts.log.warn({ err: error }, 'reading the revocations from PostgreSQL failed; retrying');
      } finally {
        this.polling = null;
      }
    })();
    return this.polling;
  }

  private async storeUnstored(): Promise<void> {
    if (this.unstored.size === 0) return;
    const batch = [...this.unstored.values()];
    try {
      await this.parts.revocations.add(batch);
      for (const revocation of batch) this.unstored.delete(revocation.id);
    } catch (error) {
      this.parts.log.error({ err: error, links: batch.map((revocation) => revocation.id) }, 'storing revocations in PostgreSQL failed; they hold on the running instances, retrying');
    }
  }
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** A token's expiry (0 when unreadable: the revocation is then kept until pruned by hand). */
function expiryOf(token: string): number {
  try {
    return decodeTokenPayload(token).exp;
  } catch {
    return 0;
  }
}

/** `<link id>:<expiry>` from a personal-link set; null for anything else. */
function parsePersonalMember(member: string): Omit<SharedRevocation, 'at'> | null {
  const match = /^([0-9a-f]{16}):(\d{1,12})$/.exec(member);
  return match === null ? null : { id: match[1]!, exp: Number(match[2]) };
}
