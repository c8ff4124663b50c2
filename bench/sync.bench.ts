// Sync server against the reference @y/websocket-server 0.1.1, side by side on the same load:
// 50 clients in one room (fan-out latency and throughput) and 200 rooms × 5 clients (server memory).
// Both servers run as child processes on loopback; the clients run here and speak the y-websocket
// protocol directly (reading only each relayed update's header, so the harness stays cheap).
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { generatePlan } from '../shared/model/fixtures/generate-plan.js';
import { median, percentile, scratchDir, type BenchResult } from './harness.js';
import { directoryJoinFigures } from './directory-joins.js';
import { measureIdleMemory, measureJoinUnderFlood, measureRoomChurn } from './sync-fairness.js';

const root = path.resolve(import.meta.dirname, '..');
const fanoutClients = 50;
const latencyRatePerSecond = 500;
const latencySeconds = 6;
const burstPerClient = 100;
const memoryRooms = 200;
const memoryClientsPerRoom = 5;
/** Alternating rounds per server (SYNC_BENCH_ROUNDS lowers it for a quick check; medians need 3). */
const rounds = Number(process.env.SYNC_BENCH_ROUNDS ?? 3);
/** Progress on stderr, so a long run shows where it is. */
const progress = (message: string) => process.stderr.write(`[sync bench] ${message}\n`);

interface ServerUnderTest {
  readonly name: 'ours' | 'reference';
  readonly child: ChildProcessWithoutNullStreams;
  readonly wsBase: string;
  roomUrl(room: string): string;
  rssMb(): number;
  stop(): Promise<void>;
}

/** Compiles the server (tsc, the project's compiler) into a scratch folder inside the project, so it runs on plain node like the reference. */
function compileOurServer(): { cli: string; cleanup: () => void } {
  const outDir = scratchDir('sync-bench-');
  execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), 'sync-server/cli.ts', '--outDir', outDir, '--rootDir', '.',
    '--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--target', 'ES2022', '--skipLibCheck', '--types', 'node', '--strict'], { cwd: root, stdio: 'inherit' });
  return { cli: path.join(outDir, 'sync-server', 'cli.js'), cleanup: () => rmSync(outDir, { recursive: true, force: true }) };
}

function startProcess(name: ServerUnderTest['name'], args: string[], env: NodeJS.ProcessEnv, roomUrl: (wsBase: string, room: string) => string, cleanup: () => void): Promise<ServerUnderTest> {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env } });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`${name} server did not announce itself:\n${output}`)); }, 30_000);
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"msg":"listening".*?"url":"(http:\/\/[^"]+)"|"url":"(http:\/\/[^"]+)".*?"msg":"listening"/.exec(output);
      const url = match?.[1] ?? match?.[2];
      if (url === undefined) return;
      clearTimeout(timer);
      child.stdout.removeAllListeners('data');
      child.stdout.resume();
      const wsBase = url.replace(/^http/, 'ws').replace(/\/$/, '');
      resolve({
        name, child, wsBase,
        roomUrl: (room) => roomUrl(wsBase, room),
        rssMb: () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024,
        stop: () => new Promise((done) => {
          child.once('exit', () => { cleanup(); done(); });
          child.kill('SIGTERM');
        }),
      });
    });
    child.once('exit', (code) => reject(new Error(`${name} server exited (${code}):\n${output}`)));
  });
}

async function startOurs(cli: string, extra: string[] = []): Promise<ServerUnderTest> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'throughline-sync-bench-'));
  const secret = 'bench-secret-0123456789abcdef0123456789';
  const token = execFileSync(process.execPath, [cli, 'token', '--data', dataDir, '--workspace', 'bench', '--role', 'editor'], { env: { ...process.env, THROUGHLINE_SECRET: secret }, encoding: 'utf8' }).trim();
  return startProcess('ours', [cli, 'serve', '--port', '0', '--data', dataDir, '--web', path.join(dataDir, 'no-web'), '--log-level', 'warn', ...extra],
    { THROUGHLINE_SECRET: secret }, (wsBase, room) => `${wsBase}/bench/${room}?token=${token}`, () => rmSync(dataDir, { recursive: true, force: true }));
}

function startReference(): Promise<ServerUnderTest> {
  return startProcess('reference', [path.join(root, 'bench', 'sync-reference-server.mjs')], {}, (wsBase, room) => `${wsBase}/bench-${room}`, () => undefined);
}

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** A protocol-level client whose updates are prepared ahead: each one overwrites its own key, so any order is valid. */
class BenchClient {
  private readonly updates: Uint8Array[];
  private sent = 0;
  private synced = false;
  received = 0;

