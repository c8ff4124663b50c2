/**
 * The stored first screen read while the app's modules are still evaluating (issue #18: first paint).
 *
 * Opening the plan's database and reading one value takes IndexedDB 30–270 ms at 100k nodes, and the
 * app's module evaluation (~90 ms of CPU) came before it: this read starts first, from the plan named
 * in the URL, and the open of that plan takes its answer instead of reading again. It only fetches the
 * stored value: checking it (plan, shape, state vector) stays where every first screen is checked
 * (`readFirstScreen` → `parseFirstScreen`), so nothing read here is trusted more than a later read.
 *
 * Imports nothing heavy on purpose: it is evaluated before the rest of the app (main.tsx's first
 * import), and everything it imports would be evaluated before it.
 */

/** What the early read found: the stored value (undefined when none), or nothing usable (read as before). */
export type EarlyFirstScreen = { found: true; value: unknown } | { found: false; reason: string };

/**
 * The benchmark's switch back to reading the first screen only once the plan opens (after the
 * modules evaluated). Nothing in the app sets it.
 */
export const firstScreenReadLateKey = 'throughline:bench:first-screen-read-late';

/** Marks of the early read (read by the benchmark; they come before `throughline:open-start`). */
export const earlyReadMarks = { start: 'throughline:first-screen-early-start', read: 'throughline:first-screen-early-read' } as const;

/** The plan named by a `#/plan/<id>[/<view>]` hash, unchecked (the open checks its plan id), or null. */
export function planIdInHash(hash: string): string | null {
  const match = /^#\/plan\/([^/]+)(?:\/[a-z]+)?$/.exec(hash);
  return match?.[1] ?? null;
}

/**
 * The read index.html's inline script started for `hash` (shared/bridge/first-screen-read-script.ts),
 * taken from the page's global once (it is deleted, so no later open finds it), or null when there is
 * none, it was made for another address, or it is not what that script leaves. The value it reads is
 * checked where every read value is; what the promise settles with is checked here.
 */
export function takeReadStartedByPage(scope: Record<string, unknown>, globalName: string, hash: string): Promise<EarlyFirstScreen> | null {
  const handed = scope[globalName];
  if (handed === undefined) return null;
  delete scope[globalName];
  if (typeof handed !== 'object' || handed === null) return null;
  const { hash: readFor, read } = handed as { hash?: unknown; read?: unknown };
  if (readFor !== hash || !(read instanceof Promise)) return null;
  return (read as Promise<unknown>).then(asEarlyFirstScreen, (error: unknown) => ({ found: false, reason: `the page's read failed: ${String(error)}` }));
}

function asEarlyFirstScreen(settled: unknown): EarlyFirstScreen {
  if (typeof settled === 'object' && settled !== null) {
    const { found, value, reason } = settled as { found?: unknown; value?: unknown; reason?: unknown };
    if (found === true) return { found: true, value };
    if (found === false && typeof reason === 'string') return { found: false, reason };
  }
  return { found: false, reason: 'the page\'s read answered something else' };
}

/** The early read, kept for the one open of the plan it was made for. */
let pending: { planId: string; read: Promise<EarlyFirstScreen> } | null = null;

/**
 * Reads the first screen stored in `databaseName` without creating the database: a plan that has
 * none yet is left for the open to create as before. Never rejects.
 */
export function readStoredFirstScreenRaw(factory: IDBFactory, databaseName: string): Promise<EarlyFirstScreen> {
  return new Promise((resolve) => {
    let request: IDBOpenDBRequest;
    try {
      request = factory.open(databaseName);
    } catch (error) {
      resolve({ found: false, reason: `the database could not be opened: ${String(error)}` });
      return;
    }
    // A database that does not exist would be created here, before y-indexeddb lays it out: abort.
    request.onupgradeneeded = () => { request.transaction?.abort(); };
    request.onerror = () => resolve({ found: false, reason: `the database could not be opened: ${request.error?.message ?? 'no database'}` });
    request.onblocked = () => resolve({ found: false, reason: 'the database is blocked' });
    request.onsuccess = () => {
      const db = request.result;
      try {
        if (!db.objectStoreNames.contains('custom')) {
          db.close();
          resolve({ found: false, reason: 'the database has no custom store' });
          return;
        }
        const get = db.transaction('custom', 'readonly').objectStore('custom').get('first-screen');
        get.onsuccess = () => { db.close(); resolve({ found: true, value: get.result as unknown }); };
        get.onerror = () => { db.close(); resolve({ found: false, reason: `the first screen could not be read: ${get.error?.message ?? 'unknown error'}` }); };
      } catch (error) {
        db.close();
        resolve({ found: false, reason: `the first screen could not be read: ${String(error)}` });
      }
    };
  });
}

/**
 * Starts reading the first screen of the plan the URL names (if any). `databaseName` maps a plan id
 * to its database; `read` is the read itself (the browser's IndexedDB in the app).
 */
export function startEarlyFirstScreenRead(hash: string, databaseName: (planId: string) => string, read: (databaseName: string) => Promise<EarlyFirstScreen>): void {
  const planId = planIdInHash(hash);
  if (planId === null) return;
  pending = { planId, read: read(databaseName(planId)) };
}

/**
 * The early read for `planId`, once: an open of another plan (or a second open) gets null and reads
 * the database itself; any early read is dropped either way, so an old value is never reused later.
 */
export function takeEarlyFirstScreenRead(planId: string): Promise<EarlyFirstScreen> | null {
  const taken = pending;
  pending = null;
  return taken && taken.planId === planId ? taken.read : null;
}
