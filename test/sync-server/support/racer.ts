// Drives a revoke-racer.ts child process (see there for its commands).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

const projectRoot = path.resolve(import.meta.dirname, '../../..');

interface Waiter<T> { resolve: (value: T) => void; reject: (error: Error) => void }

/**
 * A revoke-racer.ts child: commands on stdin, one answer line each on stdout. A child that fails (exits
 * non-zero) fails whatever waits on it with its stderr, rather than leaving the test to time out naming nothing.
 */
export class Racer {
  private readonly answers: Waiter<string>[] = [];
  private readonly pongs: Waiter<void>[] = [];
  private readonly gone: Promise<void>;
  private errors = '';
  private failed: Error | null = null;
  private constructor(readonly child: ChildProcessWithoutNullStreams) {
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line === 'pong') this.pongs.shift()?.resolve();
      else this.answers.shift()?.resolve(line);
    });
    child.stderr.on('data', (chunk: Buffer) => { this.errors += chunk.toString(); });
    child.on('exit', (code) => {
      if (code === 0 || code === null) return; // null: killed on purpose (kill())
      this.failed = new Error(`revoke-racer exited ${code}: ${this.errors}`);
      for (const waiter of [...this.answers.splice(0), ...this.pongs.splice(0)]) waiter.reject(this.failed);
    });
    this.gone = new Promise((resolve) => child.once('close', () => resolve()));
  }

  static async start(): Promise<Racer> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/sync-server/support/revoke-racer.ts'], { cwd: projectRoot });
    const racer = new Racer(child);
    await racer.waitFor(racer.answers);
    return racer;
  }

  run(command: string): Promise<string> {
    const answer = this.waitFor(this.answers);
    this.child.stdin.write(`${command}\n`);
    return answer;
  }

  /**
   * Resolves once the process's event loop has turned: it is not inside a synchronous step (a revocation
   * written synchronously, as the version before did once it had the lock), though a command may still wait.
   */
  ping(): Promise<void> {
    const pong = this.waitFor(this.pongs);
    this.child.stdin.write('ping\n');
    return pong;
  }

  private waitFor<T>(queue: Waiter<T>[]): Promise<T> {
    if (this.failed !== null) return Promise.reject(this.failed);
    return new Promise<T>((resolve, reject) => queue.push({ resolve, reject }));
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