  private constructor(
    private readonly socket: WebSocket,
    readonly clientId: number,
    count: number,
    private readonly onRelayed: (clientId: number, clock: number, at: number) => void,
  ) {
    const doc = new Y.Doc();
    doc.clientID = clientId;
    this.updates = [];
    doc.on('update', (update: Uint8Array) => this.updates.push(frame((e) => { encoding.writeVarUint(e, 0); encoding.writeVarUint(e, 2); encoding.writeVarUint8Array(e, update); })));
    const map = doc.getMap(`client-${clientId}`);
    for (let i = 0; i < count; i++) map.set('progress', { seq: i, note: 'checked in' });
    socket.binaryType = 'nodebuffer';
    socket.on('message', (data: Buffer) => this.onMessage(data));
  }

  static connect(url: string, clientId: number, count: number, onRelayed: (clientId: number, clock: number, at: number) => void): Promise<BenchClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { perMessageDeflate: false });
      socket.once('error', reject);
      socket.once('open', () => {
        const client = new BenchClient(socket, clientId, count, onRelayed);
        socket.send(frame((e) => { encoding.writeVarUint(e, 0); encoding.writeVarUint(e, 0); encoding.writeVarUint8Array(e, new Uint8Array([0])); }));
        const check = setInterval(() => {
          if (client.synced) { clearInterval(check); resolve(client); }
        }, 2);
      });
    });
  }

  /** Sends its next prepared update; returns the send time. */
  sendNext(): number {
    const update = this.updates[this.sent++];
    if (update === undefined) throw new Error('no prepared update left');
    const at = performance.now();
    this.socket.send(update);
    return at;
  }

  get nextClock(): number {
    return this.sent;
  }

  close(): void {
    this.socket.close();
  }

  private onMessage(data: Buffer): void {
    const at = performance.now();
    const decoder = decoding.createDecoder(data);
    if (decoding.readVarUint(decoder) !== 0) return;
    const step = decoding.readVarUint(decoder);
    if (step === 0) {
      // The server's sync step 1: we have nothing it lacks.
      this.socket.send(frame((e) => { encoding.writeVarUint(e, 0); encoding.writeVarUint(e, 1); encoding.writeVarUint8Array(e, new Uint8Array([0, 0])); }));
    } else if (step === 1) {
      this.synced = true;
    } else {
      // A relayed update (or several merged): each client's clock range names the updates it holds,
      // since every prepared update advances its client's clock by exactly one.
      const { from, to } = Y.parseUpdateMeta(decoding.readVarUint8Array(decoder));
      for (const [client, end] of to) {
        if (client === this.clientId) continue;
        for (let clock = from.get(client) ?? end; clock < end; clock++) {
          this.received++;
          this.onRelayed(client, clock, at);
        }
      }
    }
  }
}

interface FanoutFigures { p50: number; p99: number; updatesPerSecond: number }

/** 50 clients in one room: latency at a steady offered load, then throughput of a burst from everyone. */
async function measureFanout(server: ServerUnderTest, round: number): Promise<FanoutFigures> {
  const sendTimes = new Map<number, number[]>();
  const latencies: number[] = [];
  let measuring = false;
  let delivered = 0;
  let lastDelivery = 0;
  const steadyTotal = latencyRatePerSecond * (latencySeconds + 1);
  const perClient = Math.ceil(steadyTotal / fanoutClients) + burstPerClient + 5;
  const onRelayed = (clientId: number, clock: number, at: number) => {
    delivered++;
    lastDelivery = at;
    const sent = sendTimes.get(clientId)?.[clock];
    if (measuring && sent !== undefined) latencies.push(at - sent);
  };
  const clients: BenchClient[] = [];
  progress(`${server.name}: connecting ${fanoutClients} clients`);
  for (let i = 0; i < fanoutClients; i++) {
    clients.push(await BenchClient.connect(server.roomUrl(`fanout-${round}`), 10_000 + i, perClient, onRelayed));
    sendTimes.set(10_000 + i, []);
  }
  const send = (client: BenchClient) => { sendTimes.get(client.clientId)![client.nextClock] = client.sendNext(); };

  // Steady load: one update every 1000/rate ms, round-robin over the clients; the first second warms up.
  const started = performance.now();
  let next = 0;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const elapsed = performance.now() - started;
      measuring = elapsed > 1_000;
      // Capped at the planned count: on a loaded machine the last tick comes late, and sending what
      // it would be due then used up updates prepared for the burst ("no prepared update left").
      const due = Math.min(steadyTotal, Math.floor((elapsed / 1000) * latencyRatePerSecond));
      while (next < due) send(clients[next++ % fanoutClients]!);
      if (elapsed > (latencySeconds + 1) * 1000) { clearInterval(timer); resolve(); }
    }, 1);
  });
  const expected = next * (fanoutClients - 1);
  progress(`${server.name}: steady load sent (${next} updates), waiting for ${expected} deliveries`);
  await until(() => delivered >= expected, `${server.name}: steady-load deliveries`);
  measuring = false;

  // Burst: every client sends burstPerClient updates at once; time until all are everywhere.
  const burstExpected = delivered + fanoutClients * burstPerClient * (fanoutClients - 1);
  const burstStart = performance.now();
  for (let k = 0; k < burstPerClient; k++) for (const client of clients) send(client);
  await until(() => delivered >= burstExpected, `${server.name}: burst deliveries`);
  const updatesPerSecond = (fanoutClients * burstPerClient) / ((lastDelivery - burstStart) / 1000);
  for (const client of clients) client.close();
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), updatesPerSecond };
}

