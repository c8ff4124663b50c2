// The app's fixed-slice apply of the stored plan (renderer/src/persistence/sliced-load.ts,
// applyBatchesInSlices without the opening's slicer): the slices of one batch of rows and of the next
// are never one task. Real Y.Docs and a real generated plan cut into parts; the clock is a counter the
// work advances (no timed assertions).
import * as Y from 'yjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyBatchesInSlices } from '../../../renderer/src/persistence/sliced-load.js';
import { batchesOf, cuts, sameState, storedPlan } from './stored-batches.js';

describe('the fixed-slice apply of the stored plan', () => {
  it('never puts more than a budget (plus one unit) in one task, across the batches of rows (property)', async () => {
    const { reference, whole } = storedPlan();
    const budget = 12;
    let batchesSeen = 0;
    await fc.assert(fc.asyncProperty(
      cuts,
      async ([partBytes, perBatch, durations]) => {
        const { batches } = batchesOf(whole, partBytes, perBatch);
        batchesSeen += batches.length;
        const doc = new Y.Doc({ gc: false });
        let clock = 0;
        let unit = 0;
        let taskStarted = 0;
        let unitStarted = 0;
        let longestTask = 0;
        let longestUnit = 0;
        // Each part is one transaction; applying it advances the clock by its (random) duration.
        doc.on('afterTransaction', () => {
          clock += durations[unit++ % durations.length]!;
          longestUnit = Math.max(longestUnit, clock - unitStarted);
          unitStarted = clock;
        });
        const yieldToPage = async () => {
          longestTask = Math.max(longestTask, clock - taskStarted);
          taskStarted = clock;
          unitStarted = clock;
        };
        expect(await applyBatchesInSlices(doc, batches, 'loader', { now: () => clock, yieldToPage, sliceBudgetMs: budget })).toBe(true);
        longestTask = Math.max(longestTask, clock - taskStarted);
        expect(sameState(doc, reference)).toBe(true);
        // A slice starts a unit only below its budget, so a task holds at most the budget and one more unit.
        expect(longestTask).toBeLessThan(budget + longestUnit);
      },
    ), { numRuns: 40 });
    // The runs had several batches each, not one.
    expect(batchesSeen).toBeGreaterThan(40 * 3);
  });
});
