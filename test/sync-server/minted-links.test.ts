// review36d B8: the server and the CLI's `token` (two processes) each note the links they make in the data
// folder's list. They read the list, added one id and renamed a file over it: whichever renamed last
// dropped the other's link, and revoking that real link then said "no link … was made by this server …
// (a typo?)". The list is now appended to, one line a link, and compacted when the server starts.
import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  legacyMintedLinksFileName, mintedLinkKnown, mintedLinksFileName, readMintedLinks, rememberMintedLink, startMintedLinks,
} from '../../sync-server/workspace/minted-links.js';
import { linkIdOf } from '../../sync-server/workspace/link-id.js';
import { readRevocations, revocationsFileName, writeRevocation } from '../../sync-server/workspace/revocations.js';
import { startTestServer } from './support/test-server.js';

const projectRoot = path.resolve(import.meta.dirname, '../..');
const now = Math.floor(Date.now() / 1000);

function freshFolder(): string {
  return mkdtempSync(path.join(tmpdir(), 'throughline-minted-'));
}

function idOf(prefix: string, index: number): string {
  return `${prefix}${index.toString(16).padStart(16 - prefix.length, '0')}`;
}

/** A mint-process.ts child: commands on stdin, "done" on stdout; a child that dies fails what waits on it, with its error. */
class Minter {
  private readonly waiting: { resolve: () => void; reject: (error: Error) => void }[] = [];
  private errors = '';
  private exited: Error | null = null;
  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('done') || line === 'ready') this.waiting.shift()?.resolve();
    });
    child.stderr.on('data', (chunk: Buffer) => { this.errors += chunk.toString(); });
    child.on('exit', (code, signal) => {
      if (code === 0) return;
      this.exited = new Error(`mint-process exited (${code ?? signal}): ${this.errors}`);
      for (const waiter of this.waiting.splice(0)) waiter.reject(this.exited);
    });
  }

  static async start(): Promise<Minter> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/sync-server/support/mint-process.ts'], { cwd: projectRoot });
    const minter = new Minter(child);
    await new Promise<void>((resolve, reject) => minter.waiting.push({ resolve, reject }));
    return minter;
  }

  /** Sends a command; resolves when it is done, rejects with the child's error if it dies. */
  run(command: string): Promise<void> {
    if (this.exited !== null) return Promise.reject(this.exited);
    const done = new Promise<void>((resolve, reject) => this.waiting.push({ resolve, reject }));
    this.child.stdin.write(`${command}\n`);
    return done;
  }

  stop(): void {
    this.child.stdin.end();
  }
}

