/**
 * Role changes reach the app a connection is bound to at its upgrade (the secret app key in its room
 * URL), never whoever announces something in presence (review31 findings 1, 3, 4, 5, 6). A real server
 * on a loopback port; the "app" is the stock y-websocket client declaring what Throughline's app
 * declares (`readsRoleChange=1`, `appKey`) and taking the role-change frame as PlanSync does.
 */
import * as encoding from 'lib0/encoding';
import { afterEach, describe, expect, it } from 'vitest';
import { WebsocketProvider } from 'y-websocket';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import { messageType } from '../../shared/sync/protocol.js';
import { appKeyParam, readsRoleChangeParam, type RoleChange } from '../../shared/sync/role-change.js';
import { decodeTokenPayload } from '../../shared/sync/token.js';
import { directoryRoom } from '../../shared/workspace/directory.js';
import { hostApiPaths, revokeAnswerSchema, roleChangeAnswerSchema, workspaceViewSchema, type RevokeAnswer } from '../../shared/workspace/host-api.js';
import { groupConnections, type ConnectedDevice } from '../../renderer/src/host/host-view.js';
import { adminKeyFor } from '../../sync-server/workspace/admin-http.js';
import { linkIdOf } from '../../sync-server/workspace/link-id.js';
import { instanceOfAppKey } from '../../sync-server/workspace/workspace-host.js';
import { refusalRecordingProvider, refusalRecordingSocket, stockProvider, takeRoleChanges } from './support/providers.js';
import type { UpgradeRefused } from './support/raw-client.js';
import { RawClient } from './support/raw-client.js';
import { startTestServer, testSecret, waitFor, waitForAsync, type TestServer } from './support/test-server.js';

let server: TestServer;
afterEach(async () => { await server.stop(); });
const hostKey = adminKeyFor(testSecret);

