import * as decoding from 'lib0/decoding';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { messageType } from '../../shared/sync/protocol.js';
import { answeredRoleChangeMessageType, answersRoleChangeParam, appKeyParam, encodeRoleChangeTakenFrame, readsRoleChangeParam, roleChangeMessageType, type RoleChange } from '../../shared/sync/role-change.js';
import { decodeTokenPayload } from '../../shared/sync/token.js';
import { directoryRoom } from '../../shared/workspace/directory.js';
import { hostApiPaths, roleChangeAnswerSchema } from '../../shared/workspace/host-api.js';
import { roleChangeGraceMs } from '../../sync-server/connection.js';
import { adminKeyFor } from '../../sync-server/workspace/admin-http.js';
import { linkIdOf } from '../../sync-server/workspace/link-id.js';
import { instanceOfAppKey } from '../../sync-server/workspace/workspace-host.js';
import { stockProvider, takeRoleChanges } from './support/providers.js';
import { RawClient, UpgradeRefused } from './support/raw-client.js';
import { startTestServer, testSecret, tokenFor, waitFor, waitForAsync, type TestServer } from './support/test-server.js';

let server: TestServer;
beforeEach(async () => { server = await startTestServer({ graceMs: 0 }); });
afterEach(async () => { await server.stop(); });

const hostKey = adminKeyFor(testSecret);

function call(path: string, body: unknown, init: { bearer?: string | null; method?: string; contentType?: string } = {}): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': init.contentType ?? 'application/json' };
  const bearer = init.bearer === undefined ? hostKey : init.bearer;
  if (bearer !== null) headers.authorization = `Bearer ${bearer}`;
  return fetch(new URL(path, server.server.url), { method: init.method ?? 'POST', headers, ...(init.method === 'GET' ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) });
}

async function changeRole(body: unknown): Promise<ReturnType<typeof roleChangeAnswerSchema.parse>> {
  const answer = await call(hostApiPaths.roles('acme'), body);
  expect(answer.status).toBe(200);
  return roleChangeAnswerSchema.parse(await answer.json());
}

/**
 * One room of a client, recording what the server sends it: every frame's message type, the
 * permission-denied reasons and the role changes. `readsRoleChange` makes it declare what Throughline's
 * app declares; without it, it is the stock client exactly.
 */
interface Recorded {
  readonly provider: WebsocketProvider;
  readonly doc: Y.Doc;
  readonly types: number[];
  readonly refusals: string[];
  readonly roleChanges: RoleChange[];
}

