// The page side of the canvas benchmark (bundled by bench/canvas.bench.ts with esbuild): the real
// CascadeCanvas, the real layout worker, and beside them a plain D3 SVG rendering of the same layout.
import * as Y from 'yjs';
import { select } from 'd3-selection';
import { generatePlan } from '../shared/model/fixtures/generate-plan.js';
import { openPlan, type Plan } from '../shared/model/index.js';
import { CascadeCanvas, type CanvasHost } from '../renderer/src/canvas/cascade-canvas.js';
import { defaultLayoutOptions, layoutCascade, resolveLayoutOptions, type CascadeLayout, type LayoutOptions } from '../renderer/src/canvas/cascade-layout.js';
import { layoutCascade as baselineLayout } from './canvas-baseline-layout.js';
import { patchSnapshot, snapshotFromIndex, type CascadeSnapshot } from '../renderer/src/canvas/cascade-snapshot.js';
import { LayoutRunner, type LayoutRequest, type LayoutResponse } from '../renderer/src/canvas/layout-runner.js';
import { fitView, type View } from '../renderer/src/canvas/viewport.js';

declare const WORKER_URL: string;

const host: CanvasHost = { select() {}, open() {}, move() {}, refuse() {}, dragHint() {}, addChild() {}, toggle() {}, viewChanged() {} };
const everything: LayoutOptions = { ...defaultLayoutOptions, collapseDepth: 99 };
const WIDTH = 1280, HEIGHT = 800;

let plan: Plan | null = null;
let remote: Plan | null = null;
let snapshot: CascadeSnapshot | null = null;
let canvas: CascadeCanvas | null = null;

function stage(): HTMLElement {
  const element = document.getElementById('stage')!;
  element.replaceChildren();
  return element;
}

