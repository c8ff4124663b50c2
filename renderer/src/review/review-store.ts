import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { DayMark, ReviewPoint } from '../../../shared/model/history/index.js';
import { formatCalendarDate } from '../outline/labels.js';

/** A moment of the timeline: a review point, or a day mark between them. */
export interface TimelineMoment {
  /** `point:<id>` or `day:<YYYY-MM-DD>`. */
  key: string;
  label: string;
  at: number;
  snapshot: Uint8Array;
}

/** What the review parts of the UI show: the plan's review points and the moment shown, if any. */
export interface ReviewState {
  points: readonly ReviewPoint[];
  dayMarks: readonly DayMark[];
  /** The moment the plan is shown as of (read-only), or null for now. */
  asOf: TimelineMoment | null;
  /** Bumped when anything in the plan's history changed (discussion marks included). */
  version: number;
}

export const reviewStore = createStore<ReviewState>()(() => ({ points: [], dayMarks: [], asOf: null, version: 0 }));

/** Reads the review store in a component. */
export function useReviewStore<T>(selector: (state: ReviewState) => T): T {
  return useStore(reviewStore, selector);
}

/**
 * Every moment of the timeline, oldest first: review points and day marks. A day mark is keyed by its
 * day in the plan's zone (`YYYY-MM-DD`) and labelled with that day in the person's locale ("Dec 5,
 * 2026"), like every other date beside the plan's figures: the day it names, never moved by the
 * viewer's zone.
 */
export function timelineMoments(state: Pick<ReviewState, 'points' | 'dayMarks'>): TimelineMoment[] {
  const moments: TimelineMoment[] = [];
  for (const point of state.points) if (point.snapshot) moments.push({ key: `point:${point.id}`, label: point.name, at: point.at, snapshot: point.snapshot });
  for (const mark of state.dayMarks) moments.push({ key: `day:${mark.day}`, label: formatCalendarDate(mark.day), at: mark.at, snapshot: mark.snapshot });
  return moments.sort((a, b) => a.at - b.at || (a.key < b.key ? -1 : 1));
}

/**
 * Where `asOf` stands among the moments: its index, or `moments.length` for now. A date and time picked in
 * the review (`at:<ms>`, not a stop of the timeline) stands at the last stop taken at or before it.
 */
export function timelinePosition(moments: readonly TimelineMoment[], asOf: TimelineMoment | null): number {
  if (!asOf) return moments.length;
  const index = moments.findIndex((moment) => moment.key === asOf.key);
  if (index >= 0) return index;
  let before = 0;
  moments.forEach((moment, at) => { if (moment.at <= asOf.at) before = at; });
  return before;
}
