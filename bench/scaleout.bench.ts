// The scaled-out sync server against the SQLite one, side by side in one run: one instance on SQLite,
// then one, two and three instances on one Redis and one PostgreSQL (started here, like the tests'
// services). ROOMS rooms, CLIENTS clients spread over the instances (each room's clients on different
// instances), RATE updates per second in all. Measured: delivery latency between clients on different
// instances, server CPU per update summed over instances (ratio to SQLite mode), and the bytes sent
// to a reconnecting client that lacks one update of a PLAN_MB plan. Sizes can be lowered with
// SCALEOUT_ROOMS, SCALEOUT_CLIENTS, SCALEOUT_RATE, SCALEOUT_SECONDS, SCALEOUT_PLAN_MB; SCALEOUT_WARMUP_SECONDS
// (default 20) runs the same load unmeasured first, so each process's JIT start-up is not counted. Also: heap per open
// room after the initial sync, stateless rooms against document rooms (scaleout-room-memory.ts;
// SCALEOUT_MEMORY_ROOMS rooms of SCALEOUT_MEMORY_PLAN_KB KiB). SCALEOUT_PARTS=memory runs only that.
// SCALEOUT_CONFIGS=sqlite,3 runs only those configurations (sqlite, 1, 2, 3, base3; sqlite+v8 and 3+v8 start
// the instances with the Node flags in SCALEOUT_V8_FLAGS, default --max-semi-space-size=32), in the order given,
// and skips the memory part; a configuration listed more than once reports the medians of its runs
// (sqlite,3,base3,3,base3,sqlite interleaves them on a busy machine), and the CPU ratios are the medians
// of round-by-round ratios (the k-th run of a configuration against SQLite's k-th). CPU counts until every update
// sent has been delivered. Profiling: SCALEOUT_PROFILE_DIR=dir starts the instances with `node --cpu-prof` and stops them with
// SIGTERM so each writes its .cpuprofile under dir/<configuration>/ (and leaves out the 16 MB reconnect,
// so the profiles hold the load alone). Before/after a change:
// SCALEOUT_BASELINE_ROOT=<another checkout> (its node_modules in place) adds configuration `base3`,
// three Redis+PostgreSQL instances running that checkout's server, in the same run.
// SCALEOUT_SLICES=N (tenth run) measures instead in N rounds of short windows, every configuration started
// and warmed up first, the order turning every round, lagging rounds left out of the ratio (see runSlices);
// there configuration sqlite-normal (eleventh run) is SQLite mode with --synchronous normal, to measure what
// its fsync per commit costs (a measurement only). SCALEOUT_SERVER=built runs every instance as operators do,
// `node dist/sync-server/cli.js` (default `source`: tsx); in slice mode a configuration named with @built or
// @source runs in that form and is compared with the SQLite instance of its form (twenty-third session).
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { Redis } from 'ioredis';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { startScaleoutServices, type ScaleoutServices } from '../test/sync-server/support/services.js';
import { median, percentile, type BenchResult } from './harness.js';
import { spawnListeningServer } from './server-process.js';
import { measureRoomMemory } from './scaleout-room-memory.js';

const root = path.resolve(import.meta.dirname, '..');
const setting = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const rooms = setting('SCALEOUT_ROOMS', 500);
const clients = setting('SCALEOUT_CLIENTS', 1_500);
const rate = setting('SCALEOUT_RATE', 1_000);
const seconds = setting('SCALEOUT_SECONDS', 10);
/** Seconds of the same load before measuring (0: none, as before 2 December). */
// 20 s, not 5 (ninth run): each of three instances sees a third of the writers' calls, so its JIT takes
// longer to settle; after 5 s their helper threads were still compiling (TurboFan ~10 % of an instance's
// CPU under perf, helper threads 0.11-0.15 ms per update against 0.04-0.05 after 20 s; SQLite's 0.03 either way).
const warmupSeconds = setting('SCALEOUT_WARMUP_SECONDS', 20);
const planMb = setting('SCALEOUT_PLAN_MB', 16);
const memoryRooms = setting('SCALEOUT_MEMORY_ROOMS', 200);
const memoryPlanKb = setting('SCALEOUT_MEMORY_PLAN_KB', 64);
const onlyMemory = process.env.SCALEOUT_PARTS === 'memory';
const configurations = (process.env.SCALEOUT_CONFIGS ?? 'sqlite,1,2,3').split(',').map((name) => name.trim());
const profileDir = process.env.SCALEOUT_PROFILE_DIR;
/**
 * Slice-interleaved measurement (0: off). The configurations of SCALEOUT_CONFIGS (default sqlite,3
 * here) are started and warmed up together, then measured in SCALEOUT_SLICES rounds of one
 * SCALEOUT_SLICE_SECONDS window each, the order turning every round (A B, B A, …). Configurations
 * run one after another take minutes apart, while the other engineers' load moves within a minute;
 * windows seconds apart, in both orders, see the same machine. The ratio is the median of the
 * rounds' ratios (a window of ×3 against the SQLite window next to it).
 */
const slices = setting('SCALEOUT_SLICES', 0);
const sliceSeconds = setting('SCALEOUT_SLICE_SECONDS', 4);
/**
 * A round counts toward the slice mode's ratio only if no window of it lagged: every configuration's
 * p50 under this many ms and its drain under 100 ms. A lagging configuration does more per wake-up and
 * its CPU per update drops (the eighth run left such rounds out by hand); all rounds are reported too.
 */
