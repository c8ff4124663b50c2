import { useEffect, useRef, type RefObject } from 'react';
import type { NodeId, PlanIndex } from '../../../shared/model/index.js';
import { moveOffDeletedElsewhere, nearestRemaining, neighbourhoodOf, type Neighbourhood } from '../session/deleted-elsewhere.js';
import { appStore } from '../store/app-store.js';

/**
 * Keeps a keyboard user's place on the canvas when someone else deletes the selected card (canvas43 F4),
 * as the outline does (use-kept-place.ts, the same words): the selection goes to the nearest card left
 * (next sibling, else previous, else parent), a polite notice says who deleted what and where the
 * keyboard is now, and the arrows go on from there. It used to be cleared without a word, the
 * selection's live region kept the deleted card's words, and the next arrow started at the first card.
 * Only while the canvas has the focus (someone typing in the details is told by the details), and not
 * while following: the presenter chooses the card then.
 */
export function useCanvasKeptPlace(options: {
  index: PlanIndex | null;
  planVersion: number;
  selectedId: NodeId | null;
  actor: () => string;
  element: RefObject<HTMLCanvasElement | null>;
}): void {
  const { index, planVersion, selectedId, actor, element } = options;
  // Read when the node is live: once deleted it has no place in the index's views.
  const before = useRef<{ selected: NodeId | null; neighbourhood: Neighbourhood }>({ selected: null, neighbourhood: [] });
  useEffect(() => {
    void planVersion;
    const previous = before.current;
    const live = index !== null && selectedId !== null && index.node(selectedId) !== undefined;
    // The plan's change and the session clearing the selection may come as two renders: keep what was known.
    before.current = live ? { selected: selectedId, neighbourhood: neighbourhoodOf(index, selectedId) } : selectedId === previous.selected ? previous : { selected: selectedId, neighbourhood: [] };
    if (!index || !element.current || document.activeElement !== element.current) return;
    if (appStore.getState().followingClientId !== null) return;
    // The session clears a selection whose node went (plan-sessions.ts, onPlanChanged).
    const gone = previous.selected;
    if (gone === null || selectedId !== null || index.node(gone)) return;
    moveOffDeletedElsewhere(index, gone, actor(), () => nearestRemaining(previous.neighbourhood, (id) => index.node(id) !== undefined));
  }, [index, planVersion, selectedId, actor, element]);
}
