import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { memoryStore } from '../../../renderer/src/library/key-value-store.js';
import { PlanSync, type PlanSyncOptions } from '../../../renderer/src/sync/plan-sync.js';
import { baseRetryDelayMs, maxRetryDelayMs, reconnectDelayMs } from '../../../renderer/src/sync/reconnect-backoff.js';
import { statusExplanation, statusLabel, type SyncStatus } from '../../../renderer/src/sync/sync-status.js';
import { readTokenFacts } from '../../../renderer/src/sync/token-facts.js';
import { SqliteUpdateStore } from '../../../sync-server/storage/sqlite-store.js';
import { RawClient } from '../../sync-server/support/raw-client.js';
import { startTestServer, tokenFor, waitFor, type TestServer } from '../../sync-server/support/test-server.js';
import { installPageGlobals, type PageGlobals } from './support/page-globals.js';

let page: PageGlobals;
let dataDir: string;
beforeEach(() => {
  page = installPageGlobals();
  dataDir = mkdtempSync(path.join(tmpdir(), 'throughline-plan-sync-'));
});
afterEach(() => {
  page.remove();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The real PlanSync of one plan, as the app opens it, with what it reports and each jitter draw. */
function openPlanSync(server: TestServer, extra: Partial<PlanSyncOptions> = {}) {
  const doc = new Y.Doc();
  const token = tokenFor('acme');
  const statuses: SyncStatus[] = [];
  const draws: number[] = [];
  const sync = new PlanSync({
    doc, planId: 'plan1', connection: { server: server.wsBase, workspace: 'acme', token, savedAt: 0 }, token: readTokenFacts(token),
    nonLocalOrigins: [], store: memoryStore(), now: () => Date.now(), onStatus: (status) => statuses.push(status), onPeers: () => undefined,
    random: () => { const draw = Math.random(); draws.push(draw); return draw; },
    ...extra,
  });
  return { doc, sync, statuses, draws, phase: () => sync.status().phase };
}

/** Room sockets the page opened (not the access checks it makes to tell refused from unreachable). */
const roomSockets = () => page.opened.filter((url) => !url.includes('/_access')).length;

/** A real full disk for SQLite (as in test/sync-server/storage-failure.test.ts): max_page_count caps the file. */
function diskOf(store: SqliteUpdateStore): { fill(): void; free(): void } {
  const db = (store as unknown as { db: Database.Database }).db;
  return {
    fill: () => { db.pragma(`max_page_count = ${Number(db.pragma('page_count', { simple: true }))}`); },
    free: () => { db.pragma('max_page_count = 1073741823'); },
  };
}

describe('reconnecting with jitter', () => {
  it('waits a uniform draw below min(cap, base × 2^attempt): never more than the cap, spread between devices', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 80 }), fc.double({ min: 0, max: 1, noNaN: true }), (attempt, draw) => {
      const delay = reconnectDelayMs(attempt, () => draw);
      const ceiling = Math.min(maxRetryDelayMs, baseRetryDelayMs * 2 ** attempt);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(ceiling);
      expect(Number.isInteger(delay)).toBe(true);
    }), { numRuns: 500 });
    expect(reconnectDelayMs(40, () => 0.999_999_9)).toBe(maxRetryDelayMs - 1);
    expect(reconnectDelayMs(0, () => 0.5)).toBe(baseRetryDelayMs / 2);
    // A dozen devices that lost the host together do not come back on the same beat.
    const draws = [0.03, 0.11, 0.19, 0.28, 0.36, 0.44, 0.52, 0.61, 0.69, 0.77, 0.85, 0.94];
    expect(new Set(draws.map((draw) => reconnectDelayMs(6, () => draw))).size).toBe(12);
  });

  it('the real PlanSync says "Server unreachable — retrying in N s" while the server is stopped, and is back in sync with the edit made meanwhile once it restarts', async () => {
    let server = await startTestServer({ graceMs: 0 }, { dataDir });
    const port = server.server.port;
    const client = openPlanSync(server);
    try {
      await waitFor(() => client.phase().kind === 'synced', 'first sync');
      client.doc.getMap('m').set('before', 1);
      await server.stop();

      await waitFor(() => client.phase().kind === 'unreachable', 'the status says the server is unreachable', 15_000);
      const down = client.sync.status();
      const now = Date.now();
      expect(statusLabel(down, now)).toMatch(/^Server unreachable — retrying (in [1-8] s|now)$/);
      expect(statusExplanation(down)).toMatch(/^The network is up, but the sync server does not answer/);
      if (down.phase.kind === 'unreachable') expect(down.phase.retryAt - now).toBeLessThanOrEqual(maxRetryDelayMs);
      client.doc.getMap('m').set('while-down', 2);
      expect(statusLabel(client.sync.status(), Date.now())).toMatch(/· 1 local change waiting$/);
      await waitFor(() => client.draws.length >= 4, 'several jittered attempts', 20_000);

      server = await startTestServer({ graceMs: 0, port }, { dataDir });
      await waitFor(() => client.phase().kind === 'synced', 'back in sync after the restart', 20_000);
      expect(client.sync.status().pendingChanges).toBe(0);
      // Every attempt after the first connection was one of ours, after a jittered wait: the stock
      // client's own fixed-doubling retry never opened a socket.
      expect(roomSockets()).toBe(1 + client.draws.length);
      const fresh = await RawClient.joined(server.roomUrl('acme', 'plan1'));
      expect(fresh.doc.getMap('m').toJSON()).toEqual({ before: 1, 'while-down': 2 });
      fresh.close();
    } finally {
      client.sync.destroy();
      await server.stop();
    }
  });

  it('offline: no attempts while the device has no network, and one at once when it is back', async () => {
    const server = await startTestServer({ graceMs: 0 }, { dataDir });
    const client = openPlanSync(server);
    try {
      await waitFor(() => client.phase().kind === 'synced', 'first sync');
      page.goOffline();
      expect(statusLabel(client.sync.status())).toBe('Offline');
      client.doc.getMap('m').set('offline', true);
      const socketsOffline = roomSockets();
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect([roomSockets(), client.sync.nextReconnectAt]).toEqual([socketsOffline, null]);
      page.goOnline();
      await waitFor(() => client.phase().kind === 'synced', 'synced after the network came back');
      expect(roomSockets()).toBe(socketsOffline + 1);
      const fresh = await RawClient.joined(server.roomUrl('acme', 'plan1'));
      expect(fresh.doc.getMap('m').get('offline')).toBe(true);
      fresh.close();
    } finally {
      client.sync.destroy();
      await server.stop();
    }
  });
});

