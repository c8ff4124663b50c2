import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { memoryStore } from '../../../renderer/src/library/key-value-store.js';
import { PlanSync, storedPendingChanges } from '../../../renderer/src/sync/plan-sync.js';
import { statusExplanation, statusLabel, type SyncStatus } from '../../../renderer/src/sync/sync-status.js';
import { readTokenFacts } from '../../../renderer/src/sync/token-facts.js';
import { closeCodes, describeCloseCode, planRemovedBy } from '../../../shared/sync/protocol.js';
import { directoryRoom, listPlan, removeListedPlan } from '../../../shared/workspace/directory.js';
import { stockProvider } from '../../sync-server/support/providers.js';
import { tokenFor, waitFor } from '../../sync-server/support/test-server.js';
import { useServerAndPage } from './support/server-and-page.js';

/**
 * The app's PlanSync on a plan taken out of its workspace (removed37): the server's 4410 is final (no
 * reconnect), the status says why in words, and it carries the code and reason the session reads to
 * tell a plan it never had from one it keeps. Real server on a loopback port.
 */
const env = useServerAndPage();

function openPlanSync(planId: string, store = memoryStore()) {
  const doc = new Y.Doc();
  const token = tokenFor('acme');
  const statuses: SyncStatus[] = [];
  const sync = new PlanSync({
    doc, planId, connection: { server: env.server.wsBase, workspace: 'acme', token, savedAt: 0 }, token: readTokenFacts(token),
    nonLocalOrigins: [], store, now: () => Date.now(), onStatus: (status) => statuses.push(status), onPeers: () => undefined,
  });
  return { doc, sync, statuses };
}

describe('the app syncing a plan taken out of its workspace', () => {
  it('is told with 4410 who took it out, says "Not syncing" with why, and does not reconnect', async () => {
    const list = stockProvider(env.server.wsBase, 'acme', directoryRoom, tokenFor('acme'));
    const ada = stockProvider(env.server.wsBase, 'acme', 'reorg', tokenFor('acme'));
    try {
      await waitFor(() => list.synced && ada.synced, 'Ada synced');
      listPlan(list.doc, { id: 'reorg', name: 'Reorg', at: 1, by: 'Ada' });
      ada.doc.getArray<string>('strategies').push(['Close the Leeds office']);
      removeListedPlan(list.doc, 'reorg', 2, 'Ada');
      await waitFor(() => ada.wsconnected === false && ada.shouldConnect === false, "Ada's connection closed for good");

      const ben = openPlanSync('reorg');
      try {
        await waitFor(() => ben.sync.status().phase.kind === 'refused', 'refused');
        const status = ben.sync.status();
        expect(status.phase).toEqual({ kind: 'refused', reason: `${describeCloseCode(closeCodes.planRemoved)} (taken out of the workspace by Ada.)`, closed: { code: closeCodes.planRemoved, reason: 'taken out of the workspace by Ada' } });
        expect(status.phase.kind === 'refused' && status.phase.closed ? planRemovedBy(status.phase.closed.reason) : null).toBe('Ada');
        expect(statusLabel(status)).toBe('Not syncing');
        expect(statusExplanation(status)).toContain('taken out of the workspace');
        expect(ben.doc.getArray('strategies').length).toBe(0);
        // Final: one room socket, never a second (a stock client's 44xx rule, kept by the app).
        const rooms = env.page.opened.filter((url) => !url.includes('/_access') && url.includes('/reorg')).length;
        expect(rooms).toBe(1);
        expect(ben.statuses.some((seen) => seen.phase.kind === 'synced')).toBe(false);
      } finally {
        ben.sync.destroy();
      }
    } finally {
      list.destroy();
      ada.destroy();
    }
  });

  it('keeps the count of changes made offline through the 4410, where the take-out reads it (takenout38)', async () => {
    const list = stockProvider(env.server.wsBase, 'acme', directoryRoom, tokenFor('acme'));
    const store = memoryStore();
    const ben = openPlanSync('offsite', store);
    try {
      await waitFor(() => list.synced && ben.sync.status().phase.kind === 'synced', 'Ben synced');
      listPlan(list.doc, { id: 'offsite', name: 'Offsite', at: 1, by: 'Ada' });
      env.page.goOffline();
      // Three edits in three tasks: three changes waiting.
      for (const line of ['one', 'two', 'three']) {
        ben.doc.getArray<string>('strategies').push([line]);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      expect(ben.sync.status().pendingChanges).toBe(3);
      removeListedPlan(list.doc, 'offsite', 2, 'Ada');
      env.page.goOnline();
      await waitFor(() => ben.sync.status().phase.kind === 'refused', 'refused');
      // Never confirmed by the server: still waiting, in the status and where a closed plan's count is read.
      expect(ben.sync.status().pendingChanges).toBe(3);
      expect(storedPendingChanges(store, 'offsite')).toBe(3);
      ben.sync.destroy();
      expect(storedPendingChanges(store, 'offsite')).toBe(3);
      const reader = stockProvider(env.server.wsBase, 'acme', 'offsite', tokenFor('acme'));
      try {
        await waitFor(() => reader.wsconnected === false && reader.shouldConnect === false, 'the reader refused too');
        expect(reader.doc.getArray('strategies').length).toBe(0);
      } finally {
        reader.destroy();
      }
    } finally {
      ben.sync.destroy();
      list.destroy();
    }
  });
});
