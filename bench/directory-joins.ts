// `SYNC_BENCH_PARTS=directory-joins npm run bench -- sync`: what a plan join costs in reading its
// workspace's directory (the check that refuses a plan taken out of the workspace, removed37), right
// after a restart, when nothing is loaded. A workspace whose directory lists `listedPlans` plans; the
// server restarts; then joins one after another (each alone, so none shares another's read), and
// then a reconnect storm of joins in waves of `waveSize` at once. Counted: the directory's reads from
// storage (a wrapping store counts them); timed: wall time and this process's CPU per join (the
// server runs in this process, so CPU includes the clients' small part, the same before and after).
// SQLite, and scaled out (Redis streams + PostgreSQL, started here as the tests start them).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as encoding from 'lib0/encoding';
import { pino } from 'pino';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { directoryRoom, listPlan } from '../shared/workspace/directory.js';
import { TokenAuthority } from '../sync-server/auth.js';
import { openScaleoutBackend } from '../sync-server/scaleout/backend.js';
import { databaseFileName, startSyncServer, type RunningSyncServer, type SyncServerParts } from '../sync-server/server.js';
import { SqliteUpdateStore } from '../sync-server/storage/sqlite-store.js';
import type { UpdateStore } from '../sync-server/storage/update-store.js';
import { startScaleoutServices } from '../test/sync-server/support/services.js';
import { median, percentile } from './harness.js';

const listedPlans = Number(process.env.DIRECTORY_BENCH_PLANS ?? 300);
const sequentialJoins = Number(process.env.DIRECTORY_BENCH_SEQUENTIAL ?? 300);
const stormJoins = Number(process.env.DIRECTORY_BENCH_STORM ?? 1_000);
const waveSize = 100;
const workspace = 'company';
const secret = Buffer.alloc(32, 5);
const token = new TokenAuthority(secret).issue(workspace, 'editor', 3600, Math.floor(Date.now() / 1000));
const progress = (message: string) => process.stderr.write(`[sync bench] ${message}\n`);

/** Counts loads of the workspace's directory room (any method whose first argument is that room). */
function countingDirectoryLoads(store: UpdateStore): { store: UpdateStore; loads: () => number } {
  let loads = 0;
  const key = `${workspace}/${directoryRoom}`;
  const wrapped = new Proxy(store, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (String(name).startsWith('load') && args[0] === key) loads++;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: wrapped, loads: () => loads };
}

function limits(port: number, dataDir: string) {
  return {
    port, host: '127.0.0.1', dataDir, graceMs: 0, maxConnectionsPerIp: 5_000, joinsPerSecond: 100_000, joinBurst: 100_000,
    joinsPerSecondPerToken: 100_000, joinBurstPerToken: 100_000, joinsPerSecondPerIp: 100_000, joinBurstPerIp: 100_000, maxPendingSocketsPerIp: 100_000,
  };
}

