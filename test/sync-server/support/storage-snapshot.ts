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
