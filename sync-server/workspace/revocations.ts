import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, unlinkSync, unwatchFile, watchFile, writeFileSync, type Stats } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import type { SharedAccess } from '../scaleout/shared-access.js';
import { acquireFolderLock, FolderLockTimeout, lockWaitMs, sweepAbandonedAttempts, tryFolderLock, type FolderLock } from './folder-lock.js';
import { linkIdPattern } from './link-id.js';
import { ensureDataFolder } from '../data-folder.js';

/** The file in the data folder listing revoked links, shared by the running server and the CLI. */
export const revocationsFileName = 'revoked-links.json';

/** How often a running server looks for revocations written by the CLI (another process). */
const watchIntervalMs = 500;
/** After a failed write (a damaged or unwritable file), the server tries again this much later. */
const retryAfterFailureMs = 5_000;

const revocationSchema = z.strictObject({
  id: z.string().regex(linkIdPattern),
  /** Unix seconds when the link was revoked. */
  at: z.number().int().nonnegative(),
  /** Unix seconds when the link would have expired anyway (then the entry can be dropped); 0 when unknown. */
  exp: z.number().int().nonnegative(),
});
const fileSchema = z.strictObject({ version: z.literal(1), links: z.array(revocationSchema) });
export type Revocation = z.infer<typeof revocationSchema>;

/** The revocations file cannot be read: it names the file and the problem. */
export class RevocationsFileError extends Error {
  override readonly name = 'RevocationsFileError';
}

