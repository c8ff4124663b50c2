// In a browser that stores nothing (no IndexedDB, as in this Node process), plans live in this window's memory:
// the sync status must not say their changes are saved on this device (fix46a). The real check of
// memory-storage.ts runs here (no IndexedDB → the in-memory one is installed), then the status words are read.
import { describe, expect, it } from 'vitest';
import { keepPlansInMemoryIfNoStorage } from '../../../renderer/src/persistence/memory-storage.js';
import { localLabel, statusExplanation, statusLabel, type SyncStatus } from '../../../renderer/src/sync/sync-status.js';

const status = (phase: SyncStatus['phase'], pendingChanges = 0): SyncStatus => ({ phase, pendingChanges, role: 'editor', permissionDenied: null });
const phases: SyncStatus['phase'][] = [{ kind: 'local' }, { kind: 'connecting' }, { kind: 'offline' }, { kind: 'unreachable', retryAt: 5_000, busy: false },
  { kind: 'unreachable', retryAt: 5_000, busy: true }, { kind: 'refused', reason: 'The server refused.' }];

describe('sync status in a browser that stores nothing', () => {
  it('says a local plan and waiting changes are kept only in this window, never saved on this device', async () => {
    expect(typeof indexedDB).toBe('undefined');
    expect(await keepPlansInMemoryIfNoStorage()).not.toBeNull();
    expect(statusLabel(status({ kind: 'local' }))).toBe('In this window only');
    expect(localLabel(2)).toBe('In this window only · 2 changes never shared');
    for (const phase of phases) {
      const explanation = statusExplanation(status(phase, 1));
      expect(explanation).not.toMatch(/saved (here|on this device)|stored on this device|kept here/);
      expect(explanation).toContain('kept only in this window until it is closed or reloaded');
    }
  });
});
