import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSecret, parseTtl, SecretError, TokenAuthority } from '../../sync-server/auth.js';

const dirs: string[] = [];
function dir(): string {
  const made = mkdtempSync(path.join(tmpdir(), 'throughline-auth-'));
  dirs.push(made);
  return made;
}
afterEach(() => { for (const made of dirs.splice(0)) rmSync(made, { recursive: true, force: true }); });

describe('the signing secret', () => {
  it('is generated once into the data folder with mode 0600 and reused', () => {
    const data = path.join(dir(), 'nested');
    const first = loadSecret(data, {});
    expect(first).toMatchObject({ source: 'file', created: true });
    expect(first.secret).toHaveLength(32);
    expect(statSync(path.join(data, 'secret')).mode & 0o777).toBe(0o600);
    const second = loadSecret(data, {});
    expect(second.created).toBe(false);
    expect(second.secret.equals(first.secret)).toBe(true);
  });

  it('is overridden by THROUGHLINE_SECRET, which must be long enough', () => {
    const data = dir();
    expect(loadSecret(data, { THROUGHLINE_SECRET: 'x'.repeat(40) })).toMatchObject({ source: 'env', created: false });
    expect(() => loadSecret(data, { THROUGHLINE_SECRET: 'short' })).toThrow(SecretError);
  });

  it('refuses a damaged or world-readable secret file with a clear message', () => {
    const data = dir();
    writeFileSync(path.join(data, 'secret'), 'not hex', { mode: 0o600 });
    expect(() => loadSecret(data, {})).toThrow(/64-character hex secret/);
    writeFileSync(path.join(data, 'secret'), 'ab'.repeat(32));
    chmodSync(path.join(data, 'secret'), 0o644);
    expect(() => loadSecret(data, {})).toThrow(/chmod 600/);
    expect(readFileSync(path.join(data, 'secret'), 'utf8')).toBe('ab'.repeat(32));
  });
});

describe('TokenAuthority', () => {
  const authority = new TokenAuthority(Buffer.alloc(32, 1));
  const now = 1_800_000_000;

  it('accepts its own tokens for their workspace until they expire', () => {
    const token = authority.issue('acme', 'viewer', 60, now);
    expect(authority.check(token, 'acme', now + 59)).toEqual({ ok: true, payload: { ws: 'acme', role: 'viewer', iat: now, exp: now + 60 } });
    expect(authority.check(token, 'acme', now + 60)).toEqual({ ok: false, status: 401, reason: 'token expired' });
    expect(authority.check(token, 'globex', now)).toMatchObject({ ok: false, status: 403 });
  });

  it('refuses tokens signed with another secret or altered in any part', () => {
    const token = authority.issue('acme', 'viewer', 60, now);
    const other = new TokenAuthority(Buffer.alloc(32, 2)).issue('acme', 'viewer', 60, now);
    expect(authority.check(other, 'acme', now)).toEqual({ ok: false, status: 401, reason: 'bad token signature' });
    const [version, payload, signature] = token.split('.') as [string, string, string];
    const promoted = authority.issue('acme', 'editor', 60, now).split('.')[1]!;
    expect(authority.check(`${version}.${promoted}.${signature}`, 'acme', now)).toMatchObject({ ok: false, status: 401, reason: 'bad token signature' });
    expect(authority.check(`${version}.${payload}.${signature.slice(0, -2)}AA`, 'acme', now)).toMatchObject({ ok: false, status: 401 });
    expect(authority.check(null, 'acme', now)).toEqual({ ok: false, status: 401, reason: 'missing token' });
    expect(authority.check('garbage', 'acme', now)).toMatchObject({ ok: false, status: 401, reason: expect.stringMatching(/^malformed token/) });
  });
});

describe('parseTtl', () => {
  it.each([['90', 90], ['45s', 45], ['30m', 1800], ['8h', 28_800], ['7d', 604_800]])('reads %s', (text, seconds) => {
    expect(parseTtl(text)).toBe(seconds);
  });
  it.each(['', '0', '8x', '-1h', '400d', '1.5h'])('refuses %j', (text) => {
    expect(() => parseTtl(text)).toThrow(RangeError);
  });
});
