import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { accessCheckUrl, readAccessClose, type AccessResult } from '../../shared/sync/access.js';
import { closeCodes } from '../../shared/sync/protocol.js';
import { directoryRoom, listPlan, renameListedPlan } from '../../shared/workspace/directory.js';
import { adminKeyFor } from '../../sync-server/workspace/admin-http.js';
import { linkIdOf } from '../../sync-server/workspace/link-id.js';
import { readRevocations, revocationsFileName, writeRevocation } from '../../sync-server/workspace/revocations.js';
import { stockProvider } from './support/providers.js';
import { RawClient, UpgradeRefused } from './support/raw-client.js';
import { startTestServer, testAuthority, testSecret, tokenFor, waitFor, type TestServer } from './support/test-server.js';

let server: TestServer;
beforeEach(async () => { server = await startTestServer({ graceMs: 0 }); });
afterEach(async () => { await server.stop(); });

/** Runs the access check the renderer runs before joining, from Node. */
function checkAccess(wsBase: string, workspace: string, token: string): Promise<AccessResult> {
  return new Promise((resolve) => {
    let opened = false;
    const socket = new WebSocket(accessCheckUrl(wsBase, workspace, token));
    socket.on('open', () => { opened = true; });
    socket.on('error', () => undefined);
    socket.on('close', (code, reason) => resolve(readAccessClose(opened, code, reason.toString('utf8'))));
  });
}

async function refusalOf(url: string): Promise<UpgradeRefused> {
  const error = await RawClient.connect(url).then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(UpgradeRefused);
  return error as UpgradeRefused;
}

describe('the access check', () => {
  it('grants a valid token its role and refuses the others with the reason', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect(await checkAccess(server.wsBase, 'acme', tokenFor('acme', 'editor'))).toEqual({ kind: 'granted', role: 'editor' });
    expect(await checkAccess(server.wsBase, 'acme', tokenFor('acme', 'viewer'))).toEqual({ kind: 'granted', role: 'viewer' });
    expect(await checkAccess(server.wsBase, 'acme', tokenFor('globex'))).toEqual({ kind: 'refused', reason: 'token is for workspace "globex", not "acme"' });
    expect(await checkAccess(server.wsBase, 'acme', testAuthority.issue('acme', 'editor', 10, now - 100))).toEqual({ kind: 'refused', reason: 'token expired' });
    expect(await checkAccess(server.wsBase, 'acme', 'garbage')).toMatchObject({ kind: 'refused', reason: expect.stringMatching(/^malformed token/) });
    expect(await checkAccess(server.wsBase, 'acme', '')).toEqual({ kind: 'refused', reason: 'missing token' });
  });

  it('reports a port where nothing listens as unreachable', async () => {
    const port = server.server.port;
    await server.stop();
    expect(await checkAccess(`ws://127.0.0.1:${port}`, 'acme', tokenFor('acme'))).toEqual({ kind: 'unreachable' });
    server = await startTestServer({ graceMs: 0 });
  });

  it('reads only the closes it knows', () => {
    expect(readAccessClose(true, 4200, 'not json')).toEqual({ kind: 'unreachable' });
    expect(readAccessClose(true, 4200, '{"role":"admin"}')).toEqual({ kind: 'unreachable' });
    expect(readAccessClose(true, 1006, '')).toEqual({ kind: 'unreachable' });
    expect(readAccessClose(true, 1013, '')).toEqual({ kind: 'busy' });
    expect(readAccessClose(false, 4403, 'x')).toEqual({ kind: 'unreachable' });
  });
});

describe('revoking a link', () => {
  it('closes its open connection with 4403 and a reason, refuses it next time, and leaves other links alone', async () => {
    const host = server.server.workspaces;
    const revokedLink = host.mintLink('acme', 'editor', 3600);
    const keptLink = host.mintLink('acme', 'editor', 3600);
    expect(revokedLink.linkId).toBe(linkIdOf(revokedLink.token));
    const doomed = stockProvider(server.wsBase, 'acme', 'plan1', revokedLink.token);
    const kept = stockProvider(server.wsBase, 'acme', 'plan1', keptLink.token);
    const closed: { code: number; reason: string }[] = [];
    doomed.on('closed', (event) => closed.push(event));
    await waitFor(() => doomed.synced && kept.synced, 'both synced');

    expect(host.revoke(revokedLink.token)).toEqual({ linkId: revokedLink.linkId, revoked: true, closed: 1, known: true });
    await waitFor(() => closed.length === 1, 'the revoked connection closed');
    expect(closed[0]).toEqual({ code: closeCodes.tokenRevoked, reason: 'link revoked by the host' });
    expect(kept.wsconnected).toBe(true);

    const refusal = await refusalOf(`${server.wsBase}/acme/plan1?token=${encodeURIComponent(revokedLink.token)}`);
    expect([refusal.status, refusal.body]).toEqual([403, 'link revoked by the host']);
    expect(await checkAccess(server.wsBase, 'acme', revokedLink.token)).toEqual({ kind: 'refused', reason: 'link revoked by the host' });
    expect(host.revoke(revokedLink.linkId)).toMatchObject({ revoked: false, closed: 0 });
    expect(readRevocations(server.dataDir).map((entry) => entry.id)).toEqual([revokedLink.linkId]);
    doomed.destroy();
    kept.destroy();
  });

  it('picks up a revocation the CLI wrote to the data folder and closes the open connection', async () => {
    const token = tokenFor('acme', 'viewer');
    const client = await RawClient.joined(`${server.wsBase}/acme/plan2?token=${encodeURIComponent(token)}`);
    const now = Math.floor(Date.now() / 1000);
    await writeRevocation(server.dataDir, { id: linkIdOf(token), at: now, exp: now + 3600 }, now);
    await client.until(() => client.closeInfo !== null, 'the server closing the revoked link');
    expect(client.closeInfo).toEqual({ code: 4403, reason: 'link revoked by the host' });
  });

  it('keeps what it knows when the revocations file is damaged, and refuses to start on one', async () => {
    const token = tokenFor('acme');
    server.server.workspaces.revoke(token);
    writeFileSync(path.join(server.dataDir, revocationsFileName), '{ not json');
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect((await refusalOf(`${server.wsBase}/acme/p?token=${encodeURIComponent(token)}`)).status).toBe(403);
    await expect(startTestServer({}, { dataDir: server.dataDir })).rejects.toThrow(/revoked-links.json is not JSON/);
  });
});