/** 200 rooms × 5 clients, each sending a few updates: the server's resident memory once all are delivered. */
async function measureMemory(server: ServerUnderTest): Promise<{ idleMb: number; loadedMb: number }> {
  await new Promise((resolve) => setTimeout(resolve, 300));
  const idleMb = server.rssMb();
  let delivered = 0;
  const clients: BenchClient[] = [];
  for (let room = 0; room < memoryRooms; room++) {
    const joined = await Promise.all(Array.from({ length: memoryClientsPerRoom }, (_, i) =>
      BenchClient.connect(server.roomUrl(`memory-${room}`), 20_000 + room * memoryClientsPerRoom + i, 5, () => { delivered++; })));
    clients.push(...joined);
  }
  for (const client of clients) for (let k = 0; k < 5; k++) client.sendNext();
  await until(() => delivered >= clients.length * 5 * (memoryClientsPerRoom - 1), `${server.name}: memory-phase deliveries`);
  await new Promise((resolve) => setTimeout(resolve, 500));
  const loadedMb = server.rssMb();
  for (const client of clients) client.close();
  return { idleMb, loadedMb };
}

/** A 20,000-node plan: the size and time of a new client's first sync, and of a returning client's. */
async function measureInitialSync(server: ServerUnderTest): Promise<{ bytes: number; ms: number; rejoinBytes: number; planBytes: number }> {
  const plan = new Y.Doc();
  generatePlan(plan, { nodes: 20_000, seed: 7 });
  const state = Y.encodeStateAsUpdate(plan);
  const seeder = await connectRaw(server.roomUrl('plan-20k'));
  seeder.socket.send(frame((e) => { encoding.writeVarUint(e, 0); encoding.writeVarUint(e, 2); encoding.writeVarUint8Array(e, state); }));
  // A fixed pause measured an empty room (5 bytes) whenever storing 16 MB took longer than the pause.
  await untilServerHolds(server.roomUrl('plan-20k'), plan);
  const started = performance.now();
  const fresh = await connectRaw(server.roomUrl('plan-20k'), new Uint8Array([0]));
  const ms = performance.now() - started;
  const returning = await connectRaw(server.roomUrl('plan-20k'), Y.encodeStateVector(plan));
  for (const client of [seeder, fresh, returning]) client.socket.close();
  return { bytes: fresh.step2Bytes, ms, rejoinBytes: returning.step2Bytes, planBytes: state.length };
}

/**
 * Waits until the server holds all of `plan`: a joining client is sent the server's state vector
 * (sync step 1) once what it has applied is durable, so a probe compares that vector to the plan's.
 */
async function untilServerHolds(url: string, plan: Y.Doc, limitMs = 120_000): Promise<void> {
  const wanted = Y.decodeStateVector(Y.encodeStateVector(plan));
  const started = performance.now();
  for (;;) {
    const held = await serverStateVector(url);
    if ([...wanted].every(([client, clock]) => (held.get(client) ?? 0) >= clock)) return;
    if (performance.now() - started > limitMs) throw new Error(`benchmark gave up waiting for the server to hold the plan (${limitMs} ms)`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The state vector the server sends a joining client in its sync step 1. */
function serverStateVector(url: string): Promise<Map<number, number>> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { perMessageDeflate: false, maxPayload: 256 * 1024 * 1024 });
    socket.once('error', reject);
    socket.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.length));
      if (decoding.readVarUint(decoder) !== 0 || decoding.readVarUint(decoder) !== 0) return;
      socket.close();
      resolve(Y.decodeStateVector(decoding.readVarUint8Array(decoder)));
    });
  });
}

