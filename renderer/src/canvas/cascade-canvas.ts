import { select } from 'd3-selection';
import { zoom, zoomIdentity, type D3ZoomEvent, type ZoomBehavior } from 'd3-zoom';
import { CardIndex } from './card-index.js';
import { recountHiddenHealth, type CascadeLayout, type LayoutOptions } from './cascade-layout.js';
import { paintScene } from './cascade-painter.js';
import { DotCache } from './dot-raster.js';
import type { CanvasDecor, CanvasHost } from './cascade-canvas-host.js';
import type { CanvasSurface, DragState, PresenceMark, Scene } from './scene.js';

export type { CanvasDecor, CanvasHost } from './cascade-canvas-host.js';
import { pathUp, subtreeEnd, type CascadeSnapshot } from './cascade-snapshot.js';
import { CanvasPointer } from './canvas-pointer.js';
import { Disposables } from './disposables.js';
import type { LayoutRunner } from './layout-runner.js';
import { Minimap } from './minimap.js';
import { standardTheme } from './palette.js';
import { riskPaths, type RiskPaths } from './risk-paths.js';
import { matchesOnCanvas, type MatchesOnCanvas } from './find-matches.js';

/** The find's matches on the canvas, with the rows that match (for stepping from one to the next). */
export interface FindOnCanvas extends MatchesOnCanvas { matches: Uint8Array }
import { centreOn, detailLevel, fitView, visibleWorld, zoomKeeping, type View } from './viewport.js';

const ANIMATION_MS = 280;
/**
 * True when the person asked their system for less motion (prefers-reduced-motion, WCAG 2.3.3; review46c F7):
 * then a new layout appears at once, as pan, zoom and following already do, instead of cards flying into place.
 */
function reducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** Above this many cards, a new layout appears at once rather than animating. */
const ANIMATE_MAX_CARDS = 3000;

/**
 * The cascade drawn on one HTML canvas: d3-zoom for pan and zoom, a d3-quadtree for hit-testing
 * and culling, level of detail by zoom, crisp at any device pixel ratio. Data comes in as a
 * snapshot (layout in a worker when large); decor (selection, filters, risk, presence) repaints
 * without a new layout.
 */
export class CascadeCanvas implements CanvasSurface {
  readonly disposables = new Disposables();
  snapshot: CascadeSnapshot | null = null;
  layout: CascadeLayout | null = null;
  cardIndex: CardIndex | null = null;
  view: View = { x: 0, y: 0, k: 1 };
  decor: CanvasDecor = { selectedId: null, matches: undefined, riskMode: 'off', presence: [], contributes: [], theme: standardTheme, readOnly: false };
  drag: DragState | null = null;
  focused = false;
  /** Whether far-out frames may reuse the cached picture (the benchmark turns it off to compare). */
  cacheFarOut = true;
  /** Milliseconds the last frame took to paint (read by the benchmark). */
  lastPaintMs = 0;
  private positions: { x: Float64Array; y: Float64Array } | null = null;
  private animation: { fromX: Float64Array; fromY: Float64Array; start: number } | null = null;
  private derived: Pick<Scene, 'onPath' | 'subtree' | 'matches' | 'matchesInside' | 'presence' | 'contributes' | 'selectedRow'> & { risk: RiskPaths | null; find: FindOnCanvas | null } | null = null;
  /** What the host was last told of the find (`CanvasHost.findChanged`), so it hears each change once. */
  private toldFind = '';
  /** A node to bring into view once the layout gives it a card (a find's match inside a closed card, opened). */
  private pendingReveal: { id: string; options: { onlyIfHidden?: boolean; readable?: boolean } } | null = null;
  private readonly dotCache = new DotCache();
  private frame = 0;
  private width = 0;
  private height = 0;
  private dpr = 1;
  private fitPending = true;
  /** A kept view waiting for the first layout (restoreView). */
  private pendingCentre: { cx: number; cy: number; k: number } | null = null;
  private readonly zoomBehavior: ZoomBehavior<HTMLCanvasElement, unknown>;
  private readonly minimap: Minimap | null;
  private readonly pointer: CanvasPointer;
  /** Runs after each paint (tests, the repaint measure). */
  onPainted: (() => void) | null = null;

