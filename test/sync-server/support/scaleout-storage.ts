import pg from 'pg';
import { parseRedisUrl, RedisLink } from '../../../sync-server/scaleout/redis-link.js';
import { parseRange } from '../../../sync-server/scaleout/stream-replies.js';

/**
 * Reads every stored row of one namespace in Redis + PostgreSQL mode, as text (the counterpart of
 * storedRows() for SQLite): each update stream's entries, then each PostgreSQL row.
 */
export class ScaleoutStorageReader {
  private readonly redis: RedisLink;
  private readonly postgres: pg.Pool;

  constructor(redisUrl: string, postgresUrl: string, private readonly namespace: string) {
    this.redis = RedisLink.open(parseRedisUrl(redisUrl), false);
    this.postgres = new pg.Pool({ connectionString: postgresUrl, max: 1 });
  }

  async rows(): Promise<string[]> {
    const rows: string[] = [];
    const keys = (await this.redis.command('KEYS', `{${this.namespace}:*}:updates:*`) as Buffer[]).map(String).sort();
    for (const key of keys) {
      for (const entry of parseRange(await this.redis.command('XRANGE', key, '-', '+'))) {
        rows.push(`${entry.id} ${key} ${entry.fields.get('u')?.toString('hex') ?? ''}`);
      }
    }
    const result = await this.postgres.query<{ room: string; doc: Buffer; stream_id: string }>(
      'SELECT room, doc, stream_id FROM throughline_rooms WHERE namespace = $1 ORDER BY room', [this.namespace]);
    for (const row of result.rows) rows.push(`pg ${row.room} ${row.stream_id} ${row.doc.toString('hex')}`);
    return rows;
  }

  async close(): Promise<void> {
    await this.redis.close();
    await this.postgres.end();
  }
}
