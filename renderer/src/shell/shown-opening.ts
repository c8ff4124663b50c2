import { useDeferredValue, useState } from 'react';
import type { FirstScreen } from '../../../shared/model/first-screen.js';
import { useControllers } from '../session/controller-context.js';
import { swapInOneTaskKey } from '../session/plan-session.js';
import type { OpenState } from '../store/app-state.js';
import { useAppStore } from '../store/app-store.js';

/** What the shell's main area shows of the plan being opened. */
export interface ShownOpening {
  openState: OpenState;
  firstScreen: FirstScreen | null;
}

/**
 * What to show, given the store's state now and React's deferred copy of it. Only the swap from a
 * plan's stored first screen to its live views waits for the deferred copy (the first screen stays
 * on show meanwhile); every other change shows at once.
 */
export function shownOpening(current: ShownOpening, deferred: ShownOpening): ShownOpening {
  const swapping = current.openState.kind === 'open' && deferred.openState.kind === 'opening'
    && deferred.openState.planId === current.openState.planId && deferred.firstScreen?.planId === current.openState.planId;
  return swapping ? deferred : current;
}

/**
 * The open state and first screen the shell's main area renders. The live views of a 20,000-node
 * plan took one task of 60–95 ms to render and commit in place of its stored first screen, the last
 * task over 50 ms of the open: rendered from a deferred value, React renders them in the background
 * in slices of a few milliseconds (the page answers input between them) and only the commit is one
 * task. The first screen stays interactive until then: what is typed, selected or scrolled there is
 * in the store and carries over, and a title committed there is written to the open plan
 * (`PlanSessions.renameWhileOpening`).
 */
export function useShownOpening(): ShownOpening {
  const { app } = useControllers();
  const openState = useAppStore((state) => state.openState);
  const firstScreen = useAppStore((state) => state.firstScreen);
  const deferredOpenState = useDeferredValue(openState);
  const deferredFirstScreen = useDeferredValue(firstScreen);
  // The benchmark's switch back to the swap in one task, so both run side by side in one build.
  const [inOneTask] = useState(() => app.storage.getItem(swapInOneTaskKey) === '1');
  const current = { openState, firstScreen };
  return inOneTask ? current : shownOpening(current, { openState: deferredOpenState, firstScreen: deferredFirstScreen });
}
