// review38a findings 2 and 3: the lock the running server and the CLI's `revoke` take before rewriting
// revoked-links.json. (2) A stale lock was taken over by `stat`, then `unlink` by name: two writers that
// met the same stale lock both went in, and the release unlinked by name, so a revocation could be lost.
// (3) The server waited for a held lock with Atomics.wait on its main thread: a `revoke` killed holding
// the lock froze every room for 10 s, and a lock dated in the future blocked 15 s, then threw, every time.
// Real processes and real files throughout; the lock is folder-lock.ts.
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tryFolderLock } from '../../sync-server/workspace/folder-lock.js';
import { readRevocations } from '../../sync-server/workspace/revocations.js';
import { TokenAuthority } from '../../sync-server/auth.js';
import { adminKeyFor, adminPathPrefix } from '../../sync-server/workspace/admin-http.js';
import { linkIdOf, newLinkNonce } from '../../sync-server/workspace/link-id.js';
import { RawClient, UpgradeRefused } from './support/raw-client.js';
import { Racer } from './support/racer.js';
import { runCliAsync, startServerProcess } from './support/server-process.js';
import { startTestServer } from './support/test-server.js';

const lockName = 'revoked-links.json.lock';

function freshFolder(): string {
  return mkdtempSync(path.join(tmpdir(), 'throughline-revlock-'));
}

function idOf(prefix: string, index: number): string {
  return `${prefix}${index.toString(16).padStart(16 - prefix.length, '0')}`;
}

