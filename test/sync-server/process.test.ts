import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { closeCodes } from '../../shared/sync/protocol.js';
import { decodeTokenPayload } from '../../shared/sync/token.js';
import { stockProvider } from './support/providers.js';
import { RawClient } from './support/raw-client.js';
import { projectRoot, runCli, runCliAsync, startServerProcess, type ServerProcess } from './support/server-process.js';
import { waitFor } from './support/test-server.js';

/** Everything the durability test writes, read through typed accessors. */
function contentOf(doc: Y.Doc): { checkins: unknown[]; nodes: Record<string, unknown>; description: string } {
  return { checkins: doc.getArray('checkins').toJSON(), nodes: doc.getMap('nodes').toJSON(), description: doc.getText('description').toString() };
}

const folders: string[] = [];
const processes: ServerProcess[] = [];
function dataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'throughline-process-'));
  folders.push(dir);
  return dir;
}
async function serve(dir: string, extra: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<ServerProcess> {
  const started = await startServerProcess(['--data', dir, '--log-level', 'info', ...extra], env);
  processes.push(started);
  return started;
}
afterEach(async () => {
  for (const started of processes.splice(0)) {
    if (started.child.exitCode === null && started.child.signalCode === null) started.child.kill('SIGKILL');
    await started.exited();
  }
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the command line', () => {
  it('token prints a token and nothing else, and keeps the generated secret private', () => {
    const dir = dataDir();
    const result = runCli(['token', '--data', dir, '--workspace', 'acme', '--role', 'viewer', '--ttl', '2h']);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^v1\.[\w-]+\.[\w-]+\n$/);
    const payload = decodeTokenPayload(result.stdout.trim());
    expect(payload).toMatchObject({ ws: 'acme', role: 'viewer' });
    expect(payload.exp - payload.iat).toBe(7200);
    expect(statSync(path.join(dir, 'secret')).mode & 0o777).toBe(0o600);
  });

  const badArguments: [string[], RegExp][] = [
    [['token', '--workspace', 'acme'], /required option '--role <role>'/],
    [['token', '--workspace', 'acme', '--role', 'owner'], /Allowed choices are editor, viewer/],
    [['token', '--workspace', 'a b', '--role', 'editor'], /not a workspace name/],
    [['token', '--workspace', 'acme', '--role', 'editor', '--ttl', 'forever'], /not a duration/],
    [['serve', '--port', 'eighty'], /not a whole number/],
    [['serve', '--synchronous', 'sometimes'], /Allowed choices are full, normal/],
    [['serve', '--max-message-bytes', '10'], /from 1024/],
    [['serve', '--max-join-bytes', '2gb'], /not a whole number/],
    [['serve', '--max-join-uploads', '0'], /from 1 to 1000/],
    [['launch'], /unknown command 'launch'/],
    [[], /Usage: throughline-sync/],
  ];
  // review42b: docs/sync-server.md named `--refusal-log-ms`, which `serve` refused as an unknown option.
  it('serve takes every flag docs/sync-server.md names', () => {
    const docs = readFileSync(path.join(projectRoot, 'docs', 'sync-server.md'), 'utf8');
    // Node's own flag, which the docs tell a host to give the Node process.
    const nodeFlags = new Set(['--max-old-space-size']);
    const named = [...new Set([...docs.matchAll(/`(--[a-z][a-z-]*)/g)].map((match) => match[1]!))].filter((flag) => !nodeFlags.has(flag));
    const help = runCli(['serve', '--help']).stdout;
    expect(named.length).toBeGreaterThan(30);
    expect(named.filter((flag) => !new RegExp(`${flag}[ ,<]`).test(help))).toEqual([]);
  });

  it('refuses bad arguments with a clear error, the usage and a non-zero exit', async () => {
    const results = await Promise.all(badArguments.map(([args]) => runCliAsync(args, { THROUGHLINE_SECRET: '' })));
    results.forEach((result, index) => {
      const [args, message] = badArguments[index]!;
      expect(result.status, JSON.stringify(args)).not.toBe(0);
      expect(result.stdout, JSON.stringify(args)).toBe('');
      expect(result.stderr, JSON.stringify(args)).toMatch(message);
      expect(result.stderr, JSON.stringify(args)).toMatch(/Usage: throughline-sync/);
    });
  });
});

describe('the server process', () => {
  it('announces itself in one JSON line and accepts tokens signed with THROUGHLINE_SECRET', async () => {
    const env = { THROUGHLINE_SECRET: 'a-workshop-secret-that-is-long-enough-1234' };
    const dir = dataDir();
    const server = await serve(dir, [], env);
    const listening = server.lines().map((line) => JSON.parse(line) as Record<string, unknown>).find((event) => event.msg === 'listening');
    expect(listening).toMatchObject({ msg: 'listening', url: server.url, secret: 'env' });
    const token = runCli(['token', '--data', dir, '--workspace', 'acme', '--role', 'editor'], env).stdout.trim();
    const client = await RawClient.joined(`${server.wsBase}/acme/p?token=${token}`);
    expect(client.isOpen).toBe(true);
    client.close();
  });

  it('keeps every edit a client received through kill -9 and a restart', async () => {
    const dir = dataDir();
    const first = await serve(dir);
    const token = runCli(['token', '--data', dir, '--workspace', 'acme', '--role', 'editor']).stdout.trim();
    const a = stockProvider(first.wsBase, 'acme', 'durable', token);
    const b = stockProvider(first.wsBase, 'acme', 'durable', token);
    await waitFor(() => a.synced && b.synced, 'both synced');
    const edits = 300;
    for (let i = 0; i < edits; i++) {
      if (i % 3 === 0) a.doc.getArray('checkins').push([{ n: i }]);
      else if (i % 3 === 1) a.doc.getMap('nodes').set(`node-${i}`, { title: `Node ${i}` });
      else a.doc.getText('description').insert(0, `${i} `);
    }
    // Every kind of edit must have arrived, the text included (the last edit is a text insert).
    const textEdits = Array.from({ length: edits }, (_, i) => i).filter((i) => i % 3 === 2).length;
    await waitFor(() => b.doc.getArray('checkins').length === edits / 3 && b.doc.getMap('nodes').size === edits / 3
      && b.doc.getText('description').toString().split(' ').filter(Boolean).length === textEdits, 'b has every edit');
    const received = contentOf(b.doc);
    first.child.kill('SIGKILL');
    expect(await first.exited()).toBe('SIGKILL');
    a.destroy();
    b.destroy();

    const second = await serve(dir);
    const fresh = stockProvider(second.wsBase, 'acme', 'durable', token);
    await waitFor(() => fresh.synced, 'fresh client synced after restart');
    expect(contentOf(fresh.doc)).toEqual(received);
    expect(received.checkins).toHaveLength(edits / 3);
    fresh.destroy();
  });

  // review42b: the folder was made 0755 and the database 0644 (SQLite's default), so any user of the host
  // could read every plan, while the secret beside it was 0600.
  it('makes a new data folder and its database readable by their owner only', async () => {
    const dir = path.join(dataDir(), 'new', 'data');
    const server = await serve(dir);
    const token = runCli(['token', '--data', dir, '--workspace', 'acme', '--role', 'editor']).stdout.trim();
    const client = await RawClient.joined(`${server.wsBase}/acme/p?token=${token}`);
    client.edit((doc) => doc.getMap('m').set('private', true));
    await client.roundTrip();
    for (const folder of [dir, path.dirname(dir)]) expect(statSync(folder).mode & 0o777, folder).toBe(0o700);
    for (const name of ['throughline.sqlite', 'throughline.sqlite-wal', 'throughline.sqlite-shm', 'secret', 'minted-links.jsonl']) {
      expect(statSync(path.join(dir, name)).mode & 0o777, name).toBe(0o600);
    }
    client.close();
  });

  // review42b: a damaged database said only "file is not a database"; a missing web build nothing at all.
  it('names a damaged database file and what to do, and warns of a missing web build', async () => {
    const dir = dataDir();
    writeFileSync(path.join(dir, 'throughline.sqlite'), 'not a database at all, but long enough to be read as a header by SQLite.'.repeat(4));
    const damaged = await runCliAsync(['serve', '--port', '0', '--data', dir]);
    expect(damaged.status).toBe(1);
    expect(damaged.stderr).toContain(`cannot open the plans' database ${path.join(dir, 'throughline.sqlite')}: file is not a database (restore it from a backup: docs/sync-server.md, "Backups and restore")`);

    const server = await serve(dataDir(), ['--web', path.join(dir, 'no-web-build')]);
    const warning = server.lines().map((line) => JSON.parse(line) as { level: number; msg: string; web?: string }).find((event) => event.level === 40);
    expect(warning).toMatchObject({ web: path.join(dir, 'no-web-build'), msg: 'no web build there: GET / answers 404 (npm run build makes it; --web names another); sync and /health work' });
  });

  it('shuts down on SIGTERM: closes clients with 1001, flushes, exits 0', async () => {
    const dir = dataDir();
    const server = await serve(dir);
    const token = runCli(['token', '--data', dir, '--workspace', 'acme', '--role', 'editor']).stdout.trim();
    const client = await RawClient.joined(`${server.wsBase}/acme/p?token=${token}`);
    client.edit((doc) => doc.getMap('m').set('before-shutdown', true));
    server.child.kill('SIGTERM');
    expect(await client.closed()).toEqual({ code: closeCodes.goingAway, reason: 'server shutting down' });
    expect(await server.exited()).toBe(0);
    expect(server.lines().at(-1)).toMatch(/"msg":"stopped"/);

    const again = await serve(dir);
    const check = await RawClient.joined(`${again.wsBase}/acme/p?token=${token}`);
    expect(check.doc.getMap('m').get('before-shutdown')).toBe(true);
    check.close();
    again.child.kill('SIGINT');
    expect(await again.exited()).toBe(0);
  });
});
