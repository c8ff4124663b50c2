import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { LocalFanout } from '../../sync-server/fanout.js';
import { SqliteUpdateStore } from '../../sync-server/storage/sqlite-store.js';
import type { StoredRoom } from '../../sync-server/storage/update-store.js';
import { RawClient } from './support/raw-client.js';
import { startTestServer, waitFor } from './support/test-server.js';

v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

/** The SQLite store, counting how often a room is read from disk. */
class CountingStore extends SqliteUpdateStore {
  readonly loads: string[] = [];
  override load(room: string): Promise<StoredRoom> {
    this.loads.push(room);
    return super.load(room);
  }
}

describe('rooms in memory', () => {
  it('are unloaded after the grace period and reload from storage', async () => {
    const running = await startTestServer({ graceMs: 30 });
    try {
      const first = await RawClient.joined(running.roomUrl('acme', 'p'));
      first.edit((doc) => doc.getMap('m').set('kept', 'yes'));
      await waitFor(() => running.server.rooms.loaded('acme/p')?.document?.getMap('m').get('kept') === 'yes', 'server has the edit');
      first.close();
      await waitFor(() => running.server.rooms.size === 0, 'room unloaded');
      const second = await RawClient.joined(running.roomUrl('acme', 'p'));
      expect(second.doc.getMap('m').get('kept')).toBe('yes');
      second.close();
    } finally {
      await running.stop();
    }
  });

  it('stay loaded while someone rejoins within the grace period', async () => {
    const running = await startTestServer({ graceMs: 60_000 });
    try {
      const first = await RawClient.joined(running.roomUrl('acme', 'p'));
      const room = running.server.rooms.loaded('acme/p');
      first.close();
      await waitFor(() => running.server.health().connections === 0, 'closed');
      const second = await RawClient.joined(running.roomUrl('acme', 'p'));
      expect(running.server.rooms.loaded('acme/p')).toBe(room);
      second.close();
    } finally {
      await running.stop();
    }
  });

  it('are loaded once when many clients join at the same moment', async () => {
    const running0 = await startTestServer();
    const dataDir = running0.dataDir;
    const seed = await RawClient.joined(running0.roomUrl('acme', 'storm'));
    seed.edit((doc) => doc.getText('t').insert(0, 'the plan'.repeat(1000)));
    await waitFor(() => running0.server.rooms.loaded('acme/storm')?.document?.getText('t').length === 8000, 'seeded');
    seed.close();
    await running0.server.close();

    const store = new CountingStore(`${dataDir}/throughline.sqlite`);
    const running = await startTestServer({}, { store, dataDir });
    try {
      const clients = await Promise.all(Array.from({ length: 30 }, () => RawClient.joined(running.roomUrl('acme', 'storm'))));
      // The plan's room once. (Each join also reads the workspace's list, to refuse a plan taken out of
      // the workspace: removed37; joins whose reads overlap share one.)
      expect(store.loads.filter((room) => room === 'acme/storm')).toHaveLength(1);
      for (const client of clients) expect(client.doc.getText('t').length).toBe(8000);
      for (const client of clients) client.close();
    } finally {
      await running.stop();
    }
  });

  it('give their memory back after 1,000 rooms open and close', async () => {
    const fanout = new LocalFanout();
    const running = await startTestServer({ graceMs: 0, joinsPerSecond: 100_000, joinBurst: 100_000, joinsPerSecondPerToken: 100_000, joinBurstPerToken: 100_000, joinsPerSecondPerIp: 100_000, joinBurstPerIp: 100_000, maxConnectionsPerIp: 10_000 }, { fanout });
    try {
      const docs: WeakRef<object>[] = [];
      const openAndClose = async (from: number, count: number) => {
        const clients = await Promise.all(Array.from({ length: count }, (_, i) => RawClient.joined(running.roomUrl('acme', `room-${from + i}`))));
        clients.forEach((client, i) => {
          client.edit((doc) => doc.getMap('nodes').set('n', { title: `plan ${from + i}`, padding: 'x'.repeat(2_000) }));
          docs.push(new WeakRef(running.server.rooms.loaded(`acme/room-${from + i}`)!.document!));
        });
        await Promise.all(clients.map((client, i) => client.until(() => running.server.rooms.loaded(`acme/room-${from + i}`)?.document?.getMap('nodes').has('n') ?? false, 'edit applied')));
        for (const client of clients) client.close();
        await waitFor(() => running.server.rooms.size === 0, 'rooms unloaded');
      };
      await openAndClose(0, 50);
      collectGarbage();
      const baseline = process.memoryUsage().heapUsed;
      for (let start = 50; start < 1_000; start += 50) await openAndClose(start, 50);
      await waitFor(() => running.server.health().connections === 0 && fanout.roomCount === 0, 'all closed and unsubscribed');
      await new Promise((resolve) => setTimeout(resolve, 50));
      collectGarbage();
      const retained = docs.filter((ref) => ref.deref() !== undefined).length;
      expect(docs).toHaveLength(1_000);
      expect(retained).toBe(0);
      expect(process.memoryUsage().heapUsed - baseline).toBeLessThan(8 * 1024 * 1024);
    } finally {
      await running.stop();
    }
  });
});
