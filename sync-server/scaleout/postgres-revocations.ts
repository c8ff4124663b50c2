import pg from 'pg';
import type { SharedRevocation } from './shared-access.js';

/**
 * The deployment's revoked links in PostgreSQL, one row per link and namespace: the record every
 * instance reads when it starts and polls while it runs. PostgreSQL, not Redis, because a revocation
 * must outlive a Redis restart (this mode runs Redis as a buffer that may lose its last second, and
 * with no persistence at all in some set-ups), and PostgreSQL already holds what must last (plans).
 */
export class PostgresRevocations {
  private readonly pool: pg.Pool;
  private closed = false;

  constructor(url: string, private readonly namespace: string) {
    // Two clients: the periodic read and a write may run at once; plans keep their own pool.
    this.pool = new pg.Pool({ connectionString: url, max: 2 });
    // An idle client losing its connection (PostgreSQL restarting) must not crash the process.
    this.pool.on('error', () => undefined);
  }

  /** Creates the table once, under the same lock as the plans' table (postgres-snapshots.ts). */
  async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(hashtext(\'throughline schema\'))');
      await client.query(`CREATE TABLE IF NOT EXISTS throughline_revocations (
        namespace text NOT NULL,
        link_id text NOT NULL,
        revoked_at bigint NOT NULL,
        expires_at bigint NOT NULL,
        PRIMARY KEY (namespace, link_id)
      )`);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  /** Stores revocations (a link revoked twice keeps its first row). */
  async add(revocations: readonly SharedRevocation[]): Promise<void> {
    if (revocations.length === 0) return;
    this.assertOpen();
    await this.pool.query(
      `INSERT INTO throughline_revocations (namespace, link_id, revoked_at, expires_at)
       SELECT $1, id, at, exp FROM unnest($2::text[], $3::bigint[], $4::bigint[]) AS r(id, at, exp)
       ON CONFLICT DO NOTHING`,
      [this.namespace, revocations.map((r) => r.id), revocations.map((r) => r.at), revocations.map((r) => r.exp)]);
  }

  /** Every revocation of links that have not expired yet (an expired link's token is refused anyway). */
  async current(nowSeconds: number): Promise<SharedRevocation[]> {
    this.assertOpen();
    const result = await this.pool.query<{ link_id: string; revoked_at: string; expires_at: string }>(
      'SELECT link_id, revoked_at, expires_at FROM throughline_revocations WHERE namespace = $1 AND (expires_at = 0 OR expires_at > $2)',
      [this.namespace, nowSeconds]);
    return result.rows.map((row) => ({ id: row.link_id, at: Number(row.revoked_at), exp: Number(row.expires_at) }));
  }

  /** Drops revocations of links expired more than a day ago (clocks of instances may differ a little). */
  async prune(nowSeconds: number): Promise<void> {
    this.assertOpen();
    await this.pool.query('DELETE FROM throughline_revocations WHERE namespace = $1 AND expires_at > 0 AND expires_at < $2', [this.namespace, nowSeconds - 86_400]);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the PostgreSQL revocations are not open');
  }
}
