import { describe, expect, it } from 'vitest';
import { statusExplanation, statusLabel, type SyncStatus } from '../../../renderer/src/sync/sync-status.js';
import { refusalBeforeConnecting } from '../../../renderer/src/sync/token-facts.js';
import { peersFromStates, selectionsByNode } from '../../../renderer/src/sync/presence.js';

const status = (phase: SyncStatus['phase'], pendingChanges = 0, role: SyncStatus['role'] = 'editor'): SyncStatus => ({ phase, pendingChanges, role, permissionDenied: null });

describe('sync status wording', () => {
  it('names each state and counts waiting changes', () => {
    expect(statusLabel(status({ kind: 'local' }))).toBe('On this device only');
    expect(statusLabel(status({ kind: 'synced' }))).toBe('Synced');
    expect(statusLabel(status({ kind: 'synced' }, 0, 'viewer'))).toBe('Synced · view only');
    expect(statusLabel(status({ kind: 'offline', because: 'no-network' }, 1))).toBe('Offline · 1 local change waiting');
    expect(statusLabel(status({ kind: 'connecting' }, 3))).toBe('Connecting · 3 local changes waiting');
    expect(statusLabel(status({ kind: 'refused', reason: 'x' }))).toBe('Not syncing');
  });

  it('explains a refusal and promises the plan stays usable', () => {
    expect(statusExplanation(status({ kind: 'refused', reason: 'The token expired.' }))).toMatch(/^The token expired\. The plan stays usable on this device/);
  });
});

describe('refusals known before connecting', () => {
  const now = Date.UTC(2027, 0, 10);
  it('explains unreadable, expired and other-workspace tokens', () => {
    expect(refusalBeforeConnecting(null, 'w', now)).toMatch(/not a Throughline token/);
    expect(refusalBeforeConnecting({ workspace: 'w', role: 'editor', expiresAt: now - 1 }, 'w', now)).toMatch(/expired/);
    expect(refusalBeforeConnecting({ workspace: 'x', role: 'editor', expiresAt: now + 1 }, 'w', now)).toMatch(/workspace "x", not "w"/);
    expect(refusalBeforeConnecting({ workspace: 'w', role: 'viewer', expiresAt: now + 1 }, 'w', now)).toBeNull();
  });
});

describe('presence from awareness states', () => {
  it('skips this client and malformed states, and groups selections', () => {
    const states = new Map<number, unknown>([
      [1, { user: { name: 'Me', colour: '#112233' }, selection: 'n1', view: 'outline' }],
      [2, { user: { name: 'Zoe', colour: '#445566' }, selection: 'n1', view: 'outline' }],
      [3, { user: { name: 'Ann', colour: '#778899', personId: 'p3' }, selection: null, view: 'pulse' }],
      [4, { user: { name: '<script>', colour: 'red' }, selection: 5 }],
      [5, null],
    ]);
    const peers = peersFromStates(states, 1);
    expect(peers.map((p) => p.user.name)).toEqual(['Ann', 'Zoe']);
    expect([...selectionsByNode(peers)].map(([node, list]) => [node, list.map((p) => p.clientId)])).toEqual([['n1', [2]]]);
  });
});

describe('token facts', () => {
  it('reads role, workspace and expiry from a v1 token without verifying it', async () => {
    const { encodeSignedPart } = await import('../../../shared/sync/index.js');
    const { readTokenFacts } = await import('../../../renderer/src/sync/token-facts.js');
    const signed = encodeSignedPart({ ws: 'acme', role: 'viewer', iat: 1_800_000_000, exp: 1_800_003_600 });
    const token = `${signed}.${'A'.repeat(42)}A`;
    expect(readTokenFacts(token)).toEqual({ workspace: 'acme', role: 'viewer', expiresAt: 1_800_003_600_000 });
    expect(readTokenFacts('not-a-token')).toBeNull();
  });
});
