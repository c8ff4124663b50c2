/**
 * The stored first screen painted by the page's entry, before the app's chunk (React, Yjs, zod, the
 * views: ~500 kB, 0.6–0.8 s to load and evaluate in a fresh browser process) has run (issue #18:
 * first painted rows from navigation).
 *
 * Rules:
 * 1. It paints only a value that `checkStoredFirstScreen` accepts for the plan the address names
 *    (the check every first screen of the app goes through): a corrupt cache or another plan's is
 *    not painted. It is always marked "Updating…" and busy, as the app's first screen is: never current.
 * 2. It paints only while the app has rendered nothing (#root empty) and the address still names the
 *    plan; it is read-only (selection and scrolling only, no edits to lose).
 * 3. It stands over #root, which is inert meanwhile (one outline for screen readers and the keyboard).
 *    The app takes over from it in one task (`handOverPaintedFirstScreen`): the app's first screen
 *    starts at the painted list's scroll position, with its selection and focus, and the painted DOM
 *    is removed in the same task, before a frame shows both. Any other state of the app (the plan open
 *    or failed) removes it too (`dismissPaintedFirstScreen`), as does a change of address.
 * 4. Its first frame is the page's first paint: `throughline:first-paint` (detail "painter"), measured
 *    from the early read's start, where this page's open of the plan begins (perf-marks.ts keeps it).
 */
import type { FirstScreen } from '../../../shared/model/first-screen-check.js';
import { paintedPage, paintedRowHeight, paintedRowId, paintedRows, firstScreenToPaint, type PaintedNode, type PaintedView } from './painted-first-screen.js';

/** Rows painted beyond the list's visible height, each side (as the app's virtualiser's overscan). */
const overscan = 16;

/** Marks of the painter (the names are perf-marks.ts's; that module is the app's, not the entry's). */
export const painterMarks = { firstPaint: 'throughline:first-paint', firstPaintTime: 'throughline:first-paint-time', painted: 'throughline:first-screen-painted' } as const;

/** What the app takes over from the painted first screen. */
export interface PaintedHandover {
  planId: string;
  view: PaintedView;
  scrollTop: number;
  selectedId: string | null;
  /** The painted list had the focus (the app's list takes it). */
  focused: boolean;
}

interface Painted extends PaintedHandover {
  element: HTMLElement;
  list: HTMLElement | null;
  dispose(): void;
}

let painted: Painted | null = null;
/** The painter's paint not yet claimed by the app's first open (perf-marks.ts). */
let paintUnclaimed = false;

/** Turns a painted description into DOM: elements, attributes and text nodes, never HTML. */
export function buildPainted(doc: Document, node: PaintedNode): Node {
  if (typeof node === 'string') return doc.createTextNode(node);
  const element = doc.createElement(node.tag);
  for (const [name, value] of Object.entries(node.attrs ?? {})) element.setAttribute(name, value);
  for (const [name, value] of Object.entries(node.style ?? {})) element.style.setProperty(name, value);
  for (const child of node.children ?? []) element.append(buildPainted(doc, child));
  return element;
}

/**
 * Paints `stored` (the early read's value, unchecked) for the plan and view `hash` names, if it
 * passes the app's check and the app has not rendered yet, once the app's styles are applied.
 * Resolves to why it did not paint, or null when it painted.
 */
export async function paintStoredFirstScreen(doc: Document, hash: string, stored: unknown, earlyStartMark: string): Promise<string | null> {
  const appRendered = () => {
    const root = doc.getElementById('root');
    return !root || root.childElementCount > 0 || painted !== null || doc.defaultView?.location.hash !== hash;
  };
  if (appRendered()) return 'the app is already on the page';
  const toPaint = firstScreenToPaint(hash, stored);
  if (!toPaint.ok) return toPaint.reason;
  if (!(await applyPreloadedStyles(doc))) return 'the app\'s styles could not be applied';
  if (appRendered()) return 'the app is already on the page';
  paint(doc, doc.getElementById('root')!, toPaint.firstScreen, toPaint.view, hash, earlyStartMark);
  return null;
}

/**
 * Applies the app's stylesheets, which index.html preloads (vite-app-preload.ts), so the painted
 * first screen looks as the app's. Not imported by the entry: its CSS would then be a stylesheet of
 * index.html, and a pending stylesheet holds back every module script, the entry's early read with
 * them. The entry starts this when it starts the read, so the two overlap (applied to a page with an
 * empty #root, the styles change nothing but the background). Once per page; false when there is
 * none to apply (the dev server) or one fails to load.
 */
export function applyPreloadedStyles(doc: Document): Promise<boolean> {
  stylesApplied ??= applyStyles(doc);
  return stylesApplied;
}

let stylesApplied: Promise<boolean> | null = null;

function applyStyles(doc: Document): Promise<boolean> {
  const links = [...doc.querySelectorAll<HTMLLinkElement>('link[rel="preload"][as="style"]')];
  if (links.length === 0) return Promise.resolve(false);
  return Promise.all(links.map((link) => new Promise<boolean>((resolve) => {
    link.addEventListener('load', () => resolve(true), { once: true });
    link.addEventListener('error', () => resolve(false), { once: true });
    link.rel = 'stylesheet';
  }))).then((loaded) => loaded.every(Boolean));
}

