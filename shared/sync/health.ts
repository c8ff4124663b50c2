import { z } from 'zod';

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
}));
export type Health = z.infer<typeof healthSchema>;
