import { defineCommand, planViewNames, type AnyCommand } from '../commands/command.js';
import type { ReviewController } from './review-controller.js';
import { reviewStore, timelineMoments, timelinePosition } from './review-store.js';

/** Focuses an element of the review view once it is on screen (the command may have just switched views). */
function focusInReview(selector: string): void {
  let frames = 0;
  const attempt = () => {
    const element = document.querySelector<HTMLElement>(selector);
    if (element) element.focus();
    // Up to ~2 s: the review view is a chunk loaded the first time it is shown.
    else if (++frames < 120) requestAnimationFrame(attempt);
  };
  requestAnimationFrame(attempt);
}

const noHistory = 'The plan has no history to show yet: create a review point, or come back tomorrow.';
const showingNow = 'The plan is already shown as it is now.';

/** The timeline's moments and the position shown, read when a command is checked or run. */
function timeline() {
  const state = reviewStore.getState();
  const moments = timelineMoments(state);
  return { moments, position: timelinePosition(moments, state.asOf), asOf: state.asOf };
}

/**
 * The review commands in the registry (palette, keyboard help): they do what the review view's
 * buttons do, through the same `ReviewController`. Creating a review point changes the plan, so a
 * viewer sees it disabled with the reason; looking back and comparing only read.
 */
export function reviewCommands(review: ReviewController): readonly AnyCommand[] {
  const step = (by: number) => {
    const { moments, position } = timeline();
    const moment = moments[position + by];
    if (moment) review.showAsOf(moment);
    else review.backToNow();
  };
  return [
    defineCommand({
      id: 'review.createPoint', label: 'Create review point…', surface: 'window', views: planViewNames, writes: true,
      unavailable: () => (reviewStore.getState().asOf ? 'Go back to now to create a review point.' : null),
      perform: ({ app }) => { app.setView('review'); focusInReview('#review-point-name'); },
    }),
    defineCommand({
      id: 'review.openHistory', label: 'Open history (show the plan as of…)', surface: 'window', views: planViewNames,
      unavailable: () => (timeline().moments.length === 0 ? noHistory : null),
      perform: ({ app }) => { app.setView('review'); focusInReview('.review-head input[type="range"]'); },
    }),
    defineCommand({
      id: 'review.earlier', label: 'Show the plan one moment earlier', surface: 'window', views: planViewNames,
      unavailable: () => {
        const { moments, position } = timeline();
        return moments.length === 0 ? noHistory : position === 0 ? 'This is the earliest moment kept.' : null;
      },
      perform: () => step(-1),
    }),
    defineCommand({
      id: 'review.later', label: 'Show the plan one moment later', surface: 'window', views: planViewNames,
      unavailable: () => (timeline().asOf ? null : showingNow),
      perform: () => step(1),
    }),
    defineCommand({
      id: 'review.backToNow', label: 'Back to now', surface: 'window', views: planViewNames,
      unavailable: () => (reviewStore.getState().asOf ? null : showingNow),
      perform: () => review.backToNow(),
    }),
    defineCommand({
      id: 'review.compare', label: 'Compare with review point…', surface: 'window', views: planViewNames,
      unavailable: () => (reviewStore.getState().points.length === 0 ? 'Create a review point first.' : null),
      perform: ({ app }) => { app.setView('review'); focusInReview('#review-from'); },
    }),
  ];
}
