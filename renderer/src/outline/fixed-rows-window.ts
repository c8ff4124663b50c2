import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';

/** One row on the page: its place in the list and its offset from the list's top, in pixels. */
export interface WindowRow { index: number; start: number }

/** What the outline asks of its virtualised list (the part of tanstack's Virtualizer it used). */
export interface RowsWindow {
  getTotalSize(): number;
  getVirtualItems(): WindowRow[];
  /** Scrolls the least that brings row `index` fully into view (nothing when it is). */
  scrollToIndex(index: number, options?: { align?: 'auto' }): void;
}

/** The list's scroll offset and inner height, in pixels. */
export interface Viewport { top: number; height: number }

/** Rows drawn beyond each edge of the view, as the virtualiser's overscan. */
export const overscanRows = 16;

/**
 * The rows `viewport` shows of `count` rows `rowHeight` high, with `overscanRows` on each side; always
 * rows of the list. The offset can lie past the list's end for one render: the list just got shorter
 * (a find or a filter typed while scrolled far down, a collapse, rows someone else removed) and the
 * browser clamps the scroll offset only once the shorter list is on the page (its scroll event then
 * brings the window up to date). The window then holds the list's last rows; before, it named rows
 * past the end and the outline failed to render.
 */
export function rowsInView(count: number, rowHeight: number, viewport: Viewport): { first: number; last: number } {
  if (count === 0) return { first: 0, last: -1 };
  const first = Math.max(0, Math.min(Math.floor(viewport.top / rowHeight), count - 1) - overscanRows);
  const last = Math.min(count - 1, Math.ceil((viewport.top + viewport.height) / rowHeight) - 1 + overscanRows);
  return { first, last: Math.max(first, last) };
}

/**
 * The scroll offset that brings row `index` fully into view moving the least, or null when it is in
 * view (or the list has no size yet: where it would be in view is not known).
 */
export function offsetToShow(index: number, rowHeight: number, viewport: Viewport): number | null {
  if (viewport.height <= 0) return null;
  const top = index * rowHeight;
  if (top < viewport.top) return top;
  if (top + rowHeight > viewport.top + viewport.height) return Math.max(0, top + rowHeight - viewport.height);
  return null;
}

/**
 * A virtualised list of `count` rows of one fixed height: which rows are on the page is arithmetic on
 * the scroll offset. tanstack's virtualiser keeps one measurement object per row and rebuilt all of
 * them whenever the count changed: at 100,000 rows 15–20 ms of the swap's task from the first screen
 * (and of every expand or collapse), for rows that all have the same height.
 *
 * `start`, when given, is where the list starts (the stored first screen's size and scroll offset):
 * the first render shows the rows there without reading the list's size, and the offset is written
 * once the frame has laid the page out (reading or writing either inside the render's task forces a
 * layout of the whole new page there). Without it the list measures itself before its first paint.
 */
export function useFixedRowsWindow(count: number, getScrollElement: () => HTMLElement | null, rowHeight: number, start: Viewport | null, afterFirstLayout: (element: Element, fn: () => void) => void): RowsWindow {
  const [viewport, setViewport] = useState<Viewport>(() => start ?? { top: 0, height: 0 });
  // The offset and height last reported (the state changes only when the rows on the page do).
  const current = useRef(viewport);
  /** The viewport the rows on the page were drawn for. */
  const shown = useRef(viewport);
  /** Offsets this window wrote (the start's restore stands back once a row was scrolled into view). */
  const writes = useRef(0);
  const { first, last } = rowsInView(count, rowHeight, viewport);

  // The scroll element may change (an empty plan's placeholder, then the list): listen to the one on the page.
  const attached = useRef<{ element: HTMLElement; detach: () => void } | null>(null);
  const started = useRef(false);
  useLayoutEffect(() => {
    const element = getScrollElement();
    if (attached.current?.element === element) return;
    attached.current?.detach();
    attached.current = null;
    if (!element) return;
    // Only a change of the rows on the page re-renders (scrolling within them does not).
    const update = (next: Viewport, sync: boolean) => {
      current.current = next;
      const before = rowsInView(Number.MAX_SAFE_INTEGER, rowHeight, shown.current);
      const after = rowsInView(Number.MAX_SAFE_INTEGER, rowHeight, next);
      if (before.first === after.first && before.last === after.last) return;
      shown.current = next;
      // As tanstack's virtualiser: rows follow a scroll in the same frame, never blank for one.
      if (sync) flushSync(() => setViewport(next));
      else setViewport(next);
    };
    const onScroll = () => update({ top: element.scrollTop, height: current.current.height }, true);
    element.addEventListener('scroll', onScroll, { passive: true });
    const observer = new ResizeObserver(() => update({ top: current.current.top, height: element.clientHeight }, false));
    observer.observe(element);
    attached.current = { element, detach: () => { element.removeEventListener('scroll', onScroll); observer.disconnect(); } };
    if (start === null || started.current) {
      // A list with no first screen before it (or a new element) measures itself now, as the virtualiser did.
      update({ top: element.scrollTop, height: element.clientHeight }, false);
    } else if (start.top > 0) {
      // Before this, the browser may have scrolled the new list to a focused title field: the person's
      // place wins, as the first screen showed it.
      afterFirstLayout(element, () => { if (writes.current === 0) element.scrollTop = start.top; });
    }
    started.current = true;
  });
  useLayoutEffect(() => () => {
    attached.current?.detach();
    attached.current = null;
  }, []);

  const scrollToIndex = useCallback((index: number) => {
    const element = getScrollElement();
    if (!element || index < 0) return;
    // The offset last reported, as the virtualiser kept it: reading the element's would force a layout.
    const target = offsetToShow(index, rowHeight, current.current);
    if (target === null) return;
    writes.current += 1;
    element.scrollTop = target;
    current.current = { ...current.current, top: target };
  }, [getScrollElement, rowHeight]);

  return useMemo<RowsWindow>(() => {
    const rows: WindowRow[] = [];
    for (let index = first; index <= last; index++) rows.push({ index, start: index * rowHeight });
    return { getTotalSize: () => count * rowHeight, getVirtualItems: () => rows, scrollToIndex };
  }, [first, last, count, rowHeight, scrollToIndex]);
}
