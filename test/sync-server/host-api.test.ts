import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { closeCodes } from '../../shared/sync/protocol.js';
import { hostApiPaths, mintedLinkSchema, revokeAnswerSchema, workspaceViewSchema } from '../../shared/workspace/host-api.js';
import { adminKeyFor } from '../../sync-server/workspace/admin-http.js';
import { TokenAuthority } from '../../sync-server/auth.js';
import { linkIdOf } from '../../sync-server/workspace/link-id.js';
import { groupConnections } from '../../renderer/src/host/host-view.js';
import { directoryPresence } from '../../renderer/src/sync/presence.js';
import { directoryRoom } from '../../shared/workspace/directory.js';
import { boundProvider, stockProvider } from './support/providers.js';
import { RawClient, UpgradeRefused } from './support/raw-client.js';
import { startTestServer, testSecret, tokenFor, waitFor, type TestServer } from './support/test-server.js';

let server: TestServer;
beforeEach(async () => { server = await startTestServer({ graceMs: 0 }); });
afterEach(async () => { await server.stop(); });

const hostKey = adminKeyFor(testSecret);

/** Calls the host API as the host screen does (or with another bearer). */
function call(path: string, init: { method?: string; body?: unknown; bearer?: string | null; contentType?: string } = {}): Promise<Response> {
  const headers: Record<string, string> = {};
  const bearer = init.bearer === undefined ? hostKey : init.bearer;
  if (bearer !== null) headers.authorization = `Bearer ${bearer}`;
  if (init.body !== undefined) headers['content-type'] = init.contentType ?? 'application/json';
  return fetch(new URL(path, server.server.url), {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers,
    ...(init.body === undefined ? {} : { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }),
  });
}

