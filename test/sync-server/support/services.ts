import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Real Redis and PostgreSQL servers for tests: each on a free loopback port with its data, socket and
 * log in a temporary folder, stopped (and the folder removed) by stop(). Missing binaries are a
 * failure with the command that installs them, never a skip.
 */

const postgresBin = process.env.THROUGHLINE_PG_BIN ?? '/usr/lib/postgresql/15/bin';

function requireBinary(file: string, install: string): string {
  const found = file.includes('/') ? (existsSync(file) ? file : null) : spawnSync('sh', ['-c', `command -v ${file}`], { encoding: 'utf8' }).stdout.trim() || null;
  if (found === null) throw new Error(`${file} is missing: these tests run a real server. Install it with: ${install} (.ci/run does).`);
  return found;
}

/** A free loopback port (and, for Redis Cluster, its bus port + 10000 too). */
export async function freePort(withBusPort = false): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
      });
    });
    if (!withBusPort) return port;
    if (port + 10_000 > 65_535) continue;
    const busFree = await new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port + 10_000, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (busFree) return port;
  }
}

async function until(condition: () => boolean | Promise<boolean>, what: string, limitMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > limitMs) throw new Error(`gave up waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function redisPing(port: number): boolean {
  const result = spawnSync('redis-cli', ['-h', '127.0.0.1', '-p', String(port), 'PING'], { encoding: 'utf8' });
  return result.stdout.trim() === 'PONG';
}

export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** kill -9, then start again on the same port and folder (its append-only file). */
  crashAndRestart(): Promise<void>;
  /** kill -9, left down (until start()): clients find nothing listening and wait to reconnect. */
  crash(): Promise<void>;
  /** Starts a crashed Redis again on the same port and folder. */
  start(): Promise<void>;
  /** SIGSTOP: Redis keeps its connections but answers nothing (a hung server, a stalled disk) until resume(). */
  pause(): void;
  resume(): void;
  stop(): Promise<void>;
}

/** redis-server with the persistence docs/sync-server.md asks for: appendonly yes, appendfsync always. */
export async function startRedis(extraArgs: string[] = [], port?: number, dir?: string): Promise<RedisServer> {
  const binary = requireBinary('redis-server', 'apt-get install redis-server');
  requireBinary('redis-cli', 'apt-get install redis-tools');
  const folder = dir ?? mkdtempSync(path.join(tmpdir(), 'throughline-redis-'));
  const listenPort = port ?? await freePort(extraArgs.includes('--cluster-enabled'));
  let child: ChildProcess;
  let exited: Promise<void>;
  const launch = async () => {
    child = spawn(binary, ['--port', String(listenPort), '--bind', '127.0.0.1', '--dir', folder, '--appendonly', 'yes', '--appendfsync', 'always',
      '--save', '', '--daemonize', 'no', '--logfile', path.join(folder, 'redis.log'), '--maxmemory-policy', 'noeviction', ...extraArgs], { stdio: 'ignore' });
    exited = new Promise((resolve) => child.once('exit', () => resolve()));
    await until(() => redisPing(listenPort), `redis-server on port ${listenPort}`);
  };
  await launch();
  return {
    port: listenPort,
    url: `redis://127.0.0.1:${listenPort}`,
    async crashAndRestart() {
      child.kill('SIGKILL');
      await exited;
      await launch();
    },
    async crash() {
      child.kill('SIGKILL');
      await exited;
    },
    start: launch,
    pause() {
      child.kill('SIGSTOP');
    },
    resume() {
      child.kill('SIGCONT');
    },
    async stop() {
      child.kill('SIGKILL');
      await exited;
      if (dir === undefined) rmSync(folder, { recursive: true, force: true });
    },
  };
}

export interface RedisClusterServers {
  readonly url: string;
  readonly nodes: RedisServer[];
  stop(): Promise<void>;
}

