// Fairness and memory figures of the sync server (issue #14): idle memory per connection and per
// loaded room, a well-behaved client's join time while another token floods joins from another
// address, and resident memory after 1,000 rooms opened and closed. Run from sync.bench.ts.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { percentile } from './harness.js';
import { spawnListeningServer } from './server-process.js';

const secret = 'bench-fairness-secret-0123456789abcdef';
const progress = (message: string) => process.stderr.write(`[sync bench] ${message}\n`);

interface FairnessServer {
  readonly wsBase: string;
  readonly editorToken: string;
  readonly viewerToken: string;
  rssMb(): number;
  stop(): Promise<void>;
}

function startServer(cli: string, flags: string[], env: NodeJS.ProcessEnv = {}): Promise<FairnessServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'throughline-fairness-'));
  const mint = (role: string) => execFileSync(process.execPath, [cli, 'token', '--data', dataDir, '--workspace', 'bench', '--role', role],
    { env: { ...process.env, THROUGHLINE_SECRET: secret }, encoding: 'utf8' }).trim();
  const editorToken = mint('editor');
  const viewerToken = mint('viewer');
  return spawnListeningServer([cli, 'serve', '--port', '0', '--data', dataDir, '--log-level', 'warn', ...flags], { env: { ...process.env, THROUGHLINE_SECRET: secret, ...env } })
    .then(({ child, wsBase }) => ({
      wsBase,
      editorToken,
      viewerToken,
      rssMb: () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024,
      stop: () => new Promise<void>((done) => {
        child.once('exit', () => { rmSync(dataDir, { recursive: true, force: true }); done(); });
        child.kill('SIGTERM');
      }),
    }));
}

function syncStep1(): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint8Array(encoder, new Uint8Array([0]));
  return encoding.toUint8Array(encoder);
}

/** Opens a socket to `room` and resolves once the server's sync step 2 arrived (the client is synced). */
function join(url: string, localAddress = '127.0.0.1'): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { perMessageDeflate: false, localAddress });
    socket.once('error', reject);
    socket.once('unexpected-response', (_req, res) => { socket.terminate(); reject(new Error(`refused ${res.statusCode}`)); });
    socket.on('message', (data: Buffer) => { if (data[0] === 0 && data[1] === 1) resolve(socket); });
    socket.once('open', () => socket.send(syncStep1()));
  });
}

/** A sync update message with one small edit of a fresh document. */
function editMessage(): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('nodes').set('n1', { title: 'Grow revenue', note: 'x'.repeat(200) });
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, 2);
  encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(doc));
  return encoding.toUint8Array(encoder);
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Flags that lift every join and connection limit: memory is measured, not the limits. */
const unlimited = ['--max-connections-per-ip', '100000', '--max-pending-sockets-per-ip', '100000', '--joins-per-second', '100000', '--join-burst', '100000',
  '--joins-per-second-per-ip', '100000', '--join-burst-per-ip', '100000', '--joins-per-second-per-token', '100000', '--join-burst-per-token', '100000'];

/** RSS growth per idle connection (1,000 connections over 10 rooms) and per loaded room (500 rooms, one connection each). */
export async function measureIdleMemory(cli: string): Promise<{ perConnectionMb: number; perRoomMb: number }> {
  const connections = 1_000;
  const rooms = 500;
  const server = await startServer(cli, unlimited);
  try {
    await settle(500);
    const baseline = server.rssMb();
    const idle: WebSocket[] = [];
    progress(`idle memory: ${connections} connections in 10 rooms`);
    for (let i = 0; i < connections; i += 50) {
      idle.push(...await Promise.all(Array.from({ length: 50 }, (_, k) => join(`${server.wsBase}/bench/idle-${(i + k) % 10}?token=${server.editorToken}`))));
    }
    await settle(1_000);
    const withConnections = server.rssMb();
    const perConnectionMb = (withConnections - baseline) / connections;
    progress(`idle memory: ${rooms} rooms with one connection each`);
    const roomSockets: WebSocket[] = [];
    for (let i = 0; i < rooms; i += 50) {
      roomSockets.push(...await Promise.all(Array.from({ length: 50 }, (_, k) => join(`${server.wsBase}/bench/room-${i + k}?token=${server.editorToken}`))));
    }
    await settle(1_000);
    const withRooms = server.rssMb();
    const perRoomMb = (withRooms - withConnections) / rooms - perConnectionMb;
    for (const socket of [...idle, ...roomSockets]) socket.close();
    return { perConnectionMb, perRoomMb };
  } finally {
    await server.stop();
  }
}

/**
 * Join times (socket open to synced) of a well-behaved editor opening one plan after another, alone
 * and while a viewer token floods joins from another address (127.0.0.2), default limits.
 */
export async function measureJoinUnderFlood(cli: string): Promise<{ quietP90Ms: number; floodP90Ms: number; failures: number; floodRefused: number; floodAccepted: number }> {
  const server = await startServer(cli, []);
  try {
    const victimJoins = async (label: string, count: number): Promise<{ times: number[]; failures: number }> => {
      const times: number[] = [];
      let failures = 0;
      for (let i = 0; i < count; i++) {
        const started = performance.now();
        try {
          const socket = await join(`${server.wsBase}/bench/${label}-${i}?token=${server.editorToken}`);
          times.push(performance.now() - started);
          socket.close();
        } catch {
          failures++;
        }
        await settle(100);
      }
      return { times, failures };
    };
    progress('join under flood: quiet baseline');
    const quiet = await victimJoins('quiet', 40);
    progress('join under flood: 8 lanes opening rooms in a loop from 127.0.0.2');
    let flooding = true;
    let floodRefused = 0;
    let floodAccepted = 0;
    const lanes = Array.from({ length: 8 }, async (_, lane) => {
      for (let i = 0; flooding; i++) {
        try {
          const socket = await join(`${server.wsBase}/bench/flood-${lane}-${i}?token=${server.viewerToken}`, '127.0.0.2');
          floodAccepted++;
          socket.close();
        } catch {
          floodRefused++;
        }
      }
    });
    await settle(1_000);
    const flooded = await victimJoins('victim', 40);
    flooding = false;
    await Promise.all(lanes);
    return {
      quietP90Ms: percentile(quiet.times, 90),
      floodP90Ms: flooded.times.length > 0 ? percentile(flooded.times, 90) : Number.POSITIVE_INFINITY,
      failures: flooded.failures,
      floodRefused,
      floodAccepted,
    };
  } finally {
    await server.stop();
  }
}

/** RSS before and after 1,000 rooms are opened (one edit each) and unloaded, with and without MALLOC_ARENA_MAX=2. */
export async function measureRoomChurn(cli: string, env: NodeJS.ProcessEnv = {}): Promise<{ beforeMb: number; peakMb: number; afterMb: number }> {
  const server = await startServer(cli, [...unlimited, '--grace-ms', '0'], env);
  try {
    await settle(500);
    const beforeMb = server.rssMb();
    for (let i = 0; i < 1_000; i += 50) {
      const sockets = await Promise.all(Array.from({ length: 50 }, (_, k) => join(`${server.wsBase}/bench/churn-${i + k}?token=${server.editorToken}`)));
      for (const socket of sockets) socket.send(editMessage());
      await settle(50);
      for (const socket of sockets) socket.close();
    }
    const peakMb = server.rssMb();
    await settle(5_000);
    return { beforeMb, peakMb, afterMb: server.rssMb() };
  } finally {
    await server.stop();
  }
}
