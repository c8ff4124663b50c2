import type { ReviewPoint } from '../../../shared/model/history/index.js';
import type { TimelineMoment } from './review-store.js';

/**
 * The review point the plan as of `moment` compares priority shifts against (review39b F8): the pulse's card said
 * "no review point to compare against yet" as of "After lunch", while "Offsite start" existed then and a target had
 * changed since. The points that existed before that moment (those listed before the point shown, or taken before
 * the day shown), and among them the plan's chosen baseline, else the last. Null when none came before it.
 */
export function asOfBaselinePoint(points: readonly ReviewPoint[], moment: Pick<TimelineMoment, 'key' | 'at'>): ReviewPoint | null {
  const shown = moment.key.startsWith('point:') ? points.findIndex((point) => `point:${point.id}` === moment.key) : -1;
  const before = shown >= 0 ? points.slice(0, shown) : points.filter((point) => point.at < moment.at);
  return before.find((point) => point.baseline) ?? before[before.length - 1] ?? null;
}
