/**
 * Work cut into steps: a generator that yields between pieces of a long computation (building the
 * index of a large plan) so a caller on a UI thread can give the thread back between them. shared/
 * has no timers: the caller decides when to pause (a time budget, pending input); `runToEnd` runs
 * every step at once, which gives exactly the one-shot result.
 */
export type Steps<T> = Generator<void, T, void>;

/** Roughly how many items (nodes, check-ins, views) one step handles: well under a millisecond. */
export const itemsPerStep = 256;

/** Runs every step of `steps` now and returns its result. */
export function runToEnd<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}
