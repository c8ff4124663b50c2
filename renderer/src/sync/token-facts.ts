import { decodeTokenPayload } from '../../../shared/sync/index.js';

/** What a token says about itself. The renderer never verifies a token; it reads it to explain. */
export interface TokenFacts {
  workspace: string;
  role: 'editor' | 'viewer';
  /** Expiry, milliseconds since the epoch. */
  expiresAt: number;
}

/** Reads a token's claims (unverified), or null when it is not a well-formed Throughline token. */
export function readTokenFacts(token: string): TokenFacts | null {
  try {
    const payload = decodeTokenPayload(token);
    return { workspace: payload.ws, role: payload.role, expiresAt: payload.exp * 1000 };
  } catch {
    return null;
  }
}

/**
 * Why connecting with this token cannot work, decided before trying (unreadable, or for another
 * workspace), or null when it is worth trying. Expiry is not decided here: it is the server's clock that
 * counts, and a laptop whose clock ran a day ahead called a fresh 8-hour link "expired" and never tried
 * (leftovers46b). A token expired on the server's clock is refused there, and the probe after the
 * refused attempts (plan-sync.ts) says so in the server's words.
 */
export function refusalBeforeConnecting(token: TokenFacts | null, workspace: string): string | null {
  if (!token) return 'This token is not a Throughline token, so the server will refuse it. Ask the host for a new join link.';
  if (token.workspace !== workspace) return `This token is for workspace "${token.workspace}", not "${workspace}".`;
  return null;
}
