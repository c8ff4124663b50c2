import type { RoleChange } from '../../../shared/sync/role-change.js';

/**
 * This running app's key: a secret made when it starts (one per browser tab or desktop window), never
 * stored and never put in presence. Each room the app opens sends it to the server in its URL
 * (`appKey`), which binds the connection to this app: the host's role changes reach exactly the
 * connections that presented it, and nobody else in a room can present it (everything in presence can
 * be copied by anyone there).
 */
export const appKey: string = (() => {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
})();

type Listener = (change: RoleChange) => void;

/**
 * The host's role changes of one app, passed to every open sync of the app in that workspace: the server
 * tells each connection it can reach, but a plan reconnecting at that moment (or whose frame is still on
 * its way) must not keep the token it had — whichever sync is told first hands the new token to the
 * others, and a sync started later with a token that was replaced starts with the new one.
 */
export class RoleHandover {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly latest = new Map<string, { readonly change: RoleChange; readonly replaced: ReadonlySet<string> }>();

  /** `listener` gets every change handed over in `scope` from now on; the result stops that. */
  join(scope: string, listener: Listener): () => void {
    const members = this.listeners.get(scope) ?? new Set<Listener>();
    members.add(listener);
    this.listeners.set(scope, members);
    return () => {
      members.delete(listener);
      if (members.size === 0) this.listeners.delete(scope);
    };
  }

  /** A sync of `scope` was told `change` while it held `replacedToken`: every sync of the scope takes it. */
  handOver(scope: string, replacedToken: string, change: RoleChange): void {
    const replaced = new Set(this.latest.get(scope)?.replaced ?? []);
    replaced.add(replacedToken);
    replaced.delete(change.token);
    this.latest.set(scope, { change, replaced });
    for (const listener of [...(this.listeners.get(scope) ?? [])]) listener(change);
  }

  /** The change a sync starting with `token` should take at once (its token was replaced), else null. */
  replacing(scope: string, token: string): RoleChange | null {
    const latest = this.latest.get(scope);
    return latest !== undefined && latest.replaced.has(token) ? latest.change : null;
  }
}

/** The app's one handover. */
export const roleHandover = new RoleHandover();

/** The scope of a sync: this app (its key), one server, one workspace. */
export function handoverScope(key: string, server: string, workspace: string): string {
  return `${key}\u0000${server}\u0000${workspace}`;
}
