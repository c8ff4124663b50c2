// Drives a revoke-racer.ts child process (see there for its commands).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

const projectRoot = path.resolve(import.meta.dirname, '../../..');

/** A revoke-racer.ts child: commands on stdin, one answer line each on stdout. */
export class Racer {
  private readonly answers: ((line: string) => void)[] = [];
  private readonly pongs: (() => void)[] = [];
  private readonly gone: Promise<void>;
  private constructor(readonly child: ChildProcessWithoutNullStreams) {
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line === 'pong') this.pongs.shift()?.();
      else this.answers.shift()?.(line);
    });
    this.gone = new Promise((resolve) => child.once('close', () => resolve()));
  }

  static async start(): Promise<Racer> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/sync-server/support/revoke-racer.ts'], { cwd: projectRoot });
    const racer = new Racer(child);
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => { errors += chunk.toString(); });
    child.on('exit', (code) => { if (code !== 0 && code !== null) throw new Error(`revoke-racer exited ${code}: ${errors}`); });
    await new Promise<string>((resolve) => racer.answers.push(resolve));
    return racer;
  }

  run(command: string): Promise<string> {
    const answer = new Promise<string>((resolve) => this.answers.push(resolve));
    this.child.stdin.write(`${command}\n`);
    return answer;
  }

  /**
   * Resolves once the process's event loop has turned: it is not inside a synchronous step (a revocation
   * written synchronously, as the version before did once it had the lock), though a command may still wait.
   */
  ping(): Promise<void> {
    const pong = new Promise<void>((resolve) => this.pongs.push(resolve));
    this.child.stdin.write('ping\n');
    return pong;
  }

  /** Killed as by `kill -9` (or a crash): nothing of it runs after, so a lock it holds stays behind. */
  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.gone;
  }

  stop(): void {
    this.child.stdin.end();
  }
}