/** Reads the revocations in `dataDir` (none when the file does not exist). */
export function readRevocations(dataDir: string): Revocation[] {
  const file = path.join(dataDir, revocationsFileName);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return [];
    throw new RevocationsFileError(`cannot read ${file}: ${String(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new RevocationsFileError(`${file} is not JSON; fix or delete it (deleting it un-revokes every link)`);
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) throw new RevocationsFileError(`${file} is not a revocations list: ${parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')}`);
  return parsed.data.links;
}

/** The data folder's lock for rewriting the revocations file (folder-lock.ts). */
export function revocationsLockPath(dataDir: string): string {
  return path.join(dataDir, `${revocationsFileName}.lock`);
}

/** The lock was taken over (as stale) while this writer held it: nothing was written; try again. */
class LockTakenOver extends Error {}

/**
 * Adds `revocations` to the file in `dataDir`, holding the folder's lock (`lock`): the running server and
 * the CLI's `revoke` (another process) never both read the list, add a link and rename over each other's
 * (whichever renamed last dropped the other's revocation, links37). Written to a temporary file and
 * renamed, so a reader never sees half a list. Links past their expiry are dropped: their tokens are
 * refused anyway. Returns the ids that were not in the file yet.
 */
function addUnderLock(dataDir: string, lock: FolderLock, revocations: readonly Revocation[], nowSeconds: number): string[] {
  const current = readRevocations(dataDir);
  const present = new Set(current.map((entry) => entry.id));
  const fresh: Revocation[] = [];
  for (const revocation of revocations) {
    if (present.has(revocation.id)) continue;
    present.add(revocation.id);
    fresh.push(revocationSchema.parse(revocation));
  }
  if (fresh.length === 0) return [];
  const links = [...current.filter((entry) => entry.exp === 0 || entry.exp > nowSeconds), ...fresh];
  const file = path.join(dataDir, revocationsFileName);
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, JSON.stringify({ version: 1, links }, null, 1) + '\n', { mode: 0o600 });
  // Paused past the stale age (a machine asleep) and taken over: renaming now could drop the new holder's write.
  if (!lock.held()) {
    unlinkSync(temporary);
    throw new LockTakenOver();
  }
  renameSync(temporary, file);
  return fresh.map((entry) => entry.id);
}

/** One attempt, never waiting for the lock (the server's first try): null when another writer holds it. */
export function tryWriteRevocations(dataDir: string, revocations: readonly Revocation[], nowSeconds: number): string[] | null {
  ensureDataFolder(dataDir);
  const lock = tryFolderLock(revocationsLockPath(dataDir));
  if (lock === null) return null;
  try {
    return addUnderLock(dataDir, lock, revocations, nowSeconds);
  } catch (error) {
    if (error instanceof LockTakenOver) return null;
    throw error;
  } finally {
    lock.release();
  }
}

/**
 * Adds `revocations` to the file, waiting (with timers: the event loop runs on) for the folder's lock as
 * long as another writer holds it, at most `waitMs` (then FolderLockTimeout, naming the lock). Returns
 * the ids that were not in the file yet.
 */
export async function writeRevocations(dataDir: string, revocations: readonly Revocation[], nowSeconds: number, waitMs = lockWaitMs): Promise<string[]> {
  ensureDataFolder(dataDir);
  const started = Date.now();
  for (;;) {
    const lock = await acquireFolderLock(revocationsLockPath(dataDir), Math.max(0, waitMs - (Date.now() - started)));
    try {
      return addUnderLock(dataDir, lock, revocations, nowSeconds);
    } catch (error) {
      if (!(error instanceof LockTakenOver)) throw error;
    } finally {
      lock.release();
    }
  }
}

/** Adds one revocation (the CLI's `revoke`); false when the link was already revoked. */
export async function writeRevocation(dataDir: string, revocation: Revocation, nowSeconds: number): Promise<boolean> {
  return (await writeRevocations(dataDir, [revocation], nowSeconds)).length > 0;
}

/**
 * The revoked links a running server refuses, kept in memory and in `dataDir`. Revocations made by
 * another process (the CLI's `revoke`) are picked up within about half a second and reported through
 * `onRevoked`, so the server can close the connections those links opened.
 *
 * Scaled out (`shared` given: Redis + PostgreSQL), the data folder is one instance's: every revocation
 * made here (by the host API, a role change, or the CLI writing this folder) is also handed to `shared`,
 * which stores it for every instance and tells the running ones; revocations made on other instances
 * are refused here from the moment `shared` hears of them, and reported through `onRevoked` as well.
 * The folder's own revocations are shared when the server starts (a revocation an instance could not
 * store in PostgreSQL before it stopped is not lost for the others).
 */
export class RevocationList {
  private revoked = new Set<string>();
  /** The ids in the file, as last read or written here. */
  private filed = new Set<string>();
  /** Revocations in force here that are not in the file yet: its lock was held by another writer, or writing failed. */
  private readonly unsaved = new Map<string, Revocation>();
  /** The loop writing `unsaved` once the lock is free (null when nothing waits). */
  private saving: Promise<void> | null = null;
  private waiting: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  /** Why the last attempt to write failed, until one succeeds. */
  private lastFailure: unknown = null;
  private closed = false;
  private readonly file: string;
  private readonly onFileChange = (current: Stats, previous: Stats) => {
    if (current.mtimeMs !== previous.mtimeMs || current.size !== previous.size) this.reload();
  };

  constructor(
    private readonly dataDir: string,
    private readonly onRevoked: (ids: readonly string[]) => void,
    private readonly onError: (error: unknown) => void,
    private readonly shared: SharedAccess | null = null,
  ) {
    this.file = path.join(dataDir, revocationsFileName);
    // A `revoke` killed between building its lock folder aside and renaming it left that folder behind.
    sweepAbandonedAttempts(revocationsLockPath(dataDir));
    const local = readRevocations(dataDir);
    this.revoked = new Set(local.map((entry) => entry.id));
    this.filed = new Set(this.revoked);
    if (shared !== null) {
      for (const entry of shared.known()) this.revoked.add(entry.id);
      shared.revoke(local);
      shared.onRevoked((ids) => this.learn(ids));
    }
    watchFile(this.file, { interval: watchIntervalMs, persistent: false }, this.onFileChange);
  }

  isRevoked(linkId: string): boolean {
    return this.revoked.has(linkId);
  }

  /**
   * Revokes a link now: refused from this moment, reported, and stored. False when it was already revoked
   * (here, in the file, or, scaled out, anywhere). The file is written at once when its lock is free (as
   * nearly always: a write holds it for milliseconds); while another writer holds it (a `revoke` killed
   * holding it leaves it for 10 s) the write waits on timers, never on the event loop, and `saved()`
   * says when it is done.
   */
  revoke(linkId: string, expiresAt: number, nowSeconds: number): boolean {
    // The file is renamed whole, so it reads without the lock: a link the CLI has just revoked is "already revoked".
    this.reload();
    const known = this.revoked.has(linkId);
    const revocation = { id: linkId, at: nowSeconds, exp: expiresAt };
    this.revoked.add(linkId);
    if (!this.filed.has(linkId) && !this.unsaved.has(linkId)) this.unsaved.set(linkId, revocation);
    this.save(nowSeconds);
    this.shared?.revoke([revocation]);
    if (!known) this.onRevoked([linkId]);
    return !known;
  }

  /**
   * Resolves once every revocation made here so far is in the file; rejects with the problem when an
   * attempt fails (the lock held past the wait, the file damaged or not writable). Writing goes on after
   * a failure until it succeeds or the list is closed.
   */
  saved(): Promise<void> {
    if (this.unsaved.size === 0) return Promise.resolve();
    // The last attempt failed (not the lock: that is waited for): say so now, not at the next one.
    if (this.lastFailure !== null) return Promise.reject(this.lastFailure);
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  close(): void {
    this.closed = true;
    unwatchFile(this.file, this.onFileChange);
    if (this.unsaved.size === 0) return;
    // A last attempt, not waiting: a revocation not stored is forgotten at the next start, so say which.
    if (this.saving === null) this.save(Math.floor(Date.now() / 1000));
    // (A write already waiting for the lock still goes on, while the process runs.)
    if (this.unsaved.size > 0) this.onError(new RevocationsFileError(`closing with revocations not yet written to ${this.file} (its lock is held, or writing failed): ${[...this.unsaved.keys()].join(', ')}; if they are not in it after the restart, revoke them again`));
  }

  /** Writes the unsaved revocations now if the lock is free, else starts the loop that waits for it. */
  private save(nowSeconds: number): void {
    // The loop waiting for the lock writes these too; one pausing after a failure (a damaged file, since
    // fixed?) does not keep a new revocation from being tried now.
    if (this.unsaved.size === 0 || (this.saving !== null && this.lastFailure === null)) return;
    const batch = [...this.unsaved.values()];
    let failures = 0;
    try {
      if (tryWriteRevocations(this.dataDir, batch, nowSeconds) !== null) {
        this.stored(batch);
        return;
      }
    } catch (error) {
      this.failed(error);
      failures = 1;
    }
    if (!this.closed && this.saving === null) this.saving = this.saveWhenFree(failures);
  }

  private async saveWhenFree(failures: number): Promise<void> {
    while (this.unsaved.size > 0 && !this.closed) {
      // After a failure that was not the lock (a damaged or unwritable file), try again later, less and less often.
      if (failures > 0) await sleep(Math.min(retryAfterFailureMs * 2 ** (failures - 1), 60_000), undefined, { ref: false });
      if (this.closed) break;
      const batch = [...this.unsaved.values()];
      try {
        await writeRevocations(this.dataDir, batch, Math.floor(Date.now() / 1000));
        this.stored(batch);
        failures = 0;
      } catch (error) {
        this.failed(error);
        if (!(error instanceof FolderLockTimeout)) failures += 1;
      }
    }
    this.saving = null;
  }

  private stored(batch: readonly Revocation[]): void {
    this.lastFailure = null;
    for (const entry of batch) {
      this.filed.add(entry.id);
      if (this.unsaved.get(entry.id) === entry) this.unsaved.delete(entry.id);
    }
    if (this.unsaved.size > 0) return;
    const waiting = this.waiting;
    this.waiting = [];
    for (const waiter of waiting) waiter.resolve();
  }

  private failed(error: unknown): void {
    this.lastFailure = error;
    this.onError(error);
    const waiting = this.waiting;
    this.waiting = [];
    for (const waiter of waiting) waiter.reject(error);
  }

  private reload(): void {
    let entries: Revocation[];
    try {
      entries = readRevocations(this.dataDir);
    } catch (error) {
      // A damaged file keeps what was revoked before: never un-revoke by accident.
      this.onError(error);
      return;
    }
    this.filed = new Set(entries.map((entry) => entry.id));
    const added = entries.filter((entry) => !this.revoked.has(entry.id));
    // Never forget a revocation while running, even if the file was edited by hand.
    for (const entry of entries) this.revoked.add(entry.id);
    if (added.length === 0) return;
    this.shared?.revoke(added);
    this.onRevoked(added.map((entry) => entry.id));
  }

  /** Links another instance revoked: refused from now on, their connections here closed. */
  private learn(ids: readonly string[]): void {
    const added = ids.filter((id) => !this.revoked.has(id));
    for (const id of added) this.revoked.add(id);
    if (added.length > 0) this.onRevoked(added);
  }
}