describe('asking again while connected (resyncMs)', () => {
  /** A change the server's room has but never relayed: what a relay lost on its way leaves behind. */
  async function changeNotRelayed(server: TestServer): Promise<void> {
    const room = server.server.rooms.loaded('acme/plan1');
    if (!room?.document) throw new Error('the room is not loaded with a document');
    const other = new Y.Doc();
    other.getMap('m').set('missed', 'by the relay');
    Y.applyUpdate(room.document, Y.encodeStateAsUpdate(other));
  }

  it('a change that did not reach a connected client arrives by its next resync, and only with resyncMs', async () => {
    const server = await startTestServer({ graceMs: 0 }, { dataDir });
    const asking = openPlanSync(server, { resyncMs: 100 });
    const quiet = openPlanSync(server);
    try {
      await waitFor(() => asking.phase().kind === 'synced' && quiet.phase().kind === 'synced', 'first sync');
      await changeNotRelayed(server);
      await waitFor(() => asking.doc.getMap('m').get('missed') === 'by the relay', 'the resync brought the change');
      // The stock client without it: the same room, connected all along, still lacks the change.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(quiet.doc.getMap('m').get('missed')).toBeUndefined();
      expect(asking.phase().kind).toBe('synced');
    } finally {
      asking.sync.destroy();
      quiet.sync.destroy();
      await server.stop();
    }
  });
});

describe('when the server\'s disk is full (4507)', () => {
  it('the app backs off instead of re-uploading in a loop, says so in the status, keeps every edit, and delivers them once the server can store again', async () => {
    const store = new SqliteUpdateStore(path.join(dataDir, 'throughline.sqlite'));
    const disk = diskOf(store);
    const server = await startTestServer({ graceMs: 0, storageRetryMs: 1_000 }, { store, dataDir });
    const client = openPlanSync(server, { storageBackoffMs: [2_500, 5_000] });
    try {
      await waitFor(() => client.phase().kind === 'synced', 'first sync');
      client.doc.getMap('m').set('stored', 'x');
      await waitFor(() => server.server.rooms.loaded('acme/plan1')?.document?.getMap('m').get('stored') === 'x', 'the first edit stored');

      disk.fill();
      client.doc.getMap('m').set('while-full', 'y'.repeat(20_000));
      await waitFor(() => client.phase().kind === 'refused', 'the server refused the write');
      const refused = client.sync.status();
      expect(refused.phase).toMatchObject({ kind: 'refused', retryAt: expect.any(Number) });
      expect(statusLabel(refused, Date.now())).toMatch(/^Server cannot save — retrying in [1-3] s$/);
      expect(statusExplanation(refused)).toMatch(/cannot save changes right now \(its storage is full or failing\).*Trying again in 3 s\./);
      expect(statusExplanation(refused)).toMatch(/your changes are kept here\.$/);

      // Backing off: no socket while the status says the server cannot save (the stock client would be
      // back within 200 ms and upload again). What the status says as each room socket is made is
      // recorded: a sleep of a second here and a count failed whenever a loaded run took 1.5 s more.
      const socketsWhileRefused = roomSockets();
      const phasesAtOpen: string[] = [];
      page.onOpen = (url) => { if (!url.includes('/_access')) phasesAtOpen.push(client.phase().kind); };
      client.doc.getMap('m').set('during-backoff', 3);
      expect(statusLabel(client.sync.status(), Date.now())).toMatch(/^Server cannot save — retrying (in \d s|now) · 1 local change waiting$/);
      // Nothing local is lost, and the server kept no half of it.
      expect(client.doc.getMap('m').toJSON()).toEqual({ stored: 'x', 'while-full': 'y'.repeat(20_000), 'during-backoff': 3 });
      expect(server.server.rooms.loaded('acme/plan1')?.document?.getMap('m').has('while-full') ?? false).toBe(false);

      disk.free();
      await waitFor(() => client.phase().kind === 'synced', 'synced after the backoff', 15_000);
      // One socket, made when the wait was over (the status already back to connecting), none before.
      expect(phasesAtOpen).toEqual(['connecting']);
      expect(roomSockets()).toBe(socketsWhileRefused + 1);
      expect(client.sync.status().pendingChanges).toBe(0);
      const fresh = await RawClient.joined(server.roomUrl('acme', 'plan1'));
      expect(fresh.doc.getMap('m').toJSON()).toEqual({ stored: 'x', 'while-full': 'y'.repeat(20_000), 'during-backoff': 3 });
      fresh.close();
    } finally {
      client.sync.destroy();
      await server.stop();
    }
  });
});