const cleanP50Ms = setting('SCALEOUT_CLEAN_P50_MS', 25);
const baselineRoot = process.env.SCALEOUT_BASELINE_ROOT;
/** Node/V8 flags of the instances of configurations `sqlite+v8` and `3+v8` (an operator's tuning, measured side by side). */
const v8Flags = (process.env.SCALEOUT_V8_FLAGS ?? '--max-semi-space-size=32').split(' ').filter((flag) => flag.length > 0);
/**
 * How the instances run: `source` (default, as since the first run) is `node --import tsx sync-server/cli.ts`;
 * `built` is `node dist/sync-server/cli.js`, what operators run (the bin), from each configuration's checkout
 * (its `npm run build:node` output must be there). Both modes run the same way, so the ratio compares like
 * with like either way; `built` also gives profiles with real line numbers (twenty-third session).
 */
type ServerForm = 'source' | 'built';
const isServerForm = (form: string | undefined): form is ServerForm => form === 'source' || form === 'built';
const givenForm = process.env.SCALEOUT_SERVER ?? 'source';
if (!isServerForm(givenForm)) throw new Error(`SCALEOUT_SERVER is "source" or "built", not "${givenForm}"`);
const serverForm: ServerForm = givenForm;
const secret = 'scaleout-bench-secret-that-is-long-enough';
const progress = (message: string) => process.stderr.write(`[scaleout bench] ${message}\n`);

interface Instance {
  readonly child: ChildProcessWithoutNullStreams;
  readonly wsBase: string;
  cpuMs(): number;
  /** Kernel-side CPU (stime) alone, in ms: syscalls and wake-ups, as against JavaScript and V8. */
  systemMs(): number;
  /** CPU of the main (JavaScript) thread alone, in ms; the rest is V8's and libuv's helper threads. */
  mainThreadMs(): number;
}

