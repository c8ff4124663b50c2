import { closeSync, existsSync, openSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ensureDataFolder } from '../data-folder.js';
import type { StoredRoom, UpdateStore, UpdateToStore } from './update-store.js';

/**
 * How hard SQLite pushes each commit to disk. Both keep every acknowledged update through `kill -9`
 * of the server (in WAL mode a commit is in the OS's page cache before it returns). `full` also keeps
 * it through a power cut or kernel crash by fsyncing the WAL on every commit; `normal` fsyncs only at
 * checkpoints, so such a crash may lose the last moments (never corrupt the file) — which clients then
 * resend from their own copies when they reconnect.
 */
export type Synchronous = 'full' | 'normal';

/** The store's file in the server's data folder. */
export const databaseFileName = 'throughline.sqlite';

interface RoomRow {
  id: number;
  data: Buffer;
}

/**
 * Opens (or makes) the store's file. Errors name the file: SQLite's own "file is not a database" said
 * neither which file nor what to do (review42b).
 */
function openDatabase(file: string, synchronous: Synchronous): Database.Database {
  let db: Database.Database | null = null;
  try {
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    // Keep the WAL file from staying large after a burst (checkpoints truncate it to this size).
    db.pragma('journal_size_limit = 16777216');
    db.exec(`CREATE TABLE IF NOT EXISTS updates (
      id INTEGER PRIMARY KEY,
      room TEXT NOT NULL,
      data BLOB NOT NULL
    );
    CREATE INDEX IF NOT EXISTS updates_by_room ON updates (room, id);`);
    return db;
  } catch (error) {
    db?.close();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot open the plans' database ${path.resolve(file)}: ${reason} (restore it from a backup: docs/sync-server.md, "Backups and restore")`, { cause: error });
  }
}

/** The SQLite store: one table of (id, room, update) rows in WAL mode. */
export class SqliteUpdateStore implements UpdateStore {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement<[string, Uint8Array]>;
  private readonly selectRoom: Database.Statement<[string], RoomRow>;
  private readonly deleteThrough: Database.Statement<[string, number]>;
  private readonly insertWithId: Database.Statement<[number, string, Uint8Array]>;
  private readonly sizeOfRoom: Database.Statement<[string], { rows: number; bytes: number | null }>;
  private readonly appendBatch: (batch: readonly UpdateToStore[]) => number[];
  private readonly compactRoom: (room: string, snapshot: Uint8Array, throughId: number) => void;

  constructor(file: string, synchronous: Synchronous = 'full') {
    // Made by us, for its owner only: SQLite would make it 0644, readable by every user of the host, and
    // its -wal and -shm files take the database's mode (review42b).
    if (!existsSync(file)) {
      ensureDataFolder(path.dirname(file));
      closeSync(openSync(file, 'a', 0o600));
    }
    this.db = openDatabase(file, synchronous);
    this.insert = this.db.prepare('INSERT INTO updates (room, data) VALUES (?, ?)');
    this.selectRoom = this.db.prepare('SELECT id, data FROM updates WHERE room = ? ORDER BY id');
    this.deleteThrough = this.db.prepare('DELETE FROM updates WHERE room = ? AND id <= ?');
    this.insertWithId = this.db.prepare('INSERT INTO updates (id, room, data) VALUES (?, ?, ?)');
    this.sizeOfRoom = this.db.prepare('SELECT count(*) AS rows, sum(length(data)) AS bytes FROM updates WHERE room = ?');
    this.appendBatch = this.db.transaction((batch: readonly UpdateToStore[]) =>
      batch.map((entry) => Number(this.insert.run(entry.room, entry.update).lastInsertRowid)));
    this.compactRoom = this.db.transaction((room: string, snapshot: Uint8Array, throughId: number) => {
      this.deleteThrough.run(room, throughId);
      // The snapshot takes the id of the newest row it replaces, so ids stay unique and ordered.
      this.insertWithId.run(throughId, room, snapshot);
    });
  }

  async load(room: string): Promise<StoredRoom> {
    const rows = this.selectRoom.all(room);
    const updates = rows.map((row) => new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength));
    return { updates, lastId: rows.at(-1)?.id ?? 0, bytes: updates.reduce((sum, update) => sum + update.byteLength, 0) };
  }

  async append(batch: readonly UpdateToStore[]): Promise<number[]> {
    return batch.length === 0 ? [] : this.appendBatch(batch);
  }

  async compact(room: string, snapshot: Uint8Array, throughId: number): Promise<void> {
    if (throughId <= 0) return;
    this.compactRoom(room, snapshot, throughId);
  }

  async size(room: string): Promise<{ rows: number; bytes: number }> {
    const row = this.sizeOfRoom.get(room);
    return { rows: row?.rows ?? 0, bytes: row?.bytes ?? 0 };
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.close();
  }
}
