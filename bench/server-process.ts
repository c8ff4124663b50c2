/**
 * Starting a real sync server for a benchmark: one child process, ready once its JSON log says where
 * it listens. The scale-out and fairness benchmarks both start servers this way.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

export interface ListeningServer {
  child: ChildProcessWithoutNullStreams;
  /** ws://host:port of the server, without a trailing slash. */
  wsBase: string;
}

/**
 * Runs `node <args>` and resolves once the server has logged its URL and "listening"; rejects with
 * everything it printed when it exits first (a bad flag, a taken port, a missing secret).
 */
export function spawnListeningServer(args: readonly string[], options: { cwd?: string; env: NodeJS.ProcessEnv }): Promise<ListeningServer> {
  const child = spawn(process.execPath, [...args], { cwd: options.cwd, env: options.env });
  let output = '';
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /"url":"(http:\/\/[^"]+)"/.exec(output)?.[1];
      if (url === undefined || !output.includes('"msg":"listening"')) return;
      // Ready: stop collecting, but keep draining so a chatty server never blocks on a full pipe.
      child.stdout.removeAllListeners('data');
      child.stdout.resume();
      resolve({ child, wsBase: url.replace(/^http/, 'ws').replace(/\/$/, '') });
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}):\n${output}`)));
  });
}