/** utime and stime of a process, in ms (clock ticks are 100 Hz on Linux). */
function cpuOf(pid: number, thread?: number): { user: number; system: number } {
  const fields = readFileSync(thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return { user: Number(fields[11]) * 10, system: Number(fields[12]) * 10 };
}

function startInstance(args: string[], label: string, serverRoot: string, nodeFlags: readonly string[], form: ServerForm): Promise<Instance> {
  const dataDir = args[args.indexOf('--data') + 1];
  if (dataDir !== undefined) mkdirSync(dataDir, { recursive: true });
  const profiling = profileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${path.join(profileDir, label.replace(/[^a-z0-9]+/gi, '-'))}`];
  const entry = form === 'built' ? ['dist/sync-server/cli.js'] : ['--import', 'tsx', 'sync-server/cli.ts'];
  return spawnListeningServer([...nodeFlags, ...profiling, ...entry, 'serve', '--port', '0', '--log-level', 'warn',
    '--max-connections-per-ip', '100000', '--joins-per-second', '100000', '--join-burst', '100000',
    '--joins-per-second-per-token', '100000', '--join-burst-per-token', '100000', '--joins-per-second-per-ip', '100000', '--join-burst-per-ip', '100000',
    '--max-pending-sockets-per-ip', '100000', '--messages-per-second', '1000', ...args], { cwd: serverRoot, env: { ...process.env, THROUGHLINE_SECRET: secret } })
    .then(({ child, wsBase }) => ({
      child, wsBase,
      cpuMs: () => { const cpu = cpuOf(child.pid!); return cpu.user + cpu.system; },
      systemMs: () => cpuOf(child.pid!).system,
      // The main thread's id is the process's.
      mainThreadMs: () => { const cpu = cpuOf(child.pid!, child.pid!); return cpu.user + cpu.system; },
    }));
}

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** A raw y-websocket client: writes its own key, reads relayed updates' send times. */
class BenchClient {
  readonly doc = new Y.Doc();
  bytesReceived = 0;
  /** Whether it applies what it receives (the reconnect measurement's clients; the load's clients need not). */
  private constructor(readonly socket: WebSocket, readonly instance: number, onUpdate: (payload: Uint8Array, client: BenchClient) => void, onStep2: () => void, applies: boolean) {
    socket.binaryType = 'nodebuffer';
    socket.on('message', (data: Buffer) => {
      this.bytesReceived += data.byteLength;
      const decoder = decoding.createDecoder(data);
      if (decoding.readVarUint(decoder) !== 0) return;
      const step = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (applies && step !== 0) Y.applyUpdate(this.doc, payload);
      if (step === 0) socket.send(frame((e) => { encoding.writeVarUint(e, 0); encoding.writeVarUint(e, 1); encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(this.doc, payload)); }));
      else if (step === 1) onStep2();
      else onUpdate(payload, this);
    });
  }

  static connect(url: string, instance: number, onUpdate: (payload: Uint8Array, client: BenchClient) => void, doc?: Y.Doc, applies = false): Promise<BenchClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url);
      let client: BenchClient | null = null;
      socket.once('open', () => {
        client = new BenchClient(socket, instance, onUpdate, () => resolve(client!), applies);
        if (doc) Y.applyUpdate(client.doc, Y.encodeStateAsUpdate(doc));
        socket.send(frame((e) => { encoding.writeVarUint(e, 0); encoding.writeVarUint(e, 0); encoding.writeVarUint8Array(e, Y.encodeStateVector(client!.doc)); }));
      });
      socket.once('error', reject);
    });
  }

  /** Sets its own key to the send time: the update depends only on its own earlier ones. */
  write(): void {
    const before = Y.encodeStateVector(this.doc);
    this.doc.getMap('m').set(String(this.doc.clientID), performance.now());
    const update = Y.encodeStateAsUpdate(this.doc, before);
    this.socket.send(frame((e) => { encoding.writeVarUint(e, 0); encoding.writeVarUint(e, 2); encoding.writeVarUint8Array(e, update); }));
  }
}

/** Send times carried by a relayed (possibly merged) update. */
function sendTimes(payload: Uint8Array): number[] {
  const times: number[] = [];
  for (const struct of Y.decodeUpdate(payload).structs) {
    if (struct instanceof Y.Item && struct.content instanceof Y.ContentAny) {
      for (const value of struct.content.arr) if (typeof value === 'number') times.push(value);
    }
  }
  return times;
}

const token = () => {
  // The bench signs its own token with the servers' secret (same format as `throughline-sync token`).
  return import('../sync-server/auth.js').then(({ TokenAuthority }) => new TokenAuthority(Buffer.from(secret, 'utf8')).issue('bench', 'editor', 3600, Math.floor(Date.now() / 1000)));
};

interface RunResult {
  p50: number; p99: number; cpuPerUpdateMs: number; delivered: number; reconnectBytes: number;
  /** Redis's own CPU per update and commands it ran per update (NaN in SQLite mode). */
  redisCpuPerUpdateMs: number; redisCommandsPerUpdate: number;
}

/** Redis's CPU seconds so far and its call counts (all, and per command) since the last CONFIG RESETSTAT. */
async function redisStats(redis: Redis): Promise<{ cpuMs: number; calls: number; byCommand: Map<string, number> }> {
  const cpu = await redis.info('cpu');
  const field = (name: string) => Number(new RegExp(`${name}:([0-9.]+)`).exec(cpu)?.[1] ?? Number.NaN);
  const commands = await redis.info('commandstats');
  let calls = 0;
  const byCommand = new Map<string, number>();
  for (const match of commands.matchAll(/cmdstat_([a-z|]+):calls=(\d+)/g)) {
    calls += Number(match[2]);
    byCommand.set(match[1]!, Number(match[2]));
  }
  return { cpuMs: (field('used_cpu_user') + field('used_cpu_sys')) * 1000, calls, byCommand };
}

/**
 * One configuration's instances and clients, connected and (after warmUp) warmed: measure() runs a
 * window of load and counts its CPU; it may be called again (the slice-interleaved mode does).
 */
class LoadedConfiguration {
  readonly latencies: number[] = [];
  /** Send times from here on belong to the current measured window; earlier ones to the warm-up or an earlier window. */
  private measuredFrom = Number.POSITIVE_INFINITY;
  private measuring = false;
  /** Updates of the current window that reached a client, on its instance or another (the drain waits for all). */
  private arrived = 0;
  /** Earlier updates that reached a client (a window starts once all have: none is counted in it). */
  private earlierArrived = 0;
  private earlierExpected = 0;
  private readonly senderInstance = new Map<number, number>();
  readonly all: BenchClient[][] = Array.from({ length: rooms }, () => []);

  private constructor(readonly label: string, readonly instances: Instance[], private readonly redis: Redis | null) {}

  static async start(label: string, instanceArgs: string[][], serverRoot = root, redisUrl?: string, nodeFlags: readonly string[] = [], form: ServerForm = serverForm): Promise<LoadedConfiguration> {
    const redis = redisUrl === undefined ? null : new Redis(redisUrl);
    progress(`${label}: starting ${instanceArgs.length} instance(s)`);
    const instances: Instance[] = [];
    const loaded = new LoadedConfiguration(label, instances, redis);
    try {
      for (const args of instanceArgs) instances.push(await startInstance(args, label, serverRoot, nodeFlags, form));
      const auth = await token();
      const onUpdate = (payload: Uint8Array, client: BenchClient) => loaded.onUpdate(payload, client);
      for (let c = 0; c < clients; c += 50) {
        await Promise.all(Array.from({ length: Math.min(50, clients - c) }, (_, k) => {
          const index = c + k;
          const room = index % rooms;
          const instance = Math.floor(index / rooms) % instances.length;
          return BenchClient.connect(`${instances[instance]!.wsBase}/bench/room-${room}?token=${auth}`, instance, onUpdate).then((client) => { loaded.all[room]!.push(client); });
        }));
      }
    } catch (error) {
      await loaded.stop();
      throw error;
    }
    return loaded;
  }

  private onUpdate(payload: Uint8Array, client: BenchClient): void {
    const now = performance.now();
    for (const sent of sendTimes(payload)) {
      // Before this window (the warm-up, an earlier window), or after it ended (a drain that timed out).
      if (sent < this.measuredFrom || !this.measuring) {
        this.earlierArrived++;
        continue;
      }
      this.arrived++;
      if (this.instances.length === 1 || this.senderInstance.get(sent) !== client.instance) this.latencies.push(now - sent);
    }
  }

  /**
   * The same load, unmeasured, so every process has compiled its hot code before CPU is counted.
   * Each instance is its own V8 and compiles the same functions again (TurboFan on helper threads,
   * counted in the process's CPU): without it, three instances pay three start-ups inside a 10 s
   * window where SQLite mode pays one, which is not a cost per update.
   */
  async warmUp(): Promise<void> {
    if (warmupSeconds <= 0) return;
    progress(`${this.label}: warming up for ${warmupSeconds} s`);
    await offerLoad(this.all, warmupSeconds, (_writer, roomClients) => { this.earlierExpected += roomClients.length - 1; });
  }

  /** `forSeconds` of load; CPU counts until every update sent has been delivered (or 30 s), plus 200 ms. */
  async measure(forSeconds: number, pauseMs: number): Promise<WindowResult> {
    // Whatever an earlier window or the warm-up sent has arrived first (or 30 s passed).
    const waitStarted = performance.now();
    while (this.earlierArrived < this.earlierExpected && performance.now() - waitStarted < 30_000) await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
    const cpuBefore = this.instances.reduce((sum, instance) => sum + instance.cpuMs(), 0);
    const systemBefore = this.instances.reduce((sum, instance) => sum + instance.systemMs(), 0);
    const mainBefore = this.instances.reduce((sum, instance) => sum + instance.mainThreadMs(), 0);
    await this.redis?.config('RESETSTAT');
    const redisBefore = this.redis === null ? null : await redisStats(this.redis);
    this.arrived = 0;
    this.measuredFrom = performance.now();
    this.measuring = true;
    /** Deliveries the updates sent call for: one to every other client of the writer's room. */
    let expected = 0;
    const sent = await offerLoad(this.all, forSeconds, (writer, roomClients) => {
      expected += roomClients.length - 1;
      this.senderInstance.set(writer.doc.getMap('m').get(String(writer.doc.clientID)) as number, writer.instance);
    });
    // On a loaded machine the instances lag, and a fixed wait would leave part of the work out of the
    // figure (or in the next).
    const drainStarted = performance.now();
    while (this.arrived < expected && performance.now() - drainStarted < 30_000) await new Promise((resolve) => setTimeout(resolve, 20));
    const drainMs = performance.now() - drainStarted;
    await new Promise((resolve) => setTimeout(resolve, 200));
    this.measuring = false;
    const cpuMs = this.instances.reduce((sum, instance) => sum + instance.cpuMs(), 0) - cpuBefore;
    const systemMs = this.instances.reduce((sum, instance) => sum + instance.systemMs(), 0) - systemBefore;
    const mainMs = this.instances.reduce((sum, instance) => sum + instance.mainThreadMs(), 0) - mainBefore;
    // Late deliveries of this window are told apart from the next one's by their send time.
    this.earlierExpected += expected;
    this.earlierArrived += this.arrived;
    this.senderInstance.clear();
    const redisAfter = this.redis === null ? null : await redisStats(this.redis);
    return { sent, cpuMs, systemMs, mainMs, arrived: this.arrived, expected, drainMs, redisCpuMs: redisBefore === null || redisAfter === null ? Number.NaN : redisAfter.cpuMs - redisBefore.cpuMs, redisCalls: redisAfter?.calls ?? Number.NaN, redisByCommand: redisAfter?.byCommand ?? null };
  }

  async stop(): Promise<void> {
    for (const room of this.all) for (const client of room) client.socket.terminate();
    await Promise.all(this.instances.map((instance) => stopInstance(instance)));
    this.redis?.disconnect();
  }
}

interface WindowResult {
  sent: number; cpuMs: number; systemMs: number; mainMs: number; arrived: number; expected: number; drainMs: number;
  redisCpuMs: number; redisCalls: number; redisByCommand: Map<string, number> | null;
}

function describeWindow(label: string, window: WindowResult, latencies: readonly number[]): string {
  const { sent, cpuMs, systemMs, mainMs } = window;
  const p50 = latencies.length > 0 ? median(latencies) : Number.NaN;
  const p99 = latencies.length > 0 ? percentile(latencies, 99) : Number.NaN;
  const commandMix = window.redisByCommand === null ? '' : [...window.redisByCommand].sort((a, b) => b[1] - a[1]).filter(([name], rank) => rank < 4 || name === 'xread').map(([name, calls]) => `${name} ${(calls / sent).toFixed(2)}`).join(', ');
  return `${label}: p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, ${(cpuMs / sent).toFixed(3)} CPU ms/update over ${sent} updates (kernel ${(systemMs / sent).toFixed(3)}, main thread ${(mainMs / sent).toFixed(3)}, helper threads ${((cpuMs - mainMs) / sent).toFixed(3)})`
    + ` (${window.arrived}/${window.expected} deliveries, drained ${window.drainMs.toFixed(0)} ms after the last send)`
    + (window.redisByCommand === null ? '' : `; Redis ${(window.redisCpuMs / sent).toFixed(3)} CPU ms and ${(window.redisCalls / sent).toFixed(1)} commands per update (${commandMix})`);
}

async function runConfiguration(label: string, instanceArgs: string[][], measureReconnect: boolean, serverRoot = root, redisUrl?: string, nodeFlags: readonly string[] = []): Promise<RunResult> {
  const loaded = await LoadedConfiguration.start(label, instanceArgs, serverRoot, redisUrl, nodeFlags);
  try {
    await loaded.warmUp();
    progress(`${label}: ${clients} clients in ${rooms} rooms; ${rate} updates/s for ${seconds} s`);
    const window = await loaded.measure(seconds, 1_000);
    const { latencies } = loaded;
    let reconnectBytes = 0;
    if (measureReconnect) reconnectBytes = await measureReconnectBytes(loaded.instances, await token());
    const p50 = latencies.length > 0 ? median(latencies) : Number.NaN;
    const p99 = latencies.length > 0 ? percentile(latencies, 99) : Number.NaN;
    progress(describeWindow(label, window, latencies));
    return { p50, p99, cpuPerUpdateMs: window.cpuMs / window.sent, delivered: latencies.length, reconnectBytes, redisCpuPerUpdateMs: window.redisCpuMs / window.sent, redisCommandsPerUpdate: window.redisCalls / window.sent };
  } finally {
    await loaded.stop();
  }
}

/** How a configuration named in SCALEOUT_CONFIGS is started. */
interface ConfigurationStart { label: string; args: string[][]; serverRoot: string; redisUrl?: string; nodeFlags: readonly string[]; form: ServerForm }

/**
 * The slice-interleaved measurement (SCALEOUT_SLICES): every configuration listed is started and
 * warmed up, then each round measures one window of each, in an order that turns every round. The
 * idle configurations stay connected meanwhile (their instances wait on their sockets and Redis
 * reads); each configuration's CPU is counted in its own windows only.
 */
async function runSlices(services: ScaleoutServices, scaled: (n: number, namespace: string) => string[][], data: string): Promise<BenchResult> {
  const names = [...new Set(process.env.SCALEOUT_CONFIGS === undefined ? ['sqlite', '3'] : configurations)];
  if (!names.some((name) => name.split('@')[0] === 'sqlite')) throw new Error('SCALEOUT_SLICES needs sqlite among SCALEOUT_CONFIGS (the ratios are to it)');
  // A name may end in @built or @source (twenty-third session): that configuration runs in that form
  // whatever SCALEOUT_SERVER says, and its ratio is to the SQLite instance of the same form when one is
  // listed (sqlite@built,3@built,sqlite@source,3@source compares the two forms in the same windows).
  const startOf = (listed: string): ConfigurationStart => {
    const [name, suffix] = listed.split('@') as [string, string | undefined];
    if (suffix !== undefined && !isServerForm(suffix)) throw new Error(`"${listed}": a configuration's form is @built or @source`);
    const form = suffix ?? serverForm;
    const start = startIn(name, listed.replace('@', '-'));
    return { ...start, form, label: suffix === undefined ? start.label : `${start.label} (${form})` };
  };
  const startIn = (name: string, folder: string): Omit<ConfigurationStart, 'form'> => {
    if (name === 'sqlite') return { label: 'sqlite ×1', args: [['--data', path.join(data, `slices-${folder}`)]], serverRoot: root, nodeFlags: [] };
    // Measurement only (eleventh run): SQLite mode without the fsync per commit, to see how much of its
    // cost per update the disk's flush sets. Not a ratio the issue counts; `full` stays the default.
    if (name === 'sqlite-normal') return { label: 'sqlite ×1 (synchronous normal)', args: [['--data', path.join(data, 'slices-sqlite-normal'), '--synchronous', 'normal']], serverRoot: root, nodeFlags: [] };
    const count = { '1': 1, '2': 2, '3': 3, base3: 3 }[name];
    if (count === undefined || (name === 'base3' && baselineRoot === undefined)) throw new Error(`SCALEOUT_SLICES runs sqlite, sqlite-normal, 1, 2, 3 and base3 (with SCALEOUT_BASELINE_ROOT), not "${name}"`);
    return { label: `${name === 'base3' ? 'baseline code ' : ''}redis+postgres ×${count}`, args: scaled(count, `slices-${folder}`), serverRoot: name === 'base3' ? baselineRoot! : root, redisUrl: services.redis.url, nodeFlags: [] };
  };
  const loaded = new Map<string, LoadedConfiguration>();
  try {
    for (const name of names) {
      const start = startOf(name);
      loaded.set(name, await LoadedConfiguration.start(start.label, start.args, start.serverRoot, start.redisUrl, start.nodeFlags, start.form));
    }
    for (const configuration of loaded.values()) await configuration.warmUp();
    const windows = new Map<string, WindowResult[]>(names.map((name) => [name, []]));
    progress(`${names.length} configurations warmed up; ${slices} rounds of ${sliceSeconds} s windows, ${rate} updates/s, the order turning every round`);
    const cleanRounds: boolean[] = [];
    for (let round = 0; round < slices; round++) {
      // Every configuration takes every place in turn: rotated one step every two rounds, and backwards
      // every other round (A B C, C B A, B C A, A C B, …). With A B C / C B A alone, B always ran second,
      // right after another configuration's window, and an A/A run measured the same code 0.93× in the
      // other places.
      const rotated = [...names.slice(Math.floor(round / 2) % names.length), ...names.slice(0, Math.floor(round / 2) % names.length)];
      const order = round % 2 === 0 ? rotated : rotated.reverse();
      let clean = true;
      for (const name of order) {
        const configuration = loaded.get(name)!;
        const from = configuration.latencies.length;
        const window = await configuration.measure(sliceSeconds, 300);
        windows.get(name)!.push(window);
        const latencies = configuration.latencies.slice(from);
        if (latencies.length === 0 || median(latencies) >= cleanP50Ms || window.drainMs >= 100) clean = false;
        progress(`round ${round + 1}, ${describeWindow(configuration.label, window, latencies)}`);
      }
      cleanRounds.push(clean);
      if (!clean) progress(`round ${round + 1} lagged (a p50 of ${cleanP50Ms} ms or more, or a drain of 100 ms or more): left out of the ratio`);
    }
    const perUpdate = (window: WindowResult) => window.cpuMs / window.sent;
    /** The SQLite windows a configuration is compared with: of its own form when listed, else the first SQLite listed. */
    const firstSqlite = names.find((name) => name.split('@')[0] === 'sqlite')!;
    const sqliteOf = (name: string) => {
      const suffix = name.split('@')[1];
      return suffix !== undefined && names.includes(`sqlite@${suffix}`) ? `sqlite@${suffix}` : firstSqlite;
    };
    const metrics: Record<string, number> = {};
    // SQLite's own figures first: the others' ratios of totals are to them.
    for (const name of [...names].sort((a, b) => Number(a.split('@')[0] !== 'sqlite') - Number(b.split('@')[0] !== 'sqlite'))) {
      const own = windows.get(name)!;
      const { latencies } = loaded.get(name)!;
      const total = (pick: (window: WindowResult) => number) => own.reduce((sum, window) => sum + pick(window), 0);
      const [bare, suffix] = name.split('@') as [string, string | undefined];
      const key = (bare === 'sqlite' ? 'sqlite' : bare === 'base3' ? 'baseline_three_instances' : `instances_${bare}`) + (suffix === undefined ? '' : `_${suffix}`);
      const sqliteWindows = windows.get(sqliteOf(name))!;
      const sqliteKey = `sqlite${sqliteOf(name).includes('@') ? `_${sqliteOf(name).split('@')[1]!}` : ''}`;
      metrics[`${key}_cpu_per_update_ms`] = total((window) => window.cpuMs) / total((window) => window.sent);
      metrics[`${key}_p50_ms`] = latencies.length > 0 ? median(latencies) : Number.NaN;
      metrics[`${key}_p99_ms`] = latencies.length > 0 ? percentile(latencies, 99) : Number.NaN;
      if (bare === 'sqlite') continue;
      const allRatios = own.map((window, round) => perUpdate(window) / perUpdate(sqliteWindows[round]!));
      const cleanRatios = allRatios.filter((_, round) => cleanRounds[round]);
      const ratios = cleanRatios.length > 0 ? cleanRatios : allRatios;
      const sorted = [...ratios].sort((a, b) => a - b);
      metrics[`${key}_cpu_per_update_ratio`] = median(ratios);
      metrics[`${key}_cpu_per_update_ratio_all_rounds`] = median(allRatios);
      metrics[`${key}_cpu_per_update_ratio_of_totals`] = metrics[`${key}_cpu_per_update_ms`]! / metrics[`${sqliteKey}_cpu_per_update_ms`]!;
      metrics[`${key}_cpu_per_update_ratio_quartile_low`] = sorted[Math.floor((sorted.length - 1) / 4)]!;
      metrics[`${key}_cpu_per_update_ratio_quartile_high`] = sorted[Math.ceil(((sorted.length - 1) * 3) / 4)]!;
      progress(`${name}: CPU per update ÷ ${sqliteOf(name)}'s, round by round: ${allRatios.map((ratio, round) => `${ratio.toFixed(2)}${cleanRounds[round] ? '' : ' (lagged)'}`).join(', ')} (median of ${cleanRatios.length > 0 ? `the ${cleanRatios.length} clean rounds` : 'all rounds, none clean'} ${median(ratios).toFixed(2)}, of all ${median(allRatios).toFixed(2)}, of totals ${metrics[`${key}_cpu_per_update_ratio_of_totals`]!.toFixed(2)})`);
    }
    const firstThree = names.find((name) => name.split('@')[0] === '3');
    const three = firstThree === undefined ? null : `instances_3${firstThree.includes('@') ? `_${firstThree.split('@')[1]!}` : ''}`;
    return {
      area: 'scaleout',
      metrics: {
        ...(three === null ? {} : { p50_ms: metrics[`${three}_p50_ms`]!, p99_ms: metrics[`${three}_p99_ms`]!, cpu_per_update_ratio: metrics[`${three}_cpu_per_update_ratio`]!, instances: 3 }),
        ...metrics,
        rooms, clients, updates_per_second: rate, warmup_seconds: warmupSeconds, slice_seconds: sliceSeconds, slice_rounds: slices,
        slice_clean_rounds: cleanRounds.filter(Boolean).length,
      },
      notes: ['slice-interleaved: windows of each configuration in turn, the order turning every round; no reconnect or memory part'],
    };
  } finally {
    for (const configuration of loaded.values()) await configuration.stop();
  }
}