function recordingClient(plan: string, token: string, options: { readsRoleChange: boolean; appInstance?: string; name?: string; appKey?: string }): Recorded {
  const types: number[] = [], refusals: string[] = [], roleChanges: RoleChange[] = [];
  class RecordingSocket extends WebSocket {
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args);
      this.on('message', (data: Buffer) => {
        const decoder = decoding.createDecoder(new Uint8Array(data));
        const type = decoding.readVarUint(decoder);
        types.push(type);
        if (type === messageType.auth) {
          decoding.readVarUint(decoder);
          refusals.push(decoding.readVarString(decoder));
        }
      });
    }
  }
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${server.wsBase}/acme`, plan, doc, {
    params: { token, ...(options.readsRoleChange ? { [readsRoleChangeParam]: '1' } : {}), ...(options.appKey === undefined ? {} : { [appKeyParam]: options.appKey }) },
    WebSocketPolyfill: RecordingSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  if (options.readsRoleChange) {
    // As the app does: take the role and token, and reconnect with that token from now on.
    takeRoleChanges(provider, roleChanges);
  }
  if (options.appInstance !== undefined) provider.awareness.setLocalState({ user: { name: options.name ?? 'Vera', colour: '#336699' }, appInstance: options.appInstance });
  return { provider, doc, types, refusals, roleChanges };
}

/** Vera's app's key (a secret of her app's) and the instance the host sees for it. */
const veraKey = 'vera-app-key-00000000000001';
const vera = instanceOfAppKey(veraKey);

/** Our app: the plan list and a plan open, its key in both URLs and its public instance announced in both. */
function app(token: string, appKey = veraKey): Recorded[] {
  return [directoryRoom, 'plan1'].map((room) => recordingClient(room, token, { readsRoleChange: true, appInstance: 'vera-app-000001', appKey }));
}

const textOf = (doc: Y.Doc) => doc.getText('t').toString();
const write = (client: Recorded, text: string) => client.doc.getText('t').insert(client.doc.getText('t').length, text);
const instanceAnnounced = (instance: string, count: number) => () => server.server.workspaces.connected('acme').filter((client) => client.instances.includes(instance)).length === count;
const instanceBound = (instance: string, count: number) => () => server.server.workspaces.connected('acme').filter((client) => client.instance === instance).length === count;

describe('the host changes a participant\'s role', () => {
  it('promotes a viewer app at once: told, handed an editor link; its refused and new writes are accepted; demoted again, refused; reconnects keep the role', async () => {
    const viewerLink = server.server.workspaces.mintLink('acme', 'viewer', 3600);
    const editorLink = server.server.workspaces.mintLink('acme', 'editor', 3600);
    const observer = stockProvider(server.wsBase, 'acme', 'plan1', editorLink.token);
    const veras = app(viewerLink.token);
    const plan = veras[1]!;
    await waitFor(() => observer.synced && veras.every((client) => client.provider.synced), 'everyone synced');
    await waitFor(instanceBound(vera, 2), 'the app bound in both rooms');

    write(plan, 'refused while a viewer;');
    await waitFor(() => plan.refusals.length === 1, 'the viewer write refused');

    const promoted = await changeRole({ role: 'editor', instance: vera });
    expect(promoted).toMatchObject({ role: 'editor', changed: 2, told: 2, previousLinkIds: [viewerLink.linkId], revokedLinkIds: [] });
    await waitFor(() => veras.every((client) => client.roleChanges.length === 1), 'both connections told');
    const handed = veras[0]!.roleChanges[0]!;
    expect(handed.role).toBe('editor');
    expect(decodeTokenPayload(handed.token)).toMatchObject({ ws: 'acme', role: 'editor' });
    expect(linkIdOf(handed.token)).toBe(promoted.personalLinkId);
    // The write refused before is uploaded on the server's new invitation; a new one flows too.
    write(plan, 'accepted as an editor;');
    await waitFor(() => textOf(observer.doc) === 'refused while a viewer;accepted as an editor;', 'both writes reach the observer');
    expect(server.server.workspaces.connected('acme').filter((client) => client.instance !== null).map((client) => [client.role, client.linkId]))
      .toEqual([['editor', promoted.personalLinkId], ['editor', promoted.personalLinkId]]);

    const demoted = await changeRole({ role: 'viewer', instance: vera });
    // Its personal editor link is revoked (nobody else has it); the shared viewer link stays.
    expect(demoted).toMatchObject({ role: 'viewer', changed: 2, told: 2, previousLinkIds: [promoted.personalLinkId], revokedLinkIds: [promoted.personalLinkId] });
    await waitFor(() => veras.every((client) => client.roleChanges.length === 2), 'told again');
    expect(veras.every((client) => client.provider.wsconnected)).toBe(true);
    write(plan, 'refused again;');
    await waitFor(() => plan.refusals.length === 2, 'the demoted write refused');
    expect(textOf(observer.doc)).toBe('refused while a viewer;accepted as an editor;');

    // Reconnecting with the token it was handed keeps it a viewer; the revoked editor link is refused.
    plan.provider.disconnect();
    plan.provider.connect();
    await waitFor(() => plan.provider.synced && plan.refusals.length === 3, 'the reconnect resent the write and it was refused');
    // Its new connection is on the personal viewer link it was handed (by the link: presence may lag).
    const viewerAgain = linkIdOf(plan.roleChanges[1]!.token);
    expect(server.server.workspaces.connected('acme').filter((client) => client.linkId === viewerAgain).map((client) => [client.plan, client.role]).sort())
      .toEqual([[directoryRoom, 'viewer'], ['plan1', 'viewer']]);
    const revoked = await RawClient.connect(`${server.wsBase}/acme/plan1?token=${encodeURIComponent(handed.token)}`).then(() => null, (error: unknown) => error);
    expect(revoked).toBeInstanceOf(UpgradeRefused);
    expect((revoked as UpgradeRefused).status).toBe(403);
    expect(textOf(observer.doc)).toBe('refused while a viewer;accepted as an editor;');
    for (const client of [...veras]) client.provider.destroy();
    observer.destroy();
  });

  it('changes a stock y-websocket client in place by its connection, never sending it a frame it cannot read', async () => {
    const viewerLink = server.server.workspaces.mintLink('acme', 'viewer', 3600);
    const observer = stockProvider(server.wsBase, 'acme', 'plan1', server.server.workspaces.mintLink('acme', 'editor', 3600).token);
    // A stock client; it even announces an app instance, but does not say it reads the role-change frame.
    const stock = recordingClient('plan1', viewerLink.token, { readsRoleChange: false, appInstance: 'stock-client-0001' });
    await waitFor(() => observer.synced && stock.provider.synced, 'synced');
    await waitFor(instanceAnnounced('stock-client-0001', 1), 'announced');
    const [connection] = server.server.workspaces.connected('acme').filter((client) => client.instances.includes('stock-client-0001'));

    write(stock, 'one;');
    await waitFor(() => stock.refusals.length === 1, 'refused as a viewer');
    expect(await changeRole({ role: 'editor', connections: [connection!.connection] })).toMatchObject({ changed: 1, told: 0, personalLinkId: null });
    write(stock, 'two;');
    await waitFor(() => textOf(observer.doc) === 'one;two;', 'its writes accepted as an editor');
    // What it announces in presence names nobody: role changes go by the app a connection is bound to.
    expect((await call(hostApiPaths.roles('acme'), { role: 'viewer', instance: 'stock-client-0001' })).status).toBe(404);
    expect(await changeRole({ role: 'viewer', connections: [connection!.connection] })).toMatchObject({ changed: 1, told: 0, personalLinkId: null, revokedLinkIds: [] });
    write(stock, 'three;');
    await waitFor(() => stock.refusals.length === 2, 'refused again');
    expect(textOf(observer.doc)).toBe('one;two;');
    expect(stock.provider.wsconnected).toBe(true);
    // Only the stock protocol's types (presence may or may not have come by now), never the role-change frame.
    const stockTypes = new Set<number>([messageType.sync, messageType.awareness, messageType.auth]);
    expect(stock.types.filter((type) => !stockTypes.has(type))).toEqual([]);
    expect(stock.types).toContain(messageType.auth);
    expect(stock.types).not.toContain(roleChangeMessageType);
    stock.provider.destroy();
    observer.destroy();
  });

  it('refuses hostile and mistaken requests with a sentence naming the problem, and changes nothing', async () => {
    const viewerLink = server.server.workspaces.mintLink('acme', 'viewer', 3600);
    const veras = app(viewerLink.token);
    const stranger = recordingClient('plan1', viewerLink.token, { readsRoleChange: true, appKey: 'another-app-key-000000000001' });
    await waitFor(instanceBound(vera, 2), 'bound');
    await waitFor(instanceBound(instanceOfAppKey('another-app-key-000000000001'), 1), 'the stranger bound');
    const [strangerConnection] = server.server.workspaces.connected('acme').filter((client) => client.instance !== vera);
    const path = hostApiPaths.roles('acme');
    const cases: [unknown, number, RegExp, { bearer?: string | null; method?: string; contentType?: string }?][] = [
      [{ role: 'editor', instance: vera }, 401, /host key/, { bearer: null }],
      [{ role: 'editor', instance: vera }, 403, /participant's join link/, { bearer: viewerLink.token }],
      [{ role: 'owner', instance: vera }, 400, /role/],
      [{ role: 'editor' }, 400, /instance, by connections, or both/],
      // The host's row lists a connection that is not the app's (reloaded list, or a forged request): nothing changes.
      [{ role: 'editor', instance: vera, connections: [strangerConnection!.connection] }, 409, new RegExp(`connection ${strangerConnection!.connection} of workspace "acme" is not of app instance ${vera}`)],
      // Presence names nobody: the instance Vera's app announces is not what binds it.
      [{ role: 'editor', instance: 'vera-app-000001' }, 404, /nobody is connected to workspace "acme" as app instance vera-app-000001/],
      [{ role: 'editor', instance: '../../etc' }, 400, /instance: an app instance is 8–64/],
      [{ role: 'editor', connections: [] }, 400, /connections/],
      [{ role: 'editor', connections: [-1, 1.5] }, 400, /connections/],
      [{ role: 'editor', instance: vera, admin: true }, 400, /admin/],
      [{ role: 'editor', instance: 'nobody-here-0001' }, 404, /nobody is connected to workspace "acme" as app instance nobody-here-0001/],
      [{ role: 'editor', connections: [999_999] }, 404, /as connection 999999/],
      ['{"role": "editor", ', 400, /not JSON/],
      [{ role: 'editor', instance: vera }, 415, /application\/json/, { contentType: 'text/plain' }],
      ['x'.repeat(9000), 413, /over 8192 bytes/],
    ];
    for (const [body, status, message, init] of cases) {
      const answer = await call(path, body, init);
      expect(answer.status, JSON.stringify(body).slice(0, 80)).toBe(status);
      expect((await answer.json() as { error: string }).error).toMatch(message);
    }
    expect((await call('/_admin/workspaces/a%20b/roles', { role: 'editor', instance: vera })).status).toBe(400);
    expect((await call(path, undefined, { method: 'GET' })).status).toBe(405);
    // Another workspace's host screen cannot reach this one's participant by its connection id.
    const [own] = server.server.workspaces.connected('acme');
    const elsewhere = await call(hostApiPaths.roles('other'), { role: 'editor', connections: [own!.connection] });
    expect(elsewhere.status).toBe(404);
    expect(server.server.workspaces.connected('acme').map((client) => [client.role, client.linkId])).toEqual([['viewer', viewerLink.linkId], ['viewer', viewerLink.linkId], ['viewer', viewerLink.linkId]]);
    expect([...veras, stranger].every((client) => client.roleChanges.length === 0)).toBe(true);
    for (const client of [...veras, stranger]) client.provider.destroy();
  });

  it('property: whatever the order of role changes, a write counts exactly when the connection is an editor, and an editor\'s copy ends up on the server', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.constantFrom('editor', 'viewer'), { minLength: 1, maxLength: 5 }), async (roles) => {
      const plan = `p${Math.random().toString(36).slice(2, 10)}`;
      const client = await RawClient.joined(`${server.wsBase}/acme/${plan}?token=${encodeURIComponent(tokenFor('acme', 'viewer'))}`);
      const [tracked] = server.server.workspaces.connected('acme').filter((entry) => entry.plan === plan);
      const onServer = async () => (await server.planOnServer(`acme/${plan}`)).getText('t').toString();
      let written = '';
      let stored = '';
      try {
        for (const [step, role] of roles.entries()) {
          server.server.workspaces.changeRole('acme', role, { connections: [tracked!.connection] });
          const refusedBefore = client.permissionDenied.length;
          const text = `${step}${role[0]};`;
          client.edit((doc) => doc.getText('t').insert(doc.getText('t').length, text));
          written += text;
          if (role === 'editor') {
            // Everything it wrote, the writes refused while it was a viewer included.
            await waitForAsync(async () => (await onServer()) === written, `the editor's writes stored after ${roles.slice(0, step + 1).join(',')}`);
            stored = written;
          } else {
            await client.until(() => client.permissionDenied.length === refusedBefore + 1, 'the viewer write refused');
            expect(await onServer()).toBe(stored);
          }
        }
        expect(client.closeInfo).toBeNull();
      } finally {
        client.close();
      }
    }), { numRuns: 12 });
  });
});

