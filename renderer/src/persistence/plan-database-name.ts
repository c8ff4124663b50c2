/**
 * The IndexedDB database holding one plan's document (y-indexeddb's layout: an `updates` store).
 * In a file of its own so the early first-screen read (evaluated before the rest of the app) can name
 * it without importing Yjs.
 */
export function planDatabaseName(planId: string): string {
  return `throughline-plan:${planId}`;
}
