// The first screen's read started by index.html's inline script, before the page's entry module has
// loaded (issue #18: first painted rows from navigation). The Content-Security-Policy allows exactly
// that script by its hash (never 'unsafe-inline'); the script reads the plan the address names, as
// the entry's own read does, never creating a database; the entry takes what it leaves once, for the
// same address only, and checks what it is handed. The e2e side (the real IndexedDB, the real page)
// is test/e2e/first-screen-painter.spec.ts.
import { createHash } from 'node:crypto';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, contentSecurityPolicyMeta } from '../../../shared/bridge/content-security-policy.js';
import { firstScreenReadGlobal } from '../../../shared/bridge/first-screen-read-global.js';
import { firstScreenReadScript, firstScreenReadScriptHash } from '../../../shared/bridge/first-screen-read-script.js';
import { firstScreenReadLateKey, planIdInHash, takeReadStartedByPage, type EarlyFirstScreen } from '../../../renderer/src/persistence/first-screen-early-read.js';
import { planDatabaseName } from '../../../renderer/src/persistence/plan-database-name.js';

/**
 * What the browser gives the script, as small stand-ins for the browser's own objects: an IndexedDB
 * whose open of `stored`'s databases succeeds (and of any other asks for an upgrade, as a missing
 * database does), and records of what the script asked for.
 */
function runScript(hash: string, stored: Record<string, { custom?: unknown }>, options: { readLate?: boolean } = {}) {
  const opened: string[] = [];
  const aborted: string[] = [];
  const marks: { name: string; detail: unknown }[] = [];
  const indexedDB = {
    open(name: string) {
      opened.push(name);
      const request: Record<string, unknown> & { onsuccess?: () => void; onupgradeneeded?: () => void; onerror?: () => void } = { error: null };
      queueMicrotask(() => {
        const database = stored[name];
        if (!database) {
          request.transaction = { abort: () => { aborted.push(name); request.error = { message: 'aborted' }; queueMicrotask(() => request.onerror?.()); } };
          request.onupgradeneeded?.();
          return;
        }
        request.result = {
          objectStoreNames: { contains: (store: string) => store === 'custom' && 'custom' in database },
          close() {},
          transaction: () => ({ objectStore: () => ({ get(key: string) {
            const get: { result?: unknown; onsuccess?: () => void } = {};
            queueMicrotask(() => { get.result = key === 'first-screen' ? database.custom : undefined; get.onsuccess?.(); });
            return get;
          } }) }),
        };
        request.onsuccess?.();
      });
      return request;
    },
  };
  const window: Record<string, unknown> = {};
  runInNewContext(firstScreenReadScript, {
    window,
    location: { hash },
    indexedDB,
    localStorage: { getItem: (key: string) => (options.readLate && key === firstScreenReadLateKey ? '1' : null) },
    performance: { mark: (name: string, options?: { detail?: unknown }) => { marks.push({ name, detail: options?.detail }); } },
    Promise,
  });
  return { opened, aborted, marks, window };
}

