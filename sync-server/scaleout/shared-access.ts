import { z } from 'zod';
import { isWorkspaceId } from '../../shared/model/ids.js';
import { tokenRoles, type TokenRole } from '../../shared/sync/token.js';
import { appInstancePattern } from '../../shared/workspace/host-api.js';
import type { TokenAuthority } from '../auth.js';
import { linkIdPattern } from '../workspace/link-id.js';

/**
 * What the workspace side (sync-server/workspace/) shares with the other instances of a scaled-out
 * deployment: revocations and role changes. Types and message formats only, so the single-server mode
 * loads nothing of Redis or PostgreSQL for it (the implementation is access-bus.ts).
 */

/** One revoked link as every instance keeps it (the same fields as the data folder's file). */
export const sharedRevocationSchema = z.strictObject({
  id: z.string().regex(linkIdPattern),
  /** Unix seconds when the link was revoked. */
  at: z.number().int().nonnegative().max(2 ** 40),
  /** Unix seconds when the link would have expired anyway; 0 when unknown. */
  exp: z.number().int().nonnegative().max(2 ** 40),
});
export type SharedRevocation = z.infer<typeof sharedRevocationSchema>;

/** The answering instance's role change of an app instance, for the others to apply to their own connections. */
export interface SharedRoleChange {
  readonly workspace: string;
  readonly role: TokenRole;
  /** The app instance (`appInstance`) whose connections change. */
  readonly instance: string;
  /** The personal link handed to the instance's connections that read frame 100; null when none was minted. */
  readonly token: string | null;
}

/** The shape of a personal link as WorkspaceAccess hands it (workspace-host.ts MintedLink). */
export interface HandedLink {
  readonly token: string;
  readonly linkId: string;
  readonly role: TokenRole;
  readonly expiresAt: number;
}

/** Where another instance's role change is applied on this one (WorkspaceAccess.changeRole). */
export interface RoleChangeTarget {
  changeRole(workspace: string, role: TokenRole, participant: { readonly instance: string }, remote: { readonly link: HandedLink | null }): unknown;
}

export interface SharedAccess {
  /** This server instance's name in the deployment. */
  readonly instance: string;
  /** The revocations every instance has made, as known when this instance started (and kept current). */
  known(): readonly SharedRevocation[];
  /** Stores a revocation where every instance reads it, and tells the running ones at once. */
  revoke(revocations: readonly SharedRevocation[]): void;
  /** Called with the link ids another instance revoked (told over Redis, or found in PostgreSQL). */
  onRevoked(listener: (ids: readonly string[]) => void): void;
  /**
   * Notes links made here where every instance finds them (PostgreSQL), so that revoking one through
   * another instance answers `known: true` (host36). Resolves once stored; rejects when it could not be.
   */
  rememberMinted(links: readonly { readonly id: string; readonly exp: number }[]): Promise<void>;
  /** Whether any instance of the deployment noted `id` as made, and since when the record knows. */
  mintedKnown(id: string): Promise<{ readonly known: boolean; readonly since: number | null }>;
  /** Tells the other instances of a role change made here. */
  publishRoleChange(change: SharedRoleChange): void;
  /** Where role changes made elsewhere are applied; `authority` checks the personal link they carry. */
  attach(target: RoleChangeTarget, authority: TokenAuthority): void;
}

/** Longest message read from the channel (a role change carries one token; a revocation a few dozen links). */
export const maxAccessMessageBytes = 64 * 1024;

const sender = z.string().min(1).max(100);

/** A message on the deployment's access channel (redis-keys.ts `accessChannel`), as JSON. */
export const accessMessageSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('revoked'), from: sender, links: z.array(sharedRevocationSchema).min(1).max(1_000) }),
  z.strictObject({
    kind: z.literal('role'),
    from: sender,
    workspace: z.string().refine((text): boolean => isWorkspaceId(text), 'not a workspace id'),
    role: z.enum(tokenRoles),
    instance: z.string().regex(appInstancePattern),
    token: z.string().min(1).max(4_096).nullable(),
  }),
]);
export type AccessMessage = z.infer<typeof accessMessageSchema>;