/** RATE updates/s for `forSeconds`, each by a random client of a random room; returns how many were sent. */
async function offerLoad(all: readonly BenchClient[][], forSeconds: number, onWrite: (writer: BenchClient, roomClients: readonly BenchClient[]) => void): Promise<number> {
  let sent = 0;
  const started = performance.now();
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const due = Math.floor(((performance.now() - started) / 1000) * rate) - sent;
      for (let i = 0; i < due; i++) {
        const roomClients = all[Math.floor(Math.random() * rooms)]!;
        const writer = roomClients[Math.floor(Math.random() * roomClients.length)]!;
        writer.write();
        onWrite(writer, roomClients);
        sent++;
      }
      if (performance.now() - started >= forSeconds * 1000) { clearInterval(tick); resolve(); }
    }, 5);
  });
  return sent;
}

/** Kills an instance; when profiling, asks it to stop so it writes its profile, and waits for that. */
function stopInstance(instance: Instance): Promise<void> {
  if (profileDir === undefined || instance.child.exitCode !== null) {
    instance.child.kill('SIGKILL');
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    instance.child.once('exit', () => resolve());
    instance.child.kill('SIGTERM');
  });
}

/** A client that holds a PLAN_MB plan but one update reconnects (to another instance when there is one). */
async function measureReconnectBytes(instances: Instance[], auth: string): Promise<number> {
  const url = (instance: Instance) => `${instance.wsBase}/bench/big-plan?token=${auth}`;
  const plan = new Y.Doc();
  const chunk = 'x'.repeat(1024 * 1024);
  for (let n = 0; n < planMb; n++) plan.getArray('chunks').push([`${n}${chunk}`]);
  const uploader = await BenchClient.connect(url(instances[0]!), 0, () => undefined, plan);
  const holder = await BenchClient.connect(url(instances[instances.length - 1]!), 0, () => undefined, undefined, true);
  while (holder.doc.getArray('chunks').length < planMb) await new Promise((resolve) => setTimeout(resolve, 50));
  holder.socket.terminate();
  uploader.write();
  await new Promise((resolve) => setTimeout(resolve, 500));
  const back = await BenchClient.connect(url(instances[instances.length > 1 ? 1 : 0]!), 0, () => undefined, holder.doc, true);
  if (back.doc.getMap('m').size === 0) throw new Error('the reconnecting client did not receive the update it lacked');
  const bytes = back.bytesReceived;
  uploader.socket.terminate();
  back.socket.terminate();
  return bytes;
}

