import type { z } from 'zod';

/** The part of `localStorage` the app uses; tests pass an in-memory implementation. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  /** How many keys are stored, and the one at `index` (to find keys by prefix). */
  readonly length: number;
  key(index: number): string | null;
}

/** An in-memory KeyValueStore (tests, and a fallback when the browser refuses localStorage). */
export function memoryStore(): KeyValueStore {
  const values = new Map<string, string>();
  return {
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => { values.set(key, value); },
    removeItem: (key) => { values.delete(key); },
    get length() { return values.size; },
    key: (index) => [...values.keys()][index] ?? null,
  };
}

/** The browser's localStorage, or memory when it is unavailable (private mode, sandbox). */
export function browserStore(): KeyValueStore {
  try {
    const probe = '__throughline_probe__';
    window.localStorage.setItem(probe, '1');
    window.localStorage.removeItem(probe);
    return window.localStorage;
  } catch {
    return memoryStore();
  }
}

/**
 * Reads a JSON value stored under `key`, validated by `schema`. Stored data is a boundary: a value
 * written by another version or damaged by hand yields `fallback` instead of crashing the app.
 */
export function readStored<T>(store: KeyValueStore, key: string, schema: z.ZodType<T>, fallback: T): T {
  const raw = store.getItem(key);
  if (raw === null) return fallback;
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

/** Writes `value` as JSON under `key`. */
export function writeStored(store: KeyValueStore, key: string, value: unknown): void {
  store.setItem(key, JSON.stringify(value));
}
