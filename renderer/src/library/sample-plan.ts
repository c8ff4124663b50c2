import type * as Y from 'yjs';
import type { PlanBaseline, PlanContext } from '../../../shared/model/index.js';
import { buildSamplePlan } from '../../../shared/model/fixtures/sample-plan.js';

/**
 * Writes the sample company plan (a quarter of history, every signal firing) into an empty doc and
 * returns its review point, against which its priority shifts show.
 */
export function buildSampleInto(doc: Y.Doc, ctx: PlanContext, name: string): PlanBaseline {
  return buildSamplePlan(doc, ctx, { name }).baseline;
}
