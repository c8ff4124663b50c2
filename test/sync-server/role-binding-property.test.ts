/**
 * Property: for any interleaving of joins (apps announcing presence or not, impostors copying an app's
 * presence, bound to an app of their own or to none), the host's role changes on the rows it sees, and
 * revocations of the link a row joined with, every connection's role afterwards is exactly the host's
 * last choice for its app (or its own link's role, when the host chose nothing for it), and no other
 * connection's role changed. A real server on a loopback port; raw WebSocket clients.
 */
import * as encoding from 'lib0/encoding';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { messageType } from '../../shared/sync/protocol.js';
import type { TokenRole } from '../../shared/sync/token.js';
import { groupConnections } from '../../renderer/src/host/host-view.js';
import { instanceOfAppKey, type MintedLink } from '../../sync-server/workspace/workspace-host.js';
import { RawClient } from './support/raw-client.js';
import { startTestServer, waitFor, type TestServer } from './support/test-server.js';

let server: TestServer;
beforeAll(async () => { server = await startTestServer({ graceMs: 0 }); });
afterAll(async () => { await server.stop(); });

const apps = 3;
type Step =
  | { readonly kind: 'join'; readonly app: number; readonly announce: boolean }
  | { readonly kind: 'impostor'; readonly target: number; readonly bound: boolean }
  | { readonly kind: 'change'; readonly app: number; readonly role: TokenRole }
  | { readonly kind: 'revoke'; readonly app: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('join' as const), app: fc.nat(apps - 1), announce: fc.boolean() }),
  fc.record({ kind: fc.constant('impostor' as const), target: fc.nat(apps - 1), bound: fc.boolean() }),
  fc.record({ kind: fc.constant('change' as const), app: fc.nat(apps - 1), role: fc.constantFrom<TokenRole>('editor', 'viewer') }),
  fc.record({ kind: fc.constant('revoke' as const), app: fc.nat(apps - 1) }),
);

interface Joined {
  readonly client: RawClient;
  readonly plan: string;
  /** The app it belongs to (null: an impostor), and the role it must have. */
  readonly app: number | null;
  expected: TokenRole;
}

/** Announces `state` in presence on `client`'s connection, as any client may. */
function announce(client: RawClient, state: Record<string, unknown>): void {
  const awareness = new Awareness(client.doc);
  awareness.setLocalState(state);
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, messageType.awareness);
  encoding.writeVarUint8Array(encoder, encodeAwarenessUpdate(awareness, [awareness.clientID]));
  client.send(encoding.toUint8Array(encoder));
  awareness.destroy();
}

let run = 0;
it('every connection ends with the host\'s choice for its row, and no other connection changes', async () => {
  await fc.assert(fc.asyncProperty(fc.array(fc.constantFrom<TokenRole>('editor', 'viewer'), { minLength: apps, maxLength: apps }), fc.array(stepArb, { minLength: 1, maxLength: 9 }), async (linkRoles, steps) => {
    const workspace = `w${run++}`;
    const keys = linkRoles.map((_, app) => `app-${app}-key-of-run-${workspace}-000000`);
    const links: MintedLink[] = linkRoles.map((role) => server.server.workspaces.mintLink(workspace, role, 3600));
    const decided = new Map<number, TokenRole>();
    const revoked = new Set<number>();
    const joined: Joined[] = [];
    let plans = 0;
    const roleOf = (plan: string) => server.server.workspaces.connected(workspace).find((client) => client.plan === plan)?.role;
    const open = async (plan: string, token: string, appKey: string | null) => RawClient.joined(`${server.wsBase}/${workspace}/${plan}?token=${encodeURIComponent(token)}&readsRoleChange=1${appKey === null ? '' : `&appKey=${appKey}`}`);
    try {
      for (const step of steps) {
        if (step.kind === 'join') {
          // A revoked link admits nobody (the app's connections after a change hold their personal link).
          if (revoked.has(step.app)) continue;
          const plan = `p${plans++}`;
          const client = await open(plan, links[step.app]!.token, keys[step.app]!);
          if (step.announce) {
            announce(client, { user: { name: `Person ${step.app}` }, appInstance: `public-instance-${step.app}` });
            await waitFor(() => server.server.workspaces.connected(workspace).find((entry) => entry.plan === plan)?.names.length === 1, 'presence arrived');
          }
          joined.push({ client, plan, app: step.app, expected: decided.get(step.app) ?? linkRoles[step.app]! });
        } else if (step.kind === 'impostor') {
          const plan = `p${plans++}`;
          const own = server.server.workspaces.mintLink(workspace, 'viewer', 366 * 86_400);
          const client = await open(plan, own.token, step.bound ? `impostor-${plans}-key-${workspace}-0000000` : null);
          announce(client, { user: { name: `Person ${step.target}` }, appInstance: `public-instance-${step.target}` });
          await waitFor(() => server.server.workspaces.connected(workspace).find((entry) => entry.plan === plan)?.names.length === 1, 'the copy arrived');
          joined.push({ client, plan, app: null, expected: 'viewer' });
        } else {
          // The host acts on the row it sees for the app (none: nothing to click).
          const view = { workspace, plans: [], connected: server.server.workspaces.connected(workspace).map((client) => ({ ...client, names: [...client.names], instances: [...client.instances], joinedWithLinkIds: [...client.joinedWithLinkIds] })) };
          const row = groupConnections(view).find((candidate) => candidate.instance === instanceOfAppKey(keys[step.app]!));
          if (row === undefined) continue;
          if (step.kind === 'change') {
            server.server.workspaces.changeRole(workspace, step.role, { instance: row.instance!, connections: row.connectionIds });
            decided.set(step.app, step.role);
            for (const entry of joined) if (entry.app === step.app) entry.expected = step.role;
          } else {
            for (const link of row.joinedWithLinkIds) server.server.workspaces.revoke(link);
            revoked.add(step.app);
            // Connections still on the link they joined with (never changed by the host) are closed.
            if (!decided.has(step.app)) {
              for (const entry of joined.filter((candidate) => candidate.app === step.app)) {
                await entry.client.until(() => entry.client.closeInfo !== null, 'closed by the revocation');
                expect(entry.client.closeInfo!.code).toBe(4403);
              }
              joined.splice(0, joined.length, ...joined.filter((candidate) => candidate.app !== step.app));
            }
          }
        }
        for (const entry of joined) expect([entry.plan, entry.app, roleOf(entry.plan)]).toEqual([entry.plan, entry.app, entry.expected]);
      }
      for (const entry of joined) expect(entry.client.closeInfo).toBeNull();
    } finally {
      for (const entry of joined) entry.client.close();
    }
  }), { numRuns: 40 });
}, 120_000);
