// Helpers for the history tests: plans on docs that keep their history, and review sides built the
// way the app builds them.
import * as Y from 'yjs';
import { ROOT_ID, openPlan, type NodeId, type Plan } from '../../../../shared/model/index.js';
import { createReviewPoint, getReviewPoint, listReviewPoints, recordClientActor, type ReviewPoint } from '../../../../shared/model/history/index.js';
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

/** Ben's change in review36a F6: the key result's target 100 → 150. */
const targetTo150 = (ben: Plan, keyResult: NodeId) => { ben.updateNode(keyResult, { target: 150 }); };

/**
 * review36a F6: Ada, Ben and Carol; Ben's target change (100 → 150) reaches Ada before she names "Q1 offsite";
 * Carol's device gets the review point alone, and Ben's change when `benArrives()` is called.
 * `benChanges`: Ben's changes instead of the target's, each made and encoded on its own: `pieces` holds
 * them in order as updates Carol's device lacks (the first with his replica's client record), for a test
 * that delivers them one at a time (ties37's two pieces).
 */
export function pointBeforeChange(benChanges: readonly ((ben: Plan, keyResult: NodeId) => void)[] = [targetTo150]) {
  const ada = historyPlan({ actor: 'ada' });
  const strategy = ada.plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow' });
  const objective = ada.plan.createNode({ kind: 'objective', parent: strategy, title: 'Win EU' });
  const keyResult = ada.plan.createNode({ kind: 'key_result', parent: objective, title: 'Revenue', start: 0, target: 100, direction: 'increase' });
  const carol = replicaOf(ada.doc, 'carol', 'c', ada.ctx.advance(1));
  const ben = replicaOf(ada.doc, 'ben', 'b', ada.ctx.advance(1));
  let seen = Y.encodeStateVector(carol.doc);
  const pieces: Uint8Array[] = [];
  for (const change of benChanges) {
    change(ben.plan, keyResult);
    pieces.push(Y.encodeStateAsUpdate(ben.doc, seen));
    seen = Y.encodeStateVector(ben.doc);
  }
  for (const piece of pieces) Y.applyUpdate(ada.doc, piece);
  ada.ctx.advance(1);
  const before = Y.encodeStateVector(ada.doc);
  reviewPoint(ada.doc, ada.ctx, 'q1', 'Q1 offsite');
  // The review point's own update reaches Carol; Ben's change is still on its way.
  Y.applyUpdate(carol.doc, Y.encodeStateAsUpdate(ada.doc, before));
  const point = () => listReviewPoints(carol.doc).find((candidate) => candidate.id === 'q1')!;
  const benArrives = () => Y.applyUpdate(carol.doc, Y.encodeStateAsUpdate(ben.doc, Y.encodeStateVector(carol.doc)));
  return { ada, ben, carol, keyResult, point, benArrives, pieces };
}

export { T0 };

