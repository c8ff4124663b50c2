/**
 * A comparison from any date and time, not only from a review point: "what changed since last Monday
 * 09:00" without a point taken then. The plan's history holds the plan as it was at its review points and
 * day marks only (a snapshot each); a time between them reads the plan as last recorded at or before it.
 */
import type * as Y from 'yjs';
import { listDayMarks, listReviewPoints } from './history-doc.js';

/** A recorded state of the plan: a review point's or a day mark's snapshot, and when it was taken. */
export interface RecordedMoment {
  /** `point:<id>` or `day:<YYYY-MM-DD>`. */
  key: string;
  at: number;
  snapshot: Uint8Array;
}

/** Why a time cannot be compared from: it is after `now`, or before the first record of the plan (`earliest`). */
export type TimeProblem = { kind: 'future'; now: number } | { kind: 'before-history'; earliest: number } | { kind: 'no-history' };

/** Every recorded state of the plan (review points with a snapshot, day marks), oldest first. */
export function recordedMoments(doc: Y.Doc): RecordedMoment[] {
  const moments: RecordedMoment[] = [];
  for (const point of listReviewPoints(doc)) if (point.snapshot) moments.push({ key: `point:${point.id}`, at: point.at, snapshot: point.snapshot });
  for (const mark of listDayMarks(doc)) moments.push({ key: `day:${mark.day}`, at: mark.at, snapshot: mark.snapshot });
  return moments.sort((a, b) => a.at - b.at || (a.key < b.key ? -1 : 1));
}

/**
 * The plan's record to read the plan at `at` from: the last one taken at or before it. Refused for a time
 * after `now` (nothing to compare yet) and before the plan's first record (the plan as it was then is not
 * known; its history starts there).
 */
export function recordAtOrBefore(doc: Y.Doc, at: number, now: number): { ok: true; record: RecordedMoment } | { ok: false; problem: TimeProblem } {
  if (at > now) return { ok: false, problem: { kind: 'future', now } };
  const moments = recordedMoments(doc);
  if (moments.length === 0) return { ok: false, problem: { kind: 'no-history' } };
  let record: RecordedMoment | null = null;
  for (const moment of moments) if (moment.at <= at) record = moment;
  return record ? { ok: true, record } : { ok: false, problem: { kind: 'before-history', earliest: moments[0]!.at } };
}