/** Three cluster-enabled redis-servers joined with `redis-cli --cluster create` (no replicas). */
export async function startRedisCluster(): Promise<RedisClusterServers> {
  const nodes: RedisServer[] = [];
  for (let i = 0; i < 3; i++) {
    nodes.push(await startRedis(['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-node-timeout', '5000']));
  }
  const created = spawnSync('redis-cli', ['--cluster', 'create', ...nodes.map((node) => `127.0.0.1:${node.port}`), '--cluster-replicas', '0', '--cluster-yes'], { encoding: 'utf8' });
  if (created.status !== 0) throw new Error(`redis-cli --cluster create failed:\n${created.stdout}\n${created.stderr}`);
  await until(() => nodes.every((node) => spawnSync('redis-cli', ['-p', String(node.port), 'CLUSTER', 'INFO'], { encoding: 'utf8' }).stdout.includes('cluster_state:ok')), 'the cluster to be ok');
  return {
    url: `redis-cluster://${nodes.map((node) => `127.0.0.1:${node.port}`).join(',')}`,
    nodes,
    async stop() { for (const node of nodes) await node.stop(); },
  };
}

export interface PostgresServer {
  readonly port: number;
  readonly url: string;
  /** Stops PostgreSQL as a crash would (immediate mode, no checkpoint) and starts it again. */
  crashAndRestart(): Promise<void>;
  /** Stops PostgreSQL as a crash would, left down (until start()): clients find nothing listening. */
  crash(): Promise<void>;
  /** Starts a crashed PostgreSQL again on the same port and folder. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Runs a PostgreSQL binary as the `postgres` user when we are root (PostgreSQL refuses to run as root). */
function asPostgres(binary: string, args: string[]): { status: number | null; output: string } {
  const isRoot = process.getuid?.() === 0;
  const command = isRoot ? 'runuser' : binary;
  const fullArgs = isRoot ? ['-u', 'postgres', '--', binary, ...args] : args;
  const result = spawnSync(command, fullArgs, { encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

/** A fresh cluster: initdb into a temporary folder owned by `postgres`, started on a free loopback port. */
export async function startPostgres(): Promise<PostgresServer> {
  const initdb = requireBinary(path.join(postgresBin, 'initdb'), 'apt-get install postgresql');
  const pgCtl = requireBinary(path.join(postgresBin, 'pg_ctl'), 'apt-get install postgresql');
  const folder = mkdtempSync(path.join(tmpdir(), 'throughline-pg-'));
  if (process.getuid?.() === 0) {
    const ids = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const uid = Number(ids.stdout.trim());
    if (ids.status !== 0 || !Number.isInteger(uid)) throw new Error('there is no "postgres" user to run PostgreSQL as (Debian\'s postgresql package creates it)');
    chownSync(folder, uid, Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim()));
  }
  const data = path.join(folder, 'data');
  const init = asPostgres(initdb, ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
  if (init.status !== 0) throw new Error(`initdb failed:\n${init.output}`);
  const port = await freePort();
  const start = () => {
    const started = asPostgres(pgCtl, ['-D', data, '-l', path.join(folder, 'postgres.log'), '-w', '-t', '30',
      '-o', `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c max_connections=200`, 'start']);
    if (started.status !== 0) throw new Error(`pg_ctl start failed:\n${started.output}`);
  };
  const crash = () => {
    const stopped = asPostgres(pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop']);
    if (stopped.status !== 0) throw new Error(`pg_ctl stop failed:\n${stopped.output}`);
  };
  start();
  // pg_ctl leaves PostgreSQL running on its own: stop it even if the test process ends abruptly.
  const stopAtExit = () => { asPostgres(pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop']); rmSync(folder, { recursive: true, force: true }); };
  process.once('exit', stopAtExit);
  return {
    port,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async crashAndRestart() {
      crash();
      start();
    },
    async crash() {
      crash();
    },
    async start() {
      start();
    },
    async stop() {
      process.off('exit', stopAtExit);
      asPostgres(pgCtl, ['-D', data, '-m', 'fast', '-w', 'stop']);
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

export interface ScaleoutServices {
  readonly redis: RedisServer;
  readonly postgres: PostgresServer;
  stop(): Promise<void>;
}

export async function startScaleoutServices(): Promise<ScaleoutServices> {
  const [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
  return { redis, postgres, stop: async () => { await redis.stop(); await postgres.stop(); } };
}
