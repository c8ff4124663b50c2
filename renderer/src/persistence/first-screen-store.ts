import type { IndexeddbPersistence } from 'y-indexeddb';
import { parseFirstScreen, type FirstScreen, type StoredFirstScreen } from '../../../shared/model/first-screen.js';
import { openPlanDatabase, requested } from './plan-storage.js';
import { benchSwitchOn } from '../session/bench-switch.js';
import { takeEarlyFirstScreenRead } from './first-screen-early-read.js';

/**
 * A plan's first screen lives in its own database, in y-indexeddb's `custom` store: it goes with the
 * plan (deleting the local copy deletes it) and needs no schema change to the provider's database.
 */
const customStoreName = 'custom';
export const firstScreenKey = 'first-screen';

/**
 * The benchmark's switch back to checking the stored first screen with its zod schema instead of by
 * hand (shared/model/first-screen-check.ts). Nothing in the app sets it.
 */
export const firstScreenSchemaKey = 'throughline:bench:first-screen-schema';

/**
 * Reads and validates a plan's stored first screen, without opening a provider (so it can be painted
 * before the document is read). Never throws: an unreadable cache is simply not used.
 */
export async function readFirstScreen(planId: string, onPhase?: (phase: 'first-screen-db-open' | 'first-screen-read') => void): Promise<StoredFirstScreen> {
  // Read while the app's modules evaluated (first-screen-early-read.ts), checked here like any other read.
  const early = await takeEarlyFirstScreenRead(planId);
  if (early?.found) return parseFirstScreen(early.value, planId, benchSwitchOn(firstScreenSchemaKey));
  try {
    const db = await openPlanDatabase(planId);
    onPhase?.('first-screen-db-open');
    try {
      const stored: unknown = await requested(db.transaction(customStoreName, 'readonly').objectStore(customStoreName).get(firstScreenKey));
      onPhase?.('first-screen-read');
      return parseFirstScreen(stored, planId, benchSwitchOn(firstScreenSchemaKey));
    } finally {
      db.close();
    }
  } catch (error) {
    return { ok: false, reason: `the stored first screen could not be read: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** Stores a plan's first screen through its open provider's database (one write, replacing the last). */
export async function writeFirstScreen(persistence: IndexeddbPersistence, firstScreen: FirstScreen): Promise<void> {
  const db = persistence.db;
  if (!db || persistence._destroyed) return;
  await requested(db.transaction(customStoreName, 'readwrite').objectStore(customStoreName).put(firstScreen, firstScreenKey));
}
