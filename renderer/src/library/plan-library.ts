import { z } from 'zod';
import { planNameProblem, shownPlanName } from '../../../shared/text/plan-name.js';
import { readStored, writeStored, type KeyValueStore } from './key-value-store.js';

/** Plan and workspace ids as the sync server accepts them in a room URL. */
export const roomIdPattern = /^[A-Za-z0-9_-]{1,64}$/;
export const planIdSchema = z.lazy(() => z.string().regex(roomIdPattern, 'a plan id is 1–64 letters, digits, "-" or "_"'));

/** One plan stored on this device. The plan's contents live in IndexedDB under its id. */
export const planEntrySchema = z.lazy(() => z.object({
  id: planIdSchema,
  name: z.string().max(200),
  createdAt: z.number().finite(),
  /** Absent for a plan kept here without being opened (fetched from its workspace to be renamed). */
  openedAt: z.number().finite().optional(),
  /** The workspace whose server this plan syncs with; absent for a plan kept on this device only. */
  workspace: z.string().regex(roomIdPattern).optional(),
  /**
   * Set when someone took the plan out of its workspace and this copy became a plan of this device only
   * (session/taken-out.ts): where it was shared, who took it out, and how many of this device's changes
   * had not reached the server then. Lets the copy be shared there again once the plan is listed again.
   */
  takenOut: z.object({
    workspace: z.string().regex(roomIdPattern),
    server: z.string(),
    by: z.string().max(200).nullable(),
    at: z.number().finite(),
    unsent: z.number().int().nonnegative(),
  }).optional(),
}));
export type PlanEntry = z.infer<typeof planEntrySchema>;

const libraryKey = 'throughline:library:v1';
const librarySchema = z.lazy(() => z.array(planEntrySchema));

/** Error for a library action that cannot be done, with a message for the user. */
export class LibraryError extends Error {
  override readonly name = 'LibraryError';
}

/** The list of plans on this device, kept in local storage (names only; contents are in IndexedDB). */
export class PlanLibrary {
  constructor(private readonly store: KeyValueStore) {}

  /** Every plan, most recently opened first (those never opened here last). */
  list(): PlanEntry[] {
    return readStored(this.store, libraryKey, librarySchema, []).sort((a, b) => (b.openedAt ?? 0) - (a.openedAt ?? 0) || a.id.localeCompare(b.id));
  }

  get(id: string): PlanEntry | undefined {
    return this.list().find((entry) => entry.id === id);
  }

  /** Adds a plan (or replaces the entry with the same id) and returns it. */
  put(entry: PlanEntry): PlanEntry {
    const checked = planEntrySchema.parse({ ...entry, name: keptName(entry.name) });
    this.save([checked, ...this.list().filter((other) => other.id !== entry.id)]);
    return checked;
  }

  rename(id: string, name: string): PlanEntry {
    return this.put({ ...this.require(id), name: checkName(name) });
  }

  /** Marks a plan as opened now (it moves to the top of the list). */
  touch(id: string, now: number): void {
    const entry = this.get(id);
    if (entry) this.put({ ...entry, openedAt: now });
  }

  remove(id: string): void {
    this.save(this.list().filter((entry) => entry.id !== id));
  }

  /** A name not yet used by another plan: "Name", then "Name (2)", "Name (3)", … */
  uniqueName(name: string): string {
    const taken = new Set(this.list().map((entry) => entry.name));
    if (!taken.has(name)) return name;
    for (let n = 2; ; n++) if (!taken.has(`${name} (${n})`)) return `${name} (${n})`;
  }

  private require(id: string): PlanEntry {
    const entry = this.get(id);
    if (!entry) throw new LibraryError(`No plan with id "${id}" on this device.`);
    return entry;
  }

  private save(entries: PlanEntry[]): void {
    writeStored(this.store, libraryKey, entries);
  }
}

/** Trims a typed plan name and refuses one that breaks the rules of shared/text/plan-name.ts, with a message for the user. */
export function checkName(name: string): string {
  const trimmed = name.trim();
  const problem = planNameProblem(trimmed);
  if (problem) throw new LibraryError(problem);
  return trimmed;
}

/** A plan name that came from elsewhere as this device keeps it (never refused: the plan must stay listed). */
export const keptName = shownPlanName;

const idAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Bytes a pool takes from its source at a time. */
const randomPoolBytes = 4096;

/**
 * A source of random bytes that asks `fill` (crypto.getRandomValues) for 4 KB at a time and hands
 * each byte out once, in order. Every new node, check-in and record needs an id, and each
 * crypto.getRandomValues call is a trip into the browser (a system call on Linux): the sample plan's
 * 1,817 ids spent 30–180 ms of the page's thread in it per open, one 16-byte call each (docs/testing.md,
 * boot42). The bytes are the same cryptographic randomness, each handed out once, none skipped.
 */
export function pooledRandomBytes(fill: (bytes: Uint8Array) => Uint8Array): (bytes: Uint8Array) => Uint8Array {
  let pool: Uint8Array = new Uint8Array(0);
  let used = 0;
  return (bytes) => {
    let at = 0;
    while (at < bytes.length) {
      if (used === pool.length) {
        pool = fill(new Uint8Array(randomPoolBytes));
        used = 0;
      }
      const taken = Math.min(bytes.length - at, pool.length - used);
      bytes.set(pool.subarray(used, used + taken), at);
      used += taken;
      at += taken;
    }
    return bytes;
  };
}

/** A random id fit for a room URL, from the given random bytes source (crypto.getRandomValues). */
export function randomId(randomBytes: (bytes: Uint8Array) => Uint8Array, length = 16): string {
  const bytes = randomBytes(new Uint8Array(length));
  let id = '';
  for (const byte of bytes) id += idAlphabet[byte % idAlphabet.length];
  return id;
}
