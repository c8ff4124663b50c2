import { useControllers } from '../session/controller-context.js';
import { useReviewStore } from './review-store.js';
import { useAppStore } from '../store/app-store.js';
import { isolatedText } from '../../../shared/text/bidi-isolation.js';
import { pointLabelText } from './point-labels.js';

/**
 * Which review point "priorities shifting" compares against: the plan's baseline, stored in the plan,
 * so every device reports the same shifts.
 */
export function BaselinePicker() {
  const { review, app } = useControllers();
  const points = useReviewStore((state) => state.points);
  const baseline = points.find((point) => point.baseline)?.id ?? '';
  // Without a chosen baseline the pulse compares against the last review point (review-controller).
  const last = points[points.length - 1];
  const asOf = useReviewStore((state) => state.asOf);
  const plan = useAppStore((state) => state.plan);
  // As of a past moment, shifts compare against the review points that existed then (review-controller showAsOf,
  // review39b F8): named here, not the live choice, which named a point the card did not compare against.
  if (asOf && plan && plan !== app.plan) {
    const name = plan.index.baselineName;
    return (
      <span className="baseline-picker review-meta">
        Priorities shifting since {name === null ? `no review point before “${isolatedText(asOf.label)}”` : `“${isolatedText(name)}”, the last review point before this moment`}
      </span>
    );
  }
  // Two points called alike say when and by whom (review40b F8).
  const labels = review.pointLabels(points);
  return (
    <span className="baseline-picker">
      <label htmlFor="baseline-review-point" className="review-meta">Priorities shifting since</label>
      <select id="baseline-review-point" value={baseline} onChange={(event) => { review.setBaseline(event.target.value || null); }}>
        <option value="">{last ? `the last review point (${pointLabelText(labels.get(last.id), last.name)})` : 'no review point'}</option>
        {points.map((point) => <option key={point.id} value={point.id}>{pointLabelText(labels.get(point.id), point.name)}</option>)}
      </select>
      {points.length === 0 && <button type="button" className="button small" onClick={() => app.setView('review')}>Name a review point…</button>}
    </span>
  );
}
