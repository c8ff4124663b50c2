import { closeSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, unwatchFile, watchFile, writeFileSync, type Stats } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { SharedAccess } from '../scaleout/shared-access.js';
import { linkIdPattern } from './link-id.js';

/** The file in the data folder listing revoked links, shared by the running server and the CLI. */
export const revocationsFileName = 'revoked-links.json';

/** How often a running server looks for revocations written by the CLI (another process). */
const watchIntervalMs = 500;

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

/** A lock older than this was left by a process that died holding it (a write takes milliseconds). */
const staleLockMs = 10_000;
/** How long a writer waits for another's lock before saying so. */
const lockWaitMs = 15_000;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * Runs `write` holding the data folder's revocations lock (a file created exclusively), so the running
 * server and the CLI's `revoke` (another process) never both read the list, add one link and rename over
 * each other's: whichever renamed last dropped the other's revocation from the file (links37), and a link
 * the CLI revoked kept working until the server read it, and after every restart.
 */
function withRevocationsLock<T>(dataDir: string, write: () => T): T {
  const lock = path.join(dataDir, `${revocationsFileName}.lock`);
  const started = Date.now();
  for (;;) {
    try {
      closeSync(openSync(lock, 'wx', 0o600));
      break;
    } catch (error) {
      if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) throw new RevocationsFileError(`cannot lock ${lock}: ${String(error)}`);
    }
    try {
      if (Date.now() - statSync(lock).mtimeMs > staleLockMs) unlinkSync(lock);
    } catch {
      // Gone meanwhile: try again.
    }
    if (Date.now() - started > lockWaitMs) throw new RevocationsFileError(`${lock} has been held for ${Math.round(lockWaitMs / 1000)} s; if no server or revoke is writing, delete it`);
    Atomics.wait(sleeper, 0, 0, 2);
  }
  try {
    return write();
  } finally {
    try {
      unlinkSync(lock);
    } catch {
      // Taken as stale by another process: nothing to release.
    }
  }
}

/**
 * Adds a revocation to the file in `dataDir` (under the folder's lock; written to a temporary file and
 * renamed, so a reader never sees half a list). Links past their expiry are dropped: their tokens are
 * refused anyway. Returns false when the link was already revoked.
 */
export function writeRevocation(dataDir: string, revocation: Revocation, nowSeconds: number): boolean {
  mkdirSync(dataDir, { recursive: true });
  return withRevocationsLock(dataDir, () => {
    const current = readRevocations(dataDir);
    if (current.some((entry) => entry.id === revocation.id)) return false;
    const links = [...current.filter((entry) => entry.exp === 0 || entry.exp > nowSeconds), revocationSchema.parse(revocation)];
    const file = path.join(dataDir, revocationsFileName);
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify({ version: 1, links }, null, 1) + '\n', { mode: 0o600 });
    renameSync(temporary, file);
    return true;
  });
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
    const local = readRevocations(dataDir);
    this.revoked = new Set(local.map((entry) => entry.id));
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

  /** Revokes a link now: stored, then reported. False when it was already revoked (here or, scaled out, anywhere). */
  revoke(linkId: string, expiresAt: number, nowSeconds: number): boolean {
    const known = this.revoked.has(linkId);
    const revocation = { id: linkId, at: nowSeconds, exp: expiresAt };
    const added = writeRevocation(this.dataDir, revocation, nowSeconds);
    this.reload();
    this.shared?.revoke([revocation]);
    return added && !known;
  }

  close(): void {
    unwatchFile(this.file, this.onFileChange);
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
