import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';
import type { NodeId, PlanIndex } from '../../../shared/model/index.js';
import { isolatedText } from '../../../shared/text/bidi-isolation.js';
import { actorName } from '../review/actor-name.js';
import { moveOffDeletedElsewhere } from '../session/deleted-elsewhere.js';
import { appStore } from '../store/app-store.js';
import type { OutlineRow } from './outline-rows.js';

/**
 * Where the keyboard goes when the row `gone` left the outline: the first row after it that is still
 * shown, else the nearest row before it at its level or above (its previous sibling or its parent, as
 * after one's own Delete), else none.
 */
export function rowAfterGone(before: readonly OutlineRow[], after: readonly OutlineRow[], gone: NodeId): NodeId | null {
  const at = before.findIndex((row) => row.id === gone);
  if (at < 0) return null;
  const shown = new Set(after.map((row) => row.id));
  const depth = before[at]!.depth;
  const next = before.slice(at + 1).find((row) => shown.has(row.id));
  if (next) return next.id;
  for (let position = at - 1; position >= 0; position -= 1) {
    const row = before[position]!;
    if (row.depth <= depth && shown.has(row.id)) return row.id;
  }
  return null;
}

/**
 * Keeps a keyboard and screen reader user's place in the outline when the plan changes under them
 * (review43a F1, F2, F4). The tree is their only focus stop and the selected row their only place;
 * while the tree has the focus:
 * - Someone else deletes the selected row: the selection moves to the row after it (it used to be
 *   left on nothing, so the next ↓ started from the top) and a polite notice says who deleted what and
 *   where the keyboard is now. One's own Delete moves the selection first and is said by its own notice.
 * - Someone else renames the selected row: said, since a screen reader does not read again the name of
 *   the active descendant when it changes.
 * - The tree goes empty or fills again (the last row deleted, its undo, a filter): the empty tree is
 *   another element, and the focus went with the unmounted one to the page's body.
 */
export function useKeptPlace(options: {
  index: PlanIndex | null;
  rows: readonly OutlineRow[];
  selectedId: NodeId | null;
  editingId: NodeId | null;
  actor: () => string;
  tree: RefObject<HTMLDivElement | null>;
}): { onFocus: () => void; onBlur: () => void } {
  const { index, rows, selectedId, editingId, actor, tree } = options;
  // Whether the tree has the focus: a focused element that React unmounts sends no blur to its handler.
  const focused = useRef(false);
  const shownBefore = useRef<{ rows: readonly OutlineRow[]; selected: NodeId | null; title: string | null }>({ rows, selected: selectedId, title: null });
  useEffect(() => {
    const before = shownBefore.current;
    const title = index && selectedId ? index.title(selectedId) : null;
    shownBefore.current = { rows, selected: selectedId, title };
    // Only for the person in the tree: one typing in the details is told by the details (a kept draft,
    // "renamed while you typed"), and a selection moved under their field would take their next words.
    if (!index || !tree.current?.contains(document.activeElement)) return;
    // The session clears a selection whose node went (plan-sessions.ts, onPlanChanged): what was selected before.
    const gone = before.selected;
    if (gone !== null && selectedId === null && editingId !== gone && !index.node(gone)) {
      moveOffDeletedElsewhere(index, gone, actor(), () => rowAfterGone(before.rows, rows, gone));
      return;
    }
    if (selectedId === null || before.selected !== selectedId || editingId === selectedId) return;
    // Who made the title shown (its rename, or the undo that brought it back), not the node's `updated` stamp: an undo
    // brings back the stamp before the step, so one's own Ctrl+Z was told as the earlier renamer's (leftovers45a).
    const renamedBy = index.textAuthor(selectedId, 'title')?.by;
    if (before.title !== null && title !== null && before.title !== title && renamedBy && renamedBy !== actor()) {
      appStore.getState().notify({ tone: 'info', text: `${isolatedText(actorName(index, renamedBy))} renamed “${isolatedText(before.title || 'Untitled')}” to “${isolatedText(title || 'Untitled')}”.` });
    }
  }, [index, rows, selectedId, editingId, actor, tree]);

  const empty = rows.length === 0;
  useLayoutEffect(() => {
    if (focused.current && (document.activeElement === document.body || document.activeElement === null)) tree.current?.focus({ preventScroll: true });
  }, [empty, tree]);
  return { onFocus: () => { focused.current = true; }, onBlur: () => { focused.current = false; } };
}
