import { z } from 'zod';

/** Whether a backend of the scaled-out mode answered /health's probe (a PING, a `SELECT 1`) in time. */
export const backendStateSchema = z.enum(['ok', 'unreachable']);
export type BackendState = z.infer<typeof backendStateSchema>;

/** Redis's and PostgreSQL's state, in the scaled-out mode (`serve --redis … --postgres …`) only. */
export const backendsHealthSchema = z.strictObject({ redis: backendStateSchema, postgres: backendStateSchema });
export type BackendsHealth = z.infer<typeof backendsHealthSchema>;

/** The JSON body of `GET /health` on the sync server. */
export const healthSchema = z.lazy(() => z.strictObject({
  status: z.enum(['ok', 'stopping']),
  /** Rooms (plans) loaded in memory now. */
  rooms: z.number().int().nonnegative(),
  /** Open WebSocket connections. */
  connections: z.number().int().nonnegative(),
  uptimeSeconds: z.number().nonnegative(),
  /**
   * `refusing writes` while storing failed lately (a full disk, Redis refusing appends): editors' changes
   * are refused with 4507 until `--storage-retry-ms` has passed (review42b: /health said nothing of it).
   */
  storage: z.enum(['ok', 'refusing writes']),
  /**
   * Scaled out only: `unreachable` while Redis or PostgreSQL does not answer (every join is closed 1011
   * meanwhile), and /health answers 503 (review42b N1: it said ok). Absent in the SQLite mode.
   */
  backends: backendsHealthSchema.optional(),
}));
export type Health = z.infer<typeof healthSchema>;