  constructor(readonly canvas: HTMLCanvasElement, readonly host: CanvasHost, private readonly runner: LayoutRunner, minimapCanvas: HTMLCanvasElement | null) {
    this.zoomBehavior = zoom<HTMLCanvasElement, unknown>()
      .scaleExtent([0.002, 4])
      // Dragging a card moves the card; dragging the background pans. Wheel always zooms.
      .filter((event: MouseEvent | WheelEvent) => !event.button && (event.type === 'wheel' || this.cardAtClient(event.clientX, event.clientY) < 0))
      .on('zoom', (event: D3ZoomEvent<HTMLCanvasElement, unknown>) => {
        const { x, y, k } = event.transform;
        this.view = { x, y, k };
        this.schedulePaint();
        this.host.viewChanged(this.view, event.sourceEvent !== null && event.sourceEvent !== undefined);
      });
    select(canvas).call(this.zoomBehavior).on('dblclick.zoom', null);
    this.disposables.add(() => select(canvas).on('.zoom', null));
    this.disposables.add(() => { cancelAnimationFrame(this.frame); this.runner.dispose(); });
    this.pointer = new CanvasPointer(this, this.disposables);
    this.minimap = minimapCanvas ? new Minimap(minimapCanvas, this, this.disposables) : null;
    const observer = new ResizeObserver(() => this.resize());
    observer.observe(canvas);
    this.disposables.add(() => observer.disconnect());
    this.resize();
  }

  // ── data ────────────────────────────────────────────────────────────────────────────────

  /** A new picture of the plan (or new layout choices): lays it out and animates to it. */
  setSnapshot(snapshot: CascadeSnapshot, options: LayoutOptions, then?: () => void): void {
    this.runner.run(snapshot, options, (layout) => {
      const previous = this.layout && this.snapshot ? { layout: this.layout, snapshot: this.snapshot, positions: this.positions! } : null;
      this.snapshot = snapshot;
      this.layout = layout;
      this.cardIndex = new CardIndex(layout);
      this.positions = { x: layout.x.slice(), y: layout.y.slice() };
      this.animation = previous && layout.rows.length <= ANIMATE_MAX_CARDS && !reducedMotion() ? this.animateFrom(previous, snapshot, layout) : null;
      this.derived = null;
      this.minimap?.invalidate();
      if (this.pendingCentre && this.width > 1) this.restoreView(this.pendingCentre);
      if (this.fitPending && this.width > 0) { this.fitPending = false; this.fit(); }
      // A card pressed or dragged across the change follows its node (rows are numbered afresh).
      this.pointer.snapshotChanged();
      this.schedulePaint();
      then?.();
      const pending = this.pendingReveal;
      if (pending && this.cardOf(pending.id) >= 0) { this.pendingReveal = null; this.reveal(pending.id, pending.options); }
    });
  }

  /** The snapshot's rows changed in place (a remote edit): repaint, same layout. */
  rowsChanged(): void {
    if (this.layout && this.snapshot) recountHiddenHealth(this.layout, this.snapshot);
    this.derived = null;
    this.dotCache.version++;
    this.minimap?.invalidate();
    this.schedulePaint();
  }

  setDecor(decor: Partial<CanvasDecor>): void {
    if (decor.theme && decor.theme !== this.decor.theme) this.minimap?.invalidate();
    this.decor = { ...this.decor, ...decor };
    this.derived = null;
    this.schedulePaint();
  }

  /** Start positions for the expand animation: a card new to the picture grows out of its nearest shown ancestor. */
  private animateFrom(previous: { layout: CascadeLayout; snapshot: CascadeSnapshot; positions: { x: Float64Array; y: Float64Array } }, snapshot: CascadeSnapshot, layout: CascadeLayout) {
    const fromX = layout.x.slice(), fromY = layout.y.slice();
    for (let card = 0; card < layout.rows.length; card++) {
      for (const row of pathUp(snapshot, layout.rows[card]!)) {
        const oldRow = previous.snapshot.rowOf.get(snapshot.ids[row]!);
        const oldCard = oldRow === undefined ? -1 : previous.layout.cardOfRow[oldRow] ?? -1;
        if (oldCard >= 0) { fromX[card] = previous.positions.x[oldCard]!; fromY[card] = previous.positions.y[oldCard]!; break; }
      }
    }
    return { fromX, fromY, start: performance.now() };
  }

  // ── view ────────────────────────────────────────────────────────────────────────────────

  setView(view: View): void {
    select(this.canvas).call(this.zoomBehavior.transform, zoomIdentity.translate(view.x, view.y).scale(view.k));
  }

