import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { stockProvider } from './support/providers.js';
import { runCli, runCliAsync, startServerProcess, type ServerProcess } from './support/server-process.js';
import { waitFor } from './support/test-server.js';

// review42b: docs/sync-server.md said nothing of backups, and the obvious one — copying
// throughline.sqlite while the server runs — held none of the edits still in the WAL file.

const folders: string[] = [];
const processes: ServerProcess[] = [];
const providers: { destroy(): void }[] = [];
function folder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'throughline-backup-'));
  folders.push(dir);
  return dir;
}
async function serve(dir: string): Promise<ServerProcess> {
  const started = await startServerProcess(['--data', dir]);
  processes.push(started);
  return started;
}
function provider(...args: Parameters<typeof stockProvider>): ReturnType<typeof stockProvider> {
  const made = stockProvider(...args);
  providers.push(made);
  return made;
}
afterEach(async () => {
  for (const made of providers.splice(0)) made.destroy();
  for (const started of processes.splice(0)) {
    if (started.child.exitCode === null && started.child.signalCode === null) started.child.kill('SIGKILL');
    await started.exited();
  }
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function token(dir: string, role: 'editor' | 'viewer'): string {
  return runCli(['token', '--data', dir, '--workspace', 'acme', '--role', role]).stdout.trim();
}

/** The HTTP status a WebSocket upgrade is answered with (101 when it opens). */
function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.once('open', () => { socket.close(); resolve(101); });
    socket.once('unexpected-response', (_request, response) => { response.resume(); resolve(response.statusCode ?? 0); });
    socket.once('error', (error) => { if (socket.readyState !== WebSocket.CLOSED) reject(error); });
  });
}

describe('backup', () => {
  it('copies a running server\'s folder whole: the copy serves every edit, keeps its links and revocations, and clients resend what came after', async () => {
    const dir = folder();
    const server = await serve(dir);
    const editor = token(dir, 'editor');
    const revoked = token(dir, 'viewer');
    expect(runCli(['revoke', revoked, '--data', dir]).status).toBe(0);

    const writer = provider(server.wsBase, 'acme', 'plan', editor);
    const watcher = provider(server.wsBase, 'acme', 'plan', editor);
    await waitFor(() => writer.synced && watcher.synced, 'both synced');
    for (let i = 0; i < 50; i++) writer.doc.getArray('checkins').push([{ n: i }]);
    // Relayed only once stored: the watcher having them means the server has them durably.
    await waitFor(() => watcher.doc.getArray('checkins').length === 50, 'the watcher has the 50 edits');

    const backup = path.join(folder(), 'backup');
    const made = await runCliAsync(['backup', '--data', dir, '--to', backup]);
    expect(made.stderr).toBe('');
    expect(made.status).toBe(0);
    expect(made.stdout).toMatch(/^backed up .+ to .+backup: \d+ rooms, \d+ bytes of database; files throughline\.sqlite, secret, revoked-links\.json, minted-links\.jsonl\n$/);
    expect(readdirSync(backup).sort()).toEqual(['minted-links.jsonl', 'revoked-links.json', 'secret', 'throughline.sqlite']);
    expect(statSync(path.join(backup, 'secret')).mode & 0o077).toBe(0);
    expect(statSync(backup).mode & 0o077).toBe(0);

    // A change after the backup: the writer keeps it on its device.
    writer.doc.getArray('checkins').push([{ n: 'after the backup' }]);
    await waitFor(() => watcher.doc.getArray('checkins').length === 51, 'the later edit relayed');
    const kept = writer.doc;
    writer.destroy();
    watcher.destroy();

    // Restore: the backup folder is a data folder.
    const restored = await serve(backup);
    const fresh = provider(restored.wsBase, 'acme', 'plan', editor);
    await waitFor(() => fresh.synced, 'a fresh client synced with the restored server');
    expect(fresh.doc.getArray('checkins').toJSON()).toEqual(Array.from({ length: 50 }, (_, n) => ({ n })));
    expect(await upgradeStatus(`${restored.wsBase}/acme/plan?token=${revoked}`)).toBe(403);
    expect(runCli(['host-key', '--data', backup]).stdout).toBe(runCli(['host-key', '--data', dir]).stdout);

    // The device that kept its copy uploads what the backup missed when it reconnects.
    const back = provider(restored.wsBase, 'acme', 'plan', editor, kept);
    await waitFor(() => back.synced && fresh.doc.getArray('checkins').length === 51, 'the edit made after the backup uploaded again');
  });

  it('refuses a target that holds anything, and a folder that is not a data folder, writing nothing', async () => {
    const dir = folder();
    const server = await serve(dir);
    const editor = token(dir, 'editor');
    const client = provider(server.wsBase, 'acme', 'plan', editor, new Y.Doc());
    await waitFor(() => client.synced, 'synced');

    const busy = path.join(folder(), 'busy');
    mkdirSync(busy);
    writeFileSync(path.join(busy, 'notes.txt'), 'mine');
    const refused = await runCliAsync(['backup', '--data', dir, '--to', busy]);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain(`${busy} already exists and is not an empty folder: back up into a new one (nothing was written)`);
    expect(readdirSync(busy)).toEqual(['notes.txt']);
    expect(readFileSync(path.join(busy, 'notes.txt'), 'utf8')).toBe('mine');

    const notData = folder();
    const wrong = await runCliAsync(['backup', '--data', notData, '--to', path.join(folder(), 'x')]);
    expect(wrong.status).not.toBe(0);
    expect(wrong.stderr).toContain(`${notData} holds no throughline.sqlite: is it the server's --data folder?`);
  });
});
