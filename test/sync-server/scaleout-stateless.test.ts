import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { closeCodes, viewerDeniedReason } from '../../shared/sync/protocol.js';
import { refusalRecordingProvider, stockProvider } from './support/providers.js';
import { RawClient, syncStep2Message, updateMessage } from './support/raw-client.js';
import { freshNamespace, startScaleoutInstance, stopAll } from './support/scaleout-instances.js';
import { ScaleoutStorageReader } from './support/scaleout-storage.js';
import { sharedScaleoutServices, type SharedScaleoutServices } from './support/shared-services.js';
import { startTestServer, tokenFor, waitFor, waitForAsync } from './support/test-server.js';
import { holdsSameUpdates, reconnectViewer, viewerCaughtUp, viewerHoldsAllOf } from './support/viewer-reconnect.js';

/**
 * Rooms in Redis + PostgreSQL mode are stateless: after the initial sync an instance keeps no Y.Doc
 * per open room (RoomRegistry.inspect counts them), only a state vector and a delete set, and the
 * sync still behaves as with the document: convergence, missing dependencies, viewers, and replies
 * with only what a client lacks.
 */

let services: SharedScaleoutServices;
beforeAll(async () => { services = sharedScaleoutServices(); });
const urls = () => ({ redisUrl: services.redis.url, postgresUrl: services.postgres.url });

