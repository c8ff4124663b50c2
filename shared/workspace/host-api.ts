/**
 * The host's HTTP API of a sync server (`/_admin/…`), as both sides read it: the server validates what
 * it is sent, the host screen validates what it gets back. Every request carries the host key
 * (`Authorization: Bearer <key>`); participants' editor and viewer tokens are not host keys.
 */
import { z } from 'zod';
import { tokenRoles } from '../sync/token.js';

/** Where the host API lives on the sync server's port. */
export const hostApiPrefix = '/_admin/';

/** The paths of the host API (workspace names are checked by the server). */
export const hostApiPaths = {
  workspace: (workspace: string) => `${hostApiPrefix}workspaces/${encodeURIComponent(workspace)}`,
  links: (workspace: string) => `${hostApiPrefix}workspaces/${encodeURIComponent(workspace)}/links`,
  revocations: `${hostApiPrefix}revocations`,
  roles: (workspace: string) => `${hostApiPrefix}workspaces/${encodeURIComponent(workspace)}/roles`,
} as const;

/** Lifetimes a host may give a link: one minute to a year and a day (as the CLI's `--ttl`). */
export const minLinkTtlSeconds = 60;
export const maxLinkTtlSeconds = 366 * 86_400;
export const defaultLinkTtlSeconds = 8 * 3600;

/** `POST …/links`: a new join link for the workspace. */
export const mintLinkRequestSchema = z.lazy(() => z.strictObject({
  role: z.enum(tokenRoles),
  ttlSeconds: z.number().int().min(minLinkTtlSeconds).max(maxLinkTtlSeconds).default(defaultLinkTtlSeconds),
}));
export type MintLinkRequest = z.input<typeof mintLinkRequestSchema>;

export const mintedLinkSchema = z.lazy(() => z.strictObject({
  token: z.string().min(1).max(4096),
  /** 16 hex digits naming the link (to list and revoke it) without revealing the token. */
  linkId: z.string().regex(/^[0-9a-f]{16}$/),
  role: z.enum(tokenRoles),
  /** Unix seconds. */
  expiresAt: z.number().int(),
}));
export type MintedLinkAnswer = z.infer<typeof mintedLinkSchema>;

/** `POST /_admin/revocations`: revoke a link by its id (16 hex digits) or by its token. */
export const revokeRequestSchema = z.lazy(() => z.strictObject({ link: z.string().min(1).max(4096) }));

export const revokeAnswerSchema = z.lazy(() => z.strictObject({
  linkId: z.string(),
  /** False when the link was already revoked. */
  revoked: z.boolean(),
  /** Connections closed because of it (with 4403 and a reason). */
  closed: z.number().int().nonnegative(),
  /**
   * Whether this server made the link: false for an id it never made (a typo?) or a token it did not
   * sign, null when it cannot tell (scaled out: another instance may have). Revoked either way.
   */
  known: z.boolean().nullable().default(true),
  /** When `known` is not true: what that means, in a sentence for the host. */
  note: z.string().max(500).optional(),
}));
export type RevokeAnswer = z.infer<typeof revokeAnswerSchema>;

/** An app instance id as the renderer makes them and announces them in presence (`appInstance`). */
export const appInstancePattern = /^[A-Za-z0-9_-]{8,64}$/;

/**
 * `POST …/roles`: gives one participant (the host's row) a new role at once. The participant is an app
 * (`instance`: the digest of the key its connections presented at the upgrade, as the list shows it —
 * every connection bound to that app is changed, also those the host's list did not show yet), or a
 * client without one, such as the stock y-websocket client (`connections`: exactly the ids listed).
 * With both, every listed connection must be bound to the app (else 409, nothing changed): the row
 * the host clicked is the app's.
 */
export const roleChangeRequestSchema = z.lazy(() => z.strictObject({
  role: z.enum(tokenRoles),
  instance: z.string().regex(appInstancePattern, 'an app instance is 8–64 letters, digits, "_" or "-"').optional(),
  connections: z.array(z.number().int().positive()).min(1).max(64).optional(),
  /**
   * The app the host is calling from (the host screen's own instance), when it has one: a request making
   * that app a viewer is refused (409), as it would take away the host's own editing of their workspace.
   */
  hostInstance: z.string().regex(appInstancePattern, 'an app instance is 8–64 letters, digits, "_" or "-"').optional(),
}).refine((body) => body.instance !== undefined || body.connections !== undefined, { error: 'name the participant by instance, by connections, or both' }));
export type RoleChangeRequest = z.input<typeof roleChangeRequestSchema>;

