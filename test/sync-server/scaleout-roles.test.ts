/**
 * Role changes and revocations in Redis + PostgreSQL mode (review31 finding 2): instances behind a load
 * balancer (here: ports), each with its own data folder as separate machines have. A participant's
 * connections spread over them; the host's calls reach one instance.
 */
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import pg from 'pg';
import { pino, type Logger } from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { answeredRoleChangeMessageType, answersRoleChangeParam, appKeyParam, encodeRoleChangeTakenFrame, readsRoleChangeParam, type RoleChange } from '../../shared/sync/role-change.js';
import { instanceOfAppKey } from '../../sync-server/workspace/workspace-host.js';
import { directoryRoom } from '../../shared/workspace/directory.js';
import { hostApiPaths, roleChangeAnswerSchema, workspaceViewSchema } from '../../shared/workspace/host-api.js';
import { TokenAuthority } from '../../sync-server/auth.js';
import { RedisKeys } from '../../sync-server/scaleout/redis-keys.js';
import { adminKeyFor } from '../../sync-server/workspace/admin-http.js';
import { writeRevocation } from '../../sync-server/workspace/revocations.js';
import { rememberMintedLink } from '../../sync-server/workspace/minted-links.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { linkIdOf, newLinkNonce } from '../../sync-server/workspace/link-id.js';
import { RawClient, UpgradeRefused } from './support/raw-client.js';
import { refusalRecordingSocket, stockProvider, takeRoleChanges } from './support/providers.js';
import { freshNamespace, startScaleoutInstance, stopAll, type ScaleoutInstance } from './support/scaleout-instances.js';
import { sharedScaleoutServices, type SharedScaleoutServices } from './support/shared-services.js';
import { testSecret, waitFor } from './support/test-server.js';

let services: SharedScaleoutServices;
beforeAll(() => { services = sharedScaleoutServices(); });
const hostKey = adminKeyFor(testSecret);

/** A logger whose lines the test reads (the server's and the access bus's). */
function recordingLogger(): { log: Logger; lines: () => { level: number; msg: string }[] } {
  const lines: { level: number; msg: string }[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as { level: number; msg: string });
      done();
    },
  });
  return { log: pino({ level: 'info' }, sink), lines: () => lines };
}

function start(namespace: string, log?: Logger): Promise<ScaleoutInstance> {
  return startScaleoutInstance({ redisUrl: services.redis.url, postgresUrl: services.postgres.url }, namespace, { graceMs: 0 }, log === undefined ? {} : { log });
}

/**
 * One room of a client, recording what the server sends it. With `appInstance` it is what Throughline's
 * app is to the server (declares `readsRoleChange=1`, announces its instance in presence, takes the token
 * of a role change for its reconnects); without, the stock y-websocket client exactly.
 */
interface Client {
  readonly provider: WebsocketProvider;
  readonly doc: Y.Doc;
  readonly refusals: string[];
  readonly roleChanges: RoleChange[];
  readonly closes: number[];
}

function client(wsBase: string, plan: string, token: string, appInstance?: string): Client {
  const refusals: string[] = [], roleChanges: RoleChange[] = [], closes: number[] = [];
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${wsBase}/acme`, plan, doc, {
    // The app binds its connections with its secret key (rolesfix); presence only names it.
    params: { token, ...(appInstance === undefined ? {} : { [readsRoleChangeParam]: '1', [appKeyParam]: eveKey }) },
    WebSocketPolyfill: refusalRecordingSocket(refusals, closes),
    disableBc: true,
  });
  if (appInstance !== undefined) {
    takeRoleChanges(provider, roleChanges);
    provider.awareness.setLocalState({ user: { name: 'Eve', colour: '#123456' }, appInstance });
  }
  return { provider, doc, refusals, roleChanges, closes };
}

async function hostCall(instance: ScaleoutInstance, path: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const answer = await fetch(new URL(path, instance.server.url), { method: 'POST', headers: { authorization: `Bearer ${hostKey}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: answer.status, json: await answer.json() as unknown };
}

/** What a new join with `token` gets from `instance`: admitted, or the HTTP refusal. */
async function join(instance: ScaleoutInstance, token: string): Promise<string> {
  return RawClient.connect(`${instance.wsBase}/acme/plan1?token=${encodeURIComponent(token)}`).then(
    (raw) => { raw.close(); return 'admitted'; },
    (error: unknown) => (error instanceof UpgradeRefused ? `refused ${error.status}` : String(error)));
}

