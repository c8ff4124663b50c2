import { expect } from '@playwright/test';

/**
 * Waits until `read` gives the same value on both sides, reading both on every try: either side may
 * still be moving (a session writes after an edit has shown elsewhere), so a value read once from one
 * side and polled for on the other can go stale and never be reached.
 */
export async function expectConverged<S>(read: (side: S) => Promise<unknown>, left: S, right: S, timeout = 10_000): Promise<void> {
  await expect.poll(async () => {
    const [a, b] = await Promise.all([read(left), read(right)]);
    const [shownA, shownB] = [JSON.stringify(a), JSON.stringify(b)];
    return shownA === shownB ? 'converged' : `${shownA} ≠ ${shownB}`;
  }, { timeout }).toBe('converged');
}
