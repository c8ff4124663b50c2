/**
 * Whether a benchmark's switch (a localStorage key set to '1' by bench/renderer.bench.ts) is on. The
 * app never sets one; storage that cannot be read (a sandboxed page, disabled storage) means off.
 */
export function benchSwitchOn(key: string): boolean {
  try {
    return globalThis.localStorage?.getItem(key) === '1';
  } catch {
    return false;
  }
}