describe('the host HTTP API', () => {
  it('takes the host key whatever the case of the scheme: "bearer" and "BEARER" are "Bearer" (usercheck6: 401)', async () => {
    for (const scheme of ['bearer', 'BEARER', 'Bearer']) {
      const answer = await fetch(new URL(hostApiPaths.workspace('acme'), server.server.url), { headers: { authorization: `${scheme} ${hostKey}` } });
      expect(answer.status, scheme).toBe(200);
    }
    // A participant's token is still no host key, in any case.
    const token = tokenFor('acme', 'editor');
    expect((await fetch(new URL(hostApiPaths.workspace('acme'), server.server.url), { headers: { authorization: `bearer ${token}` } })).status).toBe(403);
  });

  it('mints editor and viewer links that open the workspace with their role, and lists who is connected', async () => {
    const minted = await call(hostApiPaths.links('acme'), { body: { role: 'viewer', ttlSeconds: 600 } });
    expect(minted.status).toBe(201);
    const viewerLink = mintedLinkSchema.parse(await minted.json());
    expect(viewerLink).toMatchObject({ role: 'viewer', linkId: linkIdOf(viewerLink.token) });
    expect(viewerLink.expiresAt - Math.floor(Date.now() / 1000)).toBeGreaterThan(590);
    const editorLink = mintedLinkSchema.parse(await (await call(hostApiPaths.links('acme'), { body: { role: 'editor' } })).json());
    expect(editorLink.linkId).not.toBe(viewerLink.linkId);

    const viewer = stockProvider(server.wsBase, 'acme', 'plan1', viewerLink.token);
    viewer.awareness.setLocalStateField('user', { name: 'Vera', colour: '#336699' });
    await waitFor(() => viewer.synced, 'viewer synced');
    await waitFor(() => server.server.workspaces.connected('acme')[0]?.names.length === 1, 'presence arrived');
    const view = workspaceViewSchema.parse(await (await call(hostApiPaths.workspace('acme'))).json());
    expect(view.connected).toEqual([{
      connection: expect.any(Number), linkId: viewerLink.linkId, role: 'viewer', plan: 'plan1', ip: '127.0.0.1',
      device: expect.any(String), since: expect.any(Number), names: ['Vera'], instances: [], instance: null, joinedWithLinkIds: [viewerLink.linkId],
    }]);
    viewer.destroy();
  });

  it('lists two people with the same name, on one link from one address and browser, as two rows; one leaving takes only their row', async () => {
    const link = server.server.workspaces.mintLink('acme', 'editor', 600);
    // Each "app" has the plan list and a plan open, and announces its name and instance in both, as the renderer does.
    const app = (appInstance: string) => [directoryRoom, 'plan1'].map((room) => {
      const provider = boundProvider(server.wsBase, 'acme', room, link.token, `${appInstance}-secret-key-0001`);
      provider.awareness.setLocalState({ user: { name: 'Ana', colour: '#336699' }, selection: null, view: 'plans', appInstance });
      return provider;
    });
    const first = app('first-app-aaaa'), second = app('second-app-bbbb');
    const view = async () => workspaceViewSchema.parse(await (await call(hostApiPaths.workspace('acme'))).json());
    const connected = () => server.server.workspaces.connected('acme');
    await waitFor(() => connected().filter((client) => client.instances.length > 0).length === 4, 'four connections announced');
    expect(groupConnections(await view()).map(({ names, rooms, connections }) => ({ names, rooms, connections }))).toEqual([
      { names: ['Ana'], rooms: [directoryRoom, 'plan1'], connections: 2 },
      { names: ['Ana'], rooms: [directoryRoom, 'plan1'], connections: 2 },
    ]);
    for (const provider of second) provider.destroy();
    await waitFor(() => connected().length === 2, 'the second app gone');
    expect(groupConnections(await view()).map(({ names, connections }) => ({ names, connections }))).toEqual([{ names: ['Ana'], connections: 2 }]);
    for (const provider of first) provider.destroy();
  });

  it('lists an app whose plan list joined before its person said their name as one row, not an extra "not named yet" one', async () => {
    const link = server.server.workspaces.mintLink('acme', 'editor', 600);
    // Two apps on one address, browser and link (two tabs). Each opened the plan list before a name was
    // given, announcing there what the renderer announces then; then the person named themselves and
    // opened a plan, where they announce their name.
    const app = (appInstance: string, name: string) => {
      const list = boundProvider(server.wsBase, 'acme', directoryRoom, link.token, `${appInstance}-secret-key-0001`);
      list.awareness.setLocalState(directoryPresence(null, appInstance));
      const plan = boundProvider(server.wsBase, 'acme', 'plan1', link.token, `${appInstance}-secret-key-0001`);
      plan.awareness.setLocalState({ user: { name, colour: '#336699' }, selection: null, view: 'outline', appInstance });
      return [list, plan];
    };
    const providers = [...app('first-app-aaaa', 'Ana'), ...app('second-app-bbbb', 'Ben')];
    const connected = () => server.server.workspaces.connected('acme');
    await waitFor(() => connected().filter((client) => client.instances.length > 0).length === 4, 'four connections announced');
    const rows = async () => groupConnections(workspaceViewSchema.parse(await (await call(hostApiPaths.workspace('acme'))).json()))
      .map(({ names, rooms, connections }) => ({ names, rooms, connections }));
    expect(await rows()).toEqual([
      { names: ['Ana'], rooms: [directoryRoom, 'plan1'], connections: 2 },
      { names: ['Ben'], rooms: [directoryRoom, 'plan1'], connections: 2 },
    ]);
    // Once named, the plan list says the name too: still one row each.
    providers[0]!.awareness.setLocalState(directoryPresence({ name: 'Ana', colour: '#336699' }, 'first-app-aaaa'));
    await waitFor(() => connected().filter((client) => client.names.length > 0).length === 3, 'the plan list named');
    expect(await rows()).toHaveLength(2);
    // An unnamed connection bound to no app (an older client) stays a row of its own per connection.
    const older = [stockProvider(server.wsBase, 'acme', directoryRoom, link.token), stockProvider(server.wsBase, 'acme', 'plan2', link.token)];
    await waitFor(() => connected().length === 6, 'two older connections');
    expect((await rows()).filter((row) => row.names.length === 0)).toEqual([
      { names: [], rooms: [directoryRoom], connections: 1 },
      { names: [], rooms: ['plan2'], connections: 1 },
    ]);
    for (const provider of [...providers, ...older]) provider.destroy();
  });

  it('revokes a link: its sockets close at once with 4403 and a reason, and it is refused from then on', async () => {
    const token = tokenFor('acme');
    const client = await RawClient.joined(`${server.wsBase}/acme/plan2?token=${encodeURIComponent(token)}`);
    const second = await RawClient.joined(`${server.wsBase}/acme/_directory?token=${encodeURIComponent(token)}`);
    const answer = revokeAnswerSchema.parse(await (await call(hostApiPaths.revocations, { body: { link: linkIdOf(token) } })).json());
    expect(answer).toEqual({ linkId: linkIdOf(token), revoked: true, closed: 2, known: true });
    await client.until(() => client.closeInfo !== null && second.closeInfo !== null, 'both sockets closed');
    expect([client.closeInfo, second.closeInfo]).toEqual([
      { code: closeCodes.tokenRevoked, reason: 'link revoked by the host' },
      { code: closeCodes.tokenRevoked, reason: 'link revoked by the host' },
    ]);
    const refused = await RawClient.connect(`${server.wsBase}/acme/plan2?token=${encodeURIComponent(token)}`).then(() => null, (error: unknown) => error);
    expect(refused).toBeInstanceOf(UpgradeRefused);
    expect((refused as UpgradeRefused).status).toBe(403);
    // Revoking by the token itself names the same link, already revoked.
    expect(await (await call(hostApiPaths.revocations, { body: { link: token } })).json()).toEqual({ linkId: linkIdOf(token), revoked: false, closed: 0, known: true });
  });

  it('says so when the link revoked is not one this server made: a mistyped id, a token signed elsewhere (usercheck6 F7: "revoked" as if it were)', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'throughline-host-api-'));
    await server.stop();
    server = await startTestServer({ graceMs: 0 }, { dataDir });
    const typo = '0123456789abcdef';
    const unknown = await call(hostApiPaths.revocations, { body: { link: typo } });
    expect(unknown.status).toBe(200);
    expect(await unknown.json()).toEqual({ linkId: typo, revoked: true, closed: 0, known: false, note: expect.stringMatching(/^no link 0123456789abcdef was made by this server since .* UTC: check the id \(a typo\?\)/) });
    // A link the host made is known, also after the server restarted on the same data folder.
    const minted = mintedLinkSchema.parse(await (await call(hostApiPaths.links('acme'), { body: { role: 'viewer' } })).json());
    await server.stop();
    server = await startTestServer({ graceMs: 0 }, { dataDir });
    onTestFinished(() => rmSync(dataDir, { recursive: true, force: true }));
    expect(await (await call(hostApiPaths.revocations, { body: { link: minted.linkId } })).json()).toEqual({ linkId: minted.linkId, revoked: true, closed: 0, known: true });
    // A token signed with another secret: named as not this server's.
    const foreign = new TokenAuthority(Buffer.alloc(32, 1)).issue('acme', 'editor', 3600, Math.floor(Date.now() / 1000), 'elsewhere-123');
    const answer = revokeAnswerSchema.parse(await (await call(hostApiPaths.revocations, { body: { link: foreign } })).json());
    expect(answer).toMatchObject({ linkId: linkIdOf(foreign), known: false, note: expect.stringMatching(/not made by this server \(its signature/) });
  });

  it('reads a JSON body that starts with a UTF-8 byte-order mark, as PowerShell\'s Out-File and Notepad write it (usercheck6 F8: "not JSON")', async () => {
    const withBom = (json: unknown) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(json), 'utf8')]);
    const minted = await fetch(new URL(hostApiPaths.links('acme'), server.server.url), { method: 'POST', headers: { authorization: `Bearer ${hostKey}`, 'content-type': 'application/json' }, body: withBom({ role: 'editor' }) });
    expect(minted.status).toBe(201);
    const link = mintedLinkSchema.parse(await minted.json());
    const revoked = await fetch(new URL(hostApiPaths.revocations, server.server.url), { method: 'POST', headers: { authorization: `Bearer ${hostKey}`, 'content-type': 'application/json' }, body: withBom({ link: link.linkId }) });
    expect(await revoked.json()).toEqual({ linkId: link.linkId, revoked: true, closed: 0, known: true });
    // Only one: a second mark is not JSON.
    const twice = await fetch(new URL(hostApiPaths.links('acme'), server.server.url), { method: 'POST', headers: { authorization: `Bearer ${hostKey}`, 'content-type': 'application/json' }, body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), withBom({ role: 'editor' })]) });
    expect(twice.status).toBe(400);
  });

  it('refuses anyone without the host key: 401 without one, 403 with a participant\'s token; nothing changes', async () => {
    const editorToken = tokenFor('acme', 'editor');
    for (const [bearer, status] of [[null, 401], ['not-the-key', 401], [hostKey.slice(0, -1) + '0', 401], [editorToken, 403]] as const) {
      expect((await call(hostApiPaths.workspace('acme'), { bearer })).status).toBe(status);
      expect((await call(hostApiPaths.links('acme'), { bearer, body: { role: 'editor' } })).status).toBe(status);
      const revoke = await call(hostApiPaths.revocations, { bearer, body: { link: linkIdOf(editorToken) } });
      expect(revoke.status).toBe(status);
      expect(await revoke.json()).toEqual({ error: expect.stringMatching(/host key/) });
    }
    const still = stockProvider(server.wsBase, 'acme', 'p', editorToken);
    await waitFor(() => still.synced, 'the editor still joins: nothing was revoked');
    still.destroy();
  });

  it('names the problem with a bad request and changes nothing', async () => {
    const cases: { path: string; body?: unknown; method?: string; contentType?: string; status: number; error: RegExp }[] = [
      { path: hostApiPaths.links('acme'), body: { role: 'owner' }, status: 400, error: /role/ },
      { path: hostApiPaths.links('acme'), body: { role: 'editor', ttlSeconds: 5 }, status: 400, error: /ttlSeconds/ },
      { path: hostApiPaths.links('acme'), body: { role: 'editor', extra: 1 }, status: 400, error: /extra/ },
      { path: hostApiPaths.links('acme'), body: '{"role":', status: 400, error: /not JSON/ },
      { path: hostApiPaths.links('acme'), body: { role: 'editor' }, contentType: 'text/plain', status: 415, error: /application\/json/ },
      { path: hostApiPaths.links('acme'), body: { role: 'editor', pad: 'x'.repeat(10_000) }, status: 413, error: /over/ },
      { path: hostApiPaths.links('a%2Fb'), body: { role: 'editor' }, status: 400, error: /not a workspace name/ },
      { path: hostApiPaths.revocations, body: { link: 'hello' }, status: 400, error: /link id .* or a token/ },
      { path: hostApiPaths.revocations, body: {}, status: 400, error: /link/ },
      { path: hostApiPaths.workspace('acme'), method: 'DELETE', status: 405, error: /use GET/ },
      { path: hostApiPaths.links('acme'), method: 'GET', status: 405, error: /use POST/ },
      { path: '/_admin/elsewhere', status: 404, error: /unknown host API request/ },
    ];
    for (const entry of cases) {
      const answer = await call(entry.path, { ...(entry.body === undefined ? {} : { body: entry.body }), ...(entry.method ? { method: entry.method } : {}), ...(entry.contentType ? { contentType: entry.contentType } : {}) });
      expect([entry.path, answer.status]).toEqual([entry.path, entry.status]);
      expect((await answer.json() as { error: string }).error).toMatch(entry.error);
    }
    const dataDirRevocations = await call(hostApiPaths.workspace('acme'));
    expect(dataDirRevocations.status).toBe(200);
    expect(server.server.workspaces.connected('acme')).toEqual([]);
  });

  it('answers the browser\'s preflight so the desktop app\'s window may call it', async () => {
    const preflight = await call(hostApiPaths.links('acme'), { method: 'OPTIONS', bearer: null });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
  });
});
