// review43b F9 and F11, with the real workshop host, its real server on loopback addresses (127.0.0.2 and 127.0.0.3
// stand for the laptop's address on two Wi-Fi networks) and stock y-websocket clients.
// F9: the hosting address went away (the laptop changed network): the status stayed "hosting" as if nothing
// happened, and the links kept naming the dead address. F11: a saved port the system refuses (EACCES) was not
// retried on a free one: every workshop failed until workshop.json was deleted by hand.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { workshopStatusSchema, type LanAddress, type WorkshopStatus } from '../../shared/bridge/workshop.js';
import { WorkshopHost } from '../../electron/workshop-host.js';
import { workshopHandlers } from '../../electron/workshop-ipc.js';
import { parseJoinHash } from '../../renderer/src/sync/join-link.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => { for (const cleanup of cleanups.splice(0).reverse()) await cleanup(); });

function workshopFolder(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'tl-workshop-'));
  cleanups.push(() => rmSync(root, { recursive: true, force: true }));
  return path.join(root, 'workshop');
}

/** A host whose machine has the addresses `network.now` holds at each moment (what lan-address.ts reads). */
function newHost(dataDir: string, network: { now: LanAddress[] }): WorkshopHost {
  const host = new WorkshopHost({ dataDir, webRoot: null, logger: pino({ level: 'silent' }), addresses: () => network.now });
  cleanups.push(async () => { await host.stop(); });
  return host;
}

function join(link: string, plan: string): { doc: Y.Doc; provider: WebsocketProvider } {
  const read = parseJoinHash(new URL(link).hash);
  if (read.kind !== 'join') throw new Error(`the page would not read ${link}`);
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${read.request.server}/${read.request.workspace}`, plan, doc, {
    params: { token: read.request.token }, WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, disableBc: true,
  });
  cleanups.push(() => { provider.destroy(); doc.destroy(); });
  return { doc, provider };
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const hosting = (status: WorkshopStatus) => {
  if (status.state !== 'hosting') throw new Error(`not hosting: ${JSON.stringify(status)}`);
  return status;
};

const office: LanAddress = { interfaceName: 'Wi-Fi', address: '127.0.0.2', preferred: true };
const hotspot: LanAddress = { interfaceName: 'Wi-Fi', address: '127.0.0.3', preferred: true };

describe('the hosting address goes away (review43b F9)', () => {
  it('the status says so and offers the new address; hosting there keeps the plans, workspace and port, and new links name it', async () => {
    const network = { now: [office] };
    const host = newHost(workshopFolder(), network);
    const first = hosting(await host.start());
    expect(first).toMatchObject({ address: '127.0.0.2', problem: null, newAddress: null });
    const before = host.mintLink('editor', 3600);
    const alice = join(before.browserLink, 'offsite');
    await waitFor(() => alice.provider.synced, 'Alice synced');
    alice.doc.getMap('meta').set('name', 'Offsite 2026');
    const dave = join(before.browserLink, 'offsite');
    await waitFor(() => dave.doc.getMap('meta').get('name') === 'Offsite 2026', 'the server has Alice\'s edit');

    // The laptop joins another network: its address is now 127.0.0.3, the workshop listens on one it lost.
    network.now = [hotspot];
    const lost = hosting(workshopHandlers(host).status());
    expect(workshopStatusSchema.parse(lost)).toEqual(lost);
    expect(lost).toMatchObject({ address: '127.0.0.2', newAddress: '127.0.0.3' });
    expect(lost.problem).toBe('This computer no longer has the address 127.0.0.2 (its network changed): participants cannot reach the workshop, and the links shown name that address. Host on 127.0.0.3 (Wi-Fi) instead, then hand out new links.');

    // Offered, taken: the same workshop on the new address.
    const moved = hosting(await workshopHandlers(host).start({ address: lost.newAddress! }));
    expect(moved).toMatchObject({ address: '127.0.0.3', port: first.port, workspace: first.workspace, hostUrl: `http://127.0.0.3:${first.port}/`, problem: null, newAddress: null });
    const after = host.mintLink('editor', 3600);
    expect(after.browserLink.startsWith(`http://127.0.0.3:${first.port}/#join?`)).toBe(true);
    const bob = join(after.browserLink, 'offsite');
    await waitFor(() => bob.doc.getMap('meta').get('name') === 'Offsite 2026', 'Bob, on the new address, sees what Alice wrote before the move');
    // The old link's token still admits at the new address (the same signing secret): only its address changed.
    const carol = join(before.browserLink.replaceAll('127.0.0.2', '127.0.0.3'), 'offsite');
    await waitFor(() => carol.provider.synced, 'the old token at the new address');
  });

  it('no network at all: the problem says to connect first, and no address is offered; the address back, all is well again', async () => {
    const network = { now: [office] };
    const host = newHost(workshopFolder(), network);
    hosting(await host.start());
    network.now = [];
    expect(host.status()).toMatchObject({ state: 'hosting', newAddress: null, problem: expect.stringContaining('Connect to a network, then host on its address.') });
    network.now = [office];
    expect(host.status()).toMatchObject({ state: 'hosting', address: '127.0.0.2', problem: null, newAddress: null });
    await expect(host.start('203.0.113.9')).rejects.toThrow('"203.0.113.9" is not an address of this computer.');
  });
});