describe('the host view of a workspace', () => {
  it('lists who is connected (link, role, plan, announced name) and the plans of its directory', async () => {
    const editor = server.server.workspaces.mintLink('acme', 'editor', 3600);
    const provider = stockProvider(server.wsBase, 'acme', directoryRoom, editor.token);
    provider.awareness.setLocalStateField('user', { name: 'Ana', colour: '#336699' });
    await waitFor(() => provider.synced, 'directory synced');
    listPlan(provider.doc, { id: 'planA', name: 'Offsite 2027', at: 1, by: 'Ana' });
    listPlan(provider.doc, { id: 'planB', name: 'Budget', at: 2, by: 'Ana' });
    renameListedPlan(provider.doc, 'planB', 'Budget 2027');
    const other = stockProvider(server.wsBase, 'globex', 'x', tokenFor('globex', 'viewer'));
    await waitFor(() => other.synced, 'other workspace synced');
    await waitFor(() => server.server.workspaces.connected('acme')[0]?.names.length === 1, 'presence arrived');
    expect(server.server.workspaces.connected('acme')).toEqual([
      { connection: expect.any(Number), linkId: editor.linkId, role: 'editor', plan: directoryRoom, ip: '127.0.0.1', device: expect.any(String), since: expect.any(Number), names: ['Ana'], instances: [], instance: null, joinedWithLinkIds: [editor.linkId] },
    ]);
    await waitFor(() => server.server.rooms.loaded(`acme/${directoryRoom}`)?.document?.getMap('names').size === 2, 'directory stored');
    expect((await server.server.workspaces.plans('acme')).map((entry) => entry.name)).toEqual(['Budget 2027', 'Offsite 2027']);

    // The admin endpoint serves the same to whoever holds the host key, and nothing to anyone else.
    const url = new URL('/_admin/workspaces/acme', server.server.url);
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: `Bearer ${editor.token}` } })).status).toBe(403);
    const answered = await fetch(url, { headers: { authorization: `Bearer ${adminKeyFor(testSecret)}` } });
    const body = await answered.json() as { plans: { id: string }[]; connected: { linkId: string }[] };
    expect(body.plans.map((entry) => entry.id)).toEqual(['planB', 'planA']);
    expect(body.connected.map((entry) => entry.linkId)).toEqual([editor.linkId]);

    // Unloaded, the list is read from storage.
    provider.destroy();
    other.destroy();
    await waitFor(() => server.server.rooms.loaded(`acme/${directoryRoom}`) === undefined, 'directory unloaded');
    expect((await server.server.workspaces.plans('acme')).map((entry) => entry.id)).toEqual(['planB', 'planA']);
    expect(await server.server.workspaces.plans('empty')).toEqual([]);
  });

  it('a viewer sees the directory but cannot change it', async () => {
    const editor = stockProvider(server.wsBase, 'acme', directoryRoom, tokenFor('acme', 'editor'));
    await waitFor(() => editor.synced, 'editor synced');
    listPlan(editor.doc, { id: 'p1', name: 'Plan one', at: 1, by: 'Ana' });
    const viewer = stockProvider(server.wsBase, 'acme', directoryRoom, tokenFor('acme', 'viewer'), new Y.Doc());
    await waitFor(() => viewer.doc.getMap('names').size === 1, 'viewer got the list');
    listPlan(viewer.doc, { id: 'p2', name: 'Sneaky', at: 2, by: 'Eve' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await server.server.workspaces.plans('acme')).map((entry) => entry.id)).toEqual(['p1']);
    editor.destroy();
    viewer.destroy();
  });
});

describe('the CLI', () => {
  it('revokes a join link into the data folder', () => {
    const token = tokenFor('acme');
    const link = `http://127.0.0.1:1/#join?server=ws%3A%2F%2F127.0.0.1%3A1&workspace=acme&token=${encodeURIComponent(token)}`;
    const run = (...args: string[]) => execFileSync(process.execPath, ['--import', 'tsx', 'sync-server/cli.ts', ...args], { encoding: 'utf8' });
    expect(run('revoke', link, '--data', server.dataDir)).toBe(`revoked: link ${linkIdOf(token)}\n`);
    expect(run('revoke', linkIdOf(token), '--data', server.dataDir)).toBe(`already revoked: link ${linkIdOf(token)}\n`);
    expect(readRevocations(server.dataDir)).toEqual([{ id: linkIdOf(token), at: expect.any(Number), exp: expect.any(Number) }]);
  });
});
