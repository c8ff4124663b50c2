import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { healthSchema } from '../../shared/sync/health.js';
import { closeCodes } from '../../shared/sync/protocol.js';
import { SqliteUpdateStore } from '../../sync-server/storage/sqlite-store.js';
import { stockProvider } from './support/providers.js';
import { RawClient } from './support/raw-client.js';
import { startTestServer, testAuthority, tokenFor, waitFor } from './support/test-server.js';

/**
 * A real full disk for SQLite: max_page_count caps the database at its current size, so the next
 * commit needing a page fails with SQLITE_FULL ("database or disk is full"), while reads still work.
 */
function diskOf(store: SqliteUpdateStore): { fill(): void; free(): void } {
  const db = (store as unknown as { db: Database.Database }).db;
  return {
    fill: () => { db.pragma(`max_page_count = ${Number(db.pragma('page_count', { simple: true }))}`); },
    free: () => { db.pragma('max_page_count = 1073741823'); },
  };
}

describe('when the disk is full', () => {
  it('keeps readers connected, refuses the writer with 4507 and a reason, does not let it re-upload in a loop, and takes its change once storage works', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'throughline-full-'));
    const store = new SqliteUpdateStore(path.join(dataDir, 'throughline.sqlite'));
    const disk = diskOf(store);
    const retryMs = 1_500;
    const running = await startTestServer({ storageRetryMs: retryMs }, { store, dataDir });
    const viewerToken = testAuthority.issue('acme', 'viewer', 3600, Math.floor(Date.now() / 1000));
    const writer = stockProvider(running.wsBase, 'acme', 'p', tokenFor('acme'));
    const closes: { code: number; reason: string }[] = [];
    writer.on('connection-close', (event) => { if (event !== null) closes.push({ code: event.code, reason: event.reason }); });
    try {
      const reader = await RawClient.joined(`${running.wsBase}/acme/p?token=${viewerToken}`);
      const idleEditor = await RawClient.joined(running.roomUrl('acme', 'p'));
      await waitFor(() => writer.synced, 'the writer synced');
      writer.doc.getMap('m').set('stored', 'x'.repeat(100));
      await reader.until(() => reader.doc.getMap('m').get('stored') !== undefined, 'the first edit');

      disk.fill();
      writer.doc.getMap('m').set('while-full', 'y'.repeat(20_000));
      await waitFor(() => closes.length === 1, 'the writer was refused');
      expect(closes[0]).toEqual({ code: closeCodes.storageUnavailable, reason: expect.stringMatching(/cannot save changes now \(storage full or failing\)/) });
      // review42b: the operator's health check sees it too.
      const failing = healthSchema.parse(await (await fetch(new URL('/health', running.server.url))).json());
      expect(failing).toMatchObject({ status: 'ok', storage: 'refusing writes' });
      // The stock client reconnects within a second: it is let in to read, not invited to upload.
      await waitFor(() => writer.synced, 'the writer reconnected');
      await new Promise((resolve) => setTimeout(resolve, retryMs / 2));
      expect(closes).toHaveLength(1);
      // Readers stayed: the viewer and the editor who only reads were never disconnected.
      expect(reader.isOpen && idleEditor.isOpen).toBe(true);
      expect(reader.doc.getMap('m').has('while-full')).toBe(false);
      const roomStill = running.server.rooms.loaded('acme/p');
      expect(roomStill?.document?.getMap('m').has('while-full')).toBe(false);

      disk.free();
      // After storageRetryMs the server invites the writer's upload; its change arrives and is stored.
      await reader.until(() => typeof reader.doc.getMap('m').get('while-full') === 'string', 'the change made while the disk was full', 10_000);
      expect(closes).toHaveLength(1);
      const fresh = await RawClient.joined(running.roomUrl('acme', 'p'));
      expect(fresh.doc.getMap('m').get('while-full')).toBe('y'.repeat(20_000));
      expect(healthSchema.parse(await (await fetch(new URL('/health', running.server.url))).json()).storage).toBe('ok');
      for (const client of [reader, idleEditor, fresh]) client.close();
    } finally {
      writer.destroy();
      await running.server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('relays nothing it could not store: a writer with a change in flight is closed, a stored document is not changed', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'throughline-failing-'));
    const store = new SqliteUpdateStore(path.join(dataDir, 'throughline.sqlite'));
    const running = await startTestServer({ storageRetryMs: 60_000 }, { store, dataDir });
    try {
      const writer = await RawClient.joined(running.roomUrl('acme', 'p'));
      const reader = await RawClient.joined(running.roomUrl('acme', 'p'));
      writer.edit((doc) => doc.getMap('m').set('stored', 1));
      await reader.until(() => reader.doc.getMap('m').get('stored') === 1, 'the first edit');
      diskOf(store).fill();
      writer.edit((doc) => doc.getText('t').insert(0, 'z'.repeat(50_000)));
      expect((await writer.closed()).code).toBe(closeCodes.storageUnavailable);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(reader.isOpen).toBe(true);
      expect(reader.doc.getText('t').length).toBe(0);
      // Another write while refusing: closed at once, nothing applied.
      const second = await RawClient.joined(running.roomUrl('acme', 'p'));
      second.edit((doc) => doc.getMap('m').set('also', true));
      expect((await second.closed()).code).toBe(closeCodes.storageUnavailable);
      expect(running.server.rooms.loaded('acme/p')?.document?.getMap('m').has('also')).toBe(false);
      expect(Y.encodeStateAsUpdate(reader.doc).byteLength).toBeLessThan(1_000);
      reader.close();
    } finally {
      await running.server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
