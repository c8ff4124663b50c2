import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { stockProvider } from './support/providers.js';
import { RawClient, syncStep2Message, updateMessage } from './support/raw-client.js';
import { startTestServer, tokenFor, waitFor, type TestServer } from './support/test-server.js';

let running: TestServer;
beforeAll(async () => { running = await startTestServer(); });
afterAll(async () => { await running.stop(); });

describe('a client that edited offline and edits again as it reconnects', () => {
  it('is not closed (no spurious 4500): the stock client edits the moment its socket opens', async () => {
    const doc = new Y.Doc();
    doc.getMap('nodes').set('offline', 'made on the train');
    const provider = stockProvider(running.wsBase, 'acme', 'offline-stock', tokenFor('acme'), doc);
    const closes: number[] = [];
    provider.on('connection-close', (event) => { if (event !== null) closes.push(event.code); });
    // 'connected' fires on open, before any message from the server: this edit goes out right after
    // the client's sync step 1 and depends on the offline edit the server has not received yet.
    provider.on('status', ({ status }) => { if (status === 'connected' && !doc.getMap('nodes').has('online')) doc.getMap('nodes').set('online', 'made on arrival'); });
    const reader = await RawClient.joined(running.roomUrl('acme', 'offline-stock'));
    try {
      await reader.until(() => reader.doc.getMap('nodes').get('online') === 'made on arrival' && reader.doc.getMap('nodes').get('offline') === 'made on the train', 'both edits reach another client');
      await waitFor(() => provider.synced, 'the stock client synced');
      expect(closes).toEqual([]);
    } finally {
      provider.destroy();
      reader.close();
    }
  });

  it('holds an update that arrives before the join upload it depends on, then applies both in order', async () => {
    const offline = new Y.Doc();
    offline.getText('t').insert(0, 'offline ');
    const beforeOnline = Y.encodeStateVector(offline);
    offline.getText('t').insert(8, 'online');
    const onlineEdit = Y.encodeStateAsUpdate(offline, beforeOnline);
    const client = await RawClient.connect(running.roomUrl('acme', 'offline-raw'), { answerSyncStep1: false });
    client.send(updateMessage(onlineEdit));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(client.isOpen).toBe(true);
    client.send(syncStep2Message(Y.encodeStateAsUpdate(offline)));
    const reader = await RawClient.joined(running.roomUrl('acme', 'offline-raw'));
    await reader.until(() => reader.doc.getText('t').toString() === 'offline online', 'the reader has both edits');
    expect(client.isOpen).toBe(true);
    client.close();
    reader.close();
  });

  it('still refuses with 4500 an update whose dependencies the join upload did not bring', async () => {
    const other = new Y.Doc();
    other.getText('t').insert(0, 'base');
    const before = Y.encodeStateVector(other);
    other.getText('t').insert(4, ' more');
    const dangling = Y.encodeStateAsUpdate(other, before);
    const client = await RawClient.connect(running.roomUrl('acme', 'offline-dangling'), { answerSyncStep1: false });
    client.send(updateMessage(dangling));
    client.send(syncStep2Message(Y.encodeStateAsUpdate(new Y.Doc())));
    const closed = await client.closed();
    expect(closed.code).toBe(4500);
    expect(closed.reason).toMatch(/depends on changes the server does not have/);
  });
});
