import { z } from 'zod';

/** The JSON body of `GET /health` on the sync server. */
export const healthSchema = z.lazy(() => z.strictObject({
  status: z.enum(['ok', 'stopping']),
  /** Rooms (plans) loaded in memory now. */
  rooms: z.number().int().nonnegative(),
  /** Open WebSocket connections. */
  connections: z.number().int().nonnegative(),
  uptimeSeconds: z.number().nonnegative(),
}));
export type Health = z.infer<typeof healthSchema>;
