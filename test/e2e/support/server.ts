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
export function spawnUntilUrl(command: string, args: string[], urlPattern: RegExp, env: NodeJS.ProcessEnv = {}, timeoutMs = 20_000): Promise<RunningProcess> {
  const child = spawn(command, args, { cwd: projectRoot, env: { ...process.env, ...env } });
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

/** A built sync server on a free loopback port with its own data folder, for one test file. */
export async function startSyncServer(extraArgs: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<RunningProcess & { dataDir: string }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'throughline-e2e-'));
  const running = await spawnUntilUrl(process.execPath, ['dist/sync-server/cli.js', 'serve', '--port', '0', '--host', '127.0.0.1', '--data', dataDir, ...extraArgs], /"url":"(http:\/\/[^"]+)"/, env);
  return { ...running, dataDir, stop: async () => { await running.stop(); rmSync(dataDir, { recursive: true, force: true }); } };
}
