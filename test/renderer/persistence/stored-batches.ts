// The stored plan as the fixed-slice apply and the opening's slicer receive it, for their properties:
// a real generated plan, cut into parts and grouped into batches of rows already read.
import * as Y from 'yjs';
import fc from 'fast-check';
import { splitUpdate } from '../../../shared/sync/update-parts.js';
import { generatePlan } from '../../../shared/model/fixtures/generate-plan.js';

/** True when both docs encode to the same bytes. */
export const sameState = (a: Y.Doc, b: Y.Doc): boolean => Buffer.from(Y.encodeStateAsUpdate(a)).equals(Buffer.from(Y.encodeStateAsUpdate(b)));

/** A 120-node plan with 360 check-ins, and its whole update. */
export function storedPlan(): { reference: Y.Doc; whole: Uint8Array } {
  const reference = new Y.Doc({ gc: false });
  generatePlan(reference, { nodes: 120, checkIns: 360, seed: 11 });
  return { reference, whole: Y.encodeStateAsUpdate(reference) };
}

/** How the plan is cut: bytes per part, parts per batch of rows, and the (cycled) durations of applying each part. */
export const cuts = fc.tuple(
  fc.integer({ min: 512, max: 4096 }), fc.integer({ min: 1, max: 5 }), fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 40 }),
);

/**
 * The whole update cut into parts of about `partBytes`, `perBatch` parts to a batch. Every batch is
 * already read: nothing but the slicing separates one batch's parts from the next.
 */
export function batchesOf(whole: Uint8Array, partBytes: number, perBatch: number): { parts: Uint8Array[]; batches: Promise<{ units: Uint8Array[] }>[] } {
  const parts = splitUpdate(whole, partBytes);
  const batches: Promise<{ units: Uint8Array[] }>[] = [];
  for (let at = 0; at < parts.length; at += perBatch) batches.push(Promise.resolve({ units: parts.slice(at, at + perBatch) }));
  return { parts, batches };
}
