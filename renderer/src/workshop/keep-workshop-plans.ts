import * as Y from 'yjs';
import { appendStoredUpdate, readStoredPlan } from '../persistence/plan-storage.js';
import type { ServerConnection } from '../sync/server-connections.js';
import { uploadPlan } from '../sync/plan-upload.js';

/**
 * Before the host stops a workshop, every plan of its workspace is brought up to date on this
 * computer: the host may not have had a plan open while participants edited it, and once the server
 * stops, those edits would only be in the workshop's own storage. One exchange per plan with the
 * stock client (the same as a plan upload), what the server had stored locally. Resolves to how many
 * plans are up to date and which could not be reached in time.
 */
export async function keepWorkshopPlans(planIds: readonly string[], connection: ServerConnection): Promise<{ kept: number; missed: string[] }> {
  let kept = 0;
  const missed: string[] = [];
  for (const planId of planIds) {
    const stored = (await readStoredPlan(planId)) ?? Y.encodeStateAsUpdate(new Y.Doc());
    const received = await uploadPlan(planId, stored, connection);
    if (received === null) { missed.push(planId); continue; }
    // An empty difference is 2 bytes (no structs, no deletions): nothing to store.
    if (received.byteLength > 2) await appendStoredUpdate(planId, received);
    kept += 1;
  }
  return { kept, missed };
}
