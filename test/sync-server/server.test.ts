import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeBase64Url } from '../../shared/sync/base64url.js';
import { healthSchema } from '../../shared/sync/health.js';
import { viewerDeniedReason } from '../../shared/sync/protocol.js';
import { encodeSignedPart } from '../../shared/sync/token.js';
import { refusalRecordingProvider, stockProvider } from './support/providers.js';
import { RawClient, UpgradeRefused } from './support/raw-client.js';
import { startTestServer, testAuthority, testMode, tokenFor, waitFor, waitForAsync, type TestServer } from './support/test-server.js';
import { holdsSameUpdates, reconnectViewer, viewerCaughtUp, viewerHoldsAllOf } from './support/viewer-reconnect.js';

let running: TestServer;
beforeAll(async () => { running = await startTestServer({ awarenessMs: 10 }); });
afterAll(async () => { await running.stop(); });

describe('the stock y-websocket client', () => {
  it('syncs two documents through the server, and presence flows', async () => {
    const token = tokenFor('acme');
    const a = stockProvider(running.wsBase, 'acme', 'plan-1', token);
    const b = stockProvider(running.wsBase, 'acme', 'plan-1', token);
    try {
      await waitFor(() => a.synced && b.synced, 'both providers synced');
      a.doc.getMap('nodes').set('n1', 'Grow revenue');
      b.doc.getText('notes').insert(0, 'hello');
      await waitFor(() => b.doc.getMap('nodes').get('n1') === 'Grow revenue' && a.doc.getText('notes').toString() === 'hello', 'edits crossing');
      a.awareness.setLocalStateField('user', { name: 'Ada', selection: 'n1' });
      await waitFor(() => b.awareness.getStates().get(a.doc.clientID)?.user?.name === 'Ada', 'presence from a at b');
      b.awareness.setLocalStateField('user', { name: 'Bo' });
      await waitFor(() => a.awareness.getStates().get(b.doc.clientID)?.user?.name === 'Bo', 'presence from b at a');
      // Leaving removes presence for the others.
      b.destroy();
      await waitFor(() => !a.awareness.getStates().has(b.doc.clientID), 'b removed from a\'s presence');
      // A late joiner gets the whole plan (the answer to its sync step 1).
      const late = stockProvider(running.wsBase, 'acme', 'plan-1', token);
      await waitFor(() => late.synced, 'late joiner synced');
      expect(late.doc.getMap('nodes').get('n1')).toBe('Grow revenue');
      expect(late.doc.getText('notes').toString()).toBe('hello');
      late.destroy();
    } finally {
      a.destroy();
      b.destroy();
    }
  });

  it('answers a returning client with only what it lacks', async () => {
    const writer = await RawClient.joined(running.roomUrl('acme', 'diff'));
    writer.edit((doc) => doc.getText('t').insert(0, 'x'.repeat(50_000)));
    await waitForAsync(async () => (await running.planOnServer('acme/diff')).getText('t').length === 50_000, 'server has the text');
    const returning = await RawClient.connect(running.roomUrl('acme', 'diff'));
    Y.applyUpdate(returning.doc, Y.encodeStateAsUpdate(writer.doc));
    returning.doc.getMap('m').set('k', 1);
    returning.sendSyncStep1();
    await returning.until(() => returning.frames.some((f) => f[0] === 0 && f[1] === 1), 'sync step 2');
    const step2 = returning.frames.find((f) => f[0] === 0 && f[1] === 1)!;
    expect(step2.length).toBeLessThan(100);
    writer.close();
    returning.close();
  });
});

describe('GET /health', () => {
  it('reports status, rooms, connections and uptime as JSON', async () => {
    const client = await RawClient.joined(running.roomUrl('acme', 'health'));
    const health = healthSchema.parse(await (await fetch(new URL('/health', running.server.url))).json());
    expect(health.status).toBe('ok');
    expect(health.connections).toBeGreaterThanOrEqual(1);
    expect(health.rooms).toBeGreaterThanOrEqual(1);
    client.close();
  });
});

