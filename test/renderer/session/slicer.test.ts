// The opening's slicer (renderer/src/session/slicer.ts): its budget rule, its unit estimate, and its
// clock running on across the batches of the stored plan and into the index build. Real Y.Docs, real
// generated plans and the real index; the clock is a counter the work advances (no timed assertions).
import * as Y from 'yjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextBudgetMs, openingSliceRule, Slicer, type SliceRule } from '../../../renderer/src/session/slicer.js';
import { runInSlices } from '../../../renderer/src/session/cooperative-steps.js';
import { applyBatchesInSlices } from '../../../renderer/src/persistence/sliced-load.js';
import { generatePlan } from '../../../shared/model/fixtures/generate-plan.js';
import { PlanIndex } from '../../../shared/model/plan-index.js';
import { batchesOf, cuts, sameState, storedPlan } from '../persistence/stored-batches.js';

const rules = fc.record({ minMs: fc.integer({ min: 1, max: 4 }), spanMs: fc.integer({ min: 0, max: 20 }), overrunMs: fc.integer({ min: 5, max: 40 }) })
  .map(({ minMs, spanMs, overrunMs }): SliceRule => ({ minMs, maxMs: minMs + spanMs, startMs: minMs + spanMs, overrunMs }));

/** A slice as the work saw it: the clock when it started, each unit's duration, the budget it ran with. */
interface SeenSlice { budget: number; units: number[] }

describe('the budget rule', () => {
  it('stays within its bounds, never grows after an overrun, and recovers after slices within it (property)', () => {
    fc.assert(fc.property(rules, fc.array(fc.integer({ min: 0, max: 120 }), { minLength: 1, maxLength: 60 }), (rule, took) => {
      let budget = rule.startMs;
      for (const ms of took) {
        const next = nextBudgetMs(rule, budget, ms);
        expect(next).toBeGreaterThanOrEqual(rule.minMs);
        expect(next).toBeLessThanOrEqual(rule.maxMs);
        if (ms > rule.overrunMs) expect(next).toBeLessThanOrEqual(budget);
        budget = next;
      }
      // Slices within the limit bring the budget back to its maximum.
      for (let i = 0; i < 40; i++) budget = nextBudgetMs(rule, budget, 0);
      expect(budget).toBe(rule.maxMs);
    }));
  });

  it('halves the opening budget after a slice a scavenge made long', () => {
    expect(nextBudgetMs(openingSliceRule, 8, 55)).toBe(4);
    expect(nextBudgetMs(openingSliceRule, 4, 60)).toBe(4);
    expect(nextBudgetMs(openingSliceRule, 4, 9)).toBe(5);
    expect(nextBudgetMs(openingSliceRule, 7, 3)).toBe(8);
  });
});

describe('the slicer', () => {
  it('starts no unit it expects to cross the budget: with units of one length, no slice of several units is over its budget (property)', async () => {
    await fc.assert(fc.asyncProperty(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 5, max: 80 }), async (unitMs, units) => {
      let clock = 0;
      const slices: SeenSlice[] = [];
      const slicer = new Slicer({ now: () => clock, yieldToPage: async () => {}, onSlice: () => undefined });
      let current: SeenSlice = { budget: slicer.budgetMs, units: [] };
      for (let i = 0; i < units; i++) {
        if (slicer.due()) {
          slices.push(current);
          await slicer.pause();
          current = { budget: slicer.budgetMs, units: [] };
        }
        clock += unitMs;
        current.units.push(unitMs);
        slicer.unitDone();
      }
      slices.push(current);
      for (const slice of slices.slice(1)) {
        // The first slice has no estimate yet; after it, a unit is started only if it fits.
        const took = slice.units.reduce((sum, ms) => sum + ms, 0);
        if (slice.units.length > 1) expect(took).toBeLessThanOrEqual(slice.budget);
        expect(slice.units.length).toBeGreaterThanOrEqual(1);
      }
    }));
  });

  it('never puts more than a budget (plus one unit) of the stored plan in one task, across the batches of rows (property)', async () => {
    const { reference, whole } = storedPlan();
    await fc.assert(fc.asyncProperty(
      cuts,
      async ([partBytes, perBatch, durations]) => {
        const { parts, batches } = batchesOf(whole, partBytes, perBatch);
        const doc = new Y.Doc({ gc: false });
        let clock = 0;
        let unit = 0;
        // Each part is one transaction; applying it advances the clock by its (random) duration.
        doc.on('afterTransaction', () => { clock += durations[unit++ % durations.length]!; });
        let taskStarted = 0;
        let lastUnitEnd = 0;
        let longestTask = 0;
        let longestUnit = 0;
        const slicer = new Slicer({
          now: () => clock,
          yieldToPage: async () => { longestTask = Math.max(longestTask, clock - taskStarted); taskStarted = clock; lastUnitEnd = clock; },
        });
        doc.on('afterTransaction', () => { longestUnit = Math.max(longestUnit, clock - lastUnitEnd); lastUnitEnd = clock; });
        expect(await applyBatchesInSlices(doc, batches, 'loader', { now: () => clock, yieldToPage: async () => {}, slicer })).toBe(true);
        longestTask = Math.max(longestTask, clock - taskStarted);
        expect(sameState(doc, reference)).toBe(true);
        // A slice starts a unit only below its budget, so a task holds at most the budget and one more unit.
        expect(longestTask).toBeLessThan(openingSliceRule.maxMs + longestUnit);
        if (parts.length > 2 * perBatch && Math.min(...durations) >= openingSliceRule.maxMs) expect(slicer.slices).toBeGreaterThanOrEqual(parts.length - 1);
      },
    ), { numRuns: 25 });
  });

  it('carries its clock from the apply into the index build, which yields first once the budget is spent', async () => {
    const doc = new Y.Doc({ gc: false });
    const { now: at } = generatePlan(doc, { nodes: 400, checkIns: 1_200, seed: 5 });
    let clock = 0;
    const events: string[] = [];
    const slicer = new Slicer({ now: () => clock, yieldToPage: async () => { events.push('yield'); } });
    // The apply's last unit spent the budget; the build's first step comes in the same task.
    clock += 7;
    slicer.unitDone();
    const index = await runInSlices((function* () {
      events.push('step');
      const built = yield* PlanIndex.build(doc, { now: at });
      return built;
    })(), slicer);
    expect(events[0]).toBe('yield');
    expect(index.summary()).toEqual(new PlanIndex(doc, { now: at }).summary());
  });
});
