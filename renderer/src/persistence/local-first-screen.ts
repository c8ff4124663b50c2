/**
 * A small copy of a plan's stored first screen in localStorage, read synchronously by the page's
 * entry so that it paints the first rows without waiting for IndexedDB (issue #18: first painted rows
 * from navigation). IndexedDB's first open in a fresh browser process took 80–240 ms, and the painter
 * waited for it; localStorage is already loaded by then (index.html's inline script reads it).
 *
 * Rules:
 * 1. It is a cache of the cache: the first screen in the plan's database (first-screen-store.ts) stays
 *    what the app opens from. This copy is only painted by the entry, always marked "Updating…", and
 *    only after the same check as every first screen (`checkStoredFirstScreen`: shape, limits, this
 *    plan, an outline). A copy that fails it is not painted; the entry then paints from IndexedDB.
 * 2. It holds the same rows as the database's (`localFirstScreenRows`, 400: ~65 K characters at 20k),
 *    state vector, name, counts, summary and pulse, so the painted screen is what it was from
 *    IndexedDB (a copy of 100 rows ended the painted list sooner, and the app's takeover at its end
 *    moved the scroll position by 50 px: first-screen-painter.spec.ts).
 * 3. At most `localFirstScreenPlans` plans keep a copy, the most recently stored ones; storing one
 *    removes the copies of the plans beyond that. Deleting a plan's local copy removes it.
 * 4. Never throws: a full or unavailable localStorage (quota, privacy mode) only means no copy.
 *
 * Imports nothing heavy: the entry evaluates it.
 */
import { FIRST_SCREEN_ROWS, type FirstScreen } from '../../../shared/model/first-screen-check.js';

/** Rows kept in the copy: as many as the database's first screen (FIRST_SCREEN_ROWS). */
export const localFirstScreenRows = FIRST_SCREEN_ROWS;
/**
 * Plans that keep a copy, the most recently stored: localStorage is loaded whole into the page on its
 * first use (index.html's inline script), so it is kept to a few copies of ~65 K characters.
 */
export const localFirstScreenPlans = 3;

const keyPrefix = 'throughline:first-screen:v1:';
/** The plans with a copy, most recently stored first. */
export const localFirstScreenRecentKey = 'throughline:first-screen-recent:v1';

/** The localStorage key of `planId`'s copy. */
export const localFirstScreenKey = (planId: string) => `${keyPrefix}${planId}`;

/** The part of Storage used here (a stand-in in unit tests). */
export type LocalStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array | null {
  try {
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}

/** The copy's text: the first screen with its first rows, the state vector as base64. */
export function encodeLocalFirstScreen(firstScreen: FirstScreen): string {
  return JSON.stringify({ ...firstScreen, rows: firstScreen.rows.slice(0, localFirstScreenRows), stateVector: toBase64(firstScreen.stateVector) });
}

/**
 * The stored value a copy's text stands for, unchecked (the painter checks it as any stored first
 * screen): the parsed JSON with its state vector as bytes again. Undefined when it is not JSON; a
 * state vector that is not base64 is left as it is, which the check refuses.
 */
export function decodeLocalFirstScreen(text: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return parsed;
  const stored = parsed as Record<string, unknown>;
  if (typeof stored.stateVector !== 'string') return stored;
  const bytes = fromBase64(stored.stateVector);
  return bytes === null ? stored : { ...stored, stateVector: bytes };
}

/** `planId`'s copy as stored (unchecked, see decodeLocalFirstScreen), or null when there is none or it cannot be read. */
export function readLocalFirstScreen(store: LocalStore, planId: string): unknown {
  let text: string | null;
  try {
    text = store.getItem(localFirstScreenKey(planId));
  } catch {
    return null;
  }
  return text === null ? null : decodeLocalFirstScreen(text);
}

/** The recent list as stored, keeping only what is a plan id string (a damaged list counts as empty). */
function recentPlans(store: LocalStore): string[] {
  try {
    const parsed: unknown = JSON.parse(store.getItem(localFirstScreenRecentKey) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * Stores `firstScreen`'s copy (its plan first in the recent list) and removes the copies of plans
 * beyond `localFirstScreenPlans`. False when localStorage refused it (then no copy of this plan is
 * left behind: an older one would be painted as if it were the last stored).
 */
export function writeLocalFirstScreen(store: LocalStore, firstScreen: FirstScreen): boolean {
  const planId = firstScreen.planId;
  const recent = [planId, ...recentPlans(store).filter((id) => id !== planId)];
  try {
    for (const dropped of recent.slice(localFirstScreenPlans)) store.removeItem(localFirstScreenKey(dropped));
    store.setItem(localFirstScreenRecentKey, JSON.stringify(recent.slice(0, localFirstScreenPlans)));
    store.setItem(localFirstScreenKey(planId), encodeLocalFirstScreen(firstScreen));
    return true;
  } catch {
    removeLocalFirstScreen(store, planId);
    return false;
  }
}

/** Removes `planId`'s copy (its local copy was deleted). */
export function removeLocalFirstScreen(store: LocalStore, planId: string): void {
  try {
    store.removeItem(localFirstScreenKey(planId));
    store.setItem(localFirstScreenRecentKey, JSON.stringify(recentPlans(store).filter((id) => id !== planId)));
  } catch {
    // Nothing to do: a copy that cannot be removed is still checked before it is painted.
  }
}

/** The browser's localStorage, or null where there is none or it refuses access. */
export function pageLocalStore(): LocalStore | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
