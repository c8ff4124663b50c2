import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const projectRoot = path.resolve(import.meta.dirname, '..', '..', '..');

/** A running process whose stdout announced a URL. */
export interface RunningProcess {
  url: string;
  process: ChildProcessWithoutNullStreams;
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Spawns `command args` and resolves once a stdout line matches `urlPattern` (first capture group is
 * the URL). Rejects with everything printed if the process exits first or nothing matches in time.
 */
export function spawnUntilUrl(command: string, args: string[], urlPattern: RegExp, env: NodeJS.ProcessEnv = {}, timeoutMs = 20_000, onSpawn?: (child: ChildProcessWithoutNullStreams) => void): Promise<RunningProcess> {
  const child = spawn(command, args, { cwd: projectRoot, env: { ...process.env, ...env } });
  onSpawn?.(child);
  let printed = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`no URL within ${timeoutMs} ms; output:\n${printed}`)); }, timeoutMs);
    const onData = (chunk: Buffer) => {
      printed += chunk.toString('utf8');
      const match = urlPattern.exec(printed);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ url: match[1], process: child, output: () => printed, stop: () => stopProcess(child) });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => { printed += chunk.toString('utf8'); });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`exited with ${code} before printing a URL; output:\n${printed}`)); });
  });
}

function stopProcess(child: ChildProcessWithoutNullStreams): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => { clearTimeout(timer); resolve(); });
    child.kill('SIGTERM');
  });
}

type SyncServer = RunningProcess & { dataDir: string };

/** Starts a built sync server on a free loopback port with a new data folder of its own. */
async function startFreshSyncServer(extraArgs: string[] = [], env: NodeJS.ProcessEnv = {}, onSpawn?: (child: ChildProcessWithoutNullStreams, dataDir: string) => void): Promise<SyncServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'throughline-e2e-'));
  let running: RunningProcess;
  try {
    running = await spawnUntilUrl(process.execPath, ['dist/sync-server/cli.js', 'serve', '--port', '0', '--host', '127.0.0.1', '--data', dataDir, ...extraArgs], /"url":"(http:\/\/[^"]+)"/, env, undefined, (child) => onSpawn?.(child, dataDir));
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return { ...running, dataDir, stop: async () => { await running.stop(); rmSync(dataDir, { recursive: true, force: true }); } };
}

/**
 * The server the next plain `startSyncServer()` of this worker process gets, already started.
 *
 * Some 90 spec files each start a server in `beforeAll`: a Node start and the bundle's imports until
 * the URL line, ~0.5–1 s of wall the worker waited for before every file's first test (testtime10,
 * docs/testing.md). Each call still gets a server process and data folder of its own, never used by
 * anyone before (no client knows its port until it is handed out); it is only started while the
 * previous file's tests run instead of after them. Calls with arguments or environment start their own.
 */
let spare: { server: Promise<SyncServer>; child?: ChildProcessWithoutNullStreams; dataDir?: string } | undefined;

function startSpare(): void {
  // The child and its folder are known as soon as it is spawned (synchronously), long before its URL line.
  const spawned: { child?: ChildProcessWithoutNullStreams; dataDir?: string } = {};
  const server = startFreshSyncServer([], {}, (child, dataDir) => { spawned.child = child; spawned.dataDir = dataDir; });
  server.catch(() => undefined);
  spare = Object.assign(spawned, { server });
}

// The spare left when the worker ends (started or still starting) is nobody's: stopped with the worker,
// synchronously, as an 'exit' handler must.
process.once('exit', () => {
  if (!spare?.child || !spare.dataDir) return;
  spare.child.kill('SIGKILL');
  rmSync(spare.dataDir, { recursive: true, force: true });
});

/** A built sync server on a free loopback port with its own data folder, for one test file. */
export async function startSyncServer(extraArgs: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<SyncServer> {
  if (extraArgs.length > 0 || Object.keys(env).length > 0) return startFreshSyncServer(extraArgs, env);
  const taken = spare;
  startSpare();
  // A spare that failed to start (or exited meanwhile) is replaced by a fresh start, so the error is this call's own.
  if (taken) {
    const server = await taken.server.catch(() => undefined);
    if (server && server.process.exitCode === null && server.process.signalCode === null) return server;
  }
  return startFreshSyncServer();
}
