import { randomBytes } from 'node:crypto';
import { existsSync, lstatSync, mkdtempSync, readdirSync, renameSync, rmdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A lock between processes sharing a data folder (the running server and the CLI), made of a directory
 * that holds one owner file with a name no other lock ever had:
 *
 * - taken by building `<lock>.<random suffix>/owner.<random>` aside and renaming the directory to `<lock>`: the
 *   rename fails while `<lock>` holds an owner, so exactly one writer gets it, and the lock never exists
 *   without its owner (no half-made lock to misjudge);
 * - a lock whose owner file is older than `staleLockMs` (its writer died: a write takes milliseconds),
 *   or dated more than `futureLockMs` ahead (a clock stepped back, a network file system's clock), is
 *   taken over by unlinking that owner file *by its unique name* and removing the directory only if it is
 *   empty. Two writers that judged the same lock stale can both do that: the second unlink finds nothing,
 *   and the second rmdir cannot remove the lock the first writer has taken meanwhile (it holds an owner).
 *   This is what the old lock file (`stat`, then `unlink` by the lock's name) and proper-lockfile (`stat`,
 *   then `rmdir` by name) get wrong: the late writer removed the fresh lock and both went in;
 * - released the same way (unlink our own owner file, rmdir if empty), so a writer whose lock was taken
 *   over never removes the next writer's.
 *
 * Waiting is asynchronous (`acquireFolderLock`); `tryFolderLock` makes one attempt and never waits, so
 * the server's event loop is never blocked by a lock someone else holds.
 */

/** An owner file older than this was left by a process that died holding the lock. */
export const staleLockMs = 10_000;
/** An owner file dated further ahead than this is taken over too (it would otherwise count as fresh for as long as the clock is behind). */
export const futureLockMs = 1_000;
/** How long `acquireFolderLock` waits for a lock someone holds before saying so. */
export const lockWaitMs = 15_000;

/** The lock has been held (and not stale) for the whole wait; the message names it. */
export class FolderLockTimeout extends Error {
  override readonly name = 'FolderLockTimeout';
}

export interface FolderLock {
  /** Whether the lock is still ours (not taken over as stale meanwhile): check it before making a write visible. */
  held(): boolean;
  /** Gives the lock up; removes nothing that is not ours. */
  release(): void;
  /** `release` as its file operations, a step between them (for tests interleaving writers). */
  releaseSteps(): Generator<void, void>;
}

function codeOf(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

function ignoring(action: () => void): void {
  try {
    action();
  } catch {
    // Gone meanwhile, or not empty (someone else's lock): nothing of ours to remove.
  }
}

function isStale(mtimeMs: number, nowMs: number): boolean {
  const age = nowMs - mtimeMs;
  return age > staleLockMs || age < -futureLockMs;
}

/**
 * Removes `lock` if it is stale. True when the lock may be free now (try again at once), false when a
 * live writer holds it. A step (`yield`) between file operations: see folderLockAttempt.
 */
function* removeIfStale(lock: string, nowMs: number): Generator<void, boolean> {
  let stats;
  try {
    stats = lstatSync(lock);
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return true;
    throw error;
  }
  yield;
  if (!stats.isDirectory()) {
    // A lock file of the version before (created with 'wx'): unlink cannot remove a directory, so at worst
    // this removes another old-version lock file judged stale a moment before.
    if (!isStale(stats.mtimeMs, nowMs)) return false;
    ignoring(() => unlinkSync(lock));
    return true;
  }
  let names: string[];
  try {
    names = readdirSync(lock);
  } catch (error) {
    if (codeOf(error) === 'ENOENT' || codeOf(error) === 'ENOTDIR') return true;
    throw error;
  }
  for (const name of names) {
    yield;
    let owner;
    try {
      owner = statSync(path.join(lock, name));
    } catch (error) {
      if (codeOf(error) === 'ENOENT') return true; // released or taken over meanwhile
      throw error;
    }
    if (!isStale(owner.mtimeMs, nowMs)) return false;
  }
  // Every owner file is stale (none at all: a release stopped between its unlink and its rmdir).
  for (const name of names) {
    yield;
    ignoring(() => unlinkSync(path.join(lock, name)));
  }
  yield;
  ignoring(() => rmdirSync(lock));
  return true;
}

/**
 * One attempt at `lock` as its file operations, with a step (`yield`) between any two, so a test can run
 * several attempts interleaved in every order (revocations-lock-steps.test.ts); `tryFolderLock` runs it
 * straight through. Returns the lock, or null when another writer holds it.
 */
export function* folderLockAttempt(lock: string): Generator<void, FolderLock | null> {
  let refused: unknown = null;
  // A stale lock removed, then another writer faster to the free lock: at most a few rounds.
  for (let round = 0; round < 3; round += 1) {
    if (existsSync(lock)) {
      yield;
      if (!(yield* removeIfStale(lock, Date.now()))) return null;
    }
    yield;
    const aside = mkdtempSync(`${lock}.`);
    const owner = `owner.${randomBytes(12).toString('hex')}`;
    const ownerAside = path.join(aside, owner);
    try {
      // Who holds it, for a person who finds the lock left behind.
      writeFileSync(ownerAside, `pid ${process.pid} on ${hostname()} since ${new Date().toISOString()}\n`, { mode: 0o600 });
      yield;
      renameSync(aside, lock);
      return ownedLock(lock, owner);
    } catch (error) {
      ignoring(() => unlinkSync(ownerAside));
      ignoring(() => rmdirSync(aside));
      const code = codeOf(error);
      // Taken meanwhile: ENOTEMPTY or EEXIST (a directory with an owner), ENOTDIR (an old lock file). These
      // say so whatever happens next: the lock may be given up again before we look (three writers revoking
      // at once met that three rounds running, and this attempt threw ENOTEMPTY), so it is never an error.
      if (code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'ENOTDIR') {
        refused = null;
        continue;
      }
      // EPERM or EACCES: taken meanwhile on Windows (which never renames onto an existing directory), or
      // a real refusal (a folder we may not write): only a lock that exists tells them apart.
      if (code !== 'EPERM' && code !== 'EACCES') throw error;
      yield;
      refused = existsSync(lock) ? null : error;
    }
  }
  if (refused !== null) throw refused;
  return null;
}

/**
 * Removes what writers that died mid-attempt left beside `lock`: the `<lock>.<suffix>` folders built aside
 * (folderLockAttempt) and never renamed. Nothing else removes them (review39a F6). Only a folder whose owner
 * files are all stale, or that is empty and stale itself, goes: a live writer's attempt is milliseconds old.
 * Returns how many were removed; run when the data folder's user starts (RevocationList).
 */
export function sweepAbandonedAttempts(lock: string, nowMs: number = Date.now()): number {
  const folder = path.dirname(lock);
  const prefix = `${path.basename(lock)}.`;
  let removed = 0;
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return 0;
  }
  for (const name of names) {
    // mkdtemp's suffix is six characters; the lock itself and anything else named like it are left alone.
    if (!name.startsWith(prefix) || name.length !== prefix.length + 6) continue;
    const aside = path.join(folder, name);
    try {
      const stats = lstatSync(aside);
      if (!stats.isDirectory()) continue;
      const owners = readdirSync(aside);
      if (owners.some((owner) => !owner.startsWith('owner.'))) continue;
      const stale = owners.length === 0 ? isStale(stats.mtimeMs, nowMs) : owners.every((owner) => isStale(statSync(path.join(aside, owner)).mtimeMs, nowMs));
      if (!stale) continue;
      for (const owner of owners) ignoring(() => unlinkSync(path.join(aside, owner)));
      rmdirSync(aside);
      removed += 1;
    } catch {
      // Gone meanwhile, or written to again: left for the next start.
    }
  }
  return removed;
}

/** One attempt at `lock`, taking it over if stale; never waits. Null when another writer holds it. */
export function tryFolderLock(lock: string): FolderLock | null {
  const steps = folderLockAttempt(lock);
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
  }
}

function ownedLock(lock: string, owner: string): FolderLock {
  const ownerFile = path.join(lock, owner);
  return {
    held: () => existsSync(ownerFile),
    release: () => {
      for (const _ of releaseSteps(ownerFile, lock)) {
        // Straight through.
      }
    },
    releaseSteps: () => releaseSteps(ownerFile, lock),
  };
}

function* releaseSteps(ownerFile: string, lock: string): Generator<void, void> {
  ignoring(() => unlinkSync(ownerFile));
  yield;
  // Fails (not empty) if a writer has taken the lock after ours was taken over as stale.
  ignoring(() => rmdirSync(lock));
}

/**
 * Takes `lock`, waiting with timers (the event loop keeps running) while a live writer holds it, at most
 * `waitMs`: then FolderLockTimeout. A dead writer's lock is stale after `staleLockMs`, so the wait ends.
 */
export async function acquireFolderLock(lock: string, waitMs = lockWaitMs): Promise<FolderLock> {
  const started = Date.now();
  for (let pause = 2; ; pause = Math.min(pause * 2, 50)) {
    const taken = tryFolderLock(lock);
    if (taken !== null) return taken;
    if (Date.now() - started > waitMs) {
      throw new FolderLockTimeout(`${lock} has been held for ${Math.round(waitMs / 1000)} s; if no server or revoke is writing, delete it`);
    }
    await sleep(pause);
  }
}
