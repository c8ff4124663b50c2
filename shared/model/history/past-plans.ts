/**
 * The last few moments shown, kept open. Opening the plan as of a moment rebuilds a document and its
 * index (seconds for a large plan with a year of history); stepping the timeline back and forth, or
 * flipping between "as of the offsite" and now, shows the same moments again. A past plan never
 * changes (its snapshot is immutable), so a kept one is as good as a new one.
 */
import type * as Y from 'yjs';
import type { PlanContext } from '../context.js';
import type { Plan } from '../plan.js';
import { heldOfSnapshot, snapshotStateVector } from './as-of.js';
import { closePlanAsOf, openPlanAsOf, type HistoryMoment } from './review.js';

/** A moment with a stable key (`point:<id>` or `day:<date>`). */
export interface KeyedMoment extends HistoryMoment {
  key: string;
}

export class PastPlans {
  /** Most recently used last. */
  private readonly kept = new Map<string, { plan: Plan; snapshot: Uint8Array; stateVector: Map<number, number>; held: string }>();

  constructor(private readonly doc: Y.Doc, private readonly ctx: PlanContext, private readonly capacity = 3) {
    if (capacity < 1) throw new RangeError('PastPlans keeps at least one plan');
  }

  /** The plan as of `moment`, opened now or kept from before. Throws what openPlanAsOf throws. */
  open(moment: KeyedMoment): Plan {
    const kept = this.kept.get(moment.key);
    // The same key with other bytes (a day mark rewritten by another device) is another moment; the
    // same bytes opened before a change they had seen arrived here are opened again (review36a F6).
    if (kept && kept.snapshot === moment.snapshot && kept.held === heldOfSnapshot(this.doc, kept.stateVector)) {
      this.kept.delete(moment.key);
      this.kept.set(moment.key, kept);
      return kept.plan;
    }
    if (kept) { this.kept.delete(moment.key); closePlanAsOf(kept.plan); }
    const plan = openPlanAsOf(this.doc, moment, this.ctx);
    const stateVector = snapshotStateVector(moment.snapshot);
    this.kept.set(moment.key, { plan, snapshot: moment.snapshot, stateVector, held: heldOfSnapshot(this.doc, stateVector) });
    while (this.kept.size > this.capacity) {
      const [oldest, entry] = this.kept.entries().next().value as [string, { plan: Plan }];
      this.kept.delete(oldest);
      closePlanAsOf(entry.plan);
    }
    return plan;
  }

  /** How many past plans are open. */
  get size(): number {
    return this.kept.size;
  }

  /** Closes every kept plan (the live plan closed, or another one opened). */
  clear(): void {
    for (const { plan } of this.kept.values()) closePlanAsOf(plan);
    this.kept.clear();
  }
}
