/**
 * Every open plan of the app takes the host's role change (review31 finding 3, the app's side): the
 * app's real PlanSyncs against a real server on a loopback port, bound to their app by its key.
 */
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { memoryStore } from '../../../renderer/src/library/key-value-store.js';
import { PlanSync } from '../../../renderer/src/sync/plan-sync.js';
import { RoleHandover } from '../../../renderer/src/sync/role-handover.js';
import { readTokenFacts } from '../../../renderer/src/sync/token-facts.js';
import type { RoleChange } from '../../../shared/sync/role-change.js';
import { directoryRoom } from '../../../shared/workspace/directory.js';
import { instanceOfAppKey } from '../../../sync-server/workspace/workspace-host.js';
import { tokenFor, waitFor, waitForAsync } from '../../sync-server/support/test-server.js';
import { useServerAndPage } from './support/server-and-page.js';

const env = useServerAndPage();

const eveKey = 'eve-app-key-for-plan-sync-0001';

it('a demotion reaches the app\'s open plan that never announced presence; its reconnects and a plan started later with the old link use the handed token', async () => {
  const token = tokenFor('acme', 'editor');
  const handover = new RoleHandover();
  const syncs: PlanSync[] = [];
  const open = (planId: string, changes: RoleChange[], connectionToken = token) => {
    const doc = new Y.Doc();
    const sync = new PlanSync({
      doc, planId, connection: { server: env.server.wsBase, workspace: 'acme', token: connectionToken, savedAt: 0 }, token: readTokenFacts(connectionToken),
      nonLocalOrigins: [], store: memoryStore(), now: () => Date.now(), onStatus: () => undefined, onPeers: () => undefined,
      onRoleChange: (change) => changes.push(change), appKey: eveKey, handover,
    });
    syncs.push(sync);
    return { doc, sync };
  };
  try {
    const listChanges: RoleChange[] = [], planChanges: RoleChange[] = [];
    const list = open(directoryRoom, listChanges);
    const plan = open('plan1', planChanges);
    list.sync.setPresence({ selection: null, view: 'plans', appInstance: 'eve-app-0000001' });
    await waitFor(() => list.sync.status().phase.kind === 'synced' && plan.sync.status().phase.kind === 'synced', 'synced');

    const outcome = env.server.server.workspaces.changeRole('acme', 'viewer', { instance: instanceOfAppKey(eveKey) });
    expect(outcome).toMatchObject({ changed: 2, told: 2 });
    await waitFor(() => list.sync.status().role === 'viewer' && plan.sync.status().role === 'viewer', 'both syncs say viewer');
    // Told once each (the handover does not tell a sync twice).
    expect([listChanges.length, planChanges.length]).toEqual([1, 1]);
    plan.doc.getText('t').insert(0, 'after the demotion;');
    await waitFor(() => plan.sync.status().permissionDenied !== null, 'the plan\'s write refused');
    expect((await env.server.planOnServer('acme/plan1')).getText('t').toString()).toBe('');

    const handed = listChanges[0]!.token;
    const before = env.page.opened.length;
    plan.sync.retry();
    await waitFor(() => env.page.opened.length > before && plan.sync.status().phase.kind === 'synced', 'reconnected');
    expect(env.page.opened.slice(before).filter((url) => !url.includes('/_access')).every((url) => url.includes(`token=${encodeURIComponent(handed)}`))).toBe(true);

    // A plan opened with the connection the app had before (plan-session's startSync of an older one): the handed token.
    const laterChanges: RoleChange[] = [];
    const openedBefore = env.page.opened.length;
    const later = open('plan2', laterChanges);
    expect(later.sync.status().role).toBe('viewer');
    await waitFor(() => later.sync.status().phase.kind === 'synced', 'the later plan synced');
    expect(env.page.opened.slice(openedBefore).filter((url) => !url.includes('/_access'))).toEqual([expect.stringContaining(`token=${encodeURIComponent(handed)}`)]);
    await waitForAsync(async () => env.server.server.workspaces.connected('acme').every((client) => client.role === 'viewer'), 'every connection of the app a viewer');
    expect(env.server.server.workspaces.connected('acme')).toHaveLength(3);
  } finally {
    for (const sync of syncs) sync.destroy();
  }
});

it('a sync the server could not tell takes the token another sync of the app was handed', () => {
  const handover = new RoleHandover();
  const scope = 'key\u0000ws://server\u0000acme';
  const received: RoleChange[] = [];
  const leave = handover.join(scope, (change) => received.push(change));
  const change: RoleChange = { role: 'viewer', token: 'new-token' };
  handover.handOver(scope, 'old-token', change);
  expect(received).toEqual([change]);
  expect(handover.replacing(scope, 'old-token')).toEqual(change);
  expect(handover.replacing(scope, 'new-token')).toBeNull();
  expect(handover.replacing('another app\u0000ws://server\u0000acme', 'old-token')).toBeNull();
  leave();
  handover.handOver(scope, 'new-token', { role: 'editor', token: 'newer-token' });
  expect(received).toEqual([change]);
  // Both earlier tokens are replaced by the latest.
  expect(handover.replacing(scope, 'old-token')?.token).toBe('newer-token');
});