/** The first-sync figures on a fresh server of ours (SYNC_BENCH_PARTS=first-sync runs only these). */
async function firstSyncFigures(cli: string, notes: string[]): Promise<Record<string, number>> {
  progress('initial sync of a 20,000-node plan');
  const server = await startOurs(cli, ['--max-message-bytes', String(64 * 1024 * 1024)]);
  const initial = await measureInitialSync(server).finally(() => server.stop());
  notes.push(`20,000-node plan (${initial.planBytes} bytes encoded): first sync ${initial.bytes} bytes in ${initial.ms.toFixed(0)} ms; a returning client's sync step 2: ${initial.rejoinBytes} bytes`);
  return { initial_sync_20k_bytes: initial.bytes, initial_sync_20k_ms: initial.ms, rejoin_sync_20k_bytes: initial.rejoinBytes };
}

/** Connects and (with a state vector) waits for the server's sync step 2, keeping its size. */
function connectRaw(url: string, stateVector?: Uint8Array): Promise<{ socket: WebSocket; step2Bytes: number }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { perMessageDeflate: false, maxPayload: 256 * 1024 * 1024 });
    socket.once('error', reject);
    socket.on('message', (data: Buffer) => {
      if (data[0] === 0 && data[1] === 1) resolve({ socket, step2Bytes: data.length });
    });
    socket.once('open', () => {
      if (stateVector === undefined) { resolve({ socket, step2Bytes: 0 }); return; }
      socket.send(frame((e) => { encoding.writeVarUint(e, 0); encoding.writeVarUint(e, 0); encoding.writeVarUint8Array(e, stateVector); }));
    });
  });
}

