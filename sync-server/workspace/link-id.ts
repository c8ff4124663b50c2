import { createHash, randomBytes } from 'node:crypto';

/**
 * A link's id: the first 16 hex digits of SHA-256 over its token. The host names a link by it (to
 * list and revoke), logs may show it, and it reveals nothing that would let anyone use the token.
 */
export function linkIdOf(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex').slice(0, 16);
}

/** Pattern of a link id as the CLI and the admin endpoint accept it. */
export const linkIdPattern = /^[0-9a-f]{16}$/;

/** A random `jti` for a new token, so that every minted link is distinct (12 base64url characters). */
export function newLinkNonce(): string {
  return randomBytes(9).toString('base64url');
}
