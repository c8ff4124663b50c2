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

/**
 * A timeline moment as it is named where the plan is shown as of it (the as-of banner, the read-only
 * reason, the stepper): a review point by its label, told apart from another called alike as the pickers
 * and the list tell it ("Weekly review — 7 Dec 2026, 08:28 by Ben Guest"), a day mark by its date. The
 * banner named a point by its name alone, so two "Weekly review"s read alike there (fix41a's "not done").
 */
export function momentLabelText(moment: { key: string; label: string }, labels: ReadonlyMap<string, ReviewPointLabel>): string {
  return moment.key.startsWith('point:') ? pointLabelText(labels.get(moment.key.slice('point:'.length)), moment.label) : moment.label;
}

/**
 * What the as-of banner and the read-only reason say of the moment shown: its label (`momentLabelText`,
 * the name isolated) and, when the label does not already say when it was taken, the time in the plan's zone.
 */
export function asOfWords(moment: { key: string; label: string; at: number }, labels: ReadonlyMap<string, ReviewPointLabel>, timeZone: string): { label: string; time: string | null } {
  const time = formatPlanDayTime(moment.at, timeZone);
  if (!moment.key.startsWith('point:')) return { label: moment.label, time };
  const point = labels.get(moment.key.slice('point:'.length));
  // The name is isolated as in every sentence of ours (its label's taker is isolated already).
  return point?.taken ? { label: pointLabelText(point, moment.label), time: null } : { label: isolatedText(point?.name ?? moment.label), time };
}