async function roomMemoryMetrics(services: ScaleoutServices): Promise<Record<string, number>> {
  progress(`room memory: ${memoryRooms} rooms of ${memoryPlanKb} KiB, document rooms then stateless rooms`);
  const memory = await measureRoomMemory({ redisUrl: services.redis.url, postgresUrl: services.postgres.url }, memoryRooms, memoryPlanKb);
  progress(`room memory: ${memory.documentKbPerRoom.toFixed(1)} KiB/room with documents, ${memory.statelessKbPerRoom.toFixed(1)} KiB/room stateless`);
  return {
    room_heap_kb_document: memory.documentKbPerRoom,
    room_heap_kb_stateless: memory.statelessKbPerRoom,
    room_heap_ratio_stateless_to_document: memory.statelessKbPerRoom / memory.documentKbPerRoom,
    room_documents_held_document: memory.documentsHeldDocument,
    room_documents_held_stateless: memory.documentsHeldStateless,
    memory_rooms: memoryRooms,
    memory_plan_kb: memoryPlanKb,
  };
}

export async function run(): Promise<BenchResult> {
  const data = mkdtempSync(path.join(tmpdir(), 'throughline-scaleout-bench-'));
  let services: ScaleoutServices | null = null;
  try {
    if (onlyMemory) {
      services = await startScaleoutServices();
      return { area: 'scaleout', metrics: await roomMemoryMetrics(services) };
    }
    const none: RunResult = { p50: Number.NaN, p99: Number.NaN, cpuPerUpdateMs: Number.NaN, delivered: 0, reconnectBytes: Number.NaN, redisCpuPerUpdateMs: Number.NaN, redisCommandsPerUpdate: Number.NaN };
    services = await startScaleoutServices();
    const scaled = (n: number, namespace: string) => Array.from({ length: n }, (_, i) => ['--data', path.join(data, `${namespace}-${i}`),
      '--redis', services!.redis.url, '--postgres', services!.postgres.url, '--namespace', namespace]);
    if (slices > 0) return await runSlices(services, scaled, data);
    // Configurations run in the order listed, and may be listed more than once (e.g.
    // sqlite,3,base3,3,base3,sqlite on a busy machine): each figure is then the median of its runs.
    const runs = new Map<string, RunResult[]>();
    for (const [index, name] of configurations.entries()) {
      const first = configurations.indexOf(name) === index;
      let result: RunResult;
      // The 16 MB reconnect is measured on a configuration's first run only; a profiled run leaves it
      // out, so the profiles hold the load alone.
      if (name === 'sqlite') result = await runConfiguration('sqlite ×1', [['--data', path.join(data, `sqlite-${index}`)]], first && profileDir === undefined);
      else if (name === 'sqlite+v8') result = await runConfiguration(`sqlite ×1 (${v8Flags.join(' ')})`, [['--data', path.join(data, `sqlite-${index}`)]], false, root, undefined, v8Flags);
      else if (name === '3+v8') result = await runConfiguration(`redis+postgres ×3 (${v8Flags.join(' ')})`, scaled(3, `three-v8-${index}`), false, root, services.redis.url, v8Flags);
      else if (name === '1') result = await runConfiguration('redis+postgres ×1', scaled(1, `one-${index}`), false, root, services.redis.url);
      else if (name === '2') result = await runConfiguration('redis+postgres ×2', scaled(2, `two-${index}`), false, root, services.redis.url);
      else if (name === '3') result = await runConfiguration('redis+postgres ×3', scaled(3, `three-${index}`), first && profileDir === undefined, root, services.redis.url);
      else if (name === 'base3' && baselineRoot !== undefined) result = await runConfiguration('baseline code redis+postgres ×3', scaled(3, `base-${index}`), false, baselineRoot, services.redis.url);
      else throw new Error(`unknown scale-out configuration "${name}" (sqlite, 1, 2, 3, base3 with SCALEOUT_BASELINE_ROOT, sqlite+v8, 3+v8)`);
      runs.set(name, [...(runs.get(name) ?? []), result]);
    }
    const medianOf = (name: string): RunResult => {
      const results = runs.get(name);
      if (results === undefined) return none;
      const of = (pick: (result: RunResult) => number) => median(results.map(pick));
      return {
        p50: of((r) => r.p50), p99: of((r) => r.p99), cpuPerUpdateMs: of((r) => r.cpuPerUpdateMs), delivered: of((r) => r.delivered),
        reconnectBytes: results[0]!.reconnectBytes, redisCpuPerUpdateMs: of((r) => r.redisCpuPerUpdateMs), redisCommandsPerUpdate: of((r) => r.redisCommandsPerUpdate),
      };
    };
    const [sqlite, one, two, three, base] = ['sqlite', '1', '2', '3', 'base3'].map(medianOf) as [RunResult, RunResult, RunResult, RunResult, RunResult];
    // The SQLite baseline itself moves from run to run (its fsync waits, the machine's load), so a
    // configuration listed several times is compared round by round: its k-th run against SQLite's
    // k-th, and the ratio reported is the median of those per-round ratios (with one run each, the
    // plain ratio).
    const roundRatios = (name: string): number[] => {
      const ours = runs.get(name) ?? [];
      const baseline = runs.get(name.endsWith('+v8') ? 'sqlite+v8' : 'sqlite') ?? [];
      return ours.slice(0, baseline.length).map((result, round) => result.cpuPerUpdateMs / baseline[round]!.cpuPerUpdateMs);
    };
    const ratioOf = (name: string, fallback: RunResult) => {
      const ratios = roundRatios(name);
      return ratios.length > 0 ? median(ratios) : fallback.cpuPerUpdateMs / sqlite.cpuPerUpdateMs;
    };
    for (const name of ['1', '2', '3', 'base3', '3+v8']) {
      const ratios = roundRatios(name);
      if (ratios.length > 0) progress(`${name}: CPU per update ÷ SQLite's, round by round: ${ratios.map((ratio) => ratio.toFixed(2)).join(', ')} (median ${median(ratios).toFixed(2)})`);
    }
    // A profiling run (some configurations only) skips the memory part.
    const memory = process.env.SCALEOUT_CONFIGS === undefined ? await roomMemoryMetrics(services) : {};
    return {
      area: 'scaleout',
      metrics: {
        p50_ms: three.p50,
        p99_ms: three.p99,
        cpu_per_update_ratio: ratioOf('3', three),
        cpu_per_update_ratio_of_medians: three.cpuPerUpdateMs / sqlite.cpuPerUpdateMs,
        reconnect_bytes: three.reconnectBytes,
        instances: 3,
        sqlite_p50_ms: sqlite.p50,
        sqlite_p99_ms: sqlite.p99,
        sqlite_cpu_per_update_ms: sqlite.cpuPerUpdateMs,
        sqlite_reconnect_bytes: sqlite.reconnectBytes,
        one_instance_p99_ms: one.p99,
        one_instance_cpu_per_update_ms: one.cpuPerUpdateMs,
        one_instance_cpu_per_update_ratio: ratioOf('1', one),
        two_instances_p99_ms: two.p99,
        two_instances_cpu_per_update_ms: two.cpuPerUpdateMs,
        three_instances_cpu_per_update_ms: three.cpuPerUpdateMs,
        three_instances_redis_cpu_per_update_ms: three.redisCpuPerUpdateMs,
        three_instances_redis_commands_per_update: three.redisCommandsPerUpdate,
        one_instance_redis_cpu_per_update_ms: one.redisCpuPerUpdateMs,
        ...(runs.has('3+v8') && runs.has('sqlite+v8') ? {
          v8_flags_cpu_per_update_ratio: ratioOf('3+v8', medianOf('3+v8')),
          v8_flags_three_instances_cpu_per_update_ms: medianOf('3+v8').cpuPerUpdateMs,
          v8_flags_sqlite_cpu_per_update_ms: medianOf('sqlite+v8').cpuPerUpdateMs,
          v8_flags_three_instances_p99_ms: medianOf('3+v8').p99,
        } : {}),
        ...(baselineRoot === undefined ? {} : {
          baseline_three_instances_p99_ms: base.p99,
          baseline_three_instances_cpu_per_update_ms: base.cpuPerUpdateMs,
          baseline_cpu_per_update_ratio: ratioOf('base3', base),
          baseline_three_instances_redis_cpu_per_update_ms: base.redisCpuPerUpdateMs,
          baseline_three_instances_redis_commands_per_update: base.redisCommandsPerUpdate,
        }),
        rooms, clients, updates_per_second: rate, seconds, warmup_seconds: warmupSeconds, runs_per_configuration: Math.max(...[...runs.values()].map((results) => results.length)),
        ...memory,
      },
      notes: [`plan for the reconnect: ${planMb} MiB; latency between clients on different instances (all clients when one instance)`],
    };
  } finally {
    await services?.stop();
    rmSync(data, { recursive: true, force: true });
  }
}
