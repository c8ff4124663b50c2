import { useControllers } from '../session/controller-context.js';
import { useAppStore } from '../store/app-store.js';
import { statusExplanation } from '../sync/sync-status.js';
import { AsOfBanner } from '../review/AsOfBanner.js';
import { useReviewStore } from '../review/review-store.js';

/** Explanations that must not be missed: read-only, a refused connection, and "who am I" unset. */
export function PlanBanners() {
  const { app } = useControllers();
  const readOnlyReason = useAppStore((state) => state.readOnlyReason);
  const status = useAppStore((state) => state.syncStatus);
  const identity = useAppStore((state) => state.identity);
  const openDialog = useAppStore((state) => state.openDialog);
  const showingPast = useReviewStore((state) => state.asOf !== null);
  // Presenting, the canvas shows the moment's banner itself (over the whole window).
  const presenting = useAppStore((state) => state.presenting);
  const readOnlyShown = readOnlyReason !== null && !showingPast;
  if (!readOnlyShown && status.phase.kind !== 'refused' && identity && (!showingPast || presenting)) return null;
  // A named region, so the banners sit in a landmark like the rest of the window (axe `region`).
  return (
    <section className="plan-banners" aria-label="About this plan">
      {showingPast && !presenting && <AsOfBanner />}
      {readOnlyShown && (
        <div className="banner info" role="note" aria-label="Read-only">
          <strong>Read-only.</strong> {readOnlyReason}
        </div>
      )}
      {status.phase.kind === 'refused' && (
        <div className="banner danger" role="alert">
          <span><strong>Not syncing.</strong> {statusExplanation(status)}</span>
          <span className="spacer" />
          <button type="button" className="button small" onClick={() => app.retrySync()}>Retry</button>
          <button type="button" className="button small" onClick={() => openDialog('join')}>Use another link</button>
        </div>
      )}
      {!identity && (
        <div className="banner warning">
          {/* A viewer cannot check in (review39b F11): only presence carries the name. */}
          <span>{readOnlyReason ? 'Tell the plan who you are, so others see who is here.' : 'Tell the plan who you are, so your check-ins and presence carry your name.'}</span>
          <span className="spacer" />
          <button type="button" className="button small" onClick={() => openDialog('identity')}>Set who I am</button>
        </div>
      )}
    </section>
  );
}