/** The files of the lock (its directory and the owner file in it; the version before: one file), dated `at`. */
function dateLock(folder: string, at: Date): void {
  const lock = path.join(folder, lockName);
  if (statSync(lock).isDirectory()) for (const name of readdirSync(lock)) utimesSync(path.join(lock, name), at, at);
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

  it('a lock of this version left by a writer that died, gone stale: every racer\'s revocation is in the file, no lock left', async () => {
    const { lost, leftOver } = await race(40, (folder) => {
      // Taken and never released: as a killed holder leaves it (one killed for real: the tests below).
      expect(tryFolderLock(path.join(folder, lockName))).not.toBeNull();
      dateLock(folder, new Date(Date.now() - 60_000));
    });
    expect({ lost, leftOver }).toEqual({ lost: [], leftOver: [] });
  }, 180_000);

  // The lock ages while its holder is paused (a machine asleep, SIGSTOP) and another writer takes it over.
  // The version before then lost that writer's revocation: the paused one, resumed, renamed the list it had
  // read before the other's write over it (and its release unlinked whatever lock was there by name). Now
  // it sees the lock is no longer its own before renaming, and writes again under a new lock.
  it('a writer paused past the stale age while holding the lock, then resumed, loses nobody\'s revocation', async () => {
    const [paused, other] = racers as [Racer, Racer];
    // A long list (10,000 links), so the paused writer is stopped while it reads and checks it, inside the lock.
    const earlier = Array.from({ length: 10_000 }, (_, index) => ({ id: idOf('e', index), at: 1, exp: 0 }));
    for (let round = 0; round < 3; round += 1) {
      const folder = freshFolder();
      const lock = path.join(folder, lockName);
      try {
        writeFileSync(path.join(folder, 'revoked-links.json'), JSON.stringify({ version: 1, links: earlier }));
        const pausedDone = paused.run(`race ${folder} ${idOf('a', round)} 0`);
        while (!existsSync(lock)) await new Promise((resolve) => setImmediate(resolve));
        paused.child.kill('SIGSTOP');
        try {
          dateLock(folder, new Date(Date.now() - 60_000));
          expect(await other.run(`race ${folder} ${idOf('b', round)} 0`)).toBe('done true');
        } finally {
          paused.child.kill('SIGCONT');
        }
        expect(await pausedDone).toBe('done true');
        const revoked = readRevocations(folder).map((entry) => entry.id);
        expect({ a: revoked.includes(idOf('a', round)), b: revoked.includes(idOf('b', round)), earlier: revoked.length - 2 }).toEqual({ a: true, b: true, earlier: earlier.length });
        expect(readdirSync(folder)).toEqual(['revoked-links.json']);
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    }
  }, 120_000);
  // The release unlinked the lock by its name: a writer whose lock had been taken over (paused past the
  // stale age) removed the new holder's lock on its way out, a third writer went in beside that holder,
  // and the holder, resuming, renamed the list it had read before the third one's write over it.
  it('a writer whose lock was taken over does not release the new holder\'s: a third one waits for it', async () => {
    const [first, second, third] = racers as [Racer, Racer, Racer];
    const earlier = Array.from({ length: 10_000 }, (_, index) => ({ id: idOf('e', index), at: 1, exp: 0 }));
    const lockIsFresh = (lock: string) => { try { return statSync(lock).mtimeMs > Date.now() - 5_000; } catch { return false; } };
    for (let round = 0; round < 3; round += 1) {
      const folder = freshFolder();
      const lock = path.join(folder, lockName);
      const stopped = new Set<Racer>();
      const stop = (racer: Racer) => { racer.child.kill('SIGSTOP'); stopped.add(racer); };
      const resume = (racer: Racer) => { racer.child.kill('SIGCONT'); stopped.delete(racer); };
      try {
        writeFileSync(path.join(folder, 'revoked-links.json'), JSON.stringify({ version: 1, links: earlier }));
        const firstDone = first.run(`race ${folder} ${idOf('a', round)} 0`);
        while (!existsSync(lock)) await new Promise((resolve) => setImmediate(resolve));
        stop(first);
        dateLock(folder, new Date(Date.now() - 60_000));
        // The second takes the stale lock over and is paused while it holds it.
        const secondDone = second.run(`race ${folder} ${idOf('b', round)} 0`);
        while (!lockIsFresh(lock)) await new Promise((resolve) => setImmediate(resolve));
        stop(second);
        resume(first);
        // The first is past its attempt: the version before wrote and released (synchronously) before
        // answering; now it has found the lock no longer its own and waits (on timers) for the second's.
        await first.ping();
        // The second still holds the lock: the third must wait for it, however the first left it.
        const thirdDone = third.run(`race ${folder} ${idOf('c', round)} 0`);
        await third.ping();
        resume(second);
        expect(await Promise.all([firstDone, secondDone, thirdDone])).toEqual(['done true', 'done true', 'done true']);
        const revoked = new Set(readRevocations(folder).map((entry) => entry.id));
        expect(['a', 'b', 'c'].filter((prefix) => !revoked.has(idOf(prefix, round)))).toEqual([]);
        expect(revoked.size).toBe(earlier.length + 3);
        expect(readdirSync(folder)).toEqual(['revoked-links.json']);
      } finally {
        for (const racer of stopped) racer.child.kill('SIGCONT');
        rmSync(folder, { recursive: true, force: true });
      }
    }
  }, 120_000);
});

