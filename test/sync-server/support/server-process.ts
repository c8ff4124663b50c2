import { execFile, spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';

export const projectRoot = path.resolve(import.meta.dirname, '..', '..', '..');
const cli = ['--import', 'tsx', 'sync-server/cli.ts'];

/** The server's command line run from source, to completion. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [...cli, ...args], { cwd: projectRoot, env: { ...process.env, ...env }, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Like runCli, without blocking: several can run at once. */
export function runCliAsync(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [...cli, ...args], { cwd: projectRoot, env: { ...process.env, ...env }, encoding: 'utf8' }, (error, stdout, stderr) => {
      const status = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
      resolve({ status, stdout, stderr });
    });
  });
}

export interface ServerProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly url: string;
  readonly wsBase: string;
  /** Every stdout line so far. */
  lines(): string[];
  /** Resolves with the exit code (or signal name) once the process is gone. */
  exited(): Promise<number | string>;
}

/** A test file's tear-down of the servers it started: each still running is killed (SIGKILL), and every one awaited until gone. */
export async function killServerProcesses(processes: readonly ServerProcess[]): Promise<void> {
  for (const started of processes) {
    if (started.child.exitCode === null && started.child.signalCode === null) started.child.kill('SIGKILL');
    await started.exited();
  }
}

/** Starts `serve` as a real process and resolves once it printed its listening line. */
export function startServerProcess(args: string[], env: NodeJS.ProcessEnv = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...cli, 'serve', '--port', '0', '--host', '127.0.0.1', ...args], { cwd: projectRoot, env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  // At 'close', not 'exit': 'exit' may come before the last of the child's output has been read (Node's
  // child_process docs), and tests read the lines once it has exited (the "stopped" line at SIGTERM).
  const exit = new Promise<number | string>((resolve) => child.once('close', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8'); });
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      for (const line of stdout.split('\n')) {
        if (!line.startsWith('{')) continue;
        const event = JSON.parse(line) as { msg?: string; url?: string };
        if (event.msg === 'listening' && typeof event.url === 'string') {
          const url = event.url;
          resolve({
            child,
            url,
            wsBase: url.replace(/^http/, 'ws').replace(/\/$/, ''),
            lines: () => stdout.split('\n').filter((l) => l.length > 0),
            exited: () => exit,
          });
          return;
        }
      }
    });
    void exit.then((code) => reject(new Error(`server exited (${code}) before listening:\n${stdout}\n${stderr}`)));
  });
}