export const roleChangeAnswerSchema = z.lazy(() => z.strictObject({
  role: z.enum(tokenRoles),
  /** Connections re-admitted under the new role (the plan list and each plan the participant has open). */
  changed: z.number().int().nonnegative(),
  /** Of those, the ones told and handed the personal link (our app's); the rest were changed in place only. */
  told: z.number().int().nonnegative(),
  /** The personal link minted for the participant (null when no connection could be handed one). */
  personalLinkId: z.string().nullable(),
  /** The links the participant's connections were on before. */
  previousLinkIds: z.array(z.string()),
  /** Of those, the ones revoked: the participant's own earlier personal links (nobody else's). */
  revokedLinkIds: z.array(z.string()),
}));
export type RoleChangeAnswer = z.infer<typeof roleChangeAnswerSchema>;

export const connectedClientSchema = z.lazy(() => z.strictObject({
  connection: z.number().int(),
  linkId: z.string(),
  role: z.enum(tokenRoles),
  /** The room it has open: a plan id, or `_directory` for the workspace's list of plans. */
  plan: z.string(),
  ip: z.string(),
  /** What the client's browser says it is, shortened ("Chrome on Linux"); "" when it said nothing. */
  device: z.string(),
  /** Milliseconds since the epoch. */
  since: z.number(),
  /** Names announced in presence: untrusted, anyone may call themselves anything. */
  names: z.array(z.string()),
  /** App instances announced in presence: untrusted (anyone may copy them), shown only; a role change never goes by them. */
  instances: z.array(z.string()).default([]),
  /**
   * The app this connection is bound to (a digest of the key it presented at the upgrade; null for a
   * client that presented none): the host's row key and how a role change names the row.
   */
  instance: z.string().nullable().default(null),
  /** The link(s) the connection first joined with (before any personal link a role change handed it): what "revoke the link" revokes. */
  joinedWithLinkIds: z.array(z.string()).default([]),
}));
export type ConnectedClientAnswer = z.infer<typeof connectedClientSchema>;

const directoryEntrySchema = z.lazy(() => z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.number(),
  createdBy: z.string(),
  removed: z.object({ at: z.number(), by: z.string() }).nullable(),
}));

/** `GET /_admin/workspaces/<ws>`: the workspace's plans and who is connected now. */
export const workspaceViewSchema = z.lazy(() => z.strictObject({
  workspace: z.string(),
  plans: z.array(directoryEntrySchema),
  connected: z.array(connectedClientSchema),
  /**
   * Present when the server is scaled out (Redis + PostgreSQL): `connected` is then only the connections
   * of the instance that answered, named here (role changes and revocations still reach every instance).
   */
  listedBy: z.strictObject({ instance: z.string().min(1).max(100) }).optional(),
}));
export type WorkspaceView = z.infer<typeof workspaceViewSchema>;

/** Any refusal of the host API: `{ error }`, a sentence naming the problem. */
export const hostApiErrorSchema = z.lazy(() => z.object({ error: z.string() }));

/**
 * A short description of a device from its User-Agent ("Firefox on Windows"), for the host's list:
 * enough to tell two laptops apart, nothing more. Untrusted, like everything a client sends.
 */
export function describeDevice(userAgent: string | undefined): string {
  if (!userAgent) return '';
  const browser = /Edg\//.test(userAgent) ? 'Edge'
    : /Electron\//.test(userAgent) ? 'Throughline desktop'
      : /Firefox\//.test(userAgent) ? 'Firefox'
        : /Chrom(e|ium)\//.test(userAgent) ? 'Chrome'
          : /Safari\//.test(userAgent) ? 'Safari'
            : /^node|undici|ws\b/i.test(userAgent) ? 'script' : 'browser';
  const system = /Windows/.test(userAgent) ? 'Windows'
    : /iPhone|iPad/.test(userAgent) ? 'iOS'
      : /Mac OS X|Macintosh/.test(userAgent) ? 'macOS'
        : /Android/.test(userAgent) ? 'Android'
          : /Linux|X11/.test(userAgent) ? 'Linux' : '';
  return system ? `${browser} on ${system}` : browser;
}
