/** Waiting on Y.Docs in benchmarks: the two checks the renderer benchmarks share. */
import * as Y from 'yjs';

/** True when both docs hold exactly the same clocks (one has received all of the other). */
export function sameState(a: Y.Doc, b: Y.Doc): boolean {
  const left = Y.decodeStateVector(Y.encodeStateVector(a));
  const right = Y.decodeStateVector(Y.encodeStateVector(b));
  return left.size === right.size && [...left].every(([client, clock]) => right.get(client) === clock);
}

/** Resolves once `condition` holds (checked every 50 ms); throws `failure` after `timeoutMs`. */
export async function waitUntil(condition: () => boolean, timeoutMs: number, failure: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(failure);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
