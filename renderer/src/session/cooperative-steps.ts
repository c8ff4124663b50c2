import type { Steps } from '../../../shared/model/steps.js';
import type { Slicer } from './slicer.js';

/**
 * How long the page runs steps before it gives the thread back. Well under the 50 ms that makes a
 * long task (a step is well under a millisecond, the slice ends at the first step past the budget):
 * a young-generation GC lands inside some slices (the index keeps most of what it allocates, so each
 * scavenge copies a full nursery: 25–45 ms on a quiet machine, far more under load), and with a 20 ms
 * budget those slices were the 50–62 ms tasks left on a quiet machine. A `scheduler.yield()` costs
 * well under a millisecond, so the shorter slices add little to the open.
 */
export const defaultStepBudgetMs = 8;

export interface CooperativeOptions {
  /** Gives the main thread back to the page (input, rendering) until the next steps may run. */
  yieldToPage: () => Promise<void>;
  now: () => number;
  budgetMs?: number;
  /** True when the user has input waiting: the page yields at once rather than at the budget. */
  inputPending?: () => boolean;
}

/**
 * Runs `steps` between the pauses `slicer` decides (its budget adapts to the slices' wall time, and
 * its clock runs on from the work before: see slicer.ts). Resolves with the steps' result.
 */
export async function runInSlices<T>(steps: Steps<T>, slicer: Slicer): Promise<T> {
  for (;;) {
    await slicer.between();
    const next = steps.next();
    slicer.unitDone();
    if (next.done) return next.value;
  }
}

/**
 * Runs `steps` (work a shared/ function cut into steps, such as building a plan's index) on the
 * page's thread without a long task: as many steps per task as fit in the budget, yielding between
 * tasks. Resolves with the steps' result.
 */
export async function runCooperatively<T>(steps: Steps<T>, options: CooperativeOptions): Promise<T> {
  const budget = options.budgetMs ?? defaultStepBudgetMs;
  let started = options.now();
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (options.now() - started >= budget || options.inputPending?.() === true) {
      await options.yieldToPage();
      started = options.now();
    }
  }
}
