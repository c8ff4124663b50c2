/**
 * Check-in drafts kept across a reload. A person writing a check-in (a value, a long note, a blocker)
 * lost it all to a reload, a crash of the tab or the app being closed: the drafts lived in the store
 * only. They are written to the device's storage whenever they change and read back when the app
 * starts; a node id is unique across plans, so one list serves every plan (a draft shows again when
 * its plan is opened). Stored data is a boundary: each draft is validated, and a damaged list is
 * ignored, never trusted.
 */
import { z } from 'zod';
import type { StoreApi } from 'zustand/vanilla';
import { nodeIdSchema, TEXT_LIMITS, type NodeId } from '../../../shared/model/index.js';
import { readStored, writeStored, type KeyValueStore } from '../library/key-value-store.js';
import type { AppState, CheckInDraft } from '../store/app-state.js';

export const CHECK_IN_DRAFTS_KEY = 'throughline:check-in-drafts';
/** Beyond this many drafts the oldest are dropped: storage stays small whatever is left unfinished. */
export const MAX_KEPT_DRAFTS = 200;

const draftSchema: z.ZodType<CheckInDraft> = z.object({
  value: z.string().max(200),
  noValue: z.boolean(),
  confidence: z.string().max(2),
  status: z.string().max(40),
  note: z.string().max(TEXT_LIMITS.note * 2),
  blocker: z.boolean(),
  clears: z.array(z.string().max(64)).max(1_000).optional(),
  told: z.boolean(),
}).strict();

const keptSchema = z.array(z.tuple([nodeIdSchema, draftSchema])).max(MAX_KEPT_DRAFTS);

/** The drafts kept on this device (none when nothing or something damaged is stored). */
export function readKeptCheckInDrafts(storage: KeyValueStore): Map<NodeId, CheckInDraft> {
  return new Map(readStored(storage, CHECK_IN_DRAFTS_KEY, keptSchema, []));
}

/**
 * Puts the kept drafts into `store` and keeps writing them whenever they change. Returns the
 * unsubscribe. A storage that refuses the write (full, private mode) leaves the drafts in memory only.
 */
export function keepCheckInDrafts(storage: KeyValueStore, store: StoreApi<AppState>): () => void {
  for (const [id, draft] of readKeptCheckInDrafts(storage)) {
    if (!store.getState().checkInDrafts.has(id)) store.getState().setCheckInDraft(id, draft);
  }
  return store.subscribe((state, previous) => {
    if (state.checkInDrafts === previous.checkInDrafts) return;
    const drafts = [...state.checkInDrafts].slice(-MAX_KEPT_DRAFTS);
    try {
      if (drafts.length === 0) storage.removeItem(CHECK_IN_DRAFTS_KEY);
      else writeStored(storage, CHECK_IN_DRAFTS_KEY, drafts);
    } catch {
      // Storage full or refused: the drafts stay in memory for this session.
    }
  });
}
