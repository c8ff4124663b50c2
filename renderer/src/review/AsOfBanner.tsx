import { useMemo } from 'react';
import { useControllers } from '../session/controller-context.js';
import { TimelineStepper } from './TimelineStepper.js';
import { useReviewStore } from './review-store.js';
import { asOfWords } from './point-labels.js';
import { Sentence } from '../text/Isolated.js';
import { useAppStore } from '../store/app-store.js';
import { DEFAULT_TIME_ZONE } from '../../../shared/model/index.js';

/** Shown above every view while the plan is shown as it was: what moment, read-only, and the way back. */
export function AsOfBanner() {
  const { review } = useControllers();
  const asOf = useReviewStore((state) => state.asOf);
  const points = useReviewStore((state) => state.points);
  // The plan shown is the one as of the moment: its zone is the one its figures and day marks use.
  const timeZone = useAppStore((state) => state.plan?.index.timeZone ?? DEFAULT_TIME_ZONE);
  // Two review points called alike are told apart here as in the pickers and the list (reviewPointLabels).
  const labels = useMemo(() => review.pointLabels(points), [review, points]);
  if (!asOf) return null;
  const words = asOfWords(asOf, labels, timeZone);
  return (
    <div className="banner as-of-banner" role="region" aria-label="Plan as it was">
      <span>
        <strong>The plan as of “<Sentence text={words.label} />”</strong>{words.time && <> <span className="numeric">({words.time})</span></>}.
        Read-only: nothing you see here can be changed.
      </span>
      <span className="spacer" />
      <TimelineStepper />
      <button type="button" className="button small primary" onClick={() => review.backToNow()}>Back to now</button>
    </div>
  );
}