  fit(): void {
    this.pendingCentre = null;
    if (!this.layout) { this.fitPending = true; return; }
    this.setView(fitView(this.layout.bounds, this.width, this.height));
  }

  /**
   * Shows this centre (world units) at this zoom instead of fitting: a reload's kept view (canvas43 F5). Before the
   * first layout, or before the canvas has a size, it waits and is shown in place of the fit.
   */
  restoreView(centre: { cx: number; cy: number; k: number }): void {
    this.fitPending = false;
    if (!this.layout || this.width <= 1) { this.pendingCentre = centre; return; }
    this.pendingCentre = null;
    this.setView(centreOn(centre.cx, centre.cy, centre.k, this.width, this.height));
  }

  /**
   * Zooms by `factor` (the keys and the toolbar's buttons). Around the selected card when it is on
   * screen, and then it stays whole on screen where it fits: zooming around the screen's centre pushed
   * the selection off it (review40b F10), and a keyboard or magnifier user had to find it again.
   */
  zoomBy(factor: number): void {
    const card = this.decor.selectedId ? this.cardOf(this.decor.selectedId) : -1;
    const layout = this.layout;
    if (card < 0 || !layout) {
      select(this.canvas).call(this.zoomBehavior.scaleBy, factor, [this.width / 2, this.height / 2]);
      return;
    }
    const next = zoomKeeping(this.view, factor, { x: layout.x[card]!, y: layout.y[card]!, width: layout.cardWidth, height: layout.cardHeight }, this.width, this.height, this.zoomBehavior.scaleExtent());
    if (next) this.setView(next);
    else select(this.canvas).call(this.zoomBehavior.scaleBy, factor, [this.width / 2, this.height / 2]);
  }

  /**
   * Centres a card (by id) on screen, at a zoom where it is legible. `onlyIfHidden`: not when it is on
   * screen already, whole; `readable` with it: a card on screen but drawn as a dot counts as hidden (the
   * keyboard's selection on a cascade fitted to dots, which a reader could not see move).
   */
  reveal(id: string, options: { onlyIfHidden?: boolean; readable?: boolean; whenLaidOut?: boolean } = {}): void {
    const card = this.cardOf(id);
    // `whenLaidOut`: no card yet, revealed when a layout gives it one (a find's match opened out of a closed
    // card, laid out in a worker).
    if (card < 0 && options.whenLaidOut) this.pendingReveal = { id, options: { onlyIfHidden: options.onlyIfHidden, readable: options.readable } };
    else if (card >= 0 && this.pendingReveal?.id === id) this.pendingReveal = null;
    if (card < 0 || !this.layout) return;
    const { x, y } = this.layout;
    if (options.onlyIfHidden) {
      const rect = visibleWorld(this.view, this.width, this.height);
      // The whole card: one cut at the edge of the screen (the arrows' next card) had its title clipped.
      const halfW = this.layout.cardWidth / 2, halfH = this.layout.cardHeight / 2;
      const onScreen = x[card]! - halfW >= rect.x0 && x[card]! + halfW <= rect.x1 && y[card]! - halfH >= rect.y0 && y[card]! + halfH <= rect.y1;
      const legible = !options.readable || detailLevel(this.view.k, this.layout.cardWidth) !== 'dot';
      if (onScreen && legible) return;
    }
    this.setView(centreOn(x[card]!, y[card]!, Math.max(this.view.k, 0.8), this.width, this.height));
  }

  get size(): { width: number; height: number; dpr: number } {
    return { width: this.width, height: this.height, dpr: this.dpr };
  }

  private resize(): void {
    const rect = this.canvas.getBoundingClientRect();
    this.dpr = window.devicePixelRatio || 1;
    this.width = Math.max(1, Math.round(rect.width));
    this.height = Math.max(1, Math.round(rect.height));
    // Crisp on high-DPI screens: the backing store has device pixels, the drawing uses CSS pixels.
    this.canvas.width = Math.round(this.width * this.dpr);
    this.canvas.height = Math.round(this.height * this.dpr);
    if (this.pendingCentre && this.layout) this.restoreView(this.pendingCentre);
    if (this.fitPending && this.layout) { this.fitPending = false; this.fit(); }
    this.paintNow();
  }

  // ── hit-testing ───────────────────────────────────────────────────────────────────────────

  /** World point under a client (viewport) point. */
  toWorld(clientX: number, clientY: number): { wx: number; wy: number } {
    const rect = this.canvas.getBoundingClientRect();
    return { wx: (clientX - rect.left - this.view.x) / this.view.k, wy: (clientY - rect.top - this.view.y) / this.view.k };
  }

