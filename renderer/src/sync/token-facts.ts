import { decodeTokenPayload } from '../../../shared/sync/index.js';
import { formatDayTime } from '../outline/labels.js';

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
 * Why connecting with this token cannot work, decided before trying (unreadable, expired, or for
 * another workspace), or null when it is worth trying.
 */
export function refusalBeforeConnecting(token: TokenFacts | null, workspace: string, now: number): string | null {
  if (!token) return 'This token is not a Throughline token, so the server will refuse it. Ask the host for a new join link.';
  if (token.expiresAt <= now) return `This token expired on ${formatDayTime(token.expiresAt)}. Ask the host for a new join link.`;
  if (token.workspace !== workspace) return `This token is for workspace "${token.workspace}", not "${workspace}".`;
  return null;
}
