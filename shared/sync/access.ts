import { z } from 'zod';
import { tokenRoles, type TokenRole } from './token.js';

/**
 * The access check: before a client joins a workspace it opens a WebSocket to
 * `ws://HOST:PORT/_access?workspace=W&token=T`. The server accepts the upgrade whatever the token,
 * checks it exactly as it checks a room's, and closes at once with a code and a reason the page can
 * read. A browser sees nothing of an HTTP refusal at a WebSocket upgrade, and a page may not fetch
 * another origin's /health under the app's Content-Security-Policy; a WebSocket it may open, and its
 * close code tells "refused, and why" from "not reachable" (the socket never opened).
 */
export const accessCheckPath = '/_access';

/** Close codes of the access check (4000–4999 are the application's). */
export const accessCloseCodes = {
  /** The token is valid for the workspace; the reason is JSON `{ role }`. */
  granted: 4200,
  /** The token is refused; the reason says why (expired, bad signature, revoked, other workspace). */
  refused: 4403,
  /** The server is turning connections away right now; try again shortly. */
  busy: 1013,
} as const;

const grantSchema = z.lazy(() => z.strictObject({ role: z.enum(tokenRoles) }));

/** The close reason of a granted check. */
export function encodeGrant(role: TokenRole): string {
  return JSON.stringify({ role });
}

/** The access check's URL for a server base (`ws(s)://…` or `http(s)://…`). */
export function accessCheckUrl(serverUrl: string, workspace: string, token: string): string {
  const base = serverUrl.replace(/^http(s?):\/\//, 'ws$1://').replace(/\/+$/, '');
  return `${base}${accessCheckPath}?workspace=${encodeURIComponent(workspace)}&token=${encodeURIComponent(token)}`;
}

/** What an access check found. */
export type AccessResult =
  | { readonly kind: 'granted'; readonly role: TokenRole }
  | { readonly kind: 'refused'; readonly reason: string }
  | { readonly kind: 'busy' }
  /** The socket never opened (no server there, a firewall, a wrong address) or the check timed out. */
  | { readonly kind: 'unreachable' };

/**
 * Reads how an access check's socket ended: whether it opened, and its close code and reason. Any
 * close the server did not mean (a proxy, an old server without the check) counts as unreachable.
 */
export function readAccessClose(opened: boolean, code: number, reason: string): AccessResult {
  if (!opened) return { kind: 'unreachable' };
  if (code === accessCloseCodes.refused) return { kind: 'refused', reason: reason || 'the server refused the token' };
  if (code === accessCloseCodes.busy) return { kind: 'busy' };
  if (code === accessCloseCodes.granted) {
    try {
      const grant = grantSchema.safeParse(JSON.parse(reason));
      if (grant.success) return { kind: 'granted', role: grant.data.role };
    } catch { /* not JSON: fall through */ }
  }
  return { kind: 'unreachable' };
}