  cardAtClient(clientX: number, clientY: number): number {
    if (!this.cardIndex) return -1;
    const { wx, wy } = this.toWorld(clientX, clientY);
    return this.cardIndex.cardAt(wx, wy);
  }

  cardOf(id: string): number {
    const row = this.snapshot?.rowOf.get(id);
    return row === undefined || !this.layout ? -1 : this.layout.cardOfRow[row] ?? -1;
  }

  /** Screen rectangle of a card in client coordinates (the test driver clicks these). */
  cardClientRect(id: string): { x: number; y: number; width: number; height: number } | null {
    const card = this.cardOf(id);
    if (card < 0 || !this.layout) return null;
    const rect = this.canvas.getBoundingClientRect();
    const { k } = this.view;
    return {
      x: rect.left + this.view.x + (this.layout.x[card]! - this.layout.cardWidth / 2) * k,
      y: rect.top + this.view.y + (this.layout.y[card]! - this.layout.cardHeight / 2) * k,
      width: this.layout.cardWidth * k, height: this.layout.cardHeight * k,
    };
  }

  // ── painting ──────────────────────────────────────────────────────────────────────────────

  schedulePaint(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => { this.frame = 0; this.paintNow(); });
  }

  private derive(): NonNullable<CascadeCanvas['derived']> {
    if (this.derived) return this.derived;
    const snapshot = this.snapshot!;
    const decor = this.decor;
    const selectedRow = decor.selectedId ? snapshot.rowOf.get(decor.selectedId) ?? -1 : -1;
    let onPath: Uint8Array | null = null;
    let subtree: readonly [number, number] | null = null;
    if (selectedRow >= 0) {
      onPath = new Uint8Array(snapshot.ids.length);
      for (const row of pathUp(snapshot, selectedRow)) onPath[row] = 1;
      subtree = [selectedRow, subtreeEnd(snapshot, selectedRow)];
    }
    let find: FindOnCanvas | null = null;
    if (decor.matches) {
      const matching = new Uint8Array(snapshot.ids.length);
      for (let row = 0; row < matching.length; row++) if (decor.matches(snapshot.ids[row]!)) matching[row] = 1;
      find = { ...matchesOnCanvas(snapshot, this.layout!.cardOfRow, matching), matches: matching };
    }
    const presence = new Map<number, PresenceMark[]>();
    for (const peer of decor.presence) {
      const row = peer.selection ? snapshot.rowOf.get(peer.selection) : undefined;
      if (row === undefined) continue;
      presence.set(row, [...(presence.get(row) ?? []), { name: peer.name, colour: peer.colour }]);
    }
    const contributes: [number, number][] = [];
    for (const [from, to] of decor.contributes) {
      const a = snapshot.rowOf.get(from), b = snapshot.rowOf.get(to);
      if (a !== undefined && b !== undefined) contributes.push([a, b]);
    }
    const risk = decor.riskMode === 'off' ? null : riskPaths(snapshot, decor.riskMode);
    // A closed card holding a match is lit, as a match's own card is, and says how many it holds.
    this.derived = { selectedRow, onPath, subtree, matches: find?.lit ?? null, matchesInside: find?.inside ?? null, presence, contributes, risk, find };
    this.tellFind(find);
    return this.derived;
  }

  /** The find's matches on the canvas as of the last layout and filters, or null when nothing is filtered. */
  get find(): FindOnCanvas | null {
    return this.snapshot && this.layout ? this.derive().find : null;
  }

  private tellFind(find: FindOnCanvas | null): void {
    const told = find ? `${find.total}/${find.onCards}/${find.hidden}/${find.closedCards}/${find.outside}` : '';
    if (told === this.toldFind) return;
    this.toldFind = told;
    this.host.findChanged?.(find);
  }

  /** True when the filters dim the node's card (a closed card holding a match is lit), or fail a node without a card; null while it has no row. */
  filteredOut(id: string): boolean | null {
    const row = this.snapshot?.rowOf.get(id);
    if (row === undefined) return null;
    // A card is lit when it matches or holds a match (find-matches.ts); a node without a card, by its own match.
    const find = this.derive().find;
    if (!find) return false;
    return this.cardOf(id) >= 0 ? find.lit[row] !== 1 : find.matches[row] !== 1;
  }

  /** Paints the current frame now (animation frames call this; so do tests and exports). */
  paintNow(): void {
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return;
    const started = performance.now();
    if (!this.snapshot || !this.layout || !this.positions || !this.cardIndex) {
      ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
      ctx.fillStyle = this.decor.theme.background;
      ctx.fillRect(0, 0, this.width, this.height);
      return;
    }
    this.stepAnimation();
    const derived = this.derive();
    const cardIndex = this.cardIndex;
    const cull = () => cardIndex.cardsIn(visibleWorld(this.view, this.width, this.height));
    const scene: Scene = { snapshot: this.snapshot, layout: this.layout, x: this.positions.x, y: this.positions.y, theme: this.decor.theme, ...derived,
      drag: this.drag, focused: this.focused, settled: this.animation === null, dotCache: this.cacheFarOut ? this.dotCache : null };
    paintScene(ctx, scene, this.view, this.width, this.height, this.dpr, cull);
    if (detailLevel(this.view.k, this.layout.cardWidth) === 'full') this.paintCardControls(ctx, derived.selectedRow);
    this.minimap?.paint();
    this.lastPaintMs = performance.now() - started;
    this.onPainted?.();
  }

  /** True once the cards have reached their laid-out places (no layout animation running). */
  get settled(): boolean {
    return this.animation === null;
  }

  private stepAnimation(): void {
    const animation = this.animation;
    if (!animation || !this.layout || !this.positions) return;
    const t = Math.min(1, (performance.now() - animation.start) / ANIMATION_MS);
    const eased = 1 - Math.pow(1 - t, 3);
    const { x, y } = this.layout;
    for (let card = 0; card < x.length; card++) {
      this.positions.x[card] = animation.fromX[card]! + (x[card]! - animation.fromX[card]!) * eased;
      this.positions.y[card] = animation.fromY[card]! + (y[card]! - animation.fromY[card]!) * eased;
    }
    if (t < 1) this.schedulePaint();
    else this.animation = null;
  }

  /** Where the selected card's controls sit (world units): expand/collapse and add child. */
  cardControls(row: number): { toggle: { x: number; y: number } | null; add: { x: number; y: number } } | null {
    const layout = this.layout;
    const card = layout ? layout.cardOfRow[row] ?? -1 : -1;
    if (!layout || card < 0) return null;
    const vertical = layout.orientation === 'top-down';
    const cx = layout.x[card]!, cy = layout.y[card]!;
    const hasChildren = layout.open[card] === 1 || layout.hidden[card]! > 0;
    const toggle = hasChildren ? (vertical ? { x: cx, y: cy + layout.cardHeight / 2 } : { x: cx + layout.cardWidth / 2, y: cy }) : null;
    const add = vertical ? { x: cx + layout.cardWidth / 2 + 12, y: cy } : { x: cx, y: cy + layout.cardHeight / 2 + 12 };
    return { toggle, add };
  }

  private paintCardControls(ctx: CanvasRenderingContext2D, selectedRow: number): void {
    if (selectedRow < 0 || this.animation) return;
    const controls = this.cardControls(selectedRow);
    if (!controls) return;
    const theme = this.decor.theme;
    ctx.setTransform(this.dpr * this.view.k, 0, 0, this.dpr * this.view.k, this.dpr * this.view.x, this.dpr * this.view.y);
    const button = (at: { x: number; y: number }, label: string, colour: string) => {
      ctx.beginPath(); ctx.arc(at.x, at.y, 10, 0, Math.PI * 2);
      ctx.fillStyle = colour; ctx.fill();
      ctx.fillStyle = '#ffffff'; ctx.font = '700 14px system-ui'; ctx.textAlign = 'center'; ctx.textBaseline = 'middle';
      ctx.fillText(label, at.x, at.y + 1); ctx.textAlign = 'start';
    };
    // Show / hide children sits where the links leave the card; add child beside the card.
    if (controls.toggle) button(controls.toggle, this.layout!.open[this.layout!.cardOfRow[selectedRow]!] ? '−' : '▾', theme.accent);
    if (!this.decor.readOnly) button(controls.add, '+', theme.valid);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
  }

  /** The current view as a PNG, at device pixels. */
  toPng(): Promise<Blob> {
    this.paintNow();
    return new Promise((resolve, reject) => this.canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The canvas could not be encoded as PNG.'))), 'image/png'));
  }

  dispose(): void {
    this.disposables.dispose();
  }
}
