import { z } from 'zod';
import type { PlanBaseline } from '../../../shared/model/index.js';
import { readStored, writeStored, type KeyValueStore } from '../library/key-value-store.js';

const baselineSchema = z.object({
  at: z.number(),
  name: z.string(),
  nodes: z.record(z.string(), z.object({
    kind: z.enum(['strategy', 'objective', 'key_result', 'kpi', 'initiative', 'task']),
    parent: z.string(), title: z.string(), target: z.number().nullable(), weight: z.number().nullable(),
    priority: z.string().nullable(), owner: z.string().nullable(),
  })),
}) satisfies z.ZodType<PlanBaseline>;

const reviewPointKey = (planId: string) => `throughline:review-point:${planId}`;

/** The review point of a plan on this device ("priorities shifting" compares against it), or null. */
export function readReviewPoint(store: KeyValueStore, planId: string): PlanBaseline | null {
  return readStored(store, reviewPointKey(planId), baselineSchema.nullable(), null);
}

export function writeReviewPoint(store: KeyValueStore, planId: string, baseline: PlanBaseline): void {
  writeStored(store, reviewPointKey(planId), baseline);
}

export function removeReviewPoint(store: KeyValueStore, planId: string): void {
  store.removeItem(reviewPointKey(planId));
}
