import { useMemo } from 'react';
import { useControllers } from '../session/controller-context.js';
import { timelineMoments, timelinePosition, useReviewStore } from './review-store.js';
import { momentLabelText } from './point-labels.js';

/**
 * Steps through the plan's history: review points and the day marks between them, oldest first;
 * the last step is now. Each step shows the plan as it was at that moment.
 */
export function TimelineStepper() {
  const { review } = useControllers();
  const points = useReviewStore((state) => state.points);
  const dayMarks = useReviewStore((state) => state.dayMarks);
  const asOf = useReviewStore((state) => state.asOf);
  const moments = useMemo(() => timelineMoments({ points, dayMarks }), [points, dayMarks]);
  // Two review points called alike say when and by whom here too (review40b F8).
  const pointLabels = useMemo(() => review.pointLabels(points), [review, points]);
  if (moments.length === 0) return null;
  const position = timelinePosition(moments, asOf);
  const go = (index: number) => {
    const moment = moments[index];
    if (moment) review.showAsOf(moment);
    else review.backToNow();
  };
  const label = (index: number) => {
    const moment = moments[index];
    if (!moment) return 'now';
    return momentLabelText(moment, pointLabels);
  };
  // A date and time picked in the review is no stop of the timeline: it is named as picked.
  const shown = asOf && !moments.some((moment) => moment.key === asOf.key) ? asOf.label : label(position);
  return (
    <span className="timeline" role="group" aria-label="Timeline">
      <button type="button" className="button small" disabled={position === 0} onClick={() => go(position - 1)}
        aria-label={position > 0 ? `Earlier: ${label(position - 1)}` : 'Earlier'}>◀</button>
      <input type="range" min={0} max={moments.length} step={1} value={position} aria-label="Moment shown"
        aria-valuetext={shown} onChange={(event) => go(Number(event.target.value))} />
      <button type="button" className="button small" disabled={position >= moments.length} onClick={() => go(position + 1)}
        aria-label={position < moments.length ? `Later: ${label(position + 1)}` : 'Later'}>▶</button>
      <span className="timeline-label">{shown}</span>
    </span>
  );
}
