import * as Y from 'yjs';
import { compareStreamIds } from '../scaleout/stream-id.js';
import { PostgresPool } from './postgres-pool.js';

/** A room's compacted state in PostgreSQL: one merged update, and the last stream entry merged into it. */
export interface RoomSnapshot {
  readonly doc: Uint8Array;
  readonly streamId: string;
}

/** One stream entry to merge (its Redis id and its update). */
export interface LoggedUpdate {
  readonly id: string;
  readonly update: Uint8Array;
}

/**
 * The compacted storage: one row per room holding the merge of every update up to `stream_id`, and its
 * state vector (for inspection and for diffing without decoding the document). Rows are only replaced
 * inside a transaction holding the row lock, and only forwards: merging entries already merged is
 * skipped, so a compaction run twice (a worker killed after its commit) changes nothing.
 */
export class PostgresSnapshots {
  private readonly postgres: PostgresPool;

  constructor(url: string, private readonly namespace: string) {
    this.postgres = new PostgresPool(url, 4, 'store');
  }

  private get pool() {
    return this.postgres.pool;
  }

  /** Creates the table once, even when several instances start at the same moment. */
  migrate(): Promise<void> {
    return this.postgres.createTable(`CREATE TABLE IF NOT EXISTS throughline_rooms (
        namespace text NOT NULL,
        room text NOT NULL,
        doc bytea NOT NULL,
        state_vector bytea NOT NULL,
        stream_id text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (namespace, room)
      )`);
  }

  /** One trivial query: whether PostgreSQL answers (GET /health, backends-probe.ts). */
  async ping(): Promise<void> {
    this.assertOpen();
    await this.pool.query('SELECT 1');
  }

  async read(room: string): Promise<RoomSnapshot | null> {
    this.assertOpen();
    const result = await this.pool.query<{ doc: Buffer; stream_id: string }>(
      'SELECT doc, stream_id FROM throughline_rooms WHERE namespace = $1 AND room = $2', [this.namespace, room]);
    const row = result.rows[0];
    if (row === undefined) return null;
    return { doc: new Uint8Array(row.doc.buffer, row.doc.byteOffset, row.doc.byteLength), streamId: row.stream_id };
  }

  /**
   * Merges `entries` (in stream order) into the room's row in one transaction and resolves with the
   * newest entry id now covered. Entries at or before the row's `stream_id` are already in it.
   */
  async merge(room: string, entries: readonly LoggedUpdate[]): Promise<{ merged: number; streamId: string | null }> {
    this.assertOpen();
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`INSERT INTO throughline_rooms (namespace, room, doc, state_vector, stream_id) VALUES ($1, $2, $3, $4, '0-0')
        ON CONFLICT DO NOTHING`, [this.namespace, room, Buffer.from(Y.mergeUpdates([])), Buffer.from([0])]);
      const current = await client.query<{ doc: Buffer; stream_id: string }>(
        'SELECT doc, stream_id FROM throughline_rooms WHERE namespace = $1 AND room = $2 FOR UPDATE', [this.namespace, room]);
      const row = current.rows[0]!;
      const fresh = entries.filter((entry) => compareStreamIds(entry.id, row.stream_id) > 0);
      if (fresh.length === 0) {
        await client.query('COMMIT');
        return { merged: 0, streamId: row.stream_id === '0-0' ? null : row.stream_id };
      }
      const doc = Y.mergeUpdates([new Uint8Array(row.doc), ...fresh.map((entry) => entry.update)]);
      const streamId = fresh.at(-1)!.id;
      await client.query('UPDATE throughline_rooms SET doc = $3, state_vector = $4, stream_id = $5, updated_at = now() WHERE namespace = $1 AND room = $2',
        [this.namespace, room, Buffer.from(doc), Buffer.from(Y.encodeStateVectorFromUpdate(doc)), streamId]);
      await client.query('COMMIT');
      return { merged: fresh.length, streamId };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  close(): Promise<void> {
    return this.postgres.close();
  }

  private assertOpen(): void {
    this.postgres.assertOpen();
  }
}
