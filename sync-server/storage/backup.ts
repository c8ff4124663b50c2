import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { secretFileName } from '../auth.js';
import { legacyMintedLinksFileName, mintedLinksFileName } from '../workspace/minted-links.js';
import { revocationsFileName } from '../workspace/revocations.js';
import { databaseFileName } from './sqlite-store.js';

/**
 * A backup of a data folder, taken while its server runs (review42b). The database is in WAL mode: the
 * latest changes live in `throughline.sqlite-wal` until a checkpoint (often minutes, or until the server
 * stops), so copying `throughline.sqlite` alone — the obvious backup — missed every recent edit (a copy
 * taken seconds after 20 edits held none of them). `VACUUM INTO` reads one consistent snapshot through
 * SQLite, WAL included, without stopping the server's writes, and writes a single self-contained file.
 *
 * The folder's other files go with it: the secret (so every link handed out still opens the restored
 * server, and the host key is the same), the revoked links (a restore must not bring a revoked link
 * back) and the list of links made here. The result is itself a data folder: `serve --data` it.
 */
export const backedUpFiles = [secretFileName, revocationsFileName, mintedLinksFileName, legacyMintedLinksFileName] as const;

export class BackupError extends Error {}

export interface BackupResult {
  readonly folder: string;
  readonly files: string[];
  readonly rooms: number;
  readonly databaseBytes: number;
}

/** Copies data folder `from` into `to` (a new or empty folder), the database as one consistent snapshot. */
export function backupDataFolder(from: string, to: string): BackupResult {
  const database = path.join(from, databaseFileName);
  if (!existsSync(database)) throw new BackupError(`${from} holds no ${databaseFileName}: is it the server's --data folder?`);
  if (existsSync(to) && (!statSync(to).isDirectory() || readdirSync(to).length > 0)) {
    throw new BackupError(`${to} already exists and is not an empty folder: back up into a new one (nothing was written)`);
  }
  mkdirSync(to, { recursive: true, mode: 0o700 });
  // Built aside and renamed into place: a backup cut short never looks like a whole one.
  const aside = path.join(to, `${databaseFileName}.partial`);
  const source = new Database(database, { fileMustExist: true });
  try {
    // Another process (the server) may hold a write lock for a moment; wait for it rather than fail.
    source.pragma('busy_timeout = 10000');
    source.prepare('VACUUM INTO ?').run(aside);
  } finally {
    source.close();
  }
  const rooms = checkedRooms(aside);
  renameSync(aside, path.join(to, databaseFileName));
  const files = [databaseFileName];
  for (const name of backedUpFiles) {
    const file = path.join(from, name);
    if (!existsSync(file)) continue;
    copyFileSync(file, path.join(to, name));
    files.push(name);
  }
  return { folder: path.resolve(to), files, rooms, databaseBytes: statSync(path.join(to, databaseFileName)).size };
}

/** Opens the copy on its own and checks it whole (a damaged copy is removed and named, never kept as a backup). */
function checkedRooms(file: string): number {
  const copy = new Database(file, { fileMustExist: true });
  try {
    const check = copy.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new BackupError(`the copy of the database failed SQLite's check (${String(check)}); nothing was kept`);
    const row = copy.prepare('SELECT count(DISTINCT room) AS rooms FROM updates').get() as { rooms: number } | undefined;
    return row?.rooms ?? 0;
  } catch (error) {
    copy.close();
    rmSync(file, { force: true });
    throw error;
  } finally {
    if (copy.open) copy.close();
  }
}
