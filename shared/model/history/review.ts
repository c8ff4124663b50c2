/**
 * Reviews end to end: the plan as of a review point (a Plan on a past doc, indexed by the same
 * PlanIndex the live plan uses), the diff between two review points or one and now, and the baseline
 * that priority-shift signals compare against.
 */
import * as Y from 'yjs';
import type { PlanContext } from '../context.js';
import { openPlan, type Plan } from '../plan.js';
import type { PlanIndex } from '../plan-index.js';
import type { PlanBaseline } from '../views.js';
import { decodeReviewSnapshot, heldOfSnapshot, planDocAsOf, seenByBoth, snapshotStateVector } from './as-of.js';
import { docAuthors } from './authors.js';
import { diffPlanStates, type ReviewDiff } from './diff.js';
import { HistoryError, readClientActors, type ReviewPoint } from './history-doc.js';
import { baselineOfState, planStateOf, planStateOfLegacy, type PlanState } from './plan-state.js';

/** A moment of the plan that can be shown: a review point or a day mark. */
export interface HistoryMoment {
  at: number;
  snapshot: Uint8Array;
}

/**
 * Opens the plan as of a moment: a Plan over a past doc, its index computed at that moment's clock.
 * Its operations write only to the scratch doc: the caller shows it read-only. `destroy()` when done.
 */
export function openPlanAsOf(doc: Y.Doc, moment: HistoryMoment, ctx: PlanContext): Plan {
  const past = planDocAsOf(doc, moment.snapshot);
  return openPlan(past, { ...ctx, now: () => moment.at }, { now: moment.at });
}

/** Releases a plan opened by openPlanAsOf. */
export function closePlanAsOf(plan: Plan): void {
  plan.index.destroy();
  plan.doc.destroy();
}

/** One side of a review: the plan state, the doc it was read from, and what it had seen. */
interface ReviewSide {
  state: PlanState;
  doc: Y.Doc | null;
  stateVector: Map<number, number>;
}

/** One side of a review read from a review point; `snapshot`: what of it to read (by default all it had seen). */
function sideOf(doc: Y.Doc, point: ReviewPoint, ctx: PlanContext, snapshot: Uint8Array | null = point.snapshot): ReviewSide {
  if (snapshot) {
    const plan = openPlanAsOf(doc, { at: point.at, snapshot }, ctx);
    try {
      plan.index.refresh(point.at);
      const state = planStateOf(plan.index, point.at);
      // The past doc stays for attribution; its index is no longer needed.
      plan.index.destroy();
      return { state, doc: plan.doc, stateVector: snapshotStateVector(snapshot) };
    } catch (error) {
      plan.doc.destroy();
      throw error;
    }
  }
  if (point.legacy) return { state: planStateOfLegacy(point.legacy), doc: null, stateVector: new Map() };
  throw new HistoryError('no-snapshot', `review point "${point.name}" holds no state of the plan`);
}

/** What the later side of a diff is: a review point, or the live plan now. */
export type ReviewTarget = { kind: 'point'; point: ReviewPoint } | { kind: 'now'; index: PlanIndex; now: number };

/**
 * The earlier sides of past diffs, by review point id and the later side's (`<from>>now`, `<from>><to>`):
 * the earlier side is read from what both sides had seen (seenByBoth), and review points' snapshots never
 * change, so a review that follows the live plan rebuilds only "now" on each edit. `held` is how much of the
 * earlier point's snapshot (`pointStateVector`) the doc held when the side was read (heldOfSnapshot): a side
 * read before a change its taker had seen arrived is read again once it has (review36a F6).
 */
export type ReviewSideCache = Map<string, { state: PlanState; stateVector: Map<number, number>; pointStateVector: Map<number, number>; held: string; unseenByLater: boolean }>;

/**
 * The diff from review point `from` to `to` (another review point, or now). Authors are looked up in
 * the live doc's client map, which knows every device that ever wrote.
 */
