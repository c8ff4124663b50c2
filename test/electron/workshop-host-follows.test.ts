// leftovers46b: after the workshop moved to another address ("Host on … instead") or port, the host's own open
// plans stayed connected to the old address, which nothing answers any more. The real main-process workshop host
// moves (127.0.0.2 → 127.0.0.3 stand for two Wi-Fi networks); the rule the host's page follows is read from its
// status; a stock y-websocket client at the followed address syncs, one at the old address cannot connect.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { workshopServerToFollow, type LanAddress, type WorkshopStatus } from '../../shared/bridge/workshop.js';
import { WorkshopHost } from '../../electron/workshop-host.js';
import { workshopHandlers } from '../../electron/workshop-ipc.js';
import { parseJoinHash } from '../../renderer/src/sync/join-link.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => { for (const cleanup of cleanups.splice(0).reverse()) await cleanup(); });

const hosting = (status: WorkshopStatus) => {
  if (status.state !== 'hosting') throw new Error(`not hosting: ${JSON.stringify(status)}`);
  return status;
};

async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the host\'s own connection follows its moved workshop (leftovers46b)', () => {
  it('after a move, the rule names the new room server for the stored connection; once there, nothing; never another workspace', async () => {
    const network: { now: LanAddress[] } = { now: [{ interfaceName: 'Wi-Fi', address: '127.0.0.2', preferred: true }] };
    const root = mkdtempSync(path.join(tmpdir(), 'tl-workshop-follow-'));
    cleanups.push(() => rmSync(root, { recursive: true, force: true }));
    const host = new WorkshopHost({ dataDir: path.join(root, 'workshop'), webRoot: null, logger: pino({ level: 'silent' }), addresses: () => network.now });
    cleanups.push(async () => { await host.stop(); });
    const first = hosting(await host.start());
    // The host opened the workshop's plans here: its stored connection names the first address.
    const link = parseJoinHash(new URL(host.mintLink('editor', 3600).browserLink).hash);
    if (link.kind !== 'join') throw new Error('the link does not read as a join');
    const stored = { server: link.request.server, workspace: link.request.workspace, token: link.request.token };
    expect(stored.server).toBe(`ws://127.0.0.2:${first.port}`);
    expect(workshopServerToFollow(first, stored)).toBeNull();

    network.now = [{ interfaceName: 'Wi-Fi', address: '127.0.0.3', preferred: true }];
    const moved = hosting(await workshopHandlers(host).start({ address: '127.0.0.3' }));
    const follow = workshopServerToFollow(moved, stored);
    expect(follow).toBe(`ws://127.0.0.3:${first.port}`);
    expect(workshopServerToFollow(moved, { ...stored, server: follow! })).toBeNull();
    expect(workshopServerToFollow(moved, { ...stored, workspace: 'someone-else' })).toBeNull();
    expect(workshopServerToFollow(moved, undefined)).toBeNull();
    expect(workshopServerToFollow({ state: 'stopped', addresses: [], problem: null }, stored)).toBeNull();

    // The followed address is the workshop's: the host's own token syncs there.
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(`${follow!}/${stored.workspace}`, 'offsite', doc, {
      params: { token: stored.token }, WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, disableBc: true,
    });
    cleanups.push(() => { provider.destroy(); doc.destroy(); });
    await waitFor(() => provider.synced, 'the host\'s token synced at the followed address');
  });
});