/** Eve's app: the secret key its connections carry, and the instance the server binds them to. */
const eveKey = 'eve-app-key-0001-secret-abcdefgh';
const eve = instanceOfAppKey(eveKey);

const roleOn = (instance: ScaleoutInstance, plan: string) => instance.server.workspaces.connected('acme').filter((c) => c.plan === plan && c.instance === eve).map((c) => c.role);

describe('role changes and revocations reach every instance (Redis + PostgreSQL)', () => {
  it('"Make viewer and revoke the link" through A: her plan on B is demoted and told, her stock client on B is closed, and A, B and an instance started afterwards refuse the link', async () => {
    const namespace = freshNamespace();
    const a = await start(namespace);
    const b = await start(namespace);
    const started = [a, b];
    try {
      const editorLink = a.server.workspaces.mintLink('acme', 'editor', 3600);
      const observer = stockProvider(a.wsBase, 'acme', 'plan1', a.server.workspaces.mintLink('acme', 'editor', 3600).token);
      // The load balancer put Eve's plan list on A and her plan on B; she also has a stock client open on B.
      const list = client(a.wsBase, directoryRoom, editorLink.token, 'eve-instance-0001');
      const plan = client(b.wsBase, 'plan1', editorLink.token, 'eve-instance-0001');
      const stock = client(b.wsBase, 'plan1', editorLink.token);
      await waitFor(() => observer.synced && list.provider.synced && plan.provider.synced && stock.provider.synced, 'everyone synced', 20_000);
      await waitFor(() => roleOn(a, directoryRoom).length === 1 && roleOn(b, 'plan1').length === 1, 'Eve announced on A and on B');

      // The host's list through A is A's: it says so, and her plan on B is not in it.
      const view = workspaceViewSchema.parse(await (await fetch(new URL(hostApiPaths.workspace('acme'), a.server.url), { headers: { authorization: `Bearer ${hostKey}` } })).json());
      expect(view.listedBy).toEqual({ instance: a.backend.instance });
      expect(view.connected.filter((c) => c.instance === eve).map((c) => c.plan)).toEqual([directoryRoom]);

      const changed = await hostCall(a, hostApiPaths.roles('acme'), { role: 'viewer', instance: eve });
      expect(changed.status).toBe(200);
      const answer = roleChangeAnswerSchema.parse(changed.json);
      // Her plan on B is told with the same personal viewer link as her list on A, and is a viewer there.
      await waitFor(() => plan.roleChanges.length === 1 && list.roleChanges.length === 1, 'her plan on B and her list on A told of the demotion');
      expect(list.roleChanges).toEqual([{ role: 'viewer', token: expect.any(String) }]);
      expect(plan.roleChanges).toEqual(list.roleChanges);
      expect(roleOn(b, 'plan1')).toEqual(['viewer']);
      expect(b.server.workspaces.connected('acme').find((c) => c.instance === eve)?.linkId).toBe(answer.personalLinkId);

      const revoked = await hostCall(a, '/_admin/revocations', { link: editorLink.linkId });
      expect(revoked).toEqual({ status: 200, json: { linkId: editorLink.linkId, revoked: true, closed: 0, known: true } });
      // B closes its own connection on the revoked link, as A would.
      await waitFor(() => stock.closes.includes(4403), 'her stock client on B closed as revoked');
      expect(await join(a, editorLink.token)).toBe('refused 403');
      expect(await join(b, editorLink.token)).toBe('refused 403');
      // An instance started after the revocation (its own, empty data folder) reads it from PostgreSQL.
      const c = await start(namespace);
      started.push(c);
      expect(await join(c, editorLink.token)).toBe('refused 403');
      // Her personal viewer link still opens plans, as a viewer, on any instance.
      expect(await join(c, plan.roleChanges[0]!.token)).toBe('admitted');

      // Her write on B after the demotion is refused and not stored (read back through C).
      plan.doc.getText('t').insert(0, 'Eve, demoted, writes through B;');
      await waitFor(() => plan.refusals.length > 0, 'her write refused on B');
      expect((await c.planOnServer('acme/plan1')).getText('t').toString()).not.toContain('Eve');
      for (const p of [observer, list.provider, plan.provider, stock.provider]) p.destroy();
    } finally {
      await stopAll(started);
    }
  });

  it('a demotion through B revokes the personal editor link handed through A, which her app used only later on B', async () => {
    const namespace = freshNamespace();
    const a = await start(namespace);
    const b = await start(namespace);
    try {
      const viewerLink = a.server.workspaces.mintLink('acme', 'viewer', 3600);
      const list = client(a.wsBase, directoryRoom, viewerLink.token, 'eve-instance-0001');
      await waitFor(() => list.provider.synced && roleOn(a, directoryRoom).length === 1, 'her list on A');
      expect((await hostCall(a, hostApiPaths.roles('acme'), { role: 'editor', instance: eve })).status).toBe(200);
      await waitFor(() => list.roleChanges.length === 1, 'her list told');
      const editorToken = list.roleChanges[0]!.token;
      // Later she opens plan1 with the personal editor link, and the load balancer puts it on B; her list closes.
      const plan = client(b.wsBase, 'plan1', editorToken, 'eve-instance-0001');
      await waitFor(() => plan.provider.synced && roleOn(b, 'plan1').length === 1, 'her plan on B');
      list.provider.destroy();
      // The host, whose screen now reaches B, demotes her there.
      const demoted = roleChangeAnswerSchema.parse((await hostCall(b, hostApiPaths.roles('acme'), { role: 'viewer', instance: eve })).json);
      expect(demoted).toMatchObject({ role: 'viewer', changed: 1, told: 1 });
      await waitFor(() => plan.roleChanges.length === 1, 'her plan on B told');
      expect(plan.roleChanges.map((change) => change.role)).toEqual(['viewer']);
      // The personal editor link is refused everywhere once B's revocation reached A.
      const probe = client(a.wsBase, 'plan2', editorToken);
      await waitFor(() => probe.closes.length > 0, 'a connection with the old personal link refused or closed on A');
      expect(await join(a, editorToken)).toBe('refused 403');
      expect(await join(b, editorToken)).toBe('refused 403');
      for (const p of [plan.provider, probe.provider]) p.destroy();
    } finally {
      await stopAll([a, b]);
    }
  });

  it('a demotion through A keeps the change her app on B sent before it read it, and refuses the next (hostfix: as on one server)', async () => {
    const namespace = freshNamespace();
    const a = await start(namespace);
    const b = await start(namespace);
    const observer = stockProvider(a.wsBase, 'acme', 'plan1', a.server.workspaces.mintLink('acme', 'editor', 3600).token);
    const editorLink = a.server.workspaces.mintLink('acme', 'editor', 3600);
    // Her plan list on A (the host's row there), her plan on B.
    const eveRoom = (instance: ScaleoutInstance, room: string) => RawClient.joined(`${instance.wsBase}/acme/${room}?token=${encodeURIComponent(editorLink.token)}&${readsRoleChangeParam}=1&${answersRoleChangeParam}=1&${appKeyParam}=${eveKey}`);
    const list = await eveRoom(a, directoryRoom);
    const plan = await eveRoom(b, 'plan1');
    try {
      await waitFor(() => observer.synced && roleOn(a, directoryRoom).length === 1 && roleOn(b, 'plan1').length === 1, 'everyone synced, Eve bound on A and B', 20_000);
      expect((await hostCall(a, hostApiPaths.roles('acme'), { role: 'viewer', instance: eve })).status).toBe(200);
      // B has applied the change and told her app; the app has not read it yet and sends a change.
      await plan.until(() => plan.frames.some((frame) => frame[0] === answeredRoleChangeMessageType), 'her plan on B told');
      plan.edit((doc) => doc.getText('t').insert(0, 'typed as an editor;'));
      await waitFor(() => observer.doc.getText('t').toString() === 'typed as an editor;', 'the change on its way reached A', 20_000);
      expect(plan.permissionDenied).toEqual([]);
      plan.send(encodeRoleChangeTakenFrame());
      plan.edit((doc) => doc.getText('t').insert(doc.getText('t').length, 'typed as a viewer;'));
      await plan.until(() => plan.permissionDenied.length === 1, 'the write after her answer refused on B');
      expect(observer.doc.getText('t').toString()).toBe('typed as an editor;');
    } finally {
      list.close();
      plan.close();
      observer.destroy();
      await stopAll([a, b]);
    }
  });

  it('a restarted instance still refuses a link revoked while it was down', async () => {
    const namespace = freshNamespace();
    const a = await start(namespace);
    let b = await start(namespace);
    try {
      const link = a.server.workspaces.mintLink('acme', 'editor', 3600);
      expect(await join(b, link.token)).toBe('admitted');
      await b.stop();
      expect(a.server.workspaces.revoke(link.linkId)).toMatchObject({ revoked: true });
      b = await start(namespace);
      expect(await join(b, link.token)).toBe('refused 403');
      // Revoking it again through the restarted instance is not a new revocation.
      expect(b.server.workspaces.revoke(link.linkId)).toMatchObject({ revoked: false });
    } finally {
      await stopAll([a, b]);
    }
  });

  it('a revocation whose Redis message was lost is found in PostgreSQL; one the CLI writes into one instance\'s data folder reaches the others', async () => {
    const namespace = freshNamespace();
    const a = await start(namespace);
    const b = await start(namespace);
    const sql = new pg.Client({ connectionString: services.postgres.url });
    await sql.connect();
    try {
      const lost = a.server.workspaces.mintLink('acme', 'editor', 3600);
      const byCli = a.server.workspaces.mintLink('acme', 'editor', 3600);
      const onLost = client(b.wsBase, 'plan1', lost.token);
      const onCli = client(b.wsBase, 'plan2', byCli.token);
      await waitFor(() => onLost.provider.synced && onCli.provider.synced, 'both connected to B');
      // As if an instance stored it and died before publishing (or Redis dropped the message).
      const now = Math.floor(Date.now() / 1000);
      await sql.query('INSERT INTO throughline_revocations (namespace, link_id, revoked_at, expires_at) VALUES ($1, $2, $3, $4)', [namespace, lost.linkId, now, lost.expiresAt]);
      await waitFor(() => onLost.closes.includes(4403), 'B found it in PostgreSQL and closed the connection');
      // `throughline-sync revoke --data <A's folder>`: A picks the file up and shares it.
      writeRevocation(a.dataDir, { id: byCli.linkId, at: now, exp: byCli.expiresAt }, now);
      await waitFor(() => onCli.closes.includes(4403), 'B closed the connection on the link revoked in A\'s folder');
      expect(await join(b, byCli.token)).toBe('refused 403');
      for (const p of [onLost.provider, onCli.provider]) p.destroy();
    } finally {
      await sql.end();
      await stopAll([a, b]);
    }
  });

  it('ignores, with a log line, messages on the access channel that are not ours, and changes nothing', async () => {
    const namespace = freshNamespace();
    const recorded = recordingLogger();
    const a = await start(namespace);
    const b = await start(namespace, recorded.log);
    const raw = new Redis(services.redis.url);
    try {
      const viewerLink = a.server.workspaces.mintLink('acme', 'viewer', 3600);
      const editorLink = a.server.workspaces.mintLink('acme', 'editor', 3600);
      const plan = client(b.wsBase, 'plan1', viewerLink.token, 'eve-instance-0001');
      await waitFor(() => plan.provider.synced && roleOn(b, 'plan1').length === 1, 'Eve on B');
      const channel = new RedisKeys(namespace, 16).accessChannel;
      const forged = new TokenAuthority(Buffer.alloc(32, 1)).issue('acme', 'editor', 3600, Math.floor(Date.now() / 1000));
      const hostile = [
        'not json {',
        JSON.stringify({ kind: 'revoked', from: 'x', links: [{ id: 'not-a-link-id', at: 1, exp: 0 }] }),
        JSON.stringify({ kind: 'revoked', from: 'x', links: [{ id: editorLink.linkId, at: 1, exp: 0 }], extra: 1 }),
        JSON.stringify({ kind: 'role', from: 'x', workspace: 'acme', role: 'editor', instance: eve, token: forged }),
        JSON.stringify({ kind: 'role', from: 'x', workspace: 'acme', role: 'editor', instance: eve, token: viewerLink.token }),
        JSON.stringify({ kind: 'role', from: 'x', workspace: '../etc', role: 'editor', instance: eve, token: null }),
        JSON.stringify({ kind: 'nothing' }),
        'x'.repeat(70_000),
      ];
      for (const message of hostile) await raw.publish(channel, message);
      // A real revocation published after them: once B closes its connection on that link, B has read them all.
      const later = a.server.workspaces.mintLink('acme', 'editor', 3600);
      const onLater = client(b.wsBase, 'plan2', later.token);
      await waitFor(() => onLater.provider.synced, 'a connection on the later link');
      a.server.workspaces.revoke(later.linkId);
      await waitFor(() => onLater.closes.includes(4403), 'B closed the later link\'s connection');
      onLater.provider.destroy();
      expect(await join(b, later.token)).toBe('refused 403');
      const ignored = recorded.lines().filter((line) => line.msg.startsWith('ignored'));
      expect(ignored).toHaveLength(hostile.length);
      expect(ignored.every((line) => line.level === 40)).toBe(true);
      expect(ignored.map((line) => line.msg)).toEqual(expect.arrayContaining([
        'ignored a message on the access channel that is not JSON',
        'ignored a message on the access channel that is not a revocation or a role change',
        'ignored a role change whose personal link this deployment did not sign',
        'ignored an oversized message on the access channel',
      ]));
      // Nothing changed: Eve is still a viewer on B and was told nothing; the editor link still opens plans.
      expect(roleOn(b, 'plan1')).toEqual(['viewer']);
      expect(plan.roleChanges).toEqual([]);
      expect(await join(b, editorLink.token)).toBe('admitted');
      plan.provider.destroy();
    } finally {
      raw.disconnect();
      await stopAll([a, b]);
    }
  });

  // hostfix left: a link minted through one instance answered `known: null` when revoked through another
  // (the list of minted links was the data folder's). host36: every instance notes what it mints in PostgreSQL.
  it('a link minted through A is known when revoked through B; a typo through B is not; a folder\'s own links are shared at start (host36)', async () => {
    const namespace = freshNamespace();
    // The CLI's `token --data <A's folder>` before A started: in A's folder only.
    const folder = mkdtempSync(path.join(tmpdir(), 'throughline-host36-'));
    const now = Math.floor(Date.now() / 1000);
    const byCli = new TokenAuthority(testSecret).issue('acme', 'viewer', 3600, now, newLinkNonce());
    rememberMintedLink(folder, linkIdOf(byCli), now + 3600, now);
    const a = await startScaleoutInstance({ redisUrl: services.redis.url, postgresUrl: services.postgres.url }, namespace, { graceMs: 0 }, {}, folder);
    const b = await start(namespace);
    try {
      const minted = await hostCall(a, hostApiPaths.links('acme'), { role: 'editor', ttlSeconds: 3600 });
      expect(minted.status).toBe(201);
      const link = minted.json as { linkId: string };
      // Asked through B at once, with nobody on the link: B has never seen it, the deployment made it.
      expect(await hostCall(b, '/_admin/revocations', { link: link.linkId })).toEqual({ status: 200, json: { linkId: link.linkId, revoked: true, closed: 0, known: true } });
      expect(await hostCall(b, '/_admin/revocations', { link: linkIdOf(byCli) })).toEqual({ status: 200, json: { linkId: linkIdOf(byCli), revoked: true, closed: 0, known: true } });
      const typo = '0123456789abcdef';
      const answer = await hostCall(b, '/_admin/revocations', { link: typo });
      expect(answer).toEqual({ status: 200, json: {
        linkId: typo, revoked: true, closed: 0, known: false,
        note: expect.stringMatching(/^no link 0123456789abcdef was made by any instance of this deployment since .* UTC: check the id \(a typo\?\)/),
      } });
      // An instance started later, with a folder of its own, answers the same from the record.
      const again = await hostCall(a, hostApiPaths.links('acme'), { role: 'viewer', ttlSeconds: 3600 });
      const c = await start(namespace);
      try {
        expect((await hostCall(c, '/_admin/revocations', { link: (again.json as { linkId: string }).linkId })).json).toMatchObject({ known: true });
      } finally {
        await stopAll([c]);
      }
    } finally {
      await stopAll([a, b]);
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
