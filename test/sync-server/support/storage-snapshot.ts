import Database from 'better-sqlite3';

/**
 * Every stored row (id, room, bytes as hex) of a server's SQLite file, read through a second
 * read-only connection: two snapshots are equal exactly when storage did not change.
 */
export function storedRows(databaseFile: string): string[] {
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    return db.prepare<[], { id: number; room: string; data: Buffer }>('SELECT id, room, data FROM updates ORDER BY id').all()
      .map((row) => `${row.id} ${row.room} ${row.data.toString('hex')}`);
  } finally {
    db.close();
  }
}

/** How many rows, and how many bytes, a room has in storage. */
export function roomStorage(databaseFile: string, room: string): { rows: number; bytes: number } {
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare<[string], { rows: number; bytes: number | null }>('SELECT count(*) AS rows, sum(length(data)) AS bytes FROM updates WHERE room = ?').get(room);
    return { rows: row?.rows ?? 0, bytes: row?.bytes ?? 0 };
  } finally {
    db.close();
  }
}
