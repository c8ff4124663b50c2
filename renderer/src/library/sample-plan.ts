import type * as Y from 'yjs';
import type { PlanBaseline, PlanContext } from '../../../shared/model/index.js';
import { buildSamplePlan } from '../../../shared/model/fixtures/sample-plan.js';

/**
 * Writes the sample company plan (a quarter of history, every signal firing) into an empty doc and
 * returns its review point, against which its priority shifts show. `timeZone` is the plan's zone
 * (its creator's, as for a new plan); null leaves it in UTC.
 */
export function buildSampleInto(doc: Y.Doc, ctx: PlanContext, name: string, timeZone: string | null): PlanBaseline {
  return buildSamplePlan(doc, ctx, { name, ...(timeZone !== null ? { timeZone } : {}) }).baseline;
}