export function diffReview(doc: Y.Doc, from: ReviewPoint, to: ReviewTarget, ctx: PlanContext, cache?: ReviewSideCache, options: DiffOptions = {}): ReviewDiff {
  const key = `${from.id}>${to.kind === 'now' ? 'now' : to.point.id}`;
  const kept = cache?.get(key);
  const cached = kept && kept.held === heldOfSnapshot(doc, kept.pointStateVector) ? kept : undefined;
  const earlier = cached ? { ...cached, doc: null } : earlierSide(doc, from, to, ctx);
  if (!cached && cache) {
    if (earlier.doc !== doc) earlier.doc?.destroy();
    earlier.doc = null;
    cache.set(key, { state: earlier.state, stateVector: earlier.stateVector, pointStateVector: earlier.pointStateVector, held: heldOfSnapshot(doc, earlier.pointStateVector), unseenByLater: earlier.unseenByLater });
  }
  let later: ReviewSide | null = null;
  try {
    later = to.kind === 'now'
      ? { state: planStateOf(to.index, to.now), doc, stateVector: Y.decodeStateVector(Y.encodeStateVector(doc)) }
      : sideOf(doc, to.point, ctx);
    const authors = docAuthors(later.doc ?? doc, earlier.stateVector, readClientActors(doc));
    const earlierState = options.fromRecordedAt === undefined ? earlier.state : withGapCheckIns(earlier.state, later.state, options.fromRecordedAt);
    return { ...diffPlanStates(earlierState, later.state, authors), unseenByLater: earlier.unseenByLater };
  } finally {
    if (earlier.doc !== doc) earlier.doc?.destroy();
    if (later && later.doc !== doc) later.doc?.destroy();
  }
}

/** How a diff reads its earlier side when it starts at a time between two records of the plan. */
export interface DiffOptions {
  /**
   * When the record the earlier side was read from was taken (`from.at` is the time picked, later): the
   * check-ins made between the record and the time picked were made before it, so they are not new since it.
   */
  fromRecordedAt?: number;
}

/**
 * The earlier side, with the later side's check-ins made between its record (`recordedAt`) and its time
 * (`earlier.at`) counted as held: "since Monday 09:00" read from Monday's 08:30 day mark must not list the
 * 08:45 check-in. A check-in made before the record that the record had not seen (made offline, merged
 * later) stays new, as it is in a diff from a review point (fix41a: compared from what both had seen).
 */
function withGapCheckIns(earlier: PlanState, later: PlanState, recordedAt: number): PlanState {
  if (recordedAt >= earlier.at) return earlier;
  const heldCheckIns = new Map(earlier.heldCheckIns);
  for (const checkIn of later.checkIns.values()) if (checkIn.at >= recordedAt && checkIn.at < earlier.at && !earlier.checkIns.has(checkIn.id)) heldCheckIns.set(checkIn.id, checkIn);
  return { ...earlier, heldCheckIns };
}

/**
 * The earlier side of a diff: the plan as of `from` as far as the later side had seen it too (seenByBoth;
 * review40b F8), with the point's own state vector (what its taker had seen) and whether anything was left out.
 */
function earlierSide(doc: Y.Doc, from: ReviewPoint, to: ReviewTarget, ctx: PlanContext): ReviewSide & { pointStateVector: Map<number, number>; unseenByLater: boolean } {
  if (!from.snapshot) return { ...sideOf(doc, from, ctx), pointStateVector: new Map(), unseenByLater: false };
  const laterSnapshot = to.kind === 'now' ? Y.snapshot(doc) : to.point.snapshot ? decodeReviewSnapshot(to.point.snapshot) : null;
  if (!laterSnapshot) return { ...sideOf(doc, from, ctx), pointStateVector: snapshotStateVector(from.snapshot), unseenByLater: false };
  const common = seenByBoth(doc, decodeReviewSnapshot(from.snapshot), laterSnapshot);
  return { ...sideOf(doc, from, ctx, Y.encodeSnapshot(common.snapshot)), pointStateVector: snapshotStateVector(from.snapshot), unseenByLater: common.unseenByLater };
}

/**
 * The baseline priority-shift signals compare against, derived from the plan's baseline review point
 * alone: every device holding the same plan derives the same baseline, so the signal agrees.
 */
export function baselineOfReviewPoint(doc: Y.Doc, point: ReviewPoint, ctx: PlanContext): PlanBaseline {
  if (point.legacy && !point.snapshot) return { ...point.legacy, name: point.name };
  const side = sideOf(doc, point, ctx);
  if (side.doc !== doc) side.doc?.destroy();
  return baselineOfState(side.state, point.name);
}