describe('a lock dated in the future (review38a finding 3)', () => {
  it('is taken over by the CLI\'s revoke at once (it waited 15 s and failed, every time)', async () => {
    const folder = freshFolder();
    try {
      await leaveDeadLock(folder);
      dateLock(folder, new Date(Date.now() + 3_600_000));
      const linkId = idOf('f', 1);
      const result = await runCliAsync(['revoke', linkId, '--data', folder]);
      expect({ status: result.status, stdout: result.stdout }).toEqual({ status: 0, stdout: `revoked: link ${linkId}\n` });
      expect(readRevocations(folder).map((entry) => entry.id)).toEqual([linkId]);
      expect(existsSync(path.join(folder, lockName))).toBe(false);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('the server while a `revoke` killed holding the lock has left it (review38a finding 3)', () => {
  it('goes on relaying, joining and closing at once; the revocation is written when the lock goes stale', async () => {
    const folder = freshFolder();
    const secret = 'locks38-'.repeat(6);
    const authority = new TokenAuthority(Buffer.from(secret, 'utf8'));
    const now = Math.floor(Date.now() / 1000);
    const revokedToken = authority.issue('acme', 'editor', 3600, now, newLinkNonce());
    const keptToken = authority.issue('acme', 'editor', 3600, now, newLinkNonce());
    const server = await startServerProcess(['--data', folder], { THROUGHLINE_SECRET: secret });
    const roomUrl = (token: string) => `${server.wsBase}/acme/plan1?token=${encodeURIComponent(token)}`;
    const clients: RawClient[] = [];
    try {
      const doomed = await RawClient.joined(roomUrl(revokedToken));
      const [writer, reader] = [await RawClient.joined(roomUrl(keptToken)), await RawClient.joined(roomUrl(keptToken))];
      clients.push(doomed, writer, reader);
      await leaveDeadLock(folder);
      // Fresh from now: it counts as held for the next 10 s (a loopback round trip takes milliseconds).
      dateLock(folder, new Date());
      let answered = false;
      const answer = fetch(new URL(`${adminPathPrefix}revocations`, server.url), {
        method: 'POST',
        headers: { authorization: `Bearer ${adminKeyFor(Buffer.from(secret, 'utf8'))}`, 'content-type': 'application/json' },
        body: JSON.stringify({ link: revokedToken }),
      }).then(async (response) => { answered = true; return { status: response.status, body: await response.json() as unknown }; });
      // In force at once: the revoked link's connection is closed before the file can be written.
      expect(await doomed.closed()).toEqual({ code: 4403, reason: 'link revoked by the host' });
      // The room goes on: an edit is relayed, and someone joins.
      writer.edit((doc) => doc.getMap('plan').set('title', 'still relayed'));
      await reader.until(() => reader.doc.getMap('plan').get('title') === 'still relayed', 'the edit relayed while the lock is held');
      clients.push(await RawClient.joined(roomUrl(keptToken)));
      // The version before only got here once its event loop had waited the 10 s out (and answered by then).
      expect({ answered, lockHeld: existsSync(path.join(folder, lockName)), written: readRevocations(folder).length }).toEqual({ answered: false, lockHeld: true, written: 0 });
      // Ten seconds on (the dead writer's lock now stale), the server takes it over, writes, and answers.
      dateLock(folder, new Date(Date.now() - 60_000));
      expect(await answer).toMatchObject({ status: 200, body: { linkId: linkIdOf(revokedToken), revoked: true, closed: 1 } });
      expect(readRevocations(folder).map((entry) => entry.id)).toEqual([linkIdOf(revokedToken)]);
      expect(existsSync(path.join(folder, lockName))).toBe(false);
    } finally {
      for (const client of clients) client.close();
      server.child.kill('SIGTERM');
      await server.exited();
      rmSync(folder, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('a revocation the server cannot write to its file', () => {
  it('is in force at once, the host API\'s answer says it is not saved yet (it used to fail, revoking nothing), and it is written with the next one once the file is mended', async () => {
    const server = await startTestServer();
    try {
      const host = server.server.workspaces;
      const link = host.mintLink('acme', 'editor', 3600);
      writeFileSync(path.join(server.dataDir, 'revoked-links.json'), '{ not json');
      const outcome = await host.revokeAsked!(link.token);
      expect(outcome).toMatchObject({ linkId: link.linkId, revoked: true });
      expect(outcome.note).toMatch(/could not be written to the data folder yet \(.*revoked-links\.json is not JSON.*\); the server keeps trying/);
      const refusal = await RawClient.connect(`${server.wsBase}/acme/plan1?token=${encodeURIComponent(link.token)}`).then(() => null, (caught: unknown) => caught);
      expect(refusal).toBeInstanceOf(UpgradeRefused);
      expect((refusal as UpgradeRefused).status).toBe(403);
      // The file mended (here: emptied), the next revocation writes both at once, with no note.
      writeFileSync(path.join(server.dataDir, 'revoked-links.json'), JSON.stringify({ version: 1, links: [] }));
      const next = host.mintLink('acme', 'viewer', 3600);
      expect(await host.revokeAsked!(next.token)).toEqual({ linkId: next.linkId, revoked: true, closed: 0, known: true });
      expect(readRevocations(server.dataDir).map((entry) => entry.id).sort()).toEqual([link.linkId, next.linkId].sort());
    } finally {
      await server.stop();
    }
  });
});
