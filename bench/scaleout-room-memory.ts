// Heap per open room of a Redis + PostgreSQL instance, side by side in one process: stateless rooms
// (today's design: a state vector and delete set per room) and document rooms (the previous design: the
// room's merged Y.Doc in memory — the same server on the same store, with the store's requestMerge
// hidden so rooms fall back to DocumentContent). ROOMS rooms with a PLAN_KB plan each are stored first,
// then one raw client per room joins and completes the initial sync; the heap after a full garbage
// collection, minus the heap before, divided by the rooms, is the figure (the raw clients keep no
// document, only their sockets, which both sides pay alike).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { pino } from 'pino';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { TokenAuthority } from '../sync-server/auth.js';
import { openScaleoutBackend } from '../sync-server/scaleout/backend.js';
import { startSyncServer } from '../sync-server/server.js';
import type { UpdateStore } from '../sync-server/storage/update-store.js';

const secret = Buffer.alloc(32, 7);

export interface RoomMemory {
  readonly statelessKbPerRoom: number;
  readonly documentKbPerRoom: number;
  readonly documentsHeldStateless: number;
  readonly documentsHeldDocument: number;
}

function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

async function settledHeap(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    collectGarbage();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return process.memoryUsage().heapUsed;
}

/** A plan of about `kb` KiB: outline-like map entries, a text with some deletes. */
function planUpdate(kb: number, seed: number): Uint8Array {
  const doc = new Y.Doc({ gc: false });
  const nodes = doc.getMap('nodes');
  for (let n = 0; n * 100 < kb * 1024; n++) nodes.set(`node-${seed}-${n}`, { title: `Key result ${n} of plan ${seed}`, progress: n % 100, owner: 'someone' });
  const notes = doc.getText('notes');
  notes.insert(0, 'notes '.repeat(200));
  for (let n = 0; n < 20; n++) notes.delete(n * 10, 3);
  return Y.encodeStateAsUpdate(doc);
}

/** Joins like a stock client (sync step 1, answers the server's step 1) and resolves at sync step 2. */
function joinRaw(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.binaryType = 'nodebuffer';
    socket.on('error', reject);
    socket.on('open', () => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      encoding.writeVarUint(encoder, 0);
      encoding.writeVarUint8Array(encoder, new Uint8Array([0]));
      socket.send(encoding.toUint8Array(encoder));
    });
    socket.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(data);
      if (decoding.readVarUint(decoder) !== 0) return;
      const step = decoding.readVarUint(decoder);
      if (step === 0) {
        // Nothing to upload: an empty update, as a client holding nothing sends.
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, 0);
        encoding.writeVarUint(encoder, 1);
        encoding.writeVarUint8Array(encoder, new Uint8Array([0, 0]));
        socket.send(encoding.toUint8Array(encoder));
      } else if (step === 1) resolve(socket);
    });
  });
}

async function measure(urls: { redisUrl: string; postgresUrl: string }, design: 'stateless' | 'document', rooms: number, planKb: number): Promise<{ kbPerRoom: number; documents: number }> {
  const log = pino({ level: 'silent' });
  const namespace = `memory-${design}-${process.pid}`;
  const backend = await openScaleoutBackend({ ...urls, namespace, worker: false, log });
  const real = backend.store;
  // The previous design: the same store without requestMerge, so every room keeps its Y.Doc.
  const store: UpdateStore = design === 'stateless' ? real : {
    load: (room) => real.load(room),
    append: (batch) => real.append(batch),
    compact: (room) => real.compact(room),
    size: (room) => real.size(room),
    close: () => real.close(),
  };
  for (let r = 0; r < rooms; r++) await real.append([{ room: `bench/room-${r}`, update: planUpdate(planKb, r) }]);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'throughline-room-memory-'));
  const server = await startSyncServer({
    port: 0, host: '127.0.0.1', dataDir, maxConnectionsPerIp: 100_000, joinsPerSecond: 100_000, joinBurst: 100_000,
    joinsPerSecondPerToken: 100_000, joinBurstPerToken: 100_000, joinsPerSecondPerIp: 100_000, joinBurstPerIp: 100_000,
    maxPendingSocketsPerIp: 100_000,
  }, { logger: log, secret, store, fanout: backend.fanout });
  const token = new TokenAuthority(secret).issue('bench', 'editor', 3600, Math.floor(Date.now() / 1000));
  const wsBase = server.url.replace(/^http/, 'ws').replace(/\/$/, '');
  const sockets: WebSocket[] = [];
  try {
    // One warm-up room (first-use allocations of ws, Yjs, pg) before the baseline.
    sockets.push(await joinRaw(`${wsBase}/bench/room-warmup?token=${token}`));
    const before = await settledHeap();
    for (let r = 0; r < rooms; r += 20) {
      sockets.push(...await Promise.all(Array.from({ length: Math.min(20, rooms - r) }, (_, k) => joinRaw(`${wsBase}/bench/room-${r + k}?token=${token}`))));
    }
    const after = await settledHeap();
    return { kbPerRoom: (after - before) / rooms / 1024, documents: server.rooms.inspect().documents };
  } finally {
    for (const socket of sockets) socket.terminate();
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Heap per open room after the initial sync, stateless against document rooms, in one run. */
export async function measureRoomMemory(urls: { redisUrl: string; postgresUrl: string }, rooms: number, planKb: number): Promise<RoomMemory> {
  const document = await measure(urls, 'document', rooms, planKb);
  const stateless = await measure(urls, 'stateless', rooms, planKb);
  return {
    statelessKbPerRoom: stateless.kbPerRoom,
    documentKbPerRoom: document.kbPerRoom,
    documentsHeldStateless: stateless.documents,
    documentsHeldDocument: document.documents,
  };
}
