import { useControllers } from '../session/controller-context.js';
import { TimelineStepper } from './TimelineStepper.js';
import { useReviewStore } from './review-store.js';
import { formatDayTime } from '../outline/labels.js';

/** Shown above every view while the plan is shown as it was: what moment, read-only, and the way back. */
export function AsOfBanner() {
  const { review } = useControllers();
  const asOf = useReviewStore((state) => state.asOf);
  if (!asOf) return null;
  return (
    <div className="banner as-of-banner" role="region" aria-label="Plan as it was">
      <span>
        <strong>The plan as of “{asOf.label}”</strong> <span className="numeric">({formatDayTime(asOf.at)})</span>.
        Read-only: nothing you see here can be changed.
      </span>
      <span className="spacer" />
      <TimelineStepper />
      <button type="button" className="button small primary" onClick={() => review.backToNow()}>Back to now</button>
    </div>
  );
}
