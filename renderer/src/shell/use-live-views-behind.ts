import { useDeferredValue } from 'react';
import type { FirstScreen } from '../../../shared/model/first-screen.js';
import type { OpenState } from '../store/app-state.js';

/** What the window shows of the opening or open plan: its state, and the stored first screen while it opens. */
export interface ShownOpening {
  openState: OpenState;
  firstScreen: FirstScreen | null;
}

/**
 * The swap from the stored first screen to the live views, rendered behind the first screen.
 *
 * The plan opens through the store (`setPlan`), whose updates React renders at once and in one
 * piece: creating the live outline, its toolbar and details and the page around them took one
 * main-thread task of 50–80 ms (the last long task of a large plan's open). Here the window keeps
 * showing the first screen for that update and renders the live views as a deferred update, which
 * React renders in slices of a few milliseconds between other work; only its commit (the first
 * screen's rows out, the live ones in) is one task. Everything else (closing, failing, opening
 * another plan, a plan opened without a stored first screen) shows at once, as before.
 *
 * While the live views render behind, the first screen is still the one on the page: a scroll, a
 * selection or typing there goes on as before (each restarts the background render, which reads
 * the store afresh), and the live outline takes them over when it commits.
 */
export function useLiveViewsBehind(current: ShownOpening): ShownOpening {
  const openState = useDeferredValue(current.openState);
  const firstScreen = useDeferredValue(current.firstScreen);
  const swapping = current.openState.kind === 'open' && openState.kind === 'opening' && openState.planId === current.openState.planId
    && firstScreen !== null && firstScreen.planId === openState.planId;
  return swapping ? { openState, firstScreen } : current;
}
