import { useState } from 'react';
import { elementScroll, useVirtualizer, type Rect, type Virtualizer, type VirtualizerOptions } from '@tanstack/react-virtual';
import { outlineSizeHandedOver, peekOutlineScroll } from './scroll-handoff.js';
import { useFixedRowsWindow, type RowsWindow } from './fixed-rows-window.js';
import { benchSwitchOn } from '../session/bench-switch.js';

/**
 * The benchmark's switch back to the previous swap: the live list measures itself at once in the
 * swap's task, as a list with no first screen does. Nothing in the app sets it.
 */
export const swapMeasuredAtOnceKey = 'throughline:bench:swap-measured-at-once';

type ListVirtualizer = Virtualizer<HTMLDivElement, Element>;
type ScrollTo = NonNullable<VirtualizerOptions<HTMLDivElement, Element>['scrollToFn']>;

/**
 * The list's size from a ResizeObserver only. The library reads `clientHeight` at once when it
 * attaches, which forces a style and layout of the whole page inside the render's task; the
 * observer's first report comes after the frame's own layout, where reading the size costs nothing.
 */
function observeSizeAfterLayout(instance: ListVirtualizer, report: (rect: Rect) => void): () => void {
  const element = instance.scrollElement;
  if (!element) return () => undefined;
  const observer = new ResizeObserver(() => report({ width: element.clientWidth, height: element.clientHeight }));
  observer.observe(element, { box: 'content-box' });
  return () => observer.disconnect();
}

/**
 * Runs `fn` once `element` has been laid out in a frame: a ResizeObserver's first report comes right
 * after the frame's layout and before its paint, where focusing the element or writing its scroll
 * position forces no second layout (in an animation frame callback, before the layout, they force
 * the frame's whole layout there, in one piece with the callback).
 */
export function afterFirstLayout(element: Element, fn: () => void): void {
  const observer = new ResizeObserver(() => {
    observer.disconnect();
    fn();
  });
  observer.observe(element);
}

/**
 * The benchmark's switch back to tanstack's virtualiser for the live outline (one measurement per
 * row, rebuilt when the count changes) instead of the fixed-height window. Nothing in the app sets it.
 */
export const outlineRowsMeasuredKey = 'throughline:bench:outline-rows-measured';

function measuredAtOnce(): boolean {
  return benchSwitchOn(swapMeasuredAtOnceKey);
}

/**
 * The outline's virtualiser. When it replaces the stored first screen it starts from that list's
 * size and scroll position, so its first render already shows the rows on screen, and it neither
 * measures the list nor writes the scroll position inside the swap's task (both force a layout of
 * the new page there): the size comes from a ResizeObserver after the frame's layout, and the
 * scroll position is written there too (afterFirstLayout).
 */
function useMeasuringVirtualizer(count: number, getScrollElement: () => HTMLDivElement | null, rowHeight: number): { virtualizer: ListVirtualizer; restoresScroll: boolean } {
  const [handOver] = useState(() => {
    const size = measuredAtOnce() ? null : outlineSizeHandedOver();
    return size ? { size, top: peekOutlineScroll() ?? 0 } : null;
  });
  const [scrollTo] = useState(() => {
    let writes = 0;
    const write: ScrollTo = (offset, options, instance) => {
      writes += 1;
      if (handOver === null || writes > 1) {
        elementScroll(offset, options, instance);
        return;
      }
      // The first write is the library's own on attaching: a new list is at the top already.
      const element = instance.scrollElement;
      if (offset === 0 || !element) return;
      afterFirstLayout(element, () => { if (writes === 1) elementScroll(offset, options, instance); });
    };
    return write;
  });
  const virtualizer = useVirtualizer({
    count, getScrollElement, estimateSize: () => rowHeight, overscan: 16, scrollToFn: scrollTo,
    ...(handOver ? { initialRect: handOver.size, initialOffset: handOver.top, observeElementRect: observeSizeAfterLayout } : {}),
  });
  return { virtualizer, restoresScroll: handOver !== null };
}

/**
 * The live outline's rows all have one height: by default a fixed-height window (fixed-rows-window.ts),
 * started from the first screen's size and offset as above; with the benchmark's switch the measuring
 * virtualiser. The choice is made once per page, so a mounted list never changes hooks.
 */
const rowsMeasured = benchSwitchOn(outlineRowsMeasuredKey);

function useFixedOutlineWindow(count: number, getScrollElement: () => HTMLDivElement | null, rowHeight: number): { virtualizer: RowsWindow; restoresScroll: boolean } {
  const [start] = useState(() => {
    const size = measuredAtOnce() ? null : outlineSizeHandedOver();
    return size ? { top: peekOutlineScroll() ?? 0, height: size.height } : null;
  });
  const virtualizer = useFixedRowsWindow(count, getScrollElement, rowHeight, start, afterFirstLayout);
  return { virtualizer, restoresScroll: start !== null };
}

export const useOutlineVirtualizer: (count: number, getScrollElement: () => HTMLDivElement | null, rowHeight: number) => { virtualizer: RowsWindow; restoresScroll: boolean } = rowsMeasured ? useMeasuringVirtualizer : useFixedOutlineWindow;
