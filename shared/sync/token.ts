import { z } from 'zod';
import { decodeBase64Url, encodeBase64Url } from './base64url.js';
import { roomSegmentSchema } from './room.js';

/**
 * Access tokens: `v1.<base64url(JSON payload)>.<base64url(HMAC-SHA256(secret, "v1.<payload>"))>`.
 * The server signs and verifies them; clients may only decode the payload (to explain a refusal or
 * to show a read-only UI to viewers) and must never trust it for anything else.
 */
export const tokenVersion = 'v1';

/** Longer strings are refused before any parsing. */
export const maxTokenLength = 2048;

/** What a token lets its holder do in its workspace. */
export const tokenRoles = ['editor', 'viewer'] as const;
export type TokenRole = (typeof tokenRoles)[number];

/** The signed claims: workspace, role, issued-at and expiry in Unix seconds. */
export const tokenPayloadSchema = z.lazy(() => z.strictObject({
  ws: roomSegmentSchema,
  role: z.enum(tokenRoles),
  iat: z.number().int().nonnegative(),
  exp: z.number().int().positive(),
  /**
   * A random id making every minted link distinct (two links minted in the same second for the same
   * workspace and role would otherwise be one token, and revoking one would revoke both).
   */
  jti: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/).optional(),
}).refine((payload) => payload.exp > payload.iat, { message: 'exp must be after iat' }));
export type TokenPayload = z.infer<typeof tokenPayloadSchema>;

/** A string that is not a well-formed token; `message` says what is wrong with it. */
export class TokenFormatError extends Error {
  override readonly name = 'TokenFormatError';
}

/** The three dot-separated parts of a token; `signedPart` is what the signature covers. */
export interface TokenParts {
  readonly signedPart: string;
  readonly payloadPart: string;
  readonly signature: Uint8Array;
}

/** Splits a token into its parts, checking version, shape and encoding (not the signature). */
export function splitToken(token: string): TokenParts {
  if (token.length === 0) throw new TokenFormatError('the token is empty');
  if (token.length > maxTokenLength) throw new TokenFormatError(`the token is longer than ${maxTokenLength} characters`);
  const parts = token.split('.');
  if (parts.length !== 3) throw new TokenFormatError('a token has three parts separated by "."');
  const [version = '', payloadPart = '', signaturePart = ''] = parts;
  if (version !== tokenVersion) throw new TokenFormatError(`unsupported token version "${version.slice(0, 16)}" (expected ${tokenVersion})`);
  const signature = decodeBase64Url(signaturePart);
  if (signature === null || signature.length !== 32) throw new TokenFormatError('the token signature is not 32 base64url-encoded bytes');
  return { signedPart: `${version}.${payloadPart}`, payloadPart, signature };
}

/**
 * Reads the claims of a token WITHOUT verifying its signature (clients use it to explain a refusal or
 * to show viewers a read-only UI). Throws TokenFormatError when the token is malformed.
 */
export function decodeTokenPayload(token: string): TokenPayload {
  return parsePayloadPart(splitToken(token).payloadPart);
}

/** Decodes and validates the base64url JSON payload part of a token. */
export function parsePayloadPart(payloadPart: string): TokenPayload {
  const bytes = decodeBase64Url(payloadPart);
  if (bytes === null) throw new TokenFormatError('the token payload is not base64url');
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new TokenFormatError('the token payload is not UTF-8 JSON');
  }
  const parsed = tokenPayloadSchema.safeParse(json);
  if (!parsed.success) throw new TokenFormatError(`the token payload is invalid: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'payload'} ${issue.message}`).join('; ')}`);
  return parsed.data;
}

/** The part of a token that gets signed, `v1.<base64url(JSON payload)>`, for validated claims. */
export function encodeSignedPart(payload: TokenPayload): string {
  const valid = tokenPayloadSchema.parse(payload);
  const json = JSON.stringify({ ws: valid.ws, role: valid.role, iat: valid.iat, exp: valid.exp, ...(valid.jti === undefined ? {} : { jti: valid.jti }) });
  return `${tokenVersion}.${encodeBase64Url(new TextEncoder().encode(json))}`;
}

/** Why a token with valid signature is still refused: HTTP status and a short reason. */
export interface TokenRefusal {
  readonly status: 401 | 403;
  readonly reason: string;
}

/**
 * Checks the claims of a token against the room's workspace and the clock (Unix seconds): expired →
 * 401, another workspace → 403, otherwise null (accepted).
 */
export function checkTokenClaims(payload: TokenPayload, workspace: string, nowSeconds: number): TokenRefusal | null {
  if (payload.exp <= nowSeconds) return { status: 401, reason: 'token expired' };
  if (payload.ws !== workspace) return { status: 403, reason: `token is for workspace "${payload.ws}", not "${workspace}"` };
  return null;
}