/**
 * hostfix (usercheck6's leftover): an editor's change on its way when the host makes them a viewer was
 * refused on arrival — kept only in the demoted person's copy, without a word. The app answers the
 * role-change frame once it has read it; what it sent before the answer was typed while it could edit
 * and is kept, what comes after is refused.
 */
describe('a demotion and the change already on its way', () => {
  const appUrl = (token: string, key: string, plan = 'plan1') => `${server.wsBase}/acme/${plan}?token=${encodeURIComponent(token)}&${readsRoleChangeParam}=1&${answersRoleChangeParam}=1&${appKeyParam}=${key}`;
  const roleFrames = (client: RawClient) => client.frames.filter((frame) => frame[0] === answeredRoleChangeMessageType).length;

  it('keeps an editor\'s update sent before their app read the demotion, and refuses the next one', async () => {
    const editorLink = server.server.workspaces.mintLink('acme', 'editor', 3600);
    const observer = stockProvider(server.wsBase, 'acme', 'plan1', editorLink.token);
    const ben = await RawClient.joined(appUrl(editorLink.token, veraKey));
    await waitFor(() => observer.synced, 'the observer synced');
    try {
      await changeRole({ role: 'viewer', instance: vera });
      // The host's frame is on its way to Ben's app; Ben's last keystroke is on its way to the server.
      ben.edit((doc) => doc.getText('t').insert(0, 'typed as an editor;'));
      await waitFor(() => textOf(observer.doc) === 'typed as an editor;', 'the change typed before the demotion reached the plan');
      await waitForAsync(async () => (await server.planOnServer('acme/plan1')).getText('t').toString() === 'typed as an editor;', 'and is stored');
      expect(ben.permissionDenied).toEqual([]);
      // His app reads the frame and answers: from then on he is a viewer.
      await ben.until(() => roleFrames(ben) === 1, 'the demotion told');
      ben.send(encodeRoleChangeTakenFrame());
      ben.edit((doc) => doc.getText('t').insert(doc.getText('t').length, 'typed as a viewer;'));
      await ben.until(() => ben.permissionDenied.length === 1, 'the write after the answer refused');
      expect(textOf(observer.doc)).toBe('typed as an editor;');
      expect(ben.closeInfo).toBeNull();
    } finally {
      ben.close();
      observer.destroy();
    }
  });

  it('a demoted app that never answers is a viewer after the grace; one that reconnects with its old link is a viewer at once', async () => {
    await server.stop();
    server = await startTestServer({ graceMs: 0, pingMs: 300 });
    const editorLink = server.server.workspaces.mintLink('acme', 'editor', 3600);
    const observer = stockProvider(server.wsBase, 'acme', 'plan1', editorLink.token);
    const silent = await RawClient.joined(appUrl(editorLink.token, veraKey));
    await waitFor(() => observer.synced, 'the observer synced');
    let again: RawClient | null = null;
    try {
      await changeRole({ role: 'viewer', instance: vera });
      await silent.until(() => roleFrames(silent) === 1, 'the demotion told');
      // It never answers: the grace (the keepalive interval, here 300 ms) ends and its writes are refused.
      await silent.until(() => {
        if (silent.permissionDenied.length > 0) return true;
        silent.edit((doc) => doc.getText('t').insert(doc.getText('t').length, '.'));
        return false;
      }, 'a write refused after the grace');
      expect(silent.closeInfo).toBeNull();
      // The same app's new connection with the editor link it had is a viewer from its first write.
      again = await RawClient.joined(appUrl(editorLink.token, veraKey, 'plan2'));
      again.edit((doc) => doc.getText('t').insert(0, 'from a new connection;'));
      await again.until(() => again!.permissionDenied.length === 1, 'the new connection\'s write refused');
      expect((await server.planOnServer('acme/plan2')).getText('t').toString()).toBe('');
    } finally {
      silent.close();
      again?.close();
      observer.destroy();
    }
  });
});