describe("index.html's inline read", () => {
  it('is allowed by the Content-Security-Policy by its exact hash, in the header and the meta, and nothing inline else is', () => {
    const hash = `'sha256-${createHash('sha256').update(firstScreenReadScript, 'utf8').digest('base64')}'`;
    expect(firstScreenReadScriptHash).toBe(hash);
    for (const policy of [contentSecurityPolicy, contentSecurityPolicyMeta]) {
      const scriptSources = /(?:^|; )script-src ([^;]*)/.exec(policy)?.[1]?.split(' ');
      expect(scriptSources).toEqual(["'self'", hash]);
      expect(policy).not.toContain('unsafe-inline');
      expect(policy).not.toContain('unsafe-eval');
    }
  });

  it('reads the plan the address names, as the entry would, and only that one', () => {
    const hashes = fc.oneof(
      fc.tuple(fc.stringMatching(/^[a-z0-9_-]{0,12}$/), fc.constantFrom('', '/outline', '/pulse', '/canvas', '/a/b', '/OUT')).map(([id, view]) => `#/plan/${id}${view}`),
      fc.string({ maxLength: 20 }).map((text) => `#${text}`),
    );
    fc.assert(fc.property(hashes, (hash) => {
      const { opened, window, marks } = runScript(hash, {});
      const planId = planIdInHash(hash);
      expect(opened).toEqual(planId === null ? [] : [planDatabaseName(planId)]);
      expect(window[firstScreenReadGlobal] === undefined).toBe(planId === null);
      expect(marks.map((mark) => mark.name)).toEqual(planId === null ? [] : ['throughline:first-screen-early-start']);
    }));
  });

  it('hands over the stored value as read, says why when there is none, and never creates a database', async () => {
    const value = { planId: 'p1', rows: [{ title: '<img src=x onerror=alert(1)>' }] };
    const found = runScript('#/plan/p1/outline', { 'throughline-plan:p1': { custom: value } });
    const handed = found.window[firstScreenReadGlobal] as { hash: string; read: Promise<EarlyFirstScreen> };
    expect(handed.hash).toBe('#/plan/p1/outline');
    expect(await handed.read).toEqual({ found: true, value });
    expect(found.marks).toEqual([{ name: 'throughline:first-screen-early-start', detail: 'page' }, { name: 'throughline:first-screen-early-read', detail: 'found' }]);

    const missing = runScript('#/plan/p2', {});
    const missingRead = await (missing.window[firstScreenReadGlobal] as { read: Promise<EarlyFirstScreen> }).read;
    expect(missingRead.found).toBe(false);
    expect(missing.aborted).toEqual(['throughline-plan:p2']);

    const noStore = await (runScript('#/plan/p3', { 'throughline-plan:p3': {} }).window[firstScreenReadGlobal] as { read: Promise<EarlyFirstScreen> }).read;
    expect(noStore).toEqual({ found: false, reason: 'the database has no custom store' });
  });

  it("reads nothing behind the benchmark's switch for a late read", () => {
    const { opened, window } = runScript('#/plan/p1/outline', { 'throughline-plan:p1': { custom: {} } }, { readLate: true });
    expect(opened).toEqual([]);
    expect(window[firstScreenReadGlobal]).toBeUndefined();
  });
});

describe('the read the entry takes from the page', () => {
  const hash = '#/plan/p1/outline';

  it('is taken once, for the address it was made for only', async () => {
    const scope: Record<string, unknown> = { [firstScreenReadGlobal]: { hash, read: Promise.resolve({ found: true, value: 'stored' }) } };
    const taken = takeReadStartedByPage(scope, firstScreenReadGlobal, hash);
    expect(await taken).toEqual({ found: true, value: 'stored' });
    expect(firstScreenReadGlobal in scope).toBe(false);
    expect(takeReadStartedByPage(scope, firstScreenReadGlobal, hash)).toBeNull();

    const otherAddress: Record<string, unknown> = { [firstScreenReadGlobal]: { hash: '#/plan/p2/outline', read: Promise.resolve({ found: true, value: 'stored' }) } };
    expect(takeReadStartedByPage(otherAddress, firstScreenReadGlobal, hash)).toBeNull();
    expect(firstScreenReadGlobal in otherAddress).toBe(false);
  });

  it('is refused when it is not what the page\'s script leaves, and what it answers is checked', async () => {
    for (const handed of [null, 'a string', { hash }, { hash, read: { then: 'not a promise' } }, { hash, read: 42 }]) {
      expect(takeReadStartedByPage({ [firstScreenReadGlobal]: handed }, firstScreenReadGlobal, hash)).toBeNull();
    }
    for (const answer of [undefined, null, 'found', { found: 'yes', value: 1 }, { found: false }, { found: false, reason: 3 }]) {
      expect(await takeReadStartedByPage({ [firstScreenReadGlobal]: { hash, read: Promise.resolve(answer) } }, firstScreenReadGlobal, hash)).toEqual({ found: false, reason: "the page's read answered something else" });
    }
    expect(await takeReadStartedByPage({ [firstScreenReadGlobal]: { hash, read: Promise.reject(new Error('boom')) } }, firstScreenReadGlobal, hash)).toEqual({ found: false, reason: "the page's read failed: Error: boom" });
    expect(await takeReadStartedByPage({ [firstScreenReadGlobal]: { hash, read: Promise.resolve({ found: false, reason: 'the database is blocked' }) } }, firstScreenReadGlobal, hash)).toEqual({ found: false, reason: 'the database is blocked' });
  });
});