/** Times `count` frames: `apply(i)` changes the view at the start of each animation frame. */
function frames(count: number, apply: (i: number) => void): Promise<{ frames: number[]; paints: number[] }> {
  return new Promise((resolve) => {
    const stamps: number[] = [];
    const paints: number[] = [];
    let i = 0;
    const tick = (now: number) => {
      stamps.push(now);
      if (i === count) {
        resolve({ frames: stamps.slice(2).map((t, j) => t - stamps[j + 1]!), paints });
        return;
      }
      const started = performance.now();
      apply(i++);
      paints.push(performance.now() - started);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

/** Views for a pan-and-zoom gesture around the fitted view: zoom in to `zoomRange`×, pan, and back. */
function gesture(fit: View, count: number, zoomRange: number): View[] {
  const views: View[] = [];
  for (let i = 0; i < count; i++) {
    const phase = (i / count) * Math.PI * 2;
    const k = fit.k * (1 + (zoomRange - 1) * (0.5 - 0.5 * Math.cos(phase)));
    const cx = WIDTH / 2 + Math.sin(phase) * 200, cy = HEIGHT / 2 + Math.sin(phase * 2) * 80;
    // Zoom about the screen centre, then pan.
    views.push({ k, x: cx - ((WIDTH / 2 - fit.x) / fit.k) * k, y: cy - ((HEIGHT / 2 - fit.y) / fit.k) * k });
  }
  return views;
}

const bench = {
  /** Generates a plan of `nodes` nodes in this page, and a second replica to make remote edits from. */
  setup(nodes: number, seed: number): { nodes: number; ms: number } {
    const started = performance.now();
    const doc = new Y.Doc();
    const generated = generatePlan(doc, { nodes, seed, checkIns: Math.min(nodes, 20_000) });
    plan = openPlan(doc, { now: () => generated.now, newId: () => 'x', actor: 'bench' }, { now: generated.now });
    const remoteDoc = new Y.Doc();
    Y.applyUpdate(remoteDoc, Y.encodeStateAsUpdate(doc));
    let n = 0;
    remote = openPlan(remoteDoc, { now: () => generated.now, newId: () => `remote${++n}`, actor: 'remote' }, { now: generated.now });
    // The "network": the remote replica's updates reach this page's doc as a provider's would.
    remoteDoc.on('update', (update: Uint8Array, origin: unknown) => { if (origin !== 'sync') Y.applyUpdate(doc, update, 'sync'); });
    snapshot = snapshotFromIndex(plan.index);
    return { nodes: snapshot.ids.length, ms: performance.now() - started };
  },

  /**
   * Lays the whole plan out in the worker (created once and warmed, as the app keeps one); reports
   * the round trip from the page (resolving the options, copying the arrays, the answer back) and
   * the longest main-thread frame meanwhile.
   */
  async layoutInWorker(runs: number): Promise<{ roundTripMs: number[]; workerMs: number[]; longestFrameMs: number; cards: number }> {
    const worker = new Worker(WORKER_URL, { type: 'module' });
    const s = snapshot!;
    const once = () => new Promise<{ response: LayoutResponse; ms: number }>((resolve) => {
      const started = performance.now();
      worker.onmessage = (event: MessageEvent<LayoutResponse>) => resolve({ response: event.data, ms: performance.now() - started });
      const resolved = resolveLayoutOptions(s, everything);
      const request: LayoutRequest = { ticket: 1, structure: { parent: s.parent, depth: s.depth, health: s.health }, resolved };
      worker.postMessage(request, [resolved.open.buffer]);
    });
    await once(); // warm-up: the worker's script compiled and its functions optimised
    // The page's responsiveness meanwhile: the longest gap between 5 ms timer ticks (a blocked page
    // shows as one long gap; timers fire whether or not anything is drawn).
    let longest = 0;
    let last = performance.now();
    const heartbeat = setInterval(() => { const now = performance.now(); longest = Math.max(longest, now - last); last = now; }, 5);
    const roundTripMs: number[] = [], workerMs: number[] = [];
    let cards = 0;
    for (let i = 0; i < runs; i++) {
      const { response, ms } = await once();
      roundTripMs.push(ms); workerMs.push(response.workerMs); cards = response.layout.rows.length;
    }
    clearInterval(heartbeat);
    worker.terminate();
    return { roundTripMs, workerMs, longestFrameMs: longest, cards };
  },

  /**
   * The side-by-side baselines, on the page's own thread (so each blocks the page for its whole
   * duration): the layout as it was before this work (bench/canvas-baseline-layout.ts) and the
   * current one. Interleaved so both see the same machine load.
   */
  layoutInThread(runs: number): { baselineMs: number[]; currentMs: number[]; sameCards: boolean } {
    const s = snapshot!;
    const baselineMs: number[] = [], currentMs: number[] = [];
    let sameCards = true;
    for (let i = 0; i < runs; i++) {
      let started = performance.now();
      const before = baselineLayout(s, everything);
      baselineMs.push(performance.now() - started);
      started = performance.now();
      const now = layoutCascade(s, everything);
      currentMs.push(performance.now() - started);
      sameCards &&= before.rows.length === now.rows.length;
    }
    return { baselineMs, currentMs, sameCards };
  },

  /** Mounts the real canvas with the whole plan expanded (layout in the worker when large). */
  async mountCanvas(): Promise<{ cards: number; fitK: number; mountMs: number }> {
    const element = document.createElement('canvas');
    element.style.cssText = `width:${WIDTH}px;height:${HEIGHT}px;display:block`;
    stage().append(element);
    canvas?.dispose();
    const started = performance.now();
    canvas = new CascadeCanvas(element, host, new LayoutRunner(() => new Worker(WORKER_URL, { type: 'module' })), null);
    await new Promise<void>((resolve) => canvas!.setSnapshot(snapshot!, everything, resolve));
    canvas.fit();
    canvas.paintNow();
    return { cards: canvas.layout!.rows.length, fitK: canvas.view.k, mountMs: performance.now() - started };
  },

  /** Frame times of the canvas through a pan-and-zoom gesture (zoomRange 1 = stays fitted). */
  async canvasGesture(count: number, zoomRange: number, zoomedInK?: number, cached = true): Promise<{ frames: number[]; paints: number[] }> {
    const c = canvas!;
    c.cacheFarOut = cached;
    let fit = fitView(c.layout!.bounds, WIDTH, HEIGHT, { minK: 1e-5 });
    if (zoomedInK) fit = { k: zoomedInK, x: WIDTH / 2 - ((c.layout!.bounds.x0 + c.layout!.bounds.x1) / 2) * zoomedInK, y: HEIGHT / 2 - c.layout!.bounds.y0 * zoomedInK };
    const views = gesture(fit, count, zoomRange);
    return frames(count, (i) => { c.view = views[i]!; c.paintNow(); });
  },

  /** The same layout as plain D3 SVG (a rect and a title per card, a path per link), and its frame times. */
  async svgGesture(count: number, zoomRange: number): Promise<{ frames: number[]; paints: number[]; elements: number }> {
    const layout: CascadeLayout = canvas!.layout!;
    const s = snapshot!;
    const root = select(stage()).append('svg').attr('width', WIDTH).attr('height', HEIGHT).style('display', 'block');
    const g = root.append('g');
    const links: number[] = [];
    for (let card = 0; card < layout.rows.length; card++) if (layout.linkParent[card]! >= 0) links.push(card);
    g.selectAll('path').data(links).join('path').attr('fill', 'none').attr('stroke', '#b4bbc8')
      .attr('d', (card) => { const p = layout.linkParent[card]!; return `M${layout.x[p]},${layout.y[p]! + 42}V${layout.y[card]! - 42}H${layout.x[card]}`; });
    const colours = ['#1f8f5f', '#c98400', '#cf3f3f'];
    const cards = g.selectAll('g.card').data(Array.from(layout.rows.keys())).join('g').attr('class', 'card')
      .attr('transform', (card) => `translate(${layout.x[card]! - 110},${layout.y[card]! - 42})`);
    cards.append('rect').attr('width', 220).attr('height', 84).attr('rx', 8).attr('fill', '#fff').attr('stroke', (card) => colours[s.health[layout.rows[card]!]!]!);
    cards.append('text').attr('x', 14).attr('y', 36).attr('font-size', 14).text((card) => s.titles[layout.rows[card]!]!.slice(0, 26));
    const fit = fitView(layout.bounds, WIDTH, HEIGHT, { minK: 1e-5 });
    const views = gesture(fit, count, zoomRange);
    const result = await frames(count, (i) => { const v = views[i]!; g.attr('transform', `translate(${v.x},${v.y}) scale(${v.k})`); });
    const elements = root.selectAll('*').size();
    root.remove();
    return { ...result, elements };
  },

  /** Remote retitles of on-screen cards: from the update leaving the other replica to the repainted frame. */
  async remoteEdits(count: number): Promise<number[]> {
    const c = canvas!;
    const p = plan!;
    // Zoom in so the edited cards are drawn with their titles.
    c.view = { k: 1, x: WIDTH / 2 - c.layout!.x[0]!, y: HEIGHT / 2 - c.layout!.y[0]! };
    const id = snapshot!.ids[0]!;
    const samples: number[] = [];
    let pending: (() => void) | null = null;
    const stop = p.index.onInvalidate(() => queueMicrotask(() => {
      const changed = p.index.refresh(p.index.now);
      if (!patchSnapshot(snapshot!, p.index, changed)) throw new Error('a retitle changed the tree?');
      c.rowsChanged();
    }));
    c.onPainted = () => { const done = pending; pending = null; if (done) setTimeout(done, 0); };
    for (let i = 0; i < count; i++) {
      const painted = new Promise<void>((resolve) => { pending = resolve; });
      const started = performance.now();
      remote!.setTitle(id, `Strategy retitled ${i}`);
      await painted;
      samples.push(performance.now() - started);
      if (snapshot!.titles[0] !== `Strategy retitled ${i}`) throw new Error('the repainted card does not show the remote title');
    }
    stop();
    c.onPainted = null;
    return samples;
  },
};

(window as unknown as { __canvasBench: typeof bench }).__canvasBench = bench;
