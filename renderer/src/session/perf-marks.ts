import { claimPainterFirstPaint } from '../first-screen-painter/first-screen-painter.js';

/**
 * Performance marks the benchmark and the e2e tests read (`performance.getEntriesByName`). They cost
 * nothing when nobody reads them.
 */
export const perfMarks = {
  openStart: 'throughline:open-start',
  /** Rows of the opening plan are on screen: its stored first screen, or the live outline. */
  firstPaint: 'throughline:first-paint',
  /** The stored first screen was read and checked (before it is rendered). */
  firstScreenParsed: 'throughline:first-screen-parsed',
  /** The stored first screen was handed to the views (React renders it in a microtask after this). */
  firstScreenSet: 'throughline:first-screen-set',
  /** The stored first screen was not used (detail: why). */
  firstScreenIgnored: 'throughline:first-screen-ignored',
  localLoaded: 'throughline:local-loaded',
  indexBuilt: 'throughline:index-built',
  /** The opened plan was handed to the views (they render it behind the first screen, then commit). */
  liveViewsSet: 'throughline:live-views-set',
  outlineInteractive: 'throughline:outline-interactive',
  remoteUpdate: 'throughline:remote-update',
  remoteApplied: 'throughline:remote-applied',
  /** The local copy was compacted after opening (detail: rows before, bytes). */
  compacted: 'throughline:compacted',
} as const;

/** Measures of the last open and of each remote edit reaching the views. */
export const perfMeasures = {
  open: 'throughline:open',
  /**
   * Open start → the first painted rows (cached or live); when the page's entry painted them before
   * the app ran, from the early first-screen read's start instead (where that page's open begins).
   */
  firstPaint: 'throughline:first-paint-time',
  remoteEdit: 'throughline:remote-edit',
} as const;

/** Runs `fn` once the frame that shows the current DOM has been painted. */
function afterPaint(fn: () => void): void {
  requestAnimationFrame(() => setTimeout(fn, 0));
}

/** Resolves once the current DOM has been painted. */
export function nextPaint(): Promise<void> {
  return new Promise((resolve) => afterPaint(resolve));
}

let pendingRemote = false;

/**
 * A remote update changed the doc; `startTime` is when its transaction began (before Yjs decoded
 * and integrated it). Starts the remote-edit measure unless one is already in flight.
 */
export function markRemoteUpdate(startTime: number): void {
  if (pendingRemote) return;
  pendingRemote = true;
  performance.mark(perfMarks.remoteUpdate, { startTime });
}

/** The views committed after a refresh: closes the remote-edit measure (once painted) if one is open. */
export function markViewsCommitted(): void {
  if (!pendingRemote) return;
  pendingRemote = false;
  afterPaint(() => {
    performance.mark(perfMarks.remoteApplied);
    performance.measure(perfMeasures.remoteEdit, perfMarks.remoteUpdate, perfMarks.remoteApplied);
  });
}

let outlineMarked = false;
let firstPaintMarked = false;

export function markOpenStart(): void {
  outlineMarked = false;
  // The page's entry painted this open's first rows before the app ran (first-screen-painter.ts): its
  // mark, measured from the early read's start, is the first paint of this open.
  firstPaintMarked = claimPainterFirstPaint();
  if (!firstPaintMarked) performance.clearMarks(perfMarks.firstPaint);
  performance.clearMarks(perfMarks.outlineInteractive);
  performance.mark(perfMarks.openStart);
}

/** Rows of the opening plan were just painted (call after the paint). */
export function markFirstPaint(): void {
  if (firstPaintMarked) return;
  firstPaintMarked = true;
  performance.mark(perfMarks.firstPaint);
  performance.measure(perfMeasures.firstPaint, perfMarks.openStart, perfMarks.firstPaint);
}

/** The outline of a freshly opened plan is on screen and takes input. */
export function markOutlineInteractive(): void {
  if (outlineMarked) return;
  outlineMarked = true;
  afterPaint(() => {
    markFirstPaint();
    performance.mark(perfMarks.outlineInteractive);
    performance.measure(perfMeasures.open, perfMarks.openStart, perfMarks.outlineInteractive);
  });
}