describe('stateless rooms on Redis + PostgreSQL', () => {
  it('an instance with N open rooms holds no Y.Doc for any of them, and stock clients on three instances converge', async () => {
    const namespace = freshNamespace();
    const instances = [await startScaleoutInstance(urls(), namespace), await startScaleoutInstance(urls(), namespace), await startScaleoutInstance(urls(), namespace)];
    // Side by side, SQLite mode: the same plans open there keep one document each.
    const embedded = await startTestServer();
    const token = tokenFor('acme');
    const plans = Array.from({ length: 8 }, (_, n) => `plan-${n}`);
    const providers = plans.flatMap((plan) => instances.map((instance) => ({ plan, provider: stockProvider(instance.wsBase, 'acme', plan, token) })));
    const embeddedProviders = plans.map((plan) => stockProvider(embedded.wsBase, 'acme', plan, token));
    try {
      await waitFor(() => providers.every(({ provider }) => provider.synced) && embeddedProviders.every((provider) => provider.synced), 'every client synced', 20_000);
      providers.forEach(({ provider }, index) => {
        const text = provider.doc.getText('notes');
        text.insert(0, `client ${index} was here; `);
        text.delete(0, 7);
        provider.doc.getMap('nodes').set(`c${index}`, index);
      });
      embeddedProviders.forEach((provider, index) => provider.doc.getMap('nodes').set(`c${index}`, index));
      for (const plan of plans) {
        const onPlan = providers.filter((entry) => entry.plan === plan).map((entry) => entry.provider);
        await waitFor(() => onPlan.every((provider) => provider.doc.getMap('nodes').size === instances.length), `plan ${plan} converged`, 20_000);
        const states = onPlan.map((provider) => ({ nodes: provider.doc.getMap('nodes').toJSON(), notes: provider.doc.getText('notes').toString() }));
        expect(states[1]).toEqual(states[0]);
        expect(states[2]).toEqual(states[0]);
      }
      // Every instance has heard of all three writers of every plan: 8 rooms × 3 clients in its state vectors.
      for (const instance of instances) {
        await waitFor(() => instance.server.rooms.inspect().clients === plans.length * instances.length, 'the instance learnt every writer');
        const inspection = instance.server.rooms.inspect();
        expect(inspection).toMatchObject({ rooms: plans.length, documents: 0 });
        // Each plan's text had a delete by each writer: kept as (merged) ranges, not as a document.
        expect(inspection.deletedRanges).toBeGreaterThanOrEqual(plans.length);
        for (const plan of plans) expect(instance.server.rooms.loaded(`acme/${plan}`)?.document).toBeNull();
      }
      expect(embedded.server.rooms.inspect()).toMatchObject({ rooms: plans.length, documents: plans.length });
    } finally {
      for (const { provider } of providers) provider.destroy();
      for (const provider of embeddedProviders) provider.destroy();
      await embedded.stop();
      await stopAll(instances);
    }
  });

  it('refuses an update with missing dependencies with 4500 as before, holds one that waits for the join upload, and stores nothing refused', async () => {
    const namespace = freshNamespace();
    const one = await startScaleoutInstance(urls(), namespace, {}, { worker: false });
    const storage = new ScaleoutStorageReader(services.redis.url, services.postgres.url, namespace);
    try {
      const writer = await RawClient.joined(one.roomUrl('acme', 'deps'));
      writer.edit((doc) => doc.getText('t').insert(0, 'base'));
      await waitForAsync(async () => (await storage.rows()).length === 1, 'the edit is stored');
      const before = await storage.rows();

      // A gap: the second of a client's edits without the first.
      const gapped = new Y.Doc();
      gapped.getText('t').insert(0, 'first ');
      const afterFirst = Y.encodeStateVector(gapped);
      gapped.getText('t').insert(6, 'second');
      const offender = await RawClient.joined(one.roomUrl('acme', 'deps'));
      offender.send(updateMessage(Y.encodeStateAsUpdate(gapped, afterFirst)));
      const closed = await offender.closed();
      expect(closed.code).toBe(closeCodes.missingDependencies);
      expect(closed.reason).toMatch(/missing/);
      expect(await storage.rows()).toEqual(before);

      // An edit sent before the join upload it depends on is held, then both are taken in order.
      const offline = new Y.Doc();
      Y.applyUpdate(offline, Y.encodeStateAsUpdate(writer.doc));
      const beforeOffline = Y.encodeStateVector(offline);
      offline.getText('t').insert(4, ' offline');
      const beforeOnline = Y.encodeStateVector(offline);
      offline.getText('t').insert(12, ' online');
      const late = await RawClient.connect(one.roomUrl('acme', 'deps'), { answerSyncStep1: false });
      late.send(updateMessage(Y.encodeStateAsUpdate(offline, beforeOnline)));
      late.send(syncStep2Message(Y.encodeStateAsUpdate(offline, beforeOffline)));
      await writer.until(() => writer.doc.getText('t').toString() === 'base offline online', 'the writer has both edits');
      expect(late.isOpen).toBe(true);
      expect(one.server.rooms.inspect()).toMatchObject({ rooms: 1, documents: 0 });
      writer.close();
      late.close();
    } finally {
      await storage.close();
      await one.stop();
    }
  });

  it("refuses a viewer's write (inserting or deleting), but not its join upload carrying deletes the room has", async () => {
    const namespace = freshNamespace();
    const [one, two] = [await startScaleoutInstance(urls(), namespace, {}, { worker: false }), await startScaleoutInstance(urls(), namespace, {}, { worker: false })];
    const storage = new ScaleoutStorageReader(services.redis.url, services.postgres.url, namespace);
    try {
      const editor = await RawClient.joined(one.roomUrl('acme', 'viewed'));
      editor.edit((doc) => doc.getText('t').insert(0, 'visible to viewers, partly deleted'));
      editor.edit((doc) => doc.getText('t').delete(18, 16));
      // The viewer joins another instance; its answer to the server's sync step 1 carries the delete set.
      const viewer = await RawClient.joined(two.roomUrl('acme', 'viewed', 'viewer'));
      await viewer.until(() => viewer.doc.getText('t').toString() === 'visible to viewers', 'the viewer has the plan');
      viewer.sendSyncStep1();
      await viewer.until(() => viewer.frames.filter((frame) => frame[0] === 0 && frame[1] === 1).length === 2, 'a second sync step 2');
      viewer.send(syncStep2Message(Y.encodeStateAsUpdate(viewer.doc)));
      await waitForAsync(async () => (await storage.rows()).length === 2, 'the editor\'s edits are stored');
      const before = await storage.rows();
      expect(viewer.permissionDenied).toEqual([]);

      viewer.edit((doc) => doc.getText('t').delete(0, 8));
      await viewer.until(() => viewer.permissionDenied.length === 1, 'the delete is refused');
      viewer.edit((doc) => doc.getText('t').insert(0, 'viewer was here '));
      await viewer.until(() => viewer.permissionDenied.length === 2, 'the insert is refused');
      expect(viewer.permissionDenied).toEqual([viewerDeniedReason, viewerDeniedReason]);
      expect(viewer.isOpen).toBe(true);
      editor.edit((doc) => doc.getText('t').insert(0, '> '));
      await viewer.until(() => viewer.doc.getText('t').toString().startsWith('> '), 'the viewer still receives edits');
      expect(editor.doc.getText('t').toString()).toBe('> visible to viewers');
      const after = await storage.rows();
      expect(after.slice(0, before.length)).toEqual(before);
      expect(after.join('\n')).not.toContain(Buffer.from('viewer was here').toString('hex'));
      expect(two.server.rooms.inspect()).toMatchObject({ rooms: 1, documents: 0 });
      editor.close();
      viewer.close();
    } finally {
      await storage.close();
      await stopAll([one, two]);
    }
  });

  it('does not refuse a reconnecting stock viewer for the deletes of values overwritten by concurrent sets, deciding from the plan loaded for a moment; a real change is still refused', async () => {
    const namespace = freshNamespace();
    const [one, two] = [await startScaleoutInstance(urls(), namespace), await startScaleoutInstance(urls(), namespace, {}, { worker: false })];
    const storage = new ScaleoutStorageReader(services.redis.url, services.postgres.url, namespace);
    const a = stockProvider(one.wsBase, 'acme', 'overwritten', tokenFor('acme'));
    const b = stockProvider(two.wsBase, 'acme', 'overwritten', tokenFor('acme'));
    const { provider: viewer, refusals } = refusalRecordingProvider(two.wsBase, 'acme', 'overwritten', tokenFor('acme', 'viewer'));
    // Editors on different instances set `key` at the same time: each document deletes the losing
    // value as it integrates the other's set, and no stored update carries that delete.
    const overwriteConcurrently = async (key: string) => {
      a.disconnect();
      b.disconnect();
      a.doc.getMap('nodes').set(key, 'from a');
      b.doc.getMap('nodes').set(key, 'from b');
      a.connect();
      b.connect();
      await waitFor(() => a.wsconnected && b.wsconnected && a.doc.getMap('nodes').get(key) !== undefined
        && a.doc.getMap('nodes').get(key) === b.doc.getMap('nodes').get(key), `the editors agree on ${key}`);
    };
    try {
      await waitFor(() => a.synced && b.synced, 'editors synced');
      // One overwrite merged into PostgreSQL's snapshot, one left in the stream's tail.
      await overwriteConcurrently('merged');
      await one.backend.store.compact('acme/overwritten');
      await waitFor(() => one.backend.worker!.compactions > 0, 'a compaction ran');
      await overwriteConcurrently('tail');
      // Both sets of each key, the losing ones too: showing the winning value is not enough (the loser's
      // update can still be on its way; the viewer's delete set would then lack the loser's delete).
      await viewerHoldsAllOf(viewer, [a, b]);
      expect(viewer.doc.getMap('nodes').get('tail')).toBe(a.doc.getMap('nodes').get('tail'));

      // Reconnecting, the viewer answers the server's sync step 1 with its whole delete set: both
      // losers' deletes. The records cannot tell the tail's (the merged one's came back with the editors'
      // reconnections); the plan is loaded once to decide, and nothing is refused.
      await reconnectViewer(viewer, a, two, 1);
      expect(refusals).toEqual([]);
      // The viewer has the plan as it is now, exactly (its own upload added nothing to it).
      expect(holdsSameUpdates(viewer.doc, a.doc)).toBe(true);
      expect(viewer.doc.getMap('nodes').toJSON()).toEqual(a.doc.getMap('nodes').toJSON());
      const before = await storage.rows();
      // Real changes after it: a delete the records cannot decide either, then an insert.
      viewer.doc.getMap('nodes').delete('merged');
      await waitFor(() => refusals.length >= 1, 'the delete is refused');
      viewer.doc.getMap('nodes').set('viewer', 'viewer was here');
      await waitFor(() => refusals.length >= 2, 'the insert is refused');
      await viewerCaughtUp(viewer, a);
      expect(refusals).toEqual([viewerDeniedReason, viewerDeniedReason]);
      expect(viewer.wsconnected).toBe(true);

      // Nothing applied: the editors still have every value, storage gained nothing from the viewer.
      a.doc.getMap('nodes').set('last', 'edit');
      await waitFor(() => b.doc.getMap('nodes').get('last') === 'edit', 'the editors still sync');
      expect(b.doc.getMap('nodes').has('merged')).toBe(true);
      expect(b.doc.getMap('nodes').has('viewer')).toBe(false);
      const after = await storage.rows();
      expect(after).toEqual(expect.arrayContaining(before));
      expect((await two.planOnServer('acme/overwritten')).getMap('nodes').toJSON()).toEqual(a.doc.getMap('nodes').toJSON());
      expect(after.join('\n')).not.toContain(Buffer.from('viewer was here').toString('hex'));
      // The document was only loaded for the check.
      expect(two.server.rooms.inspect()).toMatchObject({ rooms: 1, documents: 0 });
    } finally {
      for (const provider of [a, b, viewer]) provider.destroy();
      await storage.close();
      await stopAll([one, two]);
    }
  });

  it('a returning editor receives only what it lacks from a room already open, and its join upload adds nothing to the stream', async () => {
    const namespace = freshNamespace();
    const [one, two] = [await startScaleoutInstance(urls(), namespace, {}, { worker: false }), await startScaleoutInstance(urls(), namespace, {}, { worker: false })];
    const storage = new ScaleoutStorageReader(services.redis.url, services.postgres.url, namespace);
    try {
      const writer = await RawClient.joined(one.roomUrl('acme', 'offsite'));
      writer.edit((doc) => doc.getText('notes').insert(0, 'x'.repeat(200_000)));
      for (let n = 0; n < 20; n++) writer.edit((doc) => doc.getText('notes').delete(n * 1_000, 10));
      // Someone stays on instance two, so the room stays open there (stateless) between the visits.
      const stays = await RawClient.joined(two.roomUrl('acme', 'offsite'));
      const laptop = await RawClient.joined(two.roomUrl('acme', 'offsite'));
      await laptop.until(() => laptop.doc.getText('notes').length === 200_000 - 200, 'the laptop holds the plan');
      const held = Y.encodeStateAsUpdate(laptop.doc);
      laptop.close();
      writer.edit((doc) => doc.getText('notes').insert(0, 'changed at the offsite'));
      await stays.until(() => stays.doc.getText('notes').toString().startsWith('changed'), 'instance two has the change');
      const before = await storage.rows();

      const back = await RawClient.connect(two.roomUrl('acme', 'offsite'));
      Y.applyUpdate(back.doc, held);
      back.sendSyncStep1();
      await back.until(() => back.doc.getText('notes').toString().startsWith('changed at the offsite'), 'the laptop has the change');
      // Its answer to the server's sync step 1 (its whole delete set, nothing new) is sent on its own
      // by RawClient; a query afterwards proves the server has handled it.
      back.send(new Uint8Array([3]));
      await back.until(() => back.frames.some((frame) => frame[0] === 1), 'an awareness answer');
      const received = back.frames.reduce((sum, frame) => sum + frame.byteLength, 0);
      expect(held.byteLength).toBeGreaterThan(200_000);
      expect(received).toBeLessThan(1_000);
      expect(await storage.rows()).toEqual(before);
      expect(two.server.rooms.inspect()).toMatchObject({ rooms: 1, documents: 0 });
      for (const client of [writer, stays, back]) client.close();
    } finally {
      await storage.close();
      await stopAll([one, two]);
    }
  });
});