/** Joins a plan as a fresh client: sync step 1 with an empty state vector, until the server's step 2. */
function join(wsBase: string, plan: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${wsBase}/${workspace}/${plan}?token=${token}`, { perMessageDeflate: false });
    socket.once('error', reject);
    socket.on('close', (code: number) => reject(new Error(`closed with ${code} before sync step 2`)));
    socket.on('message', (data: Buffer) => {
      if (data[0] === 0 && data[1] === 1) {
        socket.removeAllListeners('close');
        socket.close();
        resolve();
      }
    });
    socket.once('open', () => {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint8Array(e, Y.encodeStateVector(new Y.Doc()));
      socket.send(encoding.toUint8Array(e));
    });
  });
}

interface Phase { joins: number; directoryLoads: number; msPerJoin: number; cpuMsPerJoin: number; p50Ms: number; p90Ms: number }

async function measure(wsBase: string, loads: () => number, plans: readonly string[], wave: number): Promise<Phase> {
  const before = loads();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const latencies: number[] = [];
  for (let first = 0; first < plans.length; first += wave) {
    await Promise.all(plans.slice(first, first + wave).map(async (plan) => {
      const at = performance.now();
      await join(wsBase, plan);
      latencies.push(performance.now() - at);
    }));
  }
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return {
    joins: plans.length, directoryLoads: loads() - before, msPerJoin: wall / plans.length, cpuMsPerJoin: (used.user + used.system) / 1000 / plans.length,
    p50Ms: median(latencies), p90Ms: percentile(latencies, 90),
  };
}

/** A store and fan-out for one server start: SQLite in `dataDir`, or a scale-out backend in `namespace`. */
type Start = () => Promise<{ parts: Partial<SyncServerParts>; store: UpdateStore }>;

async function runMode(name: string, dataDir: string, start: Start): Promise<Record<string, number>> {
  const serve = async (port: number) => {
    const { parts, store } = await start();
    const counted = countingDirectoryLoads(store);
    const server = await startSyncServer(limits(port, dataDir), { logger: pino({ level: 'silent' }), secret, ...parts, store: counted.store });
    return { server, loads: counted.loads, wsBase: server.url.replace(/^http/, 'ws').replace(/\/$/, '') };
  };
  // The directory, written through the server as the app writes it.
  let running: { server: RunningSyncServer; loads: () => number; wsBase: string } = await serve(0);
  const port = running.server.port;
  const doc = new Y.Doc();
  for (let n = 0; n < listedPlans; n++) listPlan(doc, { id: `plan${n}`, name: `Plan number ${n} of the company`, at: n + 1, by: 'Ada' });
  await new Promise<void>((resolve, reject) => {
    const socket = new WebSocket(`${running.wsBase}/${workspace}/${directoryRoom}?token=${token}`, { perMessageDeflate: false });
    socket.once('error', reject);
    socket.once('open', () => {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint(e, 2);
      encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(doc));
      socket.send(encoding.toUint8Array(e));
      // A second frame in the same socket: the server answers it after the update is stored.
      const probe = encoding.createEncoder();
      encoding.writeVarUint(probe, 0);
      encoding.writeVarUint(probe, 0);
      encoding.writeVarUint8Array(probe, Y.encodeStateVector(new Y.Doc()));
      socket.send(encoding.toUint8Array(probe));
    });
    socket.on('message', (data: Buffer) => {
      if (data[0] === 0 && data[1] === 1 && data.length > 1_000) {
        socket.close();
        resolve();
      }
    });
  });
  const directoryBytes = Y.encodeStateAsUpdate(doc).byteLength;
  const plans = Array.from({ length: Math.max(sequentialJoins, stormJoins) }, (_, n) => `plan${n % listedPlans}`);
  const restart = async () => {
    await running.server.close();
    running = await serve(port);
  };
  try {
    progress(`${name}: ${sequentialJoins} joins one after another after a restart`);
    await restart();
    const sequential = await measure(running.wsBase, running.loads, plans.slice(0, sequentialJoins), 1);
    progress(`${name}: ${stormJoins} joins in waves of ${waveSize} after a restart`);
    await restart();
    const storm = await measure(running.wsBase, running.loads, plans.slice(0, stormJoins), waveSize);
    progress(`${name}: directory ${directoryBytes} bytes; sequential ${JSON.stringify(sequential)}; storm ${JSON.stringify(storm)}`);
    return {
      [`dirjoin_${name}_sequential_directory_loads_count`]: sequential.directoryLoads,
      [`dirjoin_${name}_sequential_ms_per_join`]: sequential.msPerJoin,
      [`dirjoin_${name}_sequential_cpu_ms_per_join`]: sequential.cpuMsPerJoin,
      [`dirjoin_${name}_sequential_p90_ms`]: sequential.p90Ms,
      [`dirjoin_${name}_storm_directory_loads_count`]: storm.directoryLoads,
      [`dirjoin_${name}_storm_ms_per_join`]: storm.msPerJoin,
      [`dirjoin_${name}_storm_cpu_ms_per_join`]: storm.cpuMsPerJoin,
      [`dirjoin_${name}_storm_p90_ms`]: storm.p90Ms,
    };
  } finally {
    await running.server.close();
  }
}

/** Both modes' figures; `notes` gets one line describing the load. */
export async function directoryJoinFigures(notes: string[]): Promise<Record<string, number>> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'throughline-bench-dirjoin-'));
  const metrics: Record<string, number> = {};
  try {
    Object.assign(metrics, await runMode('sqlite', dataDir, async () => {
      const store = new SqliteUpdateStore(path.join(dataDir, databaseFileName));
      return { parts: {}, store };
    }));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  progress('starting Redis and PostgreSQL');
  const services = await startScaleoutServices();
  const scaledDir = mkdtempSync(path.join(tmpdir(), 'throughline-bench-dirjoin-'));
  try {
    const namespace = `dirjoin${process.pid}`;
    Object.assign(metrics, await runMode('scaleout', scaledDir, async () => {
      const backend = await openScaleoutBackend({ redisUrl: services.redis.url, postgresUrl: services.postgres.url, namespace, worker: false, log: pino({ level: 'silent' }) });
      return { parts: { fanout: backend.fanout, access: backend.access }, store: backend.store };
    }));
  } finally {
    await services.stop();
    rmSync(scaledDir, { recursive: true, force: true });
  }
  notes.push(`directory joins: a directory listing ${listedPlans} plans; after a restart ${sequentialJoins} joins one at a time, then (restarted again) ${stormJoins} in waves of ${waveSize}; server in this process`);
  return metrics;
}