/**
 * review35 F3 (gracefix, thirty-first session): the grace above let a hostile app that reads the demotion
 * and never answers keep editing for the keepalive interval (10 s at the default --ping-ms), even after
 * "Make viewer and revoke the link", whose revocation closed nothing (her connection was on its new
 * personal link). These run at the default --ping-ms, so the old grace is 10 s.
 */
describe('a demotion a hostile app never answers', () => {
  const appUrl = (token: string, key: string) => `${server.wsBase}/acme/plan1?token=${encodeURIComponent(token)}&${readsRoleChangeParam}=1&${answersRoleChangeParam}=1&${appKeyParam}=${key}`;
  const roleFrames = (client: RawClient) => client.frames.filter((frame) => frame[0] === answeredRoleChangeMessageType).length;

  it('Make viewer and revoke the link: her next write is refused at once, and the others on that link are closed', async () => {
    const editorLink = server.server.workspaces.mintLink('acme', 'editor', 3600);
    const eve = await RawClient.joined(appUrl(editorLink.token, veraKey));
    // Ana shares the link Eve was sent (a stock client): the revocation closes her connection, as before.
    const ana = await RawClient.joined(`${server.wsBase}/acme/plan1?token=${encodeURIComponent(editorLink.token)}`);
    try {
      // What the host screen's "Make viewer and revoke the link" does: the role change, then the revocation.
      await changeRole({ role: 'viewer', instance: vera });
      const revoked = await call(hostApiPaths.revocations, { link: editorLink.linkId });
      expect(revoked.status).toBe(200);
      expect(await revoked.json()).toMatchObject({ revoked: true, closed: 1 });
      expect((await ana.closed()).code).toBe(4403);
      await eve.until(() => roleFrames(eve) === 1, 'the demotion told');
      // She never answers, and writes right after the host's two calls: refused, not stored.
      eve.edit((doc) => doc.getText('t').insert(0, 'after the revocation;'));
      await waitForAsync(async () => eve.permissionDenied.length > 0 || (await server.planOnServer('acme/plan1')).getText('t').length > 0, 'the write refused or stored');
      expect((await server.planOnServer('acme/plan1')).getText('t').toString()).toBe('');
      expect(eve.permissionDenied).toHaveLength(1);
      // She stays connected as a viewer on her personal link (her app reconnects with it anyway).
      expect(eve.closeInfo).toBeNull();
    } finally {
      eve.close();
      ana.close();
    }
  });

  it('a plain Make viewer: an app that never answers is a viewer within roleChangeGraceMs (2 s), not the keepalive interval (10 s)', async () => {
    const editorLink = server.server.workspaces.mintLink('acme', 'editor', 3600);
    const silent = await RawClient.joined(appUrl(editorLink.token, veraKey));
    try {
      await changeRole({ role: 'viewer', instance: vera });
      await silent.until(() => roleFrames(silent) === 1, 'the demotion told');
      const told = performance.now();
      let sent = 0;
      // A write every 100 ms until one is refused. The limit is a hang limit halfway between the bound
      // and the old grace, not a measurement: the server's timer is roleChangeGraceMs.
      await silent.until(() => {
        if (silent.permissionDenied.length > 0) return true;
        if (performance.now() - told >= sent * 100) silent.edit((doc) => doc.getText('t').insert(doc.getText('t').length, `${sent++};`));
        return false;
      }, 'a write refused before the keepalive interval', roleChangeGraceMs + 4_000);
      expect(silent.closeInfo).toBeNull();
    } finally {
      silent.close();
    }
  });
});

