import { appendStoredUpdate, readStoredPlan } from '../persistence/plan-storage.js';
import { uploadPlan } from '../sync/plan-upload.js';
import type { ServerConnection } from '../sync/server-connections.js';

/** Sends a plan's stored copy to its workspace's server (not opened) and keeps what the server had. */
export async function uploadStoredCopy(planId: string, connection: ServerConnection): Promise<void> {
  const stored = await readStoredPlan(planId);
  if (!stored) return;
  const received = await uploadPlan(planId, stored, connection);
  if (received && received.byteLength > 2) await appendStoredUpdate(planId, received);
}
