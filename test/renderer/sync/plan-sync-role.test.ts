import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { memoryStore } from '../../../renderer/src/library/key-value-store.js';
import { PlanSync } from '../../../renderer/src/sync/plan-sync.js';
import { readTokenFacts } from '../../../renderer/src/sync/token-facts.js';
import type { RoleChange } from '../../../shared/sync/role-change.js';
import { tokenFor, waitFor, waitForAsync } from '../../sync-server/support/test-server.js';
import { useServerAndPage } from './support/server-and-page.js';

const env = useServerAndPage();

it('the real PlanSync takes the role the host gives it at once, and reconnects with the token handed over', async () => {
  const doc = new Y.Doc();
  const token = tokenFor('acme', 'viewer');
  const changes: RoleChange[] = [];
  const sync = new PlanSync({
    doc, planId: 'plan1', connection: { server: env.server.wsBase, workspace: 'acme', token, savedAt: 0 }, token: readTokenFacts(token),
    nonLocalOrigins: [], store: memoryStore(), now: () => Date.now(), onStatus: () => undefined, onPeers: () => undefined,
    onRoleChange: (change) => changes.push(change),
  });
  try {
    sync.setPresence({ user: { name: 'Vera', colour: '#336699' }, selection: null, view: 'outline', appInstance: 'vera-app-000001' });
    await waitFor(() => sync.status().phase.kind === 'synced', 'synced as a viewer');
    expect(sync.status().role).toBe('viewer');
    await waitFor(() => env.server.server.workspaces.connected('acme')[0]?.instance !== null, 'bound to its app');
    doc.getText('t').insert(0, 'as a viewer;');
    await waitFor(() => sync.status().permissionDenied !== null, 'the write refused');

    env.server.server.workspaces.changeRole('acme', 'editor', { instance: env.server.server.workspaces.connected('acme')[0]!.instance! });
    await waitFor(() => sync.status().role === 'editor', 'the status says editor');
    expect(sync.status().permissionDenied).toBeNull();
    expect(changes.map((change) => change.role)).toEqual(['editor']);
    // The refused write reaches the server now, with the next one.
    doc.getText('t').insert(doc.getText('t').length, 'as an editor;');
    await waitForAsync(async () => (await env.server.planOnServer('acme/plan1')).getText('t').toString() === 'as a viewer;as an editor;', 'both writes on the server');

    // A reconnect uses the token handed over, never the viewer link's.
    const before = env.page.opened.length;
    sync.retry();
    await waitFor(() => env.page.opened.length > before && sync.status().phase.kind === 'synced', 'reconnected');
    expect(env.page.opened.slice(before).filter((url) => !url.includes('/_access'))).toEqual([expect.stringContaining(`token=${encodeURIComponent(changes[0]!.token)}`)]);
    expect(env.server.server.workspaces.connected('acme').map((client) => client.role)).toEqual(['editor']);
  } finally {
    sync.destroy();
  }
});

it('the real PlanSync\'s change on its way when the host makes it a viewer is kept; its next one is refused (hostfix)', async () => {
  const doc = new Y.Doc();
  const token = tokenFor('acme', 'editor');
  const sync = new PlanSync({
    doc, planId: 'plan1', connection: { server: env.server.wsBase, workspace: 'acme', token, savedAt: 0 }, token: readTokenFacts(token),
    nonLocalOrigins: [], store: memoryStore(), now: () => Date.now(), onStatus: () => undefined, onPeers: () => undefined,
  });
  try {
    await waitFor(() => sync.status().phase.kind === 'synced', 'synced as an editor');
    await waitFor(() => env.server.server.workspaces.connected('acme')[0]?.instance !== null, 'bound to its app');
    // The host clicks; in the same moment (before the app can read the role change) it sends a change.
    env.server.server.workspaces.changeRole('acme', 'viewer', { instance: env.server.server.workspaces.connected('acme')[0]!.instance! });
    doc.getText('t').insert(0, 'typed as an editor;');
    await waitFor(() => sync.status().role === 'viewer', 'the status says viewer');
    await waitForAsync(async () => (await env.server.planOnServer('acme/plan1')).getText('t').toString() === 'typed as an editor;', 'the change on its way stored');
    expect(sync.status().permissionDenied).toBeNull();
    // Its app has answered: from now on it is a viewer.
    doc.getText('t').insert(doc.getText('t').length, 'forced as a viewer;');
    await waitFor(() => sync.status().permissionDenied !== null, 'the next write refused');
    expect((await env.server.planOnServer('acme/plan1')).getText('t').toString()).toBe('typed as an editor;');
  } finally {
    sync.destroy();
  }
});
