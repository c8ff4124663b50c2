import type { ReviewPoint } from '../../../shared/model/history/index.js';
import { groupBy } from '../../../shared/collections/group-by.js';
import { foldForSearch } from '../../../shared/text/fold-for-search.js';
import { isolatedText } from '../../../shared/text/bidi-isolation.js';
import { formatPlanDayTime } from '../outline/labels.js';

/** How one review point is told apart: its name, and when another is called alike, when it was taken and by whom. */
export interface ReviewPointLabel {
  name: string;
  /** "7 Dec 2026, 09:12 by Ben Marsh" (the taker isolated), or null when no other point is called alike. */
  taken: string | null;
}

/**
 * Labels for the review points where one is picked or named (the Since/until pickers, the baseline picker,
 * the list, the exported report). Two points of one name — "Weekly review" taken by Ben offline and by Ada
 * online the same day (review40b F8) — were two identical options: each also says when it was taken and by
 * whom; points alike in that too are numbered in the order taken. Names compare as the app's searches do
 * (foldForSearch: "Weekly review" and "weekly  review" read alike).
 */
export function reviewPointLabels(points: readonly ReviewPoint[], timeZone: string, nameOf: (actor: string) => string): Map<string, ReviewPointLabel> {
  const byName = groupBy(points, (point) => foldForSearch(point.name).trim());
  const labels = new Map<string, ReviewPointLabel>();
  for (const alike of byName.values()) {
    const taken = alike.map((point) => `${formatPlanDayTime(point.at, timeZone)} by ${isolatedText(nameOf(point.by))}`);
    alike.forEach((point, index) => {
      if (alike.length === 1) { labels.set(point.id, { name: point.name, taken: null }); return; }
      const twin = taken.filter((words) => words === taken[index]).length > 1;
      labels.set(point.id, { name: point.name, taken: twin ? `${taken[index]} (${index + 1} of ${alike.length})` : taken[index]! });
    });
  }
  return labels;
}

/** A point's label as one line of text: "Weekly review — 7 Dec 2026, 09:12 by Ben Marsh", or its name alone. */
export function pointLabelText(label: ReviewPointLabel | undefined, fallback: string): string {
  if (!label) return fallback;
  return label.taken === null ? label.name : `${isolatedText(label.name)} — ${label.taken}`;
}
