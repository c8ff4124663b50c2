import { useMemo, useState } from 'react';
import type { ReviewPoint } from '../../../shared/model/history/index.js';
import { useControllers } from '../session/controller-context.js';
import { useReviewStore } from './review-store.js';
import { formatPlanDayTime, typedTextProblem } from '../outline/labels.js';
import { useAppStore } from '../store/app-store.js';
import { DEFAULT_TIME_ZONE } from '../../../shared/model/index.js';
import { pointLabelText } from './point-labels.js';

/** As long as the plan accepts (reviewNameSchema); longer names stay as typed with a message. */
const NAME_LIMIT = 120;

/** The plan's review points: name the current moment, rename, delete, pick the baseline, look back. */
export function ReviewPointList() {
  const { review } = useControllers();
  const points = useReviewStore((state) => state.points);
  const planVersion = useAppStore((state) => state.planVersion);
  // Two points called alike are told apart by when and by whom (review40b F8), for a screen reader too.
  const labels = useMemo(() => { void planVersion; return review.pointLabels(points); }, [review, points, planVersion]);
  const [name, setName] = useState('');
  const nameProblem = typedTextProblem('name', name.trim(), NAME_LIMIT);
  const nameRefused = nameProblem !== null;
  const create = (event: React.FormEvent) => {
    event.preventDefault();
    if (!nameRefused && review.create(name)) setName('');
  };
  return (
    <section className="review-points card" aria-labelledby="review-points-heading">
      <h3 id="review-points-heading">Review points</h3>
      <form className="review-point-form" onSubmit={create}>
        <label htmlFor="review-point-name">Name this moment</label>
        <input id="review-point-name" value={name} placeholder="e.g. Q1 offsite" aria-invalid={nameRefused ? true : undefined}
          aria-describedby={nameRefused ? 'review-point-name-too-long' : undefined} onChange={(event) => setName(event.target.value)} />
        <button type="submit" className="button small primary" disabled={name.trim().length === 0 || nameRefused}>Create review point</button>
        {nameProblem && <span id="review-point-name-too-long" className="field-error" role="alert">{nameProblem}</span>}
      </form>
      {points.length === 0 && <p className="muted">No review points yet. Name one at the start of a review; the next review shows what changed since.</p>}
      <ul className="review-point-list">
        {[...points].reverse().map((point) => <ReviewPointRow key={point.id} point={point} label={pointLabelText(labels.get(point.id), point.name)} />)}
      </ul>
    </section>
  );
}

/** One review point; `label`: its name, with when and by whom when another is called alike (reviewPointLabels). */
function ReviewPointRow({ point, label }: { point: ReviewPoint; label: string }) {
  const { review } = useControllers();
  const [renaming, setRenaming] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const timeZone = useAppStore((state) => state.plan?.index.timeZone ?? DEFAULT_TIME_ZONE);
  const renameProblem = renaming !== null ? typedTextProblem('name', renaming.trim(), NAME_LIMIT) : null;
  const renameRefused = renameProblem !== null;
  const rename = (event: React.FormEvent) => {
    event.preventDefault();
    if (renaming !== null && !renameRefused && review.rename(point.id, renaming)) setRenaming(null);
  };
  return (
    <li className="review-point-row" aria-label={label}>
      {renaming === null
        ? <span className="review-point-name">{point.name}{point.baseline && <span className="badge" title="Priorities shifting compares against this review point">baseline</span>}</span>
        : (
          <form onSubmit={rename} className="inline-form">
            <input aria-label={`New name for ${point.name}`} value={renaming} autoFocus aria-invalid={renameRefused ? true : undefined}
              aria-describedby={renameRefused ? `rename-${point.id}-too-long` : undefined} onChange={(event) => setRenaming(event.target.value)} />
            <button type="submit" className="button small" disabled={renameRefused}>Save</button>
            <button type="button" className="button small" onClick={() => setRenaming(null)}>Cancel</button>
            {renameProblem && <span id={`rename-${point.id}-too-long`} className="field-error" role="alert">{renameProblem}</span>}
          </form>
        )}
      <span className="review-meta numeric">{formatPlanDayTime(point.at, timeZone)} · {review.nameOf(point.by)}{point.legacy ? ' · kept on one device before' : ''}</span>
      <span className="review-point-actions">
        {point.snapshot && (
          <button type="button" className="button small" onClick={() => review.showAsOf({ key: `point:${point.id}`, label: point.name, at: point.at, snapshot: point.snapshot! })}>
            Show plan as of this
          </button>
        )}
        {!point.baseline && <button type="button" className="button small" onClick={() => review.setBaseline(point.id)}>Make baseline</button>}
        <button type="button" className="button small" onClick={() => setRenaming(point.name)} aria-label={`Rename ${label}`}>Rename</button>
        {confirming
          ? <button type="button" className="button small danger" onClick={() => { review.remove(point.id); setConfirming(false); }}>Confirm delete</button>
          : <button type="button" className="button small" onClick={() => setConfirming(true)} aria-label={`Delete ${label}`}>Delete</button>}
      </span>
    </li>
  );
}
