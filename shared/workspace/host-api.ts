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
}));
export type RevokeAnswer = z.infer<typeof revokeAnswerSchema>;

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
  /** App instances announced in presence (a browser tab, a desktop window): the host's row key. Absent from servers before it. */
  instances: z.array(z.string()).default([]),
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
