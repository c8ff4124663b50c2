import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { PlanId } from '../../../shared/model/ids.js';
import { buildJoinLink, parseJoinHash, parseServerAddress } from '../../../renderer/src/sync/join-link.js';

describe('join links', () => {
  it('reads the documented format', () => {
    const hash = `#join?server=${encodeURIComponent('ws://127.0.0.1:4455')}&workspace=acme&token=v1.abc.def&plan=q1-plan`;
    expect(parseJoinHash(hash)).toEqual({ kind: 'join', request: { server: 'ws://127.0.0.1:4455', workspace: 'acme', token: 'v1.abc.def', plan: 'q1-plan' } });
  });

  it('checks the ids once, where the link enters: the request carries a WorkspaceId and a PlanId', () => {
    const result = parseJoinHash(`#join?server=${encodeURIComponent('ws://h:1')}&workspace=acme&token=t&plan=q1`);
    if (result.kind !== 'join') throw new Error('expected a join request');
    const { workspace, plan } = result.request;
    const planId: PlanId | undefined = plan;
    // @ts-expect-error the workspace of a link is no plan id
    const wrong: PlanId = workspace;
    expect([planId, wrong]).toEqual(['q1', 'acme']);
    expect(parseJoinHash(`#join?server=${encodeURIComponent('ws://h:1')}&workspace=${encodeURIComponent('ac me')}&token=t`)).toMatchObject({ kind: 'invalid', problem: expect.stringContaining('the workspace is 1–64 letters') });
  });

  it('treats the plan as optional and strips a trailing slash from the server', () => {
    const result = parseJoinHash(`#join?server=${encodeURIComponent('wss://sync.example.com/')}&workspace=w&token=t`);
    expect(result).toEqual({ kind: 'join', request: { server: 'wss://sync.example.com', workspace: 'w', token: 't' } });
  });

  it('ignores hashes that are not join links', () => {
    expect(parseJoinHash('')).toEqual({ kind: 'none' });
    expect(parseJoinHash('#/plan/abc/outline')).toEqual({ kind: 'none' });
    expect(parseJoinHash('#joinery')).toEqual({ kind: 'none' });
  });

  it('names each problem of a broken link', () => {
    const noToken = parseJoinHash(`#join?server=${encodeURIComponent('ws://h:1')}&workspace=w`);
    expect(noToken).toMatchObject({ kind: 'invalid' });
    expect(noToken.kind === 'invalid' && noToken.problem).toContain('no token');
    const httpServer = parseJoinHash(`#join?server=${encodeURIComponent('http://h:1')}&workspace=w&token=t`);
    expect(httpServer.kind === 'invalid' && httpServer.problem).toContain('ws:// or wss://');
    const badWorkspace = parseJoinHash(`#join?server=${encodeURIComponent('ws://h:1')}&workspace=a/b&token=t`);
    expect(badWorkspace.kind === 'invalid' && badWorkspace.problem).toContain('workspace');
  });

  it('round-trips any valid request through buildJoinLink', () => {
    const id = fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/);
    fc.assert(fc.property(
      fc.constantFrom('ws://127.0.0.1:4455', 'wss://sync.example.com', 'ws://[::1]:9000', 'ws://host.lan:80/base'),
      id, fc.string({ minLength: 1, maxLength: 200 }), fc.option(id, { nil: undefined }),
      (server, workspace, token, plan) => {
        const request = plan === undefined ? { server, workspace, token } : { server, workspace, token, plan };
        const link = buildJoinLink('http://app.example/index.html#/plan/x', request);
        expect(link.startsWith('http://app.example/index.html#join?')).toBe(true);
        expect(parseJoinHash(new URL(link).hash)).toEqual({ kind: 'join', request });
      }));
  });
});

describe('server addresses typed by hand', () => {
  it('accepts ws, wss, http, https and bare host:port', () => {
    expect(parseServerAddress('ws://10.0.0.2:4455/')).toEqual({ server: 'ws://10.0.0.2:4455' });
    expect(parseServerAddress('http://10.0.0.2:4455')).toEqual({ server: 'ws://10.0.0.2:4455' });
    expect(parseServerAddress('https://sync.example.com')).toEqual({ server: 'wss://sync.example.com' });
    expect(parseServerAddress('10.0.0.2:4455')).toEqual({ server: 'ws://10.0.0.2:4455' });
  });

  it('refuses what is not a server address', () => {
    expect(parseServerAddress('  ')).toHaveProperty('problem');
    expect(parseServerAddress('ftp://x')).toHaveProperty('problem');
    expect(parseServerAddress('http://')).toHaveProperty('problem');
  });
});

describe('join links as e-mail, chat and wikis deliver them (fifteenth session)', () => {
  const request = { server: 'ws://192.168.1.20:4455', workspace: 'offsite-2027', token: 'v1.eyJ3IjoiYWNtZSJ9.c2lnbmF0dXJl', plan: 'q1-plan' };
  const link = buildJoinLink('http://192.168.1.20:4455/', request);
  const hash = new URL(link).hash;

  it('a sentence\'s full stop or bracket after the link is not part of it', () => {
    for (const tail of ['.', ')', '),', '>', '!', '."', ']', ' ', '\n', '.  ']) expect(parseJoinHash(`${hash}${tail}`), tail).toEqual({ kind: 'join', request });
  });

  it('& written as &amp; (a link copied out of an HTML e-mail or wiki) still names the workspace, token and plan', () => {
    expect(parseJoinHash(hash.replace(/&/g, '&amp;'))).toEqual({ kind: 'join', request });
  });

  it('the whole hash percent-encoded once, or #Join with another case, is still the join link, never silently ignored', () => {
    expect(parseJoinHash(`#${encodeURIComponent(hash.slice(1))}`)).toEqual({ kind: 'join', request });
    expect(parseJoinHash(hash.replace('#join', '#Join'))).toEqual({ kind: 'join', request });
    expect(parseJoinHash(hash.replace('#join', '#JOIN'))).toEqual({ kind: 'join', request });
  });

  it('a value ending in punctuation survives the round trip (buildJoinLink escapes what a sentence may add)', () => {
    const odd = { server: 'ws://h:1', workspace: 'w', token: 'ends.with)punctuation.' };
    expect(parseJoinHash(new URL(buildJoinLink('http://app/', odd)).hash)).toEqual({ kind: 'join', request: odd });
  });

  it('only the end of a link is escaped: the dots of an address and a token stay as people read and type them', () => {
    expect(link).toContain('ws%3A%2F%2F192.168.1.20%3A4455');
    expect(link).toContain('token=v1.eyJ3IjoiYWNtZSJ9.c2lnbmF0dXJl');
    const endsInDot = { server: 'ws://h:1', workspace: 'w', token: 't', plan: 'p' };
    expect(buildJoinLink('http://app/', { ...endsInDot, token: 'a.b.' })).toContain('token=a.b.&plan=p');
    expect(buildJoinLink('http://app/', { ...endsInDot, plan: undefined, token: 'a.b.' }).endsWith('token=a.b%2E')).toBe(true);
  });

  it('a truncated link still names what is missing', () => {
    const cut = hash.slice(0, hash.indexOf('&token=') + 3);
    expect(parseJoinHash(cut)).toMatchObject({ kind: 'invalid', problem: expect.stringContaining('no token') });
  });
});
