import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeCodes } from '../../shared/sync/protocol.js';
import { SqliteUpdateStore } from '../../sync-server/storage/sqlite-store.js';
import { RawClient } from './support/raw-client.js';
import { startTestServer, waitFor } from './support/test-server.js';

describe('when storage fails', () => {
  it('relays nothing it could not store and closes the room\'s clients with 1011', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'throughline-failing-'));
    const store = new SqliteUpdateStore(path.join(dataDir, 'throughline.sqlite'));
    const running = await startTestServer({}, { store, dataDir });
    try {
      const writer = await RawClient.joined(running.roomUrl('acme', 'p'));
      const reader = await RawClient.joined(running.roomUrl('acme', 'p'));
      writer.edit((doc) => doc.getMap('m').set('stored', 1));
      await reader.until(() => reader.doc.getMap('m').get('stored') === 1, 'the first edit');
      // The disk goes away: the next commit fails.
      await store.close();
      writer.edit((doc) => doc.getMap('m').set('lost', 2));
      expect((await writer.closed()).code).toBe(closeCodes.storageFailure);
      expect((await reader.closed()).code).toBe(closeCodes.storageFailure);
      expect(reader.doc.getMap('m').has('lost')).toBe(false);
      await waitFor(() => running.server.rooms.size === 0, 'the room was dropped');
    } finally {
      await running.server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