async function until(condition: () => boolean, what: string, limitMs = 120_000): Promise<void> {
  const started = performance.now();
  while (!condition()) {
    if (performance.now() - started > limitMs) throw new Error(`benchmark gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

export async function run(): Promise<BenchResult> {
  // SYNC_BENCH_PARTS=directory-joins: only the directory's cost per plan join (in this process, nothing to compile).
  if (process.env.SYNC_BENCH_PARTS === 'directory-joins') {
    const notes: string[] = [];
    return { area: 'sync', metrics: await directoryJoinFigures(notes), notes };
  }
  progress('compiling the server');
  const compiled = compileOurServer();
  const notes: string[] = [];
  try {
    // SYNC_BENCH_PARTS=fairness runs only issue #14's figures (the fan-out rounds take minutes).
    if (process.env.SYNC_BENCH_PARTS === 'fairness') return { area: 'sync', metrics: await measureFairness(compiled.cli, notes), notes };
    if (process.env.SYNC_BENCH_PARTS === 'first-sync') return { area: 'sync', metrics: await firstSyncFigures(compiled.cli, notes), notes };
    const ours: FanoutFigures[] = [];
    const oursNormal: FanoutFigures[] = [];
    const reference: FanoutFigures[] = [];
    // Rotate the servers so drift in machine load hits all alike. 'ours-normal' is our server with
    // SQLite synchronous=NORMAL, to show what the per-commit fsync of the default (FULL) costs.
    const order = ['reference', 'ours', 'ours-normal'] as const;
    for (let round = 0; round < rounds; round++) {
      for (let k = 0; k < order.length; k++) {
        const which = order[(k + round) % order.length]!;
        progress(`round ${round + 1}: ${which}`);
        const server = which === 'reference' ? await startReference() : await startOurs(compiled.cli, which === 'ours-normal' ? ['--synchronous', 'normal'] : []);
        try {
          const figures = await measureFanout(server, round);
          ({ ours, 'ours-normal': oursNormal, reference })[which].push(figures);
          notes.push(`round ${round + 1} ${which}: p50 ${figures.p50.toFixed(2)} ms, p99 ${figures.p99.toFixed(2)} ms, ${figures.updatesPerSecond.toFixed(0)} updates/s`);
        } finally {
          await server.stop();
        }
      }
    }
    // 1,000 joins at once from one address and one token: lift every join limit (server-wide, per
    // token, per address, pending sockets), or the fairness limits refuse most of them with 503.
    const memoryFlags = ['--max-connections-per-ip', '5000', '--joins-per-second', '100000', '--join-burst', '100000',
      '--joins-per-second-per-token', '100000', '--join-burst-per-token', '100000', '--joins-per-second-per-ip', '100000',
      '--join-burst-per-ip', '100000', '--max-pending-sockets-per-ip', '100000'];
    progress('memory: 200 rooms x 5 clients');
    const oursForMemory = await startOurs(compiled.cli, memoryFlags);
    const oursMemory = await measureMemory(oursForMemory).finally(() => oursForMemory.stop());
    const referenceForMemory = await startReference();
    const referenceMemory = await measureMemory(referenceForMemory).finally(() => referenceForMemory.stop());
    const initialFigures = await firstSyncFigures(compiled.cli, notes);
    const fairness = await measureFairness(compiled.cli, notes);
    const directoryJoins = await directoryJoinFigures(notes);

    const p50 = median(ours.map((f) => f.p50));
    const p99 = median(ours.map((f) => f.p99));
    const updatesPerSecond = median(ours.map((f) => f.updatesPerSecond));
    const refUpdatesPerSecond = median(reference.map((f) => f.updatesPerSecond));
    notes.push(
      `load: ${fanoutClients} clients in one room; steady ${latencyRatePerSecond} updates/s for ${latencySeconds} s (after 1 s warm-up), then a burst of ${burstPerClient} updates from every client; medians of ${rounds} alternating rounds`,
      `ours: auth on, SQLite synchronous=FULL with group commit, default limits; reference: @y/websocket-server 0.1.1, no auth, no persistence`,
      `memory: ${memoryRooms} rooms x ${memoryClientsPerRoom} clients; ours idle ${oursMemory.idleMb.toFixed(1)} MB -> ${oursMemory.loadedMb.toFixed(1)} MB; reference idle ${referenceMemory.idleMb.toFixed(1)} MB -> ${referenceMemory.loadedMb.toFixed(1)} MB`,
    );
    return {
      area: 'sync',
      metrics: {
        p50_ms: p50,
        p99_ms: p99,
        updates_per_s: updatesPerSecond,
        ref_p50_ms: median(reference.map((f) => f.p50)),
        ref_p99_ms: median(reference.map((f) => f.p99)),
        ref_updates_per_s: refUpdatesPerSecond,
        throughput_over_ref: updatesPerSecond / refUpdatesPerSecond,
        normal_p50_ms: median(oursNormal.map((f) => f.p50)),
        normal_p99_ms: median(oursNormal.map((f) => f.p99)),
        normal_updates_per_s: median(oursNormal.map((f) => f.updatesPerSecond)),
        rooms_200_rss_mb: oursMemory.loadedMb,
        ref_rooms_200_rss_mb: referenceMemory.loadedMb,
        ...initialFigures,
        ...fairness,
        ...directoryJoins,
      },
      notes,
    };
  } finally {
    compiled.cleanup();
  }
}

/** Issue #14's figures: idle memory, joins under a flood, memory after room churn (bench/sync-fairness.ts). */
async function measureFairness(cli: string, notes: string[]): Promise<Record<string, number>> {
  const idle = await measureIdleMemory(cli);
  const flood = await measureJoinUnderFlood(cli);
  progress('memory after 1,000 rooms opened and closed (default malloc, then MALLOC_ARENA_MAX=2)');
  const churn = await measureRoomChurn(cli);
  const churnArena2 = await measureRoomChurn(cli, { MALLOC_ARENA_MAX: '2' });
  notes.push(
    `idle: ${(idle.perConnectionMb * 1024).toFixed(1)} KiB per connection (1,000 in 10 rooms), ${(idle.perRoomMb * 1024).toFixed(1)} KiB per loaded small room (500 rooms)`,
    `joins of one editor, 40 plans one after another: p90 ${flood.quietP90Ms.toFixed(1)} ms alone, ${flood.floodP90Ms.toFixed(1)} ms while a viewer token floods from another address (${flood.floodAccepted} flood joins accepted, ${flood.floodRefused} refused; ${flood.failures} of the editor's joins failed)`,
    `1,000 rooms opened and closed: RSS ${churn.beforeMb.toFixed(1)} -> peak ${churn.peakMb.toFixed(1)} -> ${churn.afterMb.toFixed(1)} MB after unload; with MALLOC_ARENA_MAX=2: ${churnArena2.beforeMb.toFixed(1)} -> ${churnArena2.peakMb.toFixed(1)} -> ${churnArena2.afterMb.toFixed(1)} MB`,
  );
  return {
    idle_mb_per_connection: idle.perConnectionMb,
    loaded_room_mb: idle.perRoomMb,
    join_quiet_p90_ms: flood.quietP90Ms,
    join_under_flood_p90_ms: flood.floodP90Ms,
    join_under_flood_failures: flood.failures,
    join_under_flood_over_quiet: flood.floodP90Ms / flood.quietP90Ms,
    churn_1000_rooms_rss_after_mb: churn.afterMb - churn.beforeMb,
    churn_1000_rooms_rss_after_arena2_mb: churnArena2.afterMb - churnArena2.beforeMb,
  };
}
