import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, linkSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { encodeBase64Url } from '../shared/sync/base64url.js';
import {
  checkTokenClaims, encodeSignedPart, parsePayloadPart, splitToken, TokenFormatError, type TokenPayload, type TokenRole,
} from '../shared/sync/token.js';
import { ensureDataFolder } from './data-folder.js';

/** The file in the data folder holding the signing secret (64 hex characters, mode 0600). */
export const secretFileName = 'secret';
const minimumSecretLength = 32;

/** A problem with the signing secret (unreadable file, too short an override). */
export class SecretError extends Error {
  override readonly name = 'SecretError';
}

/**
 * The HMAC secret: `THROUGHLINE_SECRET` when set (at least 32 characters), else `<dataDir>/secret`,
 * created with 32 random bytes and mode 0600 the first time. `created` says whether it was just made.
 */
export function loadSecret(dataDir: string, env: NodeJS.ProcessEnv = process.env): { secret: Buffer; source: 'env' | 'file'; created: boolean } {
  const override = env.THROUGHLINE_SECRET;
  if (override !== undefined && override !== '') {
    if (override.length < minimumSecretLength) throw new SecretError(`THROUGHLINE_SECRET must be at least ${minimumSecretLength} characters`);
    return { secret: Buffer.from(override, 'utf8'), source: 'env', created: false };
  }
  ensureDataFolder(dataDir);
  const file = path.join(dataDir, secretFileName);
  const created = existsSync(file) ? false : createSecretFile(file);
  const text = readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/.test(text)) throw new SecretError(`${file} does not hold a 64-character hex secret; delete it to generate a new one (existing tokens stop working)`);
  // Windows does not keep POSIX permission bits; elsewhere a secret others can read is refused.
  if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) throw new SecretError(`${file} is readable by other users; run chmod 600 on it`);
  return { secret: Buffer.from(text, 'hex'), source: 'file', created };
}

/**
 * Makes `file` with a new secret unless another process makes it first (then false). Written aside and
 * hard-linked into place: the link fails if the file exists, so two servers starting together (or a server
 * and the CLI's `token`) never overwrite each other's, and the file never exists without its whole secret.
 * With writeFileSync's 'wx' it existed, empty, before the secret was written, and the other process read
 * it so and refused to start ("does not hold a 64-character hex secret; delete it").
 */
function createSecretFile(file: string): boolean {
  const aside = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    writeFileSync(aside, randomBytes(32).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
    try {
      linkSync(aside, file);
      return true;
    } catch (error) {
      const code = errorCode(error);
      if (code === 'EEXIST') return false;
      // No hard links on this file system (FAT, some network shares): the exclusive create, as before.
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
      writeFileSync(file, readFileSync(aside), { mode: 0o600, flag: 'wx' });
      return true;
    }
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw new SecretError(`cannot create ${file}: ${String(error)}`);
  } finally {
    try {
      unlinkSync(aside);
    } catch {
      // Never made.
    }
  }
}

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

/** Why a token was refused at the upgrade, as an HTTP status and a short reason. */
export type TokenCheck =
  | { readonly ok: true; readonly payload: TokenPayload }
  | { readonly ok: false; readonly status: 401 | 403; readonly reason: string };

/** Signs and verifies v1 tokens with one secret. */
export class TokenAuthority {
  constructor(private readonly secret: Buffer) {}

  /**
   * A token for `workspace` and `role`, valid for `ttlSeconds` from `nowSeconds`. With `jti` (a random
   * id, see the token schema) every minted link is distinct and can be revoked on its own.
   */
  issue(workspace: string, role: TokenRole, ttlSeconds: number, nowSeconds: number, jti?: string): string {
    const signedPart = encodeSignedPart({ ws: workspace, role, iat: nowSeconds, exp: nowSeconds + ttlSeconds, ...(jti === undefined ? {} : { jti }) });
    return `${signedPart}.${encodeBase64Url(this.sign(signedPart))}`;
  }

  /** Verifies signature (constant time), format, expiry and workspace. */
  check(token: string | null, workspace: string, nowSeconds: number): TokenCheck {
    if (token === null || token === '') return { ok: false, status: 401, reason: 'missing token' };
    try {
      const parts = splitToken(token);
      if (!timingSafeEqual(this.sign(parts.signedPart), parts.signature)) return { ok: false, status: 401, reason: 'bad token signature' };
      const payload = parsePayloadPart(parts.payloadPart);
      const refusal = checkTokenClaims(payload, workspace, nowSeconds);
      return refusal === null ? { ok: true, payload } : { ok: false, ...refusal };
    } catch (error) {
      if (error instanceof TokenFormatError) return { ok: false, status: 401, reason: `malformed token: ${error.message}` };
      throw error;
    }
  }

  private sign(signedPart: string): Buffer {
    return createHmac('sha256', this.secret).update(signedPart, 'utf8').digest();
  }
}

/** Parses a token lifetime: `90` (seconds), `45s`, `30m`, `8h`, `7d`; at most 366 days. */
export function parseTtl(text: string): number {
  const match = /^(\d{1,9})([smhd]?)$/.exec(text.trim());
  if (match === null) throw new RangeError(`"${text}" is not a duration like 90, 45s, 30m, 8h or 7d`);
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86_400 }[match[2] as '' | 's' | 'm' | 'h' | 'd'];
  const seconds = Number(match[1]) * unit;
  if (seconds < 1 || seconds > 366 * 86_400) throw new RangeError(`"${text}" must be between 1 second and 366 days`);
  return seconds;
}