describe('auth at the upgrade', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const forged = () => `${encodeSignedPart({ ws: 'acme', role: 'editor', iat: now(), exp: now() + 60 })}.${encodeBase64Url(new Uint8Array(32))}`;
  const expired = () => testAuthority.issue('acme', 'editor', 60, now() - 120);
  const refusal = async (url: string) => {
    const error = await RawClient.connect(url).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(UpgradeRefused);
    return error as UpgradeRefused;
  };

  it.each([
    ['no token', '', 401, /missing token/],
    ['a malformed token', 'not-a-token', 401, /malformed token/],
    ['a wrongly signed token', forged(), 401, /bad token signature/],
    ['an expired token', expired(), 401, /token expired/],
    ['a token for another workspace', tokenFor('globex'), 403, /workspace "globex"/],
  ])('refuses %s with HTTP %s and no socket', async (_case, token, status, reason) => {
    const before = running.server.health().connections;
    const refused = await refusal(`${running.wsBase}/acme/plan-1${token ? `?token=${encodeURIComponent(token)}` : ''}`);
    expect(refused.status).toBe(status);
    expect(refused.body).toMatch(reason);
    expect(running.server.health().connections).toBeLessThanOrEqual(before);
  });

  it('refuses a path that is not /<workspace>/<plan> with 400', async () => {
    expect((await refusal(`${running.wsBase}/acme?token=${tokenFor('acme')}`)).status).toBe(400);
    expect((await refusal(`${running.wsBase}/acme/a%20b?token=${tokenFor('acme')}`)).status).toBe(400);
  });
});

