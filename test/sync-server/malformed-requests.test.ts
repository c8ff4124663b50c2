import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stockProvider } from './support/providers.js';
import { plainRequest, sendRawRequest, upgradeRequest } from './support/raw-http.js';
import { runCli, startServerProcess, type ServerProcess } from './support/server-process.js';
import { waitFor } from './support/test-server.js';

/**
 * Hostile requests against a real server process: a handler that throws ends the process, so "still
 * running and still serving a stock client" afterwards is the property that matters.
 */
let dir: string;
let server: ServerProcess;
let port: number;
let token: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'throughline-malformed-'));
  const web = path.join(dir, 'web');
  mkdirSync(web);
  writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>Throughline</title>');
  // Every attempt here comes from one address: its join rate is not what this test is about.
  server = await startServerProcess(['--data', path.join(dir, 'data'), '--web', web, '--log-level', 'info', '--joins-per-second-per-ip', '100000', '--join-burst-per-ip', '100000']);
  port = Number(new URL(server.url).port);
  token = runCli(['token', '--data', path.join(dir, 'data'), '--workspace', 'acme', '--role', 'editor']).stdout.trim();
});
afterAll(async () => {
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
  await server.exited();
  rmSync(dir, { recursive: true, force: true });
});

/** Targets on which `new URL(target, base)` throws: each once stopped the server on an upgrade. */
const urlBreakingTargets = ['//x:y/a/b', '//[/a/b', '//a:99999/x/y', 'http://[/a/b', '//%zz/a', 'http://a:99999/acme/p', '//@/a', '//a b/c/d'];

