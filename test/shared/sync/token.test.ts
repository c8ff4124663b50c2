import { describe, expect, it } from 'vitest';
import { encodeBase64Url } from '../../../shared/sync/base64url.js';
import { checkTokenClaims, decodeTokenPayload, encodeSignedPart, maxTokenLength, TokenFormatError } from '../../../shared/sync/token.js';

const fakeSignature = encodeBase64Url(new Uint8Array(32).fill(7));
const payload = { ws: 'acme', role: 'viewer' as const, iat: 1_700_000_000, exp: 1_700_028_800 };

describe('decodeTokenPayload', () => {
  it('reads workspace, role and expiry without the secret', () => {
    expect(decodeTokenPayload(`${encodeSignedPart(payload)}.${fakeSignature}`)).toEqual(payload);
  });

  it.each([
    ['', /empty/],
    ['v1.abc', /three parts/],
    ['v2.e30.' + fakeSignature, /unsupported token version/],
    ['v1.e30.short', /signature/],
    ['v1.***.' + fakeSignature, /not base64url/],
    [`v1.${encodeBase64Url(new TextEncoder().encode('{"ws":'))}.${fakeSignature}`, /not UTF-8 JSON/],
    [`v1.${encodeBase64Url(new TextEncoder().encode('{"ws":"a b","role":"owner","iat":1,"exp":2}'))}.${fakeSignature}`, /payload is invalid: ws .*; role/],
    [`v1.${encodeBase64Url(new TextEncoder().encode('{"ws":"a","role":"editor","iat":5,"exp":5}'))}.${fakeSignature}`, /exp must be after iat/],
    [`v1.${encodeBase64Url(new TextEncoder().encode('{"ws":"a","role":"editor","iat":1,"exp":5,"admin":true}'))}.${fakeSignature}`, /payload is invalid/],
    ['v1.' + 'a'.repeat(maxTokenLength), /longer than/],
  ])('refuses %j with a reason', (token, reason) => {
    expect(() => decodeTokenPayload(token)).toThrow(TokenFormatError);
    expect(() => decodeTokenPayload(token)).toThrow(reason);
  });
});

describe('checkTokenClaims', () => {
  it('accepts a live token for its workspace', () => {
    expect(checkTokenClaims(payload, 'acme', payload.exp - 1)).toBeNull();
  });
  it('refuses an expired token with 401 and another workspace with 403', () => {
    expect(checkTokenClaims(payload, 'acme', payload.exp)).toEqual({ status: 401, reason: 'token expired' });
    expect(checkTokenClaims(payload, 'other', payload.iat)).toMatchObject({ status: 403 });
  });
});