describe('viewers', () => {
  it('receive the plan and presence, are told their edits are refused, and their edits never reach anyone or storage', async () => {
    const editor = stockProvider(running.wsBase, 'acme', 'viewed', tokenFor('acme', 'editor'));
    await waitFor(() => editor.synced, 'editor synced');
    editor.doc.getMap('nodes').set('n1', 'visible to viewers');
    editor.awareness.setLocalStateField('user', { name: 'Editor' });
    const viewer = await RawClient.joined(running.roomUrl('acme', 'viewed', 'viewer'));
    await viewer.until(() => viewer.doc.getMap('nodes').get('n1') === 'visible to viewers', 'viewer receives the plan');
    await viewer.until(() => viewer.frames.some((f) => f[0] === 1), 'viewer receives presence');
    expect(viewer.permissionDenied).toEqual([]);
    await waitForAsync(async () => (await running.storedRows()).length > 0, 'editor change stored');
    const before = await running.storedRows();

    viewer.edit((doc) => doc.getMap('nodes').set('n2', 'viewer was here'));
    await viewer.until(() => viewer.permissionDenied.length === 1, 'permission-denied');
    expect(viewer.permissionDenied[0]).toBe(viewerDeniedReason);
    expect(viewer.isOpen).toBe(true);

    // The editor keeps working; the viewer's change is in no one's copy and not on disk.
    editor.doc.getMap('nodes').set('n3', 'after');
    await viewer.until(() => viewer.doc.getMap('nodes').get('n3') === 'after', 'viewer still receives updates');
    expect(editor.doc.getMap('nodes').has('n2')).toBe(false);
    expect((await running.planOnServer('acme/viewed')).getMap('nodes').has('n2')).toBe(false);
    const after = await running.storedRows();
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.join('\n')).not.toContain(Buffer.from('viewer was here').toString('hex'));
    const fresh = stockProvider(running.wsBase, 'acme', 'viewed', tokenFor('acme', 'viewer'));
    await waitFor(() => fresh.synced, 'fresh viewer synced');
    expect(fresh.doc.getMap('nodes').toJSON()).toEqual({ n1: 'visible to viewers', n3: 'after' });
    fresh.destroy();
    editor.destroy();
    viewer.close();
  });

  it('reconnect without a refusal when their upload carries the delete of a value overwritten by a concurrent set, and a real change is still refused', async () => {
    const a = stockProvider(running.wsBase, 'acme', 'overwritten', tokenFor('acme'));
    const b = stockProvider(running.wsBase, 'acme', 'overwritten', tokenFor('acme'));
    const { provider: viewer, refusals } = refusalRecordingProvider(running.wsBase, 'acme', 'overwritten', tokenFor('acme', 'viewer'));
    try {
      await waitFor(() => a.synced && b.synced, 'editors synced');
      // Concurrent sets of one key: the losing value is deleted by each document as it integrates the
      // other's set, so no update anyone sends carries that delete.
      a.disconnect();
      b.disconnect();
      a.doc.getMap('nodes').set('k', 'from a');
      b.doc.getMap('nodes').set('k', 'from b');
      a.connect();
      b.connect();
      await waitFor(() => a.synced && b.synced && a.doc.getMap('nodes').get('k') === b.doc.getMap('nodes').get('k'), 'the editors agree on k');
      const winner = a.doc.getMap('nodes').get('k');
      // Both sets, the losing one too: showing the winner is not enough (the loser's update can still be
      // on its way, and the viewer's delete set would then lack the loser's delete).
      await viewerHoldsAllOf(viewer, [a, b]);
      expect(viewer.doc.getMap('nodes').get('k')).toBe(winner);
      // Reconnecting, the viewer answers the server's sync step 1 with its delete set: the loser's
      // delete included. Without a document the records cannot tell it: the plan is loaded to decide.
      await reconnectViewer(viewer, a, running, testMode === 'redis+postgres' ? 1 : 0);
      expect(refusals).toEqual([]);
      // The viewer has the plan as it is now, exactly (its own upload added nothing to it).
      expect(holdsSameUpdates(viewer.doc, a.doc)).toBe(true);
      expect(viewer.doc.getMap('nodes').toJSON()).toEqual(a.doc.getMap('nodes').toJSON());
      // A real change is still refused.
      viewer.doc.getMap('nodes').delete('k');
      await waitFor(() => refusals.length >= 1, 'the real change is refused');
      await viewerCaughtUp(viewer, a);
      expect(refusals).toEqual([viewerDeniedReason]);
      expect(viewer.wsconnected).toBe(true);
      expect((await running.planOnServer('acme/overwritten')).getMap('nodes').get('k')).toBe(winner);
      if (testMode === 'redis+postgres') expect(running.server.rooms.inspect().documents).toBe(0);
    } finally {
      for (const provider of [a, b, viewer]) provider.destroy();
    }
  });

  it('reconnect without a refusal or a plan load while the losing value of concurrent sets has not reached them, and get it afterwards', async () => {
    // Map conflicts go to the higher client id: a's value wins.
    const [aDoc, bDoc] = [new Y.Doc(), new Y.Doc()];
    aDoc.clientID = 2;
    bDoc.clientID = 1;
    const a = stockProvider(running.wsBase, 'acme', 'late-loser', tokenFor('acme'), aDoc);
    const b = stockProvider(running.wsBase, 'acme', 'late-loser', tokenFor('acme'), bDoc);
    const { provider: viewer, refusals } = refusalRecordingProvider(running.wsBase, 'acme', 'late-loser', tokenFor('acme', 'viewer'));
    try {
      await waitFor(() => a.synced && b.synced && viewer.synced, 'everyone synced');
      a.disconnect();
      b.disconnect();
      a.doc.getMap('nodes').set('k', 'from a');
      b.doc.getMap('nodes').set('k', 'from b');
      a.connect();
      // The viewer shows the winning value while the losing one has not reached it (b is still offline):
      // what a concurrent set's loser can look like for a moment, whoever is offline. Its delete set
      // has no delete of the loser, so its reconnection carries nothing the records cannot decide.
      await waitFor(() => viewer.doc.getMap('nodes').get('k') === 'from a', 'the viewer has the winning value');
      expect(Y.decodeStateVector(Y.encodeStateVector(viewer.doc)).has(1)).toBe(false);
      const loadsBefore = running.server.rooms.inspect().transientLoads;
      await reconnectViewer(viewer, a, running, 0);
      expect(refusals).toEqual([]);
      // The losing value arrives once its editor is back; the viewer then holds the plan exactly.
      b.connect();
      await viewerHoldsAllOf(viewer, [a, b]);
      expect(viewer.doc.getMap('nodes').get('k')).toBe('from a');
      expect(holdsSameUpdates(viewer.doc, b.doc)).toBe(true);
      // A real change is refused, and decided after the reconnection's upload (one connection, in order):
      // only the change needed a plan load (Redis + PostgreSQL mode), the reconnection none.
      viewer.doc.getMap('nodes').delete('k');
      await waitFor(() => refusals.length >= 1, 'the real change is refused');
      await viewerCaughtUp(viewer, a);
      expect(refusals).toEqual([viewerDeniedReason]);
      expect(running.server.rooms.inspect().transientLoads).toBe(loadsBefore + (testMode === 'redis+postgres' ? 1 : 0));
      expect((await running.planOnServer('acme/late-loser')).getMap('nodes').get('k')).toBe('from a');
    } finally {
      for (const provider of [a, b, viewer]) provider.destroy();
    }
  });

  it('connect with the stock client without being refused when they change nothing', async () => {
    const viewer = await RawClient.joined(running.roomUrl('acme', 'quiet', 'viewer'));
    viewer.sendSyncStep1();
    await viewer.until(() => viewer.frames.filter((f) => f[0] === 0 && f[1] === 1).length === 2, 'second sync step 2');
    expect(viewer.permissionDenied).toEqual([]);
    viewer.close();
  });
});
