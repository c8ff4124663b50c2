import { describe, expect, it } from 'vitest';
import { secondsUntil, statusExplanation, statusLabel, type SyncStatus } from '../../../renderer/src/sync/sync-status.js';
import { PendingEdits, typingPauseMs } from '../../../renderer/src/sync/pending-edits.js';
import { refusalBeforeConnecting } from '../../../renderer/src/sync/token-facts.js';
import { maxPeersRead, peersFromStates, selectionsByNode } from '../../../renderer/src/sync/presence.js';

const status = (phase: SyncStatus['phase'], pendingChanges = 0, role: SyncStatus['role'] = 'editor'): SyncStatus => ({ phase, pendingChanges, role, permissionDenied: null });

describe('sync status wording', () => {
  it('names each state and counts waiting changes', () => {
    expect(statusLabel(status({ kind: 'local' }))).toBe('On this device only');
    expect(statusLabel(status({ kind: 'synced' }))).toBe('Synced');
    expect(statusLabel(status({ kind: 'synced' }, 0, 'viewer'))).toBe('Synced · view only');
    expect(statusLabel(status({ kind: 'offline' }, 1))).toBe('Offline · 1 local change waiting');
    expect(statusLabel(status({ kind: 'offline' }))).toBe('Offline');
    expect(statusLabel(status({ kind: 'connecting' }, 3))).toBe('Connecting… · 3 local changes waiting');
    expect(statusLabel(status({ kind: 'refused', reason: 'x' }))).toBe('Not syncing');
    expect(statusLabel(status({ kind: 'refused', reason: 'x', retryAt: 10_000 }, 2), 1_000)).toBe('Server cannot save — retrying in 9 s · 2 local changes waiting');
  });

  it('says "Server unreachable" with a countdown to the next attempt when only the server is down', () => {
    const now = 1_000_000;
    expect(statusLabel(status({ kind: 'unreachable', retryAt: now + 4_200 }), now)).toBe('Server unreachable — retrying in 5 s');
    expect(statusLabel(status({ kind: 'unreachable', retryAt: now + 1 }, 2), now)).toBe('Server unreachable — retrying in 1 s · 2 local changes waiting');
    expect(statusLabel(status({ kind: 'unreachable', retryAt: now - 5 }), now)).toBe('Server unreachable — retrying now');
    expect(statusLabel(status({ kind: 'unreachable', retryAt: now + 2_000, busy: true }), now)).toBe('Server busy — retrying in 2 s');
    expect(secondsUntil(now + 999, now)).toBe(1);
    expect(statusExplanation(status({ kind: 'unreachable', retryAt: now }))).toMatch(/^The network is up, but the sync server does not answer/);
    expect(statusExplanation(status({ kind: 'offline' }))).toMatch(/^This device has no network/);
  });

  it('does not say "Synced" alone once the server refused a change of this device: the copies differ', () => {
    const refused = (role: SyncStatus['role']): SyncStatus => ({ ...status({ kind: 'synced' }, 0, role), permissionDenied: 'viewer' });
    expect(statusLabel(refused('viewer'))).toBe('View only · your change was not shared');
    expect(statusLabel(refused('editor'))).toBe('Your change was not shared');
    expect(statusExplanation(refused('viewer'))).toMatch(/^The server refused a change you made, so this device's copy differs from everyone else's/);
    expect(statusExplanation(refused('viewer'))).toMatch(/Your link lets you view, not change\.$/);
  });

  it('explains a refusal and promises the plan stays usable', () => {
    expect(statusExplanation(status({ kind: 'refused', reason: 'The token expired.' }))).toMatch(/^The token expired\. The plan stays usable on this device/);
  });
});

describe('pending edits', () => {
  const text = {};
  const otherText = {};
  it('counts the user\'s own edits: one command is one change, however many transactions it writes', () => {
    const pending = new PendingEdits();
    // A rename: one task, two transactions.
    pending.note({ byUser: true, task: 1, text: null, at: 0 });
    pending.note({ byUser: true, task: 1, text: null, at: 0 });
    // The local store replaying and the server's updates are not the user's.
    pending.note({ byUser: false, task: 2, text: null, at: 10 });
    pending.note({ byUser: true, task: 3, text: null, at: 20 });
    pending.note({ byUser: true, task: 4, text: null, at: 30 });
    expect(pending.value).toBe(3);
    pending.clear();
    expect(pending.value).toBe(0);
  });

  it('typing into one text is one change until the typist pauses or moves to another text', () => {
    const pending = new PendingEdits(2);
    for (let key = 0; key < 20; key++) pending.note({ byUser: true, task: 10 + key, text, at: key * 150 });
    expect(pending.value).toBe(3);
    pending.note({ byUser: true, task: 40, text, at: 19 * 150 + typingPauseMs + 1 });
    expect(pending.value).toBe(4);
    pending.note({ byUser: true, task: 41, text: otherText, at: 19 * 150 + typingPauseMs + 50 });
    expect(pending.value).toBe(5);
  });
});

describe('refusals known before connecting', () => {
  const now = Date.UTC(2027, 0, 10);
  it('explains unreadable and other-workspace tokens, and leaves expiry to the server', () => {
    expect(refusalBeforeConnecting(null, 'w')).toMatch(/not a Throughline token/);
    expect(refusalBeforeConnecting({ workspace: 'x', role: 'editor', expiresAt: now + 1 }, 'w')).toMatch(/workspace "x", not "w"/);
    expect(refusalBeforeConnecting({ workspace: 'w', role: 'viewer', expiresAt: now + 1 }, 'w')).toBeNull();
    // Expired by this device's clock is the server's to decide (its clock counts; a laptop a day ahead is not refused).
    expect(refusalBeforeConnecting({ workspace: 'w', role: 'editor', expiresAt: now - 1 }, 'w')).toBeNull();
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

  it('ignores a selection that is no node id (a hostile peer), still showing the peer', () => {
    const states = new Map<number, unknown>([
      [2, { user: { name: 'Eve', colour: '#445566' }, selection: '"><img src=x>', view: 'outline' }],
      [3, { user: { name: 'Rob', colour: '#778899' }, selection: 'root', view: 'outline' }],
    ]);
    const peers = peersFromStates(states, 1);
    expect(peers.map((p) => [p.user.name, p.selection])).toEqual([['Eve', null], ['Rob', null]]);
    expect(selectionsByNode(peers).size).toBe(0);
  });

  it('reads at most maxPeersRead states per change: the review34 flood of 400,000 made-up participants is not parsed whole', () => {
    const ghost = { user: { name: 'Ghost', colour: '#3b6fd8' }, selection: null, view: 'outline' };
    const states = new Map<number, unknown>([[1, { user: { name: 'Me', colour: '#112233' }, selection: null, view: 'outline' }]]);
    for (let client = 1_000_000; client < 1_400_000; client++) states.set(client, ghost);
    const peers = peersFromStates(states, 1);
    expect(peers).toHaveLength(maxPeersRead);
    expect(peers.every((peer) => peer.user.name === 'Ghost')).toBe(true);
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