async function host(path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const answer = await fetch(new URL(path, server.server.url), {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${hostKey}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: answer.status, json: await answer.json() as unknown };
}
const rows = async (): Promise<ConnectedDevice[]> => groupConnections(workspaceViewSchema.parse((await host(hostApiPaths.workspace('acme'))).json));

/** What HostPanel sends for a row: its bound instance and its connections (or the connections alone). */
async function changeRow(row: ConnectedDevice, role: 'editor' | 'viewer') {
  const body = row.instance !== null ? { role, instance: row.instance, connections: row.connectionIds } : { role, connections: row.connectionIds };
  const answer = await host(hostApiPaths.roles('acme'), body);
  expect(answer.status, JSON.stringify(answer.json)).toBe(200);
  return roleChangeAnswerSchema.parse(answer.json);
}
const revoke = async (link: string): Promise<RevokeAnswer> => revokeAnswerSchema.parse((await host(hostApiPaths.revocations, { link })).json);

interface AppRoom { provider: WebsocketProvider; doc: Y.Doc; roleChanges: RoleChange[]; refusals: string[]; closes: { code: number; reason: string }[] }

/** One room of an app (its key in the URL unless `appKey` is null), taking role changes as PlanSync does. */
function appRoom(plan: string, token: string, appKey: string | null, presence: Record<string, unknown> | null): AppRoom {
  const roleChanges: RoleChange[] = [], refusals: string[] = [], closes: { code: number; reason: string }[] = [];
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${server.wsBase}/acme`, plan, doc, {
    params: { token, [readsRoleChangeParam]: '1', ...(appKey === null ? {} : { [appKeyParam]: appKey }) },
    WebSocketPolyfill: refusalRecordingSocket(refusals), disableBc: true,
  });
  takeRoleChanges(provider, roleChanges);
  provider.on('connection-close', (event) => { if (event) closes.push({ code: event.code, reason: event.reason }); });
  provider.awareness.setLocalState(presence);
  return { provider, doc, roleChanges, refusals, closes };
}
const write = (room: { doc: Y.Doc }, text: string) => room.doc.getText('t').insert(room.doc.getText('t').length, text);
const textOf = (doc: Y.Doc) => doc.getText('t').toString();
const connectedBy = (instance: string) => server.server.workspaces.connected('acme').filter((client) => client.instance === instance);

const anaKey = 'ana-secret-app-key-000000001';
const malloryKey = 'mallory-secret-app-key-00001';
const eveKey = 'eve-secret-app-key-000000001';

describe('a role change reaches the app the host clicked, bound at the upgrade, never whoever copies its presence', () => {
  it('a viewer copying Ana\'s presence (instance and name) is not in her row, not promoted with her, and not handed her link; the link lasts as long as Ana\'s own', async () => {
    server = await startTestServer({ graceMs: 0 });
    const anaLink = server.server.workspaces.mintLink('acme', 'viewer', 3600);
    const malloryLink = server.server.workspaces.mintLink('acme', 'viewer', 366 * 86_400);
    const observer = stockProvider(server.wsBase, 'acme', 'plan1', server.server.workspaces.mintLink('acme', 'editor', 3600).token);
    const ana = appRoom('plan1', anaLink.token, anaKey, { user: { name: 'Ana', colour: '#123456' }, appInstance: 'ana-instance-0001' });
    const mallory = appRoom('plan1', malloryLink.token, malloryKey, null);
    await waitFor(() => observer.synced && ana.provider.synced && mallory.provider.synced, 'synced');
    await waitFor(() => [...mallory.provider.awareness.getStates().values()].some((state) => (state as { appInstance?: string }).appInstance === 'ana-instance-0001'), 'Mallory sees Ana\'s presence');
    const copied = [...mallory.provider.awareness.getStates().values()].find((state) => (state as { appInstance?: string }).appInstance === 'ana-instance-0001')!;
    mallory.provider.awareness.setLocalState({ ...copied });
    await waitFor(() => server.server.workspaces.connected('acme').filter((client) => client.names.includes('Ana')).length === 2, 'both announce Ana');

    const listed = await rows();
    const anaRow = listed.find((row) => row.instance === instanceOfAppKey(anaKey))!;
    const malloryRow = listed.find((row) => row.instance === instanceOfAppKey(malloryKey))!;
    expect(anaRow.connectionIds).toHaveLength(1);
    expect(malloryRow.connectionIds).toHaveLength(1);
    expect(anaRow.connectionIds).not.toEqual(malloryRow.connectionIds);

    // A request naming Ana's app with Mallory's connection (a forged or stale row) changes nothing.
    const mixed = await host(hostApiPaths.roles('acme'), { role: 'editor', instance: anaRow.instance, connections: [...anaRow.connectionIds, ...malloryRow.connectionIds] });
    expect(mixed.status).toBe(409);
    expect(server.server.workspaces.connected('acme').filter((client) => client.linkId !== anaLink.linkId && client.linkId !== malloryLink.linkId)).toHaveLength(1);

    const outcome = await changeRow(anaRow, 'editor');
    expect(outcome).toMatchObject({ role: 'editor', changed: 1, told: 1, previousLinkIds: [anaLink.linkId] });
    await waitFor(() => ana.roleChanges.length === 1, 'Ana told');
    // Her personal link ends when the link she joined with does, not a year later.
    expect(decodeTokenPayload(ana.roleChanges[0]!.token).exp).toBeLessThanOrEqual(anaLink.expiresAt);
    write(mallory, 'mallory;');
    await waitFor(() => mallory.refusals.length === 1, 'Mallory\'s write refused');
    write(ana, 'ana;');
    await waitFor(() => textOf(observer.doc) === 'ana;', 'Ana\'s write reaches everyone');
    expect(mallory.roleChanges).toEqual([]);
    expect(connectedBy(instanceOfAppKey(malloryKey)).map((client) => [client.role, client.linkId])).toEqual([['viewer', malloryLink.linkId]]);
    for (const provider of [ana.provider, mallory.provider, observer]) provider.destroy();
  });

  it('re-sending Ana\'s presence client id with a higher clock does not take it over: her row keeps her name, Make editor promotes Ana only', async () => {
    server = await startTestServer({ graceMs: 0 });
    const anaLink = server.server.workspaces.mintLink('acme', 'viewer', 3600);
    const malloryLink = server.server.workspaces.mintLink('acme', 'viewer', 3600);
    const ana = appRoom('plan1', anaLink.token, anaKey, { user: { name: 'Ana' }, appInstance: 'ana-instance-0001' });
    const mallory = appRoom('plan1', malloryLink.token, malloryKey, null);
    await waitFor(() => ana.provider.synced && mallory.provider.synced && mallory.provider.awareness.getStates().has(ana.doc.clientID), 'Mallory sees Ana');
    const anaClient = ana.doc.clientID;
    mallory.provider.awareness.meta.set(anaClient, { clock: 2 ** 30, lastUpdated: Date.now() });
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, messageType.awareness);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(mallory.provider.awareness, [anaClient]));
    mallory.provider.ws!.send(encoding.toUint8Array(encoder));
    // Ana renews her presence as the app does: it still counts.
    ana.provider.awareness.setLocalState({ user: { name: 'Ana' }, appInstance: 'ana-instance-0001', cursor: 1 });
    await waitFor(() => (server.server.rooms.loaded('acme/plan1')?.awareness.getStates().get(anaClient) as { cursor?: number } | undefined)?.cursor === 1, 'Ana\'s renewal applied');
    // Mallory sent her copy before Ana's renewal: whatever the order, the id stays Ana's.
    const byInstance = new Map(server.server.workspaces.connected('acme').map((client) => [client.instance, client.names]));
    expect(byInstance.get(instanceOfAppKey(anaKey))).toEqual(['Ana']);
    expect(byInstance.get(instanceOfAppKey(malloryKey))).toEqual([]);
    const anaRow = (await rows()).find((row) => row.names.includes('Ana'))!;
    expect(anaRow.instance).toBe(instanceOfAppKey(anaKey));
    expect(await changeRow(anaRow, 'editor')).toMatchObject({ changed: 1, told: 1 });
    await waitFor(() => ana.roleChanges.length === 1, 'Ana told');
    expect(mallory.roleChanges).toEqual([]);
    ana.provider.destroy();
    mallory.provider.destroy();
  });
});

describe('a role change reaches every connection of the app, announced or not', () => {
  it('a demotion on the row the host saw reaches the app\'s plan that connected since without presence, and a connection opened afterwards with the old link', async () => {
    server = await startTestServer({ graceMs: 0 });
    const editorLink = server.server.workspaces.mintLink('acme', 'editor', 3600);
    const observer = stockProvider(server.wsBase, 'acme', 'plan1', server.server.workspaces.mintLink('acme', 'editor', 3600).token);
    const list = appRoom(directoryRoom, editorLink.token, eveKey, { user: { name: 'Eve', colour: '#123456' }, appInstance: 'eve-instance-0001' });
    await waitFor(() => list.provider.synced && observer.synced, 'synced');
    const seen = (await rows()).find((row) => row.instance === instanceOfAppKey(eveKey))!;
    expect(seen.connections).toBe(1);
    // The app opens plan1 after the host's list was read; it has not announced presence.
    const plan = appRoom('plan1', editorLink.token, eveKey, null);
    await waitFor(() => plan.provider.synced, 'plan synced');

    const outcome = await changeRow(seen, 'viewer');
    expect(outcome).toMatchObject({ role: 'viewer', changed: 2, told: 2 });
    await waitFor(() => list.roleChanges.length === 1 && plan.roleChanges.length === 1, 'both told');
    write(plan, 'after the demotion;');
    await waitFor(() => plan.refusals.length === 1, 'refused');
    // A connection of the app opening now with the editor link it had (an upgrade on its way when the
    // host clicked) is admitted as a viewer and handed the personal link too.
    const late = appRoom('plan2', editorLink.token, eveKey, null);
    await waitFor(() => late.provider.synced && late.roleChanges.length === 1, 'the late connection told');
    write(late, 'late;');
    await waitFor(() => late.refusals.length === 1, 'the late write refused');
    expect(connectedBy(instanceOfAppKey(eveKey)).map((client) => client.role)).toEqual(['viewer', 'viewer', 'viewer']);
    expect(textOf(observer.doc)).toBe('');
    for (const provider of [list.provider, plan.provider, late.provider, observer]) provider.destroy();
  });

  it('demoting an app promoted earlier tells its plan on the old personal link (not announced yet) instead of closing it as revoked', async () => {
    server = await startTestServer({ graceMs: 0 });
    const viewer = server.server.workspaces.mintLink('acme', 'viewer', 3600);
    const list = appRoom(directoryRoom, viewer.token, eveKey, { user: { name: 'Vera' }, appInstance: 'vera-app-000001' });
    await waitFor(() => list.provider.synced, 'synced');
    const [row] = await rows();
    await changeRow(row!, 'editor');
    await waitFor(() => list.roleChanges.length === 1, 'promoted');
    const plan = appRoom('plan1', list.roleChanges[0]!.token, eveKey, null);
    await waitFor(() => plan.provider.synced, 'plan synced');
    const demoted = await changeRow(row!, 'viewer');
    expect(demoted).toMatchObject({ changed: 2, told: 2, revokedLinkIds: [linkIdOf(list.roleChanges[0]!.token)] });
    await waitFor(() => plan.roleChanges.length === 1, 'the plan told');
    expect(plan.closes).toEqual([]);
    expect(plan.roleChanges[0]!.role).toBe('viewer');
    list.provider.destroy();
    plan.provider.destroy();
  });
});

describe('revoking "the link they joined with" revokes that link, whatever personal link they hold now', () => {
  it('Make viewer, Make editor, then Make viewer and revoke: the shared editor link Eve joined with is revoked and refused; the answer says revoked', async () => {
    server = await startTestServer({ graceMs: 0 });
    const shared = server.server.workspaces.mintLink('acme', 'editor', 8 * 3600);
    const eve = appRoom('plan1', shared.token, eveKey, { user: { name: 'Eve' }, appInstance: 'eve-instance-0001' });
    await waitFor(() => eve.provider.synced, 'synced');
    const row = async () => (await rows()).find((candidate) => candidate.instance === instanceOfAppKey(eveKey))!;
    await changeRow(await row(), 'viewer');
    await changeRow(await row(), 'editor');
    await waitFor(() => eve.roleChanges.length === 2, 'told twice');
    const before = await row();
    expect(before.linkId).not.toBe(shared.linkId);
    expect(before.joinedWithLinkIds).toEqual([shared.linkId]);
    await changeRow(before, 'viewer');
    // HostPanel's "Make viewer and revoke the link": the row's joined-with link(s).
    const answers = await Promise.all(before.joinedWithLinkIds.map(revoke));
    expect(answers).toEqual([{ linkId: shared.linkId, revoked: true, closed: 0, known: true }]);
    const again = await RawClient.connect(`${server.wsBase}/acme/plan1?token=${encodeURIComponent(shared.token)}`).then(() => null, (error: unknown) => error);
    expect((again as UpgradeRefused).status).toBe(403);
    // Eve stays, a viewer, on her personal viewer link.
    expect(eve.closes).toEqual([]);
    expect(connectedBy(instanceOfAppKey(eveKey)).map((client) => [client.role, client.joinedWithLinkIds])).toEqual([['viewer', [shared.linkId]]]);
    eve.provider.destroy();
  });

  it('a reconnect with the personal link is still listed with the link it joined with; "Revoke…" revokes both and disconnects it', async () => {
    server = await startTestServer({ graceMs: 0 });
    const shared = server.server.workspaces.mintLink('acme', 'editor', 3600);
    const eve = appRoom('plan1', shared.token, eveKey, { user: { name: 'Eve' }, appInstance: 'eve-instance-0001' });
    await waitFor(() => eve.provider.synced, 'synced');
    await changeRow((await rows())[0]!, 'viewer');
    await waitFor(() => eve.roleChanges.length === 1, 'told');
    // A new tab of the same browser: a new app, with the stored personal link.
    const tab = appRoom(directoryRoom, eve.roleChanges[0]!.token, 'eve-second-tab-key-000000001', null);
    await waitFor(() => tab.provider.synced, 'second tab synced');
    const tabRow = (await rows()).find((row) => row.instance === instanceOfAppKey('eve-second-tab-key-000000001'))!;
    expect(tabRow.joinedWithLinkIds).toEqual([shared.linkId]);
    const answers = await Promise.all([...new Set([...tabRow.joinedWithLinkIds, ...tabRow.linkIds])].map(revoke));
    expect(answers.map((answer) => [answer.linkId, answer.revoked])).toEqual([[shared.linkId, true], [linkIdOf(eve.roleChanges[0]!.token), true]]);
    await waitFor(() => eve.closes.length > 0 && tab.closes.length > 0, 'both closed');
    expect([eve.closes[0]!.code, tab.closes[0]!.code]).toEqual([4403, 4403]);
    eve.provider.destroy();
    tab.provider.destroy();
  });
});

describe('a stock client promoted in place', () => {
  it('uploads refused edits larger than --max-message-bytes on the server\'s invitation, and stays an editor', async () => {
    server = await startTestServer({ graceMs: 0, maxMessageBytes: 4096 });
    const viewer = server.server.workspaces.mintLink('acme', 'viewer', 3600);
    const observer = stockProvider(server.wsBase, 'acme', 'plan1', server.server.workspaces.mintLink('acme', 'editor', 3600).token);
    const stock = refusalRecordingProvider(server.wsBase, 'acme', 'plan1', viewer.token);
    const closes: number[] = [];
    stock.provider.on('connection-close', (event) => { if (event) closes.push(event.code); });
    await waitFor(() => observer.synced && stock.provider.synced, 'synced');
    for (let n = 0; n < 10; n++) stock.provider.doc.getText('t').insert(0, String(n).repeat(1000));
    await waitFor(() => stock.refusals.length === 10, 'refused');
    const [connection] = server.server.workspaces.connected('acme').filter((client) => client.linkId === viewer.linkId);
    const promoted = await host(hostApiPaths.roles('acme'), { role: 'editor', connections: [connection!.connection] });
    expect(promoted.json).toMatchObject({ changed: 1, told: 0 });
    await waitForAsync(async () => (await server.planOnServer('acme/plan1')).getText('t').length === 10_000, 'the refused edits stored');
    await waitFor(() => observer.doc.getText('t').length === 10_000, 'and relayed');
    expect(closes).toEqual([]);
    expect(server.server.workspaces.connected('acme').filter((client) => client.linkId === viewer.linkId).map((client) => client.role)).toEqual(['editor']);
    stock.provider.destroy();
    observer.destroy();
  });
});