function paint(doc: Document, root: HTMLElement, firstScreen: FirstScreen, view: PaintedView, hash: string, earlyStartMark: string): void {
  const win = doc.defaultView!;
  const visibleRows = () => Math.ceil(win.innerHeight / paintedRowHeight);
  const element = buildPainted(doc, paintedPage(firstScreen, view, 0, visibleRows() + overscan)) as HTMLElement;
  const container = doc.createElement('div');
  container.className = 'first-screen-painted';
  container.append(element);
  const list = view === 'outline' ? container.querySelector<HTMLElement>('[role="tree"]') : null;
  const canvas = list?.firstElementChild ?? null;
  const state: Painted = {
    planId: firstScreen.planId, view, scrollTop: 0, selectedId: null, focused: false, element: container, list,
    dispose: () => { win.removeEventListener('hashchange', onHashChange); },
  };
  // Rows around the scroll position, repainted as the list scrolls or the selection moves.
  let shown = { from: 0, to: visibleRows() + overscan };
  const repaint = () => {
    if (!list || !canvas) return;
    const first = Math.floor(list.scrollTop / paintedRowHeight);
    shown = { from: Math.max(0, first - overscan), to: first + visibleRows() + overscan };
    canvas.replaceChildren(...paintedRows(firstScreen, shown.from, shown.to, state.selectedId).map((row) => buildPainted(doc, row)));
    if (state.selectedId !== null) list.setAttribute('aria-activedescendant', paintedRowId(state.selectedId));
  };
  let repaintQueued = false;
  const select = (id: string) => {
    state.selectedId = id;
    repaint();
  };
  if (list) {
    list.addEventListener('scroll', () => {
      state.scrollTop = list.scrollTop;
      if (repaintQueued) return;
      repaintQueued = true;
      win.requestAnimationFrame(() => { repaintQueued = false; repaint(); });
    });
    list.addEventListener('click', (event) => {
      const row = (event.target as Element | null)?.closest<HTMLElement>('[role="treeitem"]');
      const id = row?.dataset.nodeId;
      if (id !== undefined) select(id);
    });
    list.addEventListener('keydown', (event) => {
      if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
      event.preventDefault();
      const at = firstScreen.rows.findIndex((row) => row.id === state.selectedId);
      const next = firstScreen.rows[Math.max(0, Math.min(firstScreen.rows.length - 1, at + (event.key === 'ArrowDown' ? 1 : -1)))];
      if (!next) return;
      select(next.id);
      // Keep the selected row in view, as the app's outline does.
      const top = firstScreen.rows.indexOf(next) * paintedRowHeight;
      if (top < list.scrollTop) list.scrollTop = top;
      else if (top + paintedRowHeight > list.scrollTop + list.clientHeight) list.scrollTop = top + paintedRowHeight - list.clientHeight;
    });
    list.addEventListener('focus', () => { state.focused = true; });
    list.addEventListener('blur', () => { state.focused = false; });
  }
  // Another address: what is painted may no longer be what the app will show.
  let abandoned = false;
  const onHashChange = () => {
    if (win.location.hash === hash) return;
    // The app will open something else: this paint is no open's first paint.
    abandoned = true;
    paintUnclaimed = false;
    dismissPaintedFirstScreen();
  };
  win.addEventListener('hashchange', onHashChange);

  // One outline for assistive technology and the keyboard: the app's, under it, is inert until it takes over.
  root.inert = true;
  root.before(container);
  painted = state;
  paintUnclaimed = true;
  // Keyboard-first, as the app's list.
  if (list && (doc.activeElement === doc.body || doc.activeElement === null)) list.focus({ preventScroll: true });
  performance.mark(painterMarks.painted, { detail: view });
  // The first paint is when this frame has been painted (as perf-marks.ts's afterPaint).
  win.requestAnimationFrame(() => setTimeout(() => {
    if (abandoned) return;
    performance.mark(painterMarks.firstPaint, { detail: 'painter' });
    performance.measure(painterMarks.firstPaintTime, earlyStartMark, painterMarks.firstPaint);
  }, 0));
}

/** What the app takes over, without taking it (its first render reads the scroll position). */
export function peekPaintedFirstScreen(): PaintedHandover | null {
  if (!painted) return null;
  const { planId, view, scrollTop, selectedId, focused } = painted;
  return { planId, view, scrollTop: painted.list?.scrollTop ?? scrollTop, selectedId, focused };
}

/**
 * The app's first screen of `planId` is in the DOM (not yet painted): the painted one's scroll
 * position, selection and focus, for the app to apply, and the painted DOM removed. Null when nothing
 * of this plan is painted.
 */
export function handOverPaintedFirstScreen(planId: string): PaintedHandover | null {
  const handover = peekPaintedFirstScreen();
  if (!handover || handover.planId !== planId) return null;
  dismissPaintedFirstScreen();
  return handover;
}

/** Removes the painted first screen (if any) and gives the page back to the app. */
export function dismissPaintedFirstScreen(): void {
  if (!painted) return;
  const { element, dispose } = painted;
  painted = null;
  dispose();
  const root = element.ownerDocument.getElementById('root');
  if (root) root.inert = false;
  element.remove();
}

/**
 * True once, for the app's first open, when the painter painted this page's first rows: the open
 * keeps the painter's first-paint mark instead of making its own (perf-marks.ts).
 */
export function claimPainterFirstPaint(): boolean {
  const unclaimed = paintUnclaimed;
  paintUnclaimed = false;
  return unclaimed;
}
