// The page's driver of work in steps: it yields whenever the budget is spent or input waits, and
// returns what the steps return. Run on a real index build of a generated plan.
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { PlanIndex } from '../../../shared/model/index.js';
import { generatePlan } from '../../../shared/model/fixtures/generate-plan.js';
import { runCooperatively } from '../../../renderer/src/session/cooperative-steps.js';

function plan(): { doc: Y.Doc; now: number } {
  const doc = new Y.Doc();
  const { now } = generatePlan(doc, { nodes: 600, checkIns: 2_000, seed: 3 });
  return { doc, now };
}

describe('runCooperatively', () => {
  it('gives the thread back once per budget and builds the same index as one task', async () => {
    const { doc, now } = plan();
    // A clock that moves 1 ms per reading (one reading per step): a 3 ms budget is three steps.
    let clock = 0;
    let yields = 0;
    let stepsSinceYield = 0;
    let longestRun = 0;
    const index = await runCooperatively(PlanIndex.build(doc, { now }), {
      now: () => { stepsSinceYield++; return clock++; },
      budgetMs: 3,
      yieldToPage: async () => { yields++; longestRun = Math.max(longestRun, stepsSinceYield); stepsSinceYield = 0; },
    });
    expect(yields).toBeGreaterThan(5);
    expect(longestRun).toBeLessThanOrEqual(4);
    const oneTask = new PlanIndex(doc, { now });
    expect(index.summary()).toEqual(oneTask.summary());
    expect([...index.walk()]).toEqual([...oneTask.walk()]);
  });

  it('yields after every step while input is pending, even within the budget', async () => {
    const { doc, now } = plan();
    let steps = 0;
    let yields = 0;
    const counted = PlanIndex.build(doc, { now });
    const counting = (function* (): Generator<void, void, void> {
      for (let next = counted.next(); !next.done; next = counted.next()) { steps++; yield; }
    })();
    await runCooperatively(counting, { now: () => 0, budgetMs: 1_000, inputPending: () => true, yieldToPage: async () => { yields++; } });
    expect(steps).toBeGreaterThan(5);
    expect(yields).toBe(steps);
  });
});
