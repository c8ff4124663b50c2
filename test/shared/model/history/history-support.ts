// Helpers for the history tests: plans on docs that keep their history, and review sides built the
// way the app builds them.
import * as Y from 'yjs';
import { openPlan, type Plan } from '../../../../shared/model/index.js';
import { createReviewPoint, getReviewPoint, recordClientActor, type ReviewPoint } from '../../../../shared/model/history/index.js';
import { TestContext, T0 } from '../support.js';

/** A fresh plan whose doc keeps history (gc off), with its client recorded for `actor`. */
export function historyPlan(options: { actor?: string; prefix?: string; time?: number; doc?: Y.Doc } = {}): { doc: Y.Doc; ctx: TestContext; plan: Plan } {
  const doc = options.doc ?? new Y.Doc({ gc: false });
  const ctx = new TestContext(options.time ?? T0, options.actor ?? 'alice', options.prefix ?? 'n');
  const plan = openPlan(doc, ctx);
  recordClientActor(doc, { now: ctx.now(), actor: ctx.actor });
  return { doc, ctx, plan };
}

/** A second replica of `doc` (gc off), acting for `actor` (with Yjs client id `clientID` when given). */
export function replicaOf(doc: Y.Doc, actor: string, prefix: string, time: number, clientID?: number): { doc: Y.Doc; ctx: TestContext; plan: Plan } {
  const copy = new Y.Doc({ gc: false });
  if (clientID !== undefined) copy.clientID = clientID;
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return historyPlan({ doc: copy, actor, prefix, time });
}

/** Takes a review point named `name` now and returns it as read back from the doc. */
export function reviewPoint(doc: Y.Doc, ctx: TestContext, id: string, name = id): ReviewPoint {
  createReviewPoint(doc, { id, name }, { now: ctx.now(), actor: ctx.actor });
  const point = getReviewPoint(doc, id);
  if (!point) throw new Error(`review point ${id} was not written`);
  return point;
}

/** Applies every update of each doc that the other lacks. */
export function syncBoth(a: Y.Doc, b: Y.Doc): void {
  const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
  const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
  Y.applyUpdate(b, toB);
  Y.applyUpdate(a, toA);
}

export { T0 };
