import { PostgresPool } from '../storage/postgres-pool.js';
import type { SharedRevocation } from './shared-access.js';

/**
 * The deployment's revoked links in PostgreSQL, one row per link and namespace: the record every
 * instance reads when it starts and polls while it runs. PostgreSQL, not Redis, because a revocation
 * must outlive a Redis restart (this mode runs Redis as a buffer that may lose its last second, and
 * with no persistence at all in some set-ups), and PostgreSQL already holds what must last (plans).
 */
export class PostgresRevocations {
  private readonly postgres: PostgresPool;

  constructor(url: string, private readonly namespace: string) {
    // Two clients: the periodic read and a write may run at once; plans keep their own pool.
    this.postgres = new PostgresPool(url, 2, 'revocations');
  }

  private get pool() {
    return this.postgres.pool;
  }

  /** Creates the table once, under the same lock as the plans' table (postgres-snapshots.ts). */
  migrate(): Promise<void> {
    return this.postgres.createTable(`CREATE TABLE IF NOT EXISTS throughline_revocations (
        namespace text NOT NULL,
        link_id text NOT NULL,
        revoked_at bigint NOT NULL,
        expires_at bigint NOT NULL,
        PRIMARY KEY (namespace, link_id)
      )`);
  }

  /**
   * The deployment's minted links (host36): one row per link made by any instance (the host API, a role
   * change's personal link, or a data folder's own list shared at start), until it expires, so that revoking
   * an id through another instance than the one that made it answers whether the deployment made it. A
   * second table keeps, per namespace, since when the record knows (links made before are not in it).
   */
  async migrateMinted(nowSeconds: number): Promise<void> {
    await this.postgres.createTable(`CREATE TABLE IF NOT EXISTS throughline_minted_links (
        namespace text NOT NULL,
        link_id text NOT NULL,
        expires_at bigint NOT NULL,
        PRIMARY KEY (namespace, link_id)
      )`);
    await this.postgres.createTable(`CREATE TABLE IF NOT EXISTS throughline_minted_since (
        namespace text PRIMARY KEY,
        since bigint NOT NULL
      )`);
    await this.pool.query('INSERT INTO throughline_minted_since (namespace, since) VALUES ($1, $2) ON CONFLICT DO NOTHING', [this.namespace, nowSeconds]);
  }

  /** Notes minted links (a link noted twice keeps the later expiry). */
  async addMinted(links: readonly { readonly id: string; readonly exp: number }[]): Promise<void> {
    if (links.length === 0) return;
    this.assertOpen();
    await this.pool.query(
      `INSERT INTO throughline_minted_links (namespace, link_id, expires_at)
       SELECT $1, id, exp FROM unnest($2::text[], $3::bigint[]) AS m(id, exp)
       ON CONFLICT (namespace, link_id) DO UPDATE SET expires_at = GREATEST(throughline_minted_links.expires_at, EXCLUDED.expires_at)`,
      [this.namespace, links.map((link) => link.id), links.map((link) => link.exp)]);
  }

  /** Whether any instance noted `id` as made (and it has not expired), and since when the record knows. */
  async mintedKnown(id: string, nowSeconds: number): Promise<{ known: boolean; since: number | null }> {
    this.assertOpen();
    const found = await this.pool.query('SELECT 1 FROM throughline_minted_links WHERE namespace = $1 AND link_id = $2 AND expires_at > $3', [this.namespace, id, nowSeconds]);
    const since = await this.pool.query<{ since: string }>('SELECT since FROM throughline_minted_since WHERE namespace = $1', [this.namespace]);
    const first = since.rows[0];
    return { known: (found.rowCount ?? 0) > 0, since: first === undefined ? null : Number(first.since) };
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
    await this.pool.query('DELETE FROM throughline_minted_links WHERE namespace = $1 AND expires_at < $2', [this.namespace, nowSeconds - 86_400]);
  }

  close(): Promise<void> {
    return this.postgres.close();
  }

  private assertOpen(): void {
    this.postgres.assertOpen();
  }
}