describe('the host\'s own app', () => {
  it('is not made a viewer from its own host screen: 409 naming why, nothing changed; another app is', async () => {
    const editorLink = server.server.workspaces.mintLink('acme', 'editor', 3600);
    const hostApp = await RawClient.joined(`${server.wsBase}/acme/${directoryRoom}?token=${encodeURIComponent(editorLink.token)}&${readsRoleChangeParam}=1&${appKeyParam}=${veraKey}`);
    try {
      const refused = await call(hostApiPaths.roles('acme'), { role: 'viewer', instance: vera, hostInstance: vera });
      expect(refused.status).toBe(409);
      expect(await refused.json()).toEqual({ error: expect.stringMatching(/^that row is your own app, the one you host from: making it a viewer would stop you changing your own workspace's plans\. Nothing was changed\./) });
      expect(server.server.workspaces.connected('acme').map((client) => client.role)).toEqual(['editor']);
      expect(hostApp.frames.filter((frame) => frame[0] === roleChangeMessageType)).toEqual([]);
      // Made an editor (it takes nothing away), or a viewer from another app's host screen: done.
      expect((await call(hostApiPaths.roles('acme'), { role: 'editor', instance: vera, hostInstance: vera })).status).toBe(200);
      expect((await call(hostApiPaths.roles('acme'), { role: 'viewer', instance: vera, hostInstance: instanceOfAppKey('another-app-key-000000000001') })).status).toBe(200);
      expect(server.server.workspaces.connected('acme').map((client) => client.role)).toEqual(['viewer']);
    } finally {
      hostApp.close();
    }
  });
});
