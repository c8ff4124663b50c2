import { z } from 'zod';
import { namespacePattern } from './redis-keys.js';
import { parseRedisUrl } from './redis-link.js';

/**
 * The scaled-out mode's settings, from `serve` flags or the environment (flags win). Without a Redis
 * and a PostgreSQL URL the server runs as it always has, on SQLite; with only one of them it refuses
 * to start rather than guess.
 */
export const scaleoutSettingsSchema = z.strictObject({
  redisUrl: z.string().refine((url) => {
    try { parseRedisUrl(url); return true; } catch { return false; }
  }, 'not a Redis URL: use redis://host:port or redis-cluster://host:port,host:port'),
  postgresUrl: z.string().regex(/^postgres(ql)?:\/\//, 'not a PostgreSQL URL: use postgres://user@host:port/database'),
  namespace: z.string().regex(namespacePattern, '1–40 of a-z, 0-9, "_" or "-"').default('throughline'),
  worker: z.boolean().default(true),
  leaseMs: z.number().int().min(100).max(3_600_000).default(30_000),
});

export type ScaleoutSettings = z.infer<typeof scaleoutSettingsSchema>;

export const scaleoutEnvironment = {
  redisUrl: 'THROUGHLINE_REDIS_URL',
  postgresUrl: 'THROUGHLINE_POSTGRES_URL',
  namespace: 'THROUGHLINE_NAMESPACE',
} as const;

export class ScaleoutSettingsError extends Error {}

export interface ScaleoutFlags {
  readonly redis?: string | undefined;
  readonly postgres?: string | undefined;
  readonly namespace?: string | undefined;
  readonly worker?: boolean | undefined;
  readonly leaseMs?: number | undefined;
}

/** The mode to run in: null for SQLite, the checked settings for Redis + PostgreSQL. */
export function scaleoutSettings(flags: ScaleoutFlags, env: NodeJS.ProcessEnv): ScaleoutSettings | null {
  const redisUrl = flags.redis ?? env[scaleoutEnvironment.redisUrl];
  const postgresUrl = flags.postgres ?? env[scaleoutEnvironment.postgresUrl];
  if (redisUrl === undefined && postgresUrl === undefined) return null;
  if (redisUrl === undefined || postgresUrl === undefined) {
    throw new ScaleoutSettingsError('--redis and --postgres (or THROUGHLINE_REDIS_URL and THROUGHLINE_POSTGRES_URL) go together: give both, or neither for SQLite');
  }
  const parsed = scaleoutSettingsSchema.safeParse({
    redisUrl, postgresUrl,
    ...(flags.namespace ?? env[scaleoutEnvironment.namespace] ? { namespace: flags.namespace ?? env[scaleoutEnvironment.namespace] } : {}),
    ...(flags.worker === undefined ? {} : { worker: flags.worker }),
    ...(flags.leaseMs === undefined ? {} : { leaseMs: flags.leaseMs }),
  });
  if (!parsed.success) {
    throw new ScaleoutSettingsError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
  }
  return parsed.data;
}
