import { useControllers } from '../session/controller-context.js';
import { useReviewStore } from './review-store.js';

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
  return (
    <span className="baseline-picker">
      <label htmlFor="baseline-review-point" className="review-meta">Priorities shifting since</label>
      <select id="baseline-review-point" value={baseline} onChange={(event) => { review.setBaseline(event.target.value || null); }}>
        <option value="">{last ? `the last review point (${last.name})` : 'no review point'}</option>
        {points.map((point) => <option key={point.id} value={point.id}>{point.name}</option>)}
      </select>
      {points.length === 0 && <button type="button" className="button small" onClick={() => app.setView('review')}>Name a review point…</button>}
    </span>
  );
}
