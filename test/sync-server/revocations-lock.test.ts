// review38a findings 2 and 3: the lock the running server and the CLI's `revoke` take before rewriting
// revoked-links.json. (2) A stale lock was taken over by `stat`, then `unlink` by name: two writers that
// met the same stale lock both went in, and the release unlinked by name, so a revocation could be lost.
// (3) The server waited for a held lock with Atomics.wait on its main thread: a `revoke` killed holding
// the lock froze every room for 10 s, and a lock dated in the future blocked 15 s, then threw, every time.
// Real processes and real files throughout; the lock is folder-lock.ts.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRevocations } from '../../sync-server/workspace/revocations.js';

const projectRoot = path.resolve(import.meta.dirname, '../..');
const lockName = 'revoked-links.json.lock';

function freshFolder(): string {
  return mkdtempSync(path.join(tmpdir(), 'throughline-revlock-'));
}

function idOf(prefix: string, index: number): string {
  return `${prefix}${index.toString(16).padStart(16 - prefix.length, '0')}`;
}

/** A revoke-racer.ts child: commands on stdin, one answer line each on stdout. */
export class Racer {
  private readonly answers: ((line: string) => void)[] = [];
  private readonly gone: Promise<void>;
  private constructor(readonly child: ChildProcessWithoutNullStreams) {
    createInterface({ input: child.stdout }).on('line', (line) => this.answers.shift()?.(line));
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

  /** Killed as by `kill -9` (or a crash): nothing of it runs after, so a lock it holds stays behind. */
  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.gone;
  }

  stop(): void {
    this.child.stdin.end();
  }
}

/** The files of the lock (its directory, the owner file in it), dated `at`. */
function dateLock(folder: string, at: Date): void {
  const lock = path.join(folder, lockName);
  for (const name of readdirSync(lock)) utimesSync(path.join(lock, name), at, at);
  utimesSync(lock, at, at);
}

/** A lock left by a `revoke` killed while holding it (this version's lock: a directory with an owner file). */
async function leaveDeadLock(folder: string): Promise<void> {
  const holder = await Racer.start();
  expect(await holder.run(`hold ${folder}`)).toBe('holding');
  await holder.kill();
}

describe('two writers meeting the same stale revocations lock (review38a finding 2)', () => {
  let racers: Racer[] = [];
  beforeAll(async () => { racers = await Promise.all([Racer.start(), Racer.start(), Racer.start()]); }, 60_000);
  afterAll(() => { for (const racer of racers) racer.stop(); });

  /** Rounds of every racer revoking its own link at the same instant into a folder holding a stale lock. */
  async function race(rounds: number, leaveStaleLock: (folder: string) => Promise<void> | void): Promise<{ lost: string[]; leftOver: string[] }> {
    const lost: string[] = [];
    const leftOver: string[] = [];
    for (let round = 0; round < rounds; round += 1) {
      const folder = freshFolder();
      try {
        await leaveStaleLock(folder);
        const ids = racers.map((_, index) => idOf(`${index + 1}`, round));
        // Far enough ahead for every racer to have read its command and be spinning.
        const start = Date.now() + 60;
        const answers = await Promise.all(racers.map((racer, index) => racer.run(`race ${folder} ${ids[index]} ${start}`)));
        expect(answers).toEqual(racers.map(() => 'done true'));
        const revoked = new Set(readRevocations(folder).map((entry) => entry.id));
        lost.push(...ids.filter((id) => !revoked.has(id)));
        leftOver.push(...readdirSync(folder).filter((name) => name !== 'revoked-links.json'));
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    }
    return { lost, leftOver };
  }

  it('a lock file left by the version before: every racer\'s revocation is in the file, no lock left', async () => {
    const { lost, leftOver } = await race(40, (folder) => {
      const lock = path.join(folder, lockName);
      writeFileSync(lock, '');
      const old = new Date(Date.now() - 60_000);
      utimesSync(lock, old, old);
    });
    expect({ lost, leftOver }).toEqual({ lost: [], leftOver: [] });
  }, 180_000);
});