function listen(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

describe('the saved port cannot be used (review43b F11)', () => {
  it('in use: hosted on a free port, and the status says the old links name the old one', async () => {
    const dataDir = workshopFolder();
    const squatter = await listen(0);
    cleanups.push(() => new Promise<void>((resolve) => squatter.close(() => resolve())));
    const taken = (squatter.address() as { port: number }).port;
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(path.join(dataDir, 'workshop.json'), JSON.stringify({ workspace: 'workshop-0a1b2c3d', port: taken }));
    const status = hosting(await newHost(dataDir, { now: [{ interfaceName: 'lo', address: '127.0.0.1', preferred: true }] }).start());
    expect(status.port).not.toBe(taken);
    expect(status.problem).toBe(`The last workshop's port ${taken} is in use by another program, so this one is on port ${status.port}: links handed out before name port ${taken} and no longer work; hand out new ones.`);
  });

  it('refused by the system (EACCES: port 80 without the right to bind it): hosted on a free port, said, and remembered', () => {
    const dataDir = workshopFolder();
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(path.join(dataDir, 'workshop.json'), JSON.stringify({ workspace: 'workshop-0a1b2c3d', port: 80 }));
    // A process of its own without the right to ports below 1024 (as root: that capability dropped; else it has none).
    const script = fileURLToPath(new URL('./support/host-once.ts', import.meta.url));
    const node = `${JSON.stringify(process.execPath)} --import tsx ${JSON.stringify(script)} ${JSON.stringify(dataDir)}`;
    const output = process.getuid?.() === 0
      ? execFileSync('capsh', ['--drop=cap_net_bind_service', '--', '-c', node], { encoding: 'utf8', timeout: 60_000 })
      : execFileSync('sh', ['-c', node], { encoding: 'utf8', timeout: 60_000 });
    const status = hosting(workshopStatusSchema.parse(JSON.parse(output.trim().split('\n').pop()!)));
    expect(status).toMatchObject({ workspace: 'workshop-0a1b2c3d', newAddress: null });
    expect(status.port).not.toBe(80);
    expect(status.problem).toBe(`The last workshop's port 80 is not allowed to the app by this computer (EACCES), so this one is on port ${status.port}: links handed out before name port 80 and no longer work; hand out new ones.`);
    expect(JSON.parse(readFileSync(path.join(dataDir, 'workshop.json'), 'utf8'))).toEqual({ workspace: 'workshop-0a1b2c3d', port: status.port });
  }, 90_000);
});
