import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalFanout } from '../../sync-server/fanout.js';
import { SqliteUpdateStore } from '../../sync-server/storage/sqlite-store.js';
import { stockProvider } from './support/providers.js';
import { startTestServer, tokenFor, waitFor } from './support/test-server.js';

describe('fan-out between instances', () => {
  it('lets clients on two server instances (one shared store, one fan-out) edit one plan together', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'throughline-fanout-'));
    const fanout = new LocalFanout();
    const file = path.join(dataDir, 'throughline.sqlite');
    const one = await startTestServer({ awarenessMs: 5 }, { fanout, dataDir, store: new SqliteUpdateStore(file) });
    const two = await startTestServer({ awarenessMs: 5 }, { fanout, dataDir, store: new SqliteUpdateStore(file) });
    try {
      const token = tokenFor('acme');
      const a = stockProvider(one.wsBase, 'acme', 'shared', token);
      const b = stockProvider(two.wsBase, 'acme', 'shared', token);
      await waitFor(() => a.synced && b.synced, 'both synced');
      a.doc.getMap('nodes').set('from-one', 1);
      b.doc.getMap('nodes').set('from-two', 2);
      await waitFor(() => a.doc.getMap('nodes').size === 2 && b.doc.getMap('nodes').size === 2, 'edits crossed instances');
      a.awareness.setLocalStateField('user', { name: 'on one' });
      await waitFor(() => b.awareness.getStates().get(a.doc.clientID)?.user?.name === 'on one', 'presence crossed instances');
      a.destroy();
      b.destroy();
      // Each instance stored only what its own clients sent; together that is the whole plan.
      const reader = new SqliteUpdateStore(file);
      expect((await reader.load('acme/shared')).updates.length).toBeGreaterThanOrEqual(2);
      await reader.close();
    } finally {
      await one.server.close();
      await two.server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
    expect(fanout.roomCount).toBe(0);
  });
});