describe('the list of links made here, written by two processes at once (review36d B8)', () => {
  let minters: Minter[] = [];
  beforeAll(async () => { minters = await Promise.all([Minter.start(), Minter.start(), Minter.start()]); }, 60_000);
  afterAll(() => { for (const minter of minters) minter.stop(); });

  it('two processes revoking at the same time (the server and the CLI\'s revoke): every revocation of both is in the file afterwards', async () => {
    const folder = freshFolder();
    try {
      await Promise.all([minters[0]!.run(`revoke ${folder} a 200`), minters[1]!.run(`revoke ${folder} b 200`), minters[2]!.run(`revoke ${folder} c 200`)]);
      const revoked = new Set(readRevocations(folder).map((entry) => entry.id));
      const lost = ['a', 'b', 'c'].flatMap((prefix) => Array.from({ length: 200 }, (_, index) => idOf(prefix, index))).filter((id) => !revoked.has(id));
      expect(lost).toEqual([]);
      expect(existsSync(path.join(folder, `${revocationsFileName}.lock`))).toBe(false);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }, 60_000);

  it('a revocations lock file left by the version before (older than 10 s) is taken over', async () => {
    const folder = freshFolder();
    try {
      const lock = path.join(folder, `${revocationsFileName}.lock`);
      writeFileSync(lock, '');
      const old = new Date(Date.now() - 60_000);
      utimesSync(lock, old, old);
      expect(await writeRevocation(folder, { id: idOf('d', 1), at: now, exp: now + 3600 }, now)).toBe(true);
      expect(readRevocations(folder).map((entry) => entry.id)).toEqual([idOf('d', 1)]);
      expect(existsSync(lock)).toBe(false);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('two processes minting at the same time: every link of both is known afterwards', async () => {
    const folder = freshFolder();
    try {
      startMintedLinks(folder, now);
      await Promise.all([minters[0]!.run(`mint ${folder} a 300`), minters[1]!.run(`mint ${folder} b 300`)]);
      const unknown = ['a', 'b'].flatMap((prefix) => Array.from({ length: 300 }, (_, index) => idOf(prefix, index))).filter((id) => !mintedLinkKnown(folder, id).known);
      expect(unknown).toEqual([]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }, 60_000);

  // Any number of minting processes, any amounts, and a server starting (compacting the list) any number of
  // times while they mint: every link minted is known afterwards, and nothing else is.
  it('property: concurrent mints and starts in separate processes lose no link', async () => {
    let mintedInAll = 0;
    await fc.assert(fc.asyncProperty(
      fc.array(fc.integer({ min: 1, max: 120 }), { minLength: 1, maxLength: 2 }),
      fc.integer({ min: 0, max: 15 }),
      async (counts, starts) => {
        const folder = freshFolder();
        try {
          const prefixes = ['c', 'd'];
          const runs = counts.map((count, index) => minters[index]!.run(`mint ${folder} ${prefixes[index]} ${count}`));
          if (starts > 0) runs.push(minters[2]!.run(`start ${folder} ${starts}`));
          await Promise.all(runs);
          const expected = counts.flatMap((count, index) => Array.from({ length: count }, (_, at) => idOf(prefixes[index]!, at))).sort();
          mintedInAll += expected.length;
          const list = readMintedLinks(folder);
          expect([...new Set(list.links.map((link) => link.id))].sort()).toEqual(expected);
          expect(list.problems).toEqual([]);
          expect(list.since).not.toBeNull();
        } finally {
          rmSync(folder, { recursive: true, force: true });
        }
      },
    ), { numRuns: 12 });
    // The run did real work.
    expect(mintedInAll).toBeGreaterThan(100);
  }, 120_000);
});

describe('the running server and the CLI\'s `token` at once (review36d B8)', () => {
  it('the CLI mints while the server mints: revoking the CLI\'s link (and each of the server\'s) says it was made here, not "a typo?"', async () => {
    const server = await startTestServer({ graceMs: 0 });
    try {
      const cli = new Promise<string>((resolve, reject) => {
        execFile(process.execPath, ['--import', 'tsx', 'sync-server/cli.ts', 'token', '--workspace', 'acme', '--role', 'viewer', '--data', server.dataDir], { cwd: projectRoot, encoding: 'utf8' },
          (error, stdout) => { if (error) reject(error); else resolve(stdout.trim()); });
      });
      let cliDone = false;
      void cli.then(() => { cliDone = true; }, () => { cliDone = true; });
      const serverLinks: string[] = [];
      // The server mints as fast as it can for as long as the CLI runs (it starts, reads the list, writes it).
      while (!cliDone) {
        for (let index = 0; index < 5; index += 1) serverLinks.push(server.server.workspaces.mintLink('acme', 'editor', 3600).linkId);
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      const cliLink = linkIdOf(await cli);
      expect(serverLinks.length).toBeGreaterThan(20);
      expect(server.server.workspaces.revoke(cliLink)).toMatchObject({ linkId: cliLink, revoked: true, known: true });
      const known = new Set(readMintedLinks(server.dataDir).links.map((link) => link.id));
      const unknown = serverLinks.filter((id) => !known.has(id));
      expect(unknown).toEqual([]);
    } finally {
      await server.stop();
    }
  }, 60_000);
});

describe('the list of links made here, after a crash or a hand edit', () => {
  it('a last line cut short by a crash: the links before it are kept, the next link starts a line of its own, a start drops the torn line', () => {
    const folder = freshFolder();
    try {
      startMintedLinks(folder, now - 60);
      rememberMintedLink(folder, idOf('a', 1), now + 3600, now);
      rememberMintedLink(folder, idOf('a', 2), now + 3600, now);
      // The server died halfway through noting a third link (its token was never handed out).
      appendFileSync(path.join(folder, mintedLinksFileName), `{"id":"${idOf('a', 3).slice(0, 9)}`);
      expect(readMintedLinks(folder)).toEqual({ since: now - 60, links: [{ id: idOf('a', 1), exp: now + 3600 }, { id: idOf('a', 2), exp: now + 3600 }], problems: [] });
      rememberMintedLink(folder, idOf('a', 4), now + 3600, now);
      for (const index of [1, 2, 4]) expect(mintedLinkKnown(folder, idOf('a', index)).known, `a${index}`).toBe(true);
      expect(startMintedLinks(folder, now).problems).toEqual([]);
      const lines = readFileSync(path.join(folder, mintedLinksFileName), 'utf8').trimEnd().split('\n');
      expect(lines.map((line) => JSON.parse(line) as unknown)).toHaveLength(4);
      expect(readMintedLinks(folder)).toEqual({ since: now - 60, links: [1, 2, 4].map((index) => ({ id: idOf('a', index), exp: now + 3600 })), problems: [] });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('a line that is not a link: named (file and line), kept by a start, and the links around it still known', () => {
    const folder = freshFolder();
    try {
      startMintedLinks(folder, now);
      rememberMintedLink(folder, idOf('a', 1), now + 3600, now);
      appendFileSync(path.join(folder, mintedLinksFileName), '{"id":"not a link id","exp":1}\nhello\n');
      rememberMintedLink(folder, idOf('a', 2), now + 3600, now);
      const file = path.join(folder, mintedLinksFileName);
      expect(readMintedLinks(folder).problems).toEqual([
        `${file} line 3 is neither a link ({"id","exp"}) nor a start ({"since"})`,
        `${file} line 4 is not JSON`,
      ]);
      expect(mintedLinkKnown(folder, idOf('a', 1)).known).toBe(true);
      expect(mintedLinkKnown(folder, idOf('a', 2)).known).toBe(true);
      const { problems } = startMintedLinks(folder, now);
      expect(problems).toEqual([
        `${file} line 3 is neither a link ({"id","exp"}) nor a start ({"since"}); kept as it is (fix or delete that line)`,
        `${file} line 4 is not JSON; kept as it is (fix or delete that line)`,
      ]);
      const text = readFileSync(file, 'utf8');
      expect(text).toContain('{"id":"not a link id","exp":1}\n');
      expect(text).toContain('hello\n');
      expect(readMintedLinks(folder).links.map((link) => link.id)).toEqual([idOf('a', 1), idOf('a', 2)]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('a start drops links past their expiry and keeps when the list started', () => {
    const folder = freshFolder();
    try {
      startMintedLinks(folder, now - 100);
      rememberMintedLink(folder, idOf('e', 1), now - 10, now - 50);
      rememberMintedLink(folder, idOf('e', 2), now + 10, now - 50);
      startMintedLinks(folder, now);
      expect(readMintedLinks(folder)).toEqual({ since: now - 100, links: [{ id: idOf('e', 2), exp: now + 10 }], problems: [] });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('the list as it was kept before (minted-links.json, one object) is read, and folded in at the next start', () => {
    const folder = freshFolder();
    try {
      writeFileSync(path.join(folder, legacyMintedLinksFileName), JSON.stringify({ version: 1, since: now - 500, links: [{ id: idOf('f', 1), exp: now + 3600 }] }) + '\n');
      expect(mintedLinkKnown(folder, idOf('f', 1))).toEqual({ known: true, since: now - 500, problems: [] });
      rememberMintedLink(folder, idOf('f', 2), now + 3600, now);
      expect(mintedLinkKnown(folder, idOf('f', 1)).known).toBe(true);
      expect(mintedLinkKnown(folder, idOf('f', 2))).toEqual({ known: true, since: now - 500, problems: [] });
      startMintedLinks(folder, now);
      expect(existsSync(path.join(folder, legacyMintedLinksFileName))).toBe(false);
      expect(readMintedLinks(folder)).toEqual({ since: now - 500, links: [{ id: idOf('f', 1), exp: now + 3600 }, { id: idOf('f', 2), exp: now + 3600 }], problems: [] });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
