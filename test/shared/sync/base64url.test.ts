import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64Url, encodeBase64Url } from '../../../shared/sync/base64url.js';

describe('base64url', () => {
  it('round-trips any bytes and matches Node’s encoder', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
      const text = encodeBase64Url(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64url'));
      expect(decodeBase64Url(text)).toEqual(bytes);
    }), { seed: 20_240_401, numRuns: 300 });
  });

  it('refuses foreign characters, impossible lengths and non-canonical trailing bits', () => {
    expect(decodeBase64Url('ab+c')).toBeNull();
    expect(decodeBase64Url('abc=')).toBeNull();
    expect(decodeBase64Url('abcde')).toBeNull();
    expect(decodeBase64Url('AB')).toBeNull(); // "A" then "B": trailing bits 0001 are not zero
    expect(decodeBase64Url('AA')).toEqual(new Uint8Array([0]));
  });
});
