import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { FirstScreen } from '../../../shared/model/first-screen.js';
import { useControllers } from '../session/controller-context.js';
import { appStore, useAppStore } from '../store/app-store.js';
import { plural } from './labels.js';
import { keepOutlineScroll, keepOutlineSize } from './scroll-handoff.js';
import { FirstScreenRow } from './FirstScreenRow.js';
import type { NodeId } from '../../../shared/model/index.js';
import { handOverPaintedFirstScreen, peekPaintedFirstScreen } from '../first-screen-painter/first-screen-painter.js';

const rowHeight = 32;

/**
 * The outline as it was last stored, painted while the plan loads. It is marked "updating…" and
 * busy; the selection, the scroll position and a title being typed carry over to the live outline,
 * and a title committed here is written once the plan is open (PlanSessions.renameWhileOpening).
 */
export function FirstScreenOutline({ firstScreen }: { firstScreen: FirstScreen }) {
  const { app } = useControllers();
  const selectedId = useAppStore((state) => state.selectedId);
  const editingId = useAppStore((state) => state.editingId);
  const titleDraft = useAppStore((state) => state.titleDraft);
  // Titles committed here show at once (the live plan takes them over when it opens).
  const [committed, setCommitted] = useState<ReadonlyMap<string, string>>(new Map());
  const rows = firstScreen.rows;
  const treeRef = useRef<HTMLDivElement>(null);
  // The page's entry may have painted these rows already (first-screen-painter.ts): start where its list is scrolled.
  const [paintedScroll] = useState(() => {
    const painted = peekPaintedFirstScreen();
    return painted?.planId === firstScreen.planId && painted.view === 'outline' ? painted.scrollTop : 0;
  });
  // Virtualised like the live outline: a screen of rows is all the first paint needs.
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => treeRef.current, estimateSize: () => rowHeight, overscan: 16, initialOffset: paintedScroll });
  // Take over from the painted first screen before this one is painted (one frame shows one of them):
  // its scroll position, selection and focus, and its DOM removed.
  useLayoutEffect(() => {
    const painted = handOverPaintedFirstScreen(firstScreen.planId);
    const tree = treeRef.current;
    if (!painted || !tree) return;
    if (painted.scrollTop > 0) {
      tree.scrollTop = painted.scrollTop;
      keepOutlineScroll(painted.scrollTop);
    }
    if (painted.selectedId !== null && rows.some((row) => row.id === painted.selectedId)) appStore.getState().select(painted.selectedId as NodeId);
    if (painted.focused || document.activeElement === document.body) tree.focus({ preventScroll: true });
    // Once, for the first screen first mounted: the painted one is gone after this.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  // The live outline starts from this list's size (its first render is the swap's task).
  useLayoutEffect(() => {
    keepOutlineSize(() => virtualizer.scrollRect);
    return () => keepOutlineSize(null);
  }, [virtualizer]);
  // Keyboard-first, as the live outline: the list takes keys at once.
  useEffect(() => {
    if (document.activeElement === document.body || document.activeElement === null) treeRef.current?.focus({ preventScroll: true });
  }, []);

  const select = useCallback((id: NodeId) => appStore.getState().select(id), []);
  const startEditing = useCallback((id: NodeId) => {
    const row = rows.find((candidate) => candidate.id === id);
    const state = appStore.getState();
    state.select(id);
    state.startEditing(id);
    state.setTitleDraft({ id, value: committed.get(id) ?? row?.title ?? '' });
  }, [rows, committed]);
  const onDraft = useCallback((id: NodeId, value: string) => appStore.getState().setTitleDraft({ id, value }), []);
  const onCommit = useCallback((id: NodeId, value: string) => {
    if (appStore.getState().editingId !== id) return;
    app.renameWhileOpening(id, value);
    setCommitted((titles) => new Map(titles).set(id, value));
    appStore.getState().startEditing(null);
  }, [app]);
  const onCancel = useCallback(() => appStore.getState().startEditing(null), []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget) return;
    const at = rows.findIndex((row) => row.id === selectedId);
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = rows[Math.max(0, Math.min(rows.length - 1, at + (event.key === 'ArrowDown' ? 1 : -1)))];
      if (next) select(next.id);
    } else if ((event.key === 'F2' || event.key === 'Enter') && at >= 0) {
      event.preventDefault();
      startEditing(rows[at]!.id);
    }
  };

  const more = firstScreen.rowCount - rows.length;
  return (
    <div className="outline-layout">
      <section className="outline-pane" aria-label="Outline">
        <div className="outline-toolbar first-screen-bar">
          <span className="updating-mark" role="status">Updating… <span className="muted">showing the plan as last stored on this device</span></span>
          <span className="row-spacer" />
          <span className="muted">{plural(firstScreen.rowCount, 'item')}</span>
        </div>
        <div ref={treeRef} className="outline-scroll" role="tree" aria-label="Plan outline" aria-busy="true" tabIndex={0} data-first-screen="true"
          aria-activedescendant={selectedId && rows.some((row) => row.id === selectedId) ? `row-${selectedId}` : undefined}
          onKeyDown={onKeyDown} onScroll={(event) => keepOutlineScroll(event.currentTarget.scrollTop)}>
          <div className="outline-canvas" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = rows[item.index]!;
              const title = committed.get(row.id);
              return (
                <FirstScreenRow key={row.id} row={title === undefined ? row : { ...row, title }} top={item.start}
                  selected={row.id === selectedId} draft={row.id === editingId && titleDraft?.id === row.id ? titleDraft.value : null}
                  onSelect={select} onStartEditing={startEditing} onDraft={onDraft} onCommit={onCommit} onCancel={onCancel} />
              );
            })}
          </div>
        </div>
        {more > 0 && <p className="outline-help faint">{plural(more, 'more item')} appear when the plan has loaded.</p>}
      </section>
    </div>
  );
}
