/**
 * A workspace's directory: which plans live in the workspace and what they are called. It is one
 * Y.Doc per workspace, synced through the sync server in the reserved room `_directory` exactly like a
 * plan (stored in IndexedDB on each device, so the list shows offline and takes changes offline).
 *
 * Merge rules (tested in test/shared/workspace/directory.test.ts):
 *  1. A plan is keyed by its id, and its fields live in separate top-level maps keyed by that id, so a
 *     concurrent create (or re-listing) and rename of one plan never replace each other's entry: no
 *     listed plan is ever lost by merging.
 *  2. Two plans created concurrently are two entries (ids are random), even with the same name.
 *  3. Concurrent renames of one plan keep one deterministic winner on every replica (Yjs map LWW).
 *  4. Listing a plan that is already listed changes nothing (so every device can re-list the plans it
 *     holds without overwriting a rename it has not seen yet).
 *  5. Removal is a tombstone, not a delete: a rename concurrent with a removal is kept, and listing
 *     the plan again restores it with its latest name.
 *  6. Values are read through a schema: a malformed value (an old or hostile client) hides that one
 *     field's entry instead of breaking the list. A name with control characters shows them as signs,
 *     and one that shows nothing (only spaces or zero-width characters) shows as "Untitled plan".
 */
import type * as Y from 'yjs';
import { z } from 'zod';
import { parsePlanId } from '../model/ids.js';
import { roomSegmentPattern } from '../sync/room.js';
import { isOverLimit } from '../text/cut-text.js';
import { maxPlanNameLength, planNameProblem, shownPlanName } from '../text/plan-name.js';

/** The room of a workspace's directory; plan ids may not take this name. */
export const directoryRoom = parsePlanId('_directory');

/** One plan of a workspace as the directory lists it. */
export interface DirectoryEntry {
  readonly id: string;
  readonly name: string;
  readonly createdAt: number;
  readonly createdBy: string;
  /** Set when an editor took the plan out of the workspace (the plan's room is kept on the server). */
  readonly removed: { readonly at: number; readonly by: string } | null;
}

/** An action on the directory that cannot be done; `message` is a sentence for the user. */
export class DirectoryError extends Error {
  override readonly name = 'DirectoryError';
}

const stampSchema = z.lazy(() => z.strictObject({ at: z.number().finite(), by: z.string().max(200) }));
// Characters (code points) are counted, as the library counts them: an emoji is one.
const nameSchema = z.lazy(() => z.string().min(1).refine((name) => !isOverLimit(name, maxPlanNameLength)));

/** The directory's shared types. */
function directoryTypes(doc: Y.Doc) {
  return {
    /** plan id → { at, by } of its first listing. */
    created: doc.getMap<unknown>('created'),
    /** plan id → name (last writer wins; see rule 3). */
    names: doc.getMap<unknown>('names'),
    /** plan id → { at, by } while the plan is taken out of the workspace. */
    removed: doc.getMap<unknown>('removed'),
  };
}

/** True when `id` can name a plan's room in a workspace (not the directory's own room). */
export function isPlanRoomId(id: string): boolean {
  return roomSegmentPattern.test(id) && id !== directoryRoom;
}

function checkId(id: string): string {
  if (!isPlanRoomId(id)) throw new DirectoryError(`"${id.slice(0, 80)}" cannot be a plan id: use 1–64 letters, digits, "_" or "-" (and not "${directoryRoom}").`);
  return id;
}

/** A typed name: refused when it breaks the rules of shared/text/plan-name.ts, as the library refuses it. */
function checkName(name: string): string {
  const trimmed = name.trim();
  const problem = planNameProblem(trimmed);
  if (problem) throw new DirectoryError(problem);
  return trimmed;
}

/** What listing a plan needs: its id and name, and who lists it when. */
export interface ListingInput {
  readonly id: string;
  readonly name: string;
  readonly at: number;
  readonly by: string;
}

/**
 * Lists a plan in the directory (rule 4: an already listed plan keeps its name; a removed one is
 * restored). Returns true when the directory changed.
 */
export function listPlan(doc: Y.Doc, input: ListingInput, origin: unknown = null): boolean {
  const id = checkId(input.id);
  const name = checkName(input.name);
  const types = directoryTypes(doc);
  const listed = stampSchema.safeParse(types.created.get(id)).success;
  const named = nameSchema.safeParse(types.names.get(id)).success;
  const removed = types.removed.has(id);
  if (listed && named && !removed) return false;
  doc.transact(() => {
    if (!listed) types.created.set(id, { at: input.at, by: input.by.slice(0, 200) });
    if (!named) types.names.set(id, name);
    if (removed) types.removed.delete(id);
  }, origin);
  return true;
}

/** Renames a listed plan. Throws DirectoryError for an unknown plan or a bad name. */
export function renameListedPlan(doc: Y.Doc, id: string, name: string, origin: unknown = null): boolean {
  const checked = checkName(name);
  const types = directoryTypes(doc);
  if (!types.created.has(checkId(id))) throw new DirectoryError(`No plan "${id}" in this workspace.`);
  if (types.names.get(id) === checked) return false;
  doc.transact(() => types.names.set(id, checked), origin);
  return true;
}

/** Takes a plan out of the workspace list (rule 5: a tombstone; listing it again restores it). */
export function removeListedPlan(doc: Y.Doc, id: string, at: number, by: string, origin: unknown = null): boolean {
  const types = directoryTypes(doc);
  if (!types.created.has(checkId(id))) throw new DirectoryError(`No plan "${id}" in this workspace.`);
  if (types.removed.has(id)) return false;
  doc.transact(() => types.removed.set(id, { at, by: by.slice(0, 200) }), origin);
  return true;
}

/**
 * Every plan of the directory, removed ones included (flagged), sorted by name then id. An entry
 * whose creation stamp or name is malformed is left out (rule 6).
 */
export function readDirectory(doc: Y.Doc): DirectoryEntry[] {
  const types = directoryTypes(doc);
  const entries: DirectoryEntry[] = [];
  for (const [id, value] of types.created) {
    if (!isPlanRoomId(id)) continue;
    const created = stampSchema.safeParse(value);
    const name = nameSchema.safeParse(types.names.get(id));
    if (!created.success || !name.success) continue;
    const removed = stampSchema.safeParse(types.removed.get(id));
    entries.push({ id, name: shownPlanName(name.data), createdAt: created.data.at, createdBy: created.data.by, removed: removed.success ? removed.data : null });
  }
  return entries.sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * One plan's entry as `readDirectory` would give it (same schema rules), or null when the directory
 * does not list it: the server's check of a single plan room, without reading the whole list.
 */
export function directoryEntry(doc: Y.Doc, id: string): DirectoryEntry | null {
  if (!isPlanRoomId(id)) return null;
  const types = directoryTypes(doc);
  const created = stampSchema.safeParse(types.created.get(id));
  const name = nameSchema.safeParse(types.names.get(id));
  if (!created.success || !name.success) return null;
  const removed = stampSchema.safeParse(types.removed.get(id));
  return { id, name: shownPlanName(name.data), createdAt: created.data.at, createdBy: created.data.by, removed: removed.success ? removed.data : null };
}

/** The plans currently in the workspace (not removed). */
export function listedPlans(doc: Y.Doc): DirectoryEntry[] {
  return readDirectory(doc).filter((entry) => entry.removed === null);
}