/** [description, raw request, expected status] */
function corpus(): [string, string, number][] {
  const valid = `?token=${encodeURIComponent(token)}`;
  return [
    ...urlBreakingTargets.flatMap((target): [string, string, number][] => [
      [`upgrade to ${target}`, upgradeRequest(target), 400],
      [`upgrade to ${target} with a token`, upgradeRequest(`${target}${valid}`), 400],
    ]),
    ['GET //%zz/a', plainRequest('//%zz/a'), 400],
    ['GET http://[/a/b', plainRequest('http://[/a/b'), 400],
    ['GET //x:y/a/b', plainRequest('//x:y/a/b'), 404],
    ['GET //a:99999/x/y', plainRequest('//a:99999/x/y'), 404],
    ['GET /%00', plainRequest('/%00'), 404],
    ['GET /../../etc/passwd', plainRequest('/../../etc/passwd'), 404],
    ['GET *', plainRequest('*'), 400],
    ['GET ftp://x/acme/p as an upgrade', upgradeRequest(`ftp://x/acme/p${valid}`), 400],
    ['a path over 2,048 characters', upgradeRequest(`/${'a'.repeat(3_000)}/p`), 414],
    ['a token that is bad percent-encoding', upgradeRequest('/acme/p?token=%zz%'), 401],
    ['a room path with dot segments', upgradeRequest(`/acme/../p${valid}`), 400],
    ['an upgrade that is not a GET', upgradeRequest(`/acme/p${valid}`).replace(/^GET/, 'POST'), 405],
    ['an upgrade without a key', upgradeRequest(`/acme/p${valid}`).replace(/Sec-WebSocket-Key:[^\r]*\r\n/, ''), 400],
    ['an upgrade of an unknown version', upgradeRequest(`/acme/p${valid}`).replace('Version: 13', 'Version: 99'), 400],
    ['a request line of control bytes', '\x01\x02\x03 / HTTP/1.1\r\n\r\n', 400],
    ['a request line without a target', 'GET\r\n\r\n', 400],
    ['an unknown HTTP version', 'GET / HTTP/9.9\r\nHost: a\r\n\r\n', 400],
    ['a header without a colon', 'GET / HTTP/1.1\r\nHost\r\n\r\n', 400],
    ['a header with a space before the colon', 'GET / HTTP/1.1\r\nHost : a\r\n\r\n', 400],
    ['two Content-Length headers', 'GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab', 400],
    ['a broken chunk', 'POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', 400],
    ['headers over 16 KiB', `GET / HTTP/1.1\r\nHost: a\r\nX-Padding: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
    ['a bare LF request', 'GET /health HTTP/1.1\nHost: a\n\n', 400],
  ];
}

/** A fresh stock client syncs an edit to another: the server still does its job. */
async function stockClientsStillSync(plan: string): Promise<void> {
  const a = stockProvider(server.wsBase, 'acme', plan, token);
  const b = stockProvider(server.wsBase, 'acme', plan, token);
  try {
    await waitFor(() => a.synced && b.synced, 'both stock clients synced');
    a.doc.getMap('nodes').set('n1', plan);
    await waitFor(() => b.doc.getMap('nodes').get('n1') === plan, 'the edit reached the other client');
  } finally {
    a.destroy();
    b.destroy();
  }
}

function serverIsRunning(): boolean {
  return server.child.exitCode === null && server.child.signalCode === null;
}

/** Log lines at level error (50) or above: a hostile request is not a server error. */
function errorLines(): string[] {
  return server.lines().filter((line) => /"level":(50|60)/.test(line));
}

describe('malformed requests', () => {
  it('answers every request in the corpus with its 4xx and keeps serving', async () => {
    for (const [description, request, expected] of corpus()) {
      const answer = await sendRawRequest(port, request);
      expect(answer.status, `${description}: ${answer.head}`).toBe(expected);
      expect(serverIsRunning(), `server still running after: ${description}`).toBe(true);
    }
    expect(errorLines()).toEqual([]);
    await stockClientsStillSync('after-corpus');
  });

  // Targets built from the characters URL parsers trip on: authority, IPv6, port and escape syntax.
  const targetCharacters = fc.constantFrom(...'/:[]@%?#.\\ab9z-_~!$&\'()*+,;=\x7f\u00e9'.split(''), '%zz', '%00', '%2e', '//', '::', '[::1]', ':99999', 'token=');
  const target = fc.array(targetCharacters, { maxLength: 24 }).map((parts) => parts.join(''));
  const prefix = fc.constantFrom('', '/', '//', 'http://', 'ws://', 'http:', 'HTTP://', '*');
  const fuzzTarget = fc.tuple(prefix, target).map(([start, rest]) => `${start}${rest}`.replace(/[\s]/g, ''));

  it('never answers a random upgrade target with a 5xx, and keeps serving', async () => {
    await fc.assert(fc.asyncProperty(fuzzTarget, fc.boolean(), async (raw, withToken) => {
      const answer = await sendRawRequest(port, upgradeRequest(withToken ? `${raw}${raw.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}` : raw));
      expect(answer.status, `upgrade to ${JSON.stringify(raw)}: ${answer.head}`).not.toBeNull();
      expect(answer.status!, `upgrade to ${JSON.stringify(raw)}: ${answer.head}`).toBeLessThan(500);
      expect(serverIsRunning()).toBe(true);
    }), { numRuns: 300 });
    expect(errorLines()).toEqual([]);
    await stockClientsStillSync('after-upgrade-fuzz');
  });

  it('never answers a random GET target or header with a 5xx, and keeps serving', async () => {
    const headerName = fc.stringMatching(/^[A-Za-z!#$%&'*+.^_`|~-][A-Za-z0-9-]{0,12}$/).filter((name) => !/^(content-length|transfer-encoding|expect|connection|upgrade)$/i.test(name));
    const headerValue = fc.string({ unit: fc.integer({ min: 0, max: 255 }).map((code) => String.fromCharCode(code)), maxLength: 40 }).map((value) => value.replace(/[\r\n]/g, ''));
    const method = fc.constantFrom('GET', 'HEAD', 'OPTIONS', 'DELETE', 'PUT', 'BREW', 'get');
    await fc.assert(fc.asyncProperty(method, fuzzTarget, fc.array(fc.tuple(headerName, headerValue), { maxLength: 4 }), async (verb, raw, headers) => {
      const extra = headers.map(([name, value]) => `${name}: ${value}\r\n`).join('');
      const answer = await sendRawRequest(port, Buffer.from(plainRequest(raw, verb, extra), 'latin1'));
      const what = `${verb} ${JSON.stringify(raw)} ${JSON.stringify(extra)}: ${answer.head}`;
      expect(answer.status, what).not.toBeNull();
      expect(answer.status!, what).toBeLessThan(500);
      expect(serverIsRunning()).toBe(true);
    }), { numRuns: 300 });
    expect(errorLines()).toEqual([]);
    await stockClientsStillSync('after-get-fuzz');
  });

  it('answers random bytes instead of a request line with 400, and keeps serving', async () => {
    const garbage = fc.tuple(fc.integer({ min: 1, max: 8 }), fc.uint8Array({ maxLength: 200 }))
      .map(([first, rest]) => Buffer.concat([Buffer.from([first]), Buffer.from(rest), Buffer.from('\r\n\r\n')]));
    await fc.assert(fc.asyncProperty(garbage, async (bytes) => {
      const answer = await sendRawRequest(port, bytes);
      expect(answer.status, bytes.toString('hex')).toBe(400);
      expect(serverIsRunning()).toBe(true);
    }), { numRuns: 100 });
    await stockClientsStillSync('after-garbage');
  });
});
