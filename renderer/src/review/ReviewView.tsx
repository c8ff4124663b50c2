import { useEffect, useMemo, useState } from 'react';
import { useControllers } from '../session/controller-context.js';
import { useAppStore } from '../store/app-store.js';
import { ReviewDiffList } from './ReviewDiffList.js';
import { ReviewPointList } from './ReviewPointList.js';
import { TimelineStepper } from './TimelineStepper.js';
import type { CompareTarget } from './review-controller.js';
import { useReviewStore } from './review-store.js';
import { pointLabelText } from './point-labels.js';

/**
 * The review meeting: pick two review points (or one and now), walk the changes strategy by
 * strategy, mark each discussed, and export the review section.
 */
export function ReviewView() {
  const { review } = useControllers();
  const points = useReviewStore((state) => state.points);
  const historyVersion = useReviewStore((state) => state.version);
  const planVersion = useAppStore((state) => state.planVersion);
  const asOf = useReviewStore((state) => state.asOf);
  const defaultFrom = points.find((point) => point.baseline)?.id ?? points[points.length - 1]?.id ?? '';
  const [chosenFrom, setFrom] = useState<string>('');
  const [to, setTo] = useState<CompareTarget>('now');
  const from = points.some((point) => point.id === chosenFrom) ? chosenFrom : defaultFrom;
  // A point is never compared with itself: the "until" picker does not offer the "Since" point, so it
  // showed "now" while the list compared that point with itself ("Nothing changed"; review44c F2).
  const target = to !== from && (to === 'now' || points.some((point) => point.id === to)) ? to : 'now';
  useEffect(() => { if (chosenFrom && !points.some((point) => point.id === chosenFrom)) setFrom(''); }, [points, chosenFrom]);
  // The diff follows the plan live while the meeting runs (every edit bumps planVersion).
  const result = useMemo(() => { void planVersion; void historyVersion; return from ? review.diff(from, target) : null; }, [review, from, target, planVersion, historyVersion]);
  const fromPoint = points.find((point) => point.id === from);
  // Two points called alike say when and by whom in the pickers (review40b F8).
  const labels = useMemo(() => { void planVersion; return review.pointLabels(points); }, [review, points, planVersion]);
  const optionText = (id: string, name: string) => pointLabelText(labels.get(id), name);

  const download = () => {
    const markdown = review.reviewSection(from, target);
    const url = URL.createObjectURL(new Blob([markdown], { type: 'text/markdown' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `review-${(fromPoint?.name ?? 'plan').replace(/[^A-Za-z0-9-]+/g, '-')}.md`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <div className="review-view">
      <div className="review-head">
        <div>
          <h2>Review</h2>
          <p className="muted">What changed since the last review: walk it item by item, mark what was discussed.</p>
        </div>
        <TimelineStepper />
      </div>
      <div className="review-columns">
        <ReviewPointList />
        <section className="review-diff card" aria-labelledby="review-diff-heading">
          <h3 id="review-diff-heading">Changes</h3>
          {asOf && <p className="muted">The changes below compare the live plan; the views show the plan as of “{asOf.label}”.</p>}
          {points.length === 0
            ? <p className="muted">Create a review point to compare the plan against it.</p>
            : (
              <>
                <div className="review-compare">
                  <label htmlFor="review-from">Since</label>
                  <select id="review-from" value={from} onChange={(event) => { setFrom(event.target.value); if (event.target.value === to) setTo('now'); }}>
                    {points.map((point) => <option key={point.id} value={point.id}>{optionText(point.id, point.name)}</option>)}
                  </select>
                  <label htmlFor="review-to">until</label>
                  <select id="review-to" value={target} onChange={(event) => setTo(event.target.value)}>
                    <option value="now">now</option>
                    {points.filter((point) => point.id !== from).map((point) => <option key={point.id} value={point.id}>{optionText(point.id, point.name)}</option>)}
                  </select>
                  <span className="spacer" />
                  <button type="button" className="button small" onClick={download} disabled={!result?.ok}>Export Markdown</button>
                  <button type="button" className="button small" onClick={() => window.print()} disabled={!result?.ok}>Print or save as PDF</button>
                </div>
                {result && !result.ok && <p className="error-text" role="alert">{result.message}</p>}
                {result?.ok && fromPoint && <ReviewDiffList diff={result.diff} fromPoint={fromPoint} live={target === 'now'} />}
              </>
            )}
        </section>
      </div>
    </div>
  );
}
