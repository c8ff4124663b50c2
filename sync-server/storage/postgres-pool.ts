import pg from 'pg';

/**
 * A pool of PostgreSQL clients for one of the server's tables (plans, revocations): it survives an idle
 * client losing its connection, creates its table once however many instances start together, and is
 * closed once.
 */
export class PostgresPool {
  readonly pool: pg.Pool;
  private closed = false;

  /** `what` names the table's contents in the error of a use after close. */
  constructor(url: string, max: number, private readonly what: string) {
    this.pool = new pg.Pool({ connectionString: url, max });
    // An idle client losing its connection (PostgreSQL restarting) must not crash the process.
    this.pool.on('error', () => undefined);
  }

  /** Runs `CREATE TABLE IF NOT EXISTS …` under one advisory lock shared by every table of ours. */
  async createTable(statement: string): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(hashtext(\'throughline schema\'))');
      await client.query(statement);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  assertOpen(): void {
    if (this.closed) throw new Error(`the PostgreSQL ${this.what} is not open`);
  }
}
