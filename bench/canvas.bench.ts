// Cascade canvas benchmark, in Chromium, side by side in one run with a plain D3 SVG rendering of
// the same layout (bench/canvas-page.ts holds the page side):
//   frame_median_ms / frame_p95_ms   10,000 nodes all expanded, all visible at first: a pan-and-zoom
//                                    gesture around the fitted view (up to 3× zoom), canvas;
//   svg_frame_median_ms              the same gesture over the same layout drawn as SVG;
//   svg_over_canvas                  svg_frame_median_ms / frame_median_ms;
//   layout_100k_ms                   100,000 nodes laid out in the (warm) Web Worker, round trip from the page;
//                                    beside it the same layout on the page's thread, now and as it was before
//                                    the 100k work (bench/canvas-baseline-layout.ts), interleaved;
//   frame_100k_median_ms             100,000 nodes: the worse of the zoomed-out and zoomed-in medians
//                                    (zoomed out also without the cached far-out picture, side by side);
//   remote_edit_repaint_ms           a retitle on another replica (10,000 nodes) to its repainted card.
// Frames are timed between animation frames with the frame-rate limit off, so a frame costs what its
// JavaScript, style, layout, paint and raster cost, not the 16.7 ms of a display's refresh.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { build } from 'esbuild';
import { chromium, type Page } from '@playwright/test';
import { chromiumArgs, chromiumExecutable } from '../playwright.config.js';
import { median, percentile, type BenchResult } from './harness.js';

const root = path.resolve(import.meta.dirname, '..');
const frameCount = Number(process.env.CANVAS_BENCH_FRAMES ?? 120);
const smallNodes = Number(process.env.CANVAS_BENCH_NODES ?? 10_000);
const largeNodes = Number(process.env.CANVAS_BENCH_LARGE_NODES ?? 100_000);

async function bundle(entry: string, define: Record<string, string> = {}): Promise<string> {
  const result = await build({ entryPoints: [path.join(root, entry)], bundle: true, format: 'esm', platform: 'browser', target: 'es2022', write: false, define, logLevel: 'error' });
  return result.outputFiles[0]!.text;
}

async function serve(files: Record<string, { type: string; body: string }>): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const file = files[request.url ?? '/'];
    if (!file) { response.writeHead(404).end(); return; }
    response.writeHead(200, { 'content-type': file.type }).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

type Bench = {
  setup(nodes: number, seed: number): { nodes: number; ms: number };
  layoutInWorker(runs: number): Promise<{ roundTripMs: number[]; workerMs: number[]; longestFrameMs: number; cards: number }>;
  layoutInThread(runs: number): { baselineMs: number[]; currentMs: number[]; sameCards: boolean };
  mountCanvas(): Promise<{ cards: number; fitK: number; mountMs: number }>;
  canvasGesture(count: number, zoomRange: number, zoomedInK?: number, cached?: boolean): Promise<{ frames: number[]; paints: number[] }>;
  svgGesture(count: number, zoomRange: number): Promise<{ frames: number[]; paints: number[]; elements: number }>;
  remoteEdits(count: number): Promise<number[]>;
};

/** Calls a method of the page's bench object (no named helpers inside evaluate: tsx would wrap them). */
function call<K extends keyof Bench>(page: Page, method: K, ...args: Parameters<Bench[K]>): Promise<Awaited<ReturnType<Bench[K]>>> {
  return page.evaluate(({ method, args }) => {
    const target = (window as unknown as { __canvasBench: Record<string, (...a: unknown[]) => unknown> }).__canvasBench;
    return target[method]!(...args);
  }, { method, args }) as Promise<Awaited<ReturnType<Bench[K]>>>;
}

export async function run(): Promise<BenchResult> {
  const worker = await bundle('renderer/src/canvas/layout-worker.ts');
  const page = await bundle('bench/canvas-page.ts', { WORKER_URL: JSON.stringify('/worker.js') });
  const html = '<!doctype html><meta charset="utf-8"><body style="margin:0"><div id="stage" style="width:1280px;height:800px"></div><script type="module" src="/page.js"></script>';
  const { url, server } = await serve({
    '/': { type: 'text/html', body: html },
    '/page.js': { type: 'text/javascript', body: page },
    '/worker.js': { type: 'text/javascript', body: worker },
  });
  // Unthrottled frames: a frame lasts as long as its work, so canvas and SVG can be compared.
  const browser = await chromium.launch({ executablePath: chromiumExecutable, args: [...chromiumArgs, '--disable-frame-rate-limit', '--disable-gpu-vsync'] });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
    const tab = await context.newPage();
    await tab.goto(url);
    await tab.waitForFunction(() => '__canvasBench' in window);

    // 10,000 nodes, everything visible: canvas and SVG over the same layout, same gesture.
    const small = await call(tab, 'setup', smallNodes, 10_000);
    const mounted = await call(tab, 'mountCanvas');
    await call(tab, 'canvasGesture', 20, 3); // warm-up
    const canvasRun = await call(tab, 'canvasGesture', frameCount, 3);
    const svgRun = await call(tab, 'svgGesture', frameCount, 3);
    const remote = await call(tab, 'remoteEdits', 20);

    // 100,000 nodes: layout off the main thread, then frames zoomed out (all of it) and zoomed in.
    await tab.goto(url);
    await tab.waitForFunction(() => '__canvasBench' in window);
    const large = await call(tab, 'setup', largeNodes, 100_000);
    const inThread = await call(tab, 'layoutInThread', 5);
    if (!inThread.sameCards) throw new Error('the baseline and the current layout placed different numbers of cards');
    const layouts = await call(tab, 'layoutInWorker', 5);
    const largeMount = await call(tab, 'mountCanvas');
    await call(tab, 'canvasGesture', 10, 1.5);
    const out = await call(tab, 'canvasGesture', frameCount / 2, 1.5);
    // The same zoomed-out gesture without the cached picture (every frame rasterised), side by side.
    const outUncached = await call(tab, 'canvasGesture', frameCount / 2, 1.5, undefined, false);
    const zoomedIn = await call(tab, 'canvasGesture', frameCount / 2, 1.5, 1);
    await context.close();

    const frameMedian = median(canvasRun.frames);
    const svgMedian = median(svgRun.frames);
    const outMedian = median(out.frames), inMedian = median(zoomedIn.frames);
    return {
      area: 'canvas',
      metrics: {
        frame_median_ms: frameMedian,
        frame_p95_ms: percentile(canvasRun.frames, 95),
        paint_median_ms: median(canvasRun.paints),
        svg_frame_median_ms: svgMedian,
        svg_frame_p95_ms: percentile(svgRun.frames, 95),
        svg_over_canvas: svgMedian / frameMedian,
        layout_100k_ms: median(layouts.roundTripMs),
        layout_100k_worker_ms: median(layouts.workerMs),
        layout_100k_longest_page_gap_ms: layouts.longestFrameMs,
        layout_100k_in_thread_ms: median(inThread.currentMs),
        layout_100k_baseline_in_thread_ms: median(inThread.baselineMs),
        layout_baseline_over_current: median(inThread.baselineMs) / median(inThread.currentMs),
        layout_baseline_over_worker_round_trip: median(inThread.baselineMs) / median(layouts.roundTripMs),
        mount_100k_ms: largeMount.mountMs,
        frame_100k_median_ms: Math.max(outMedian, inMedian),
        frame_100k_zoomed_out_median_ms: outMedian,
        frame_100k_zoomed_out_uncached_median_ms: median(outUncached.frames),
        frame_100k_uncached_over_cached: median(outUncached.frames) / outMedian,
        frame_100k_zoomed_in_median_ms: inMedian,
        remote_edit_repaint_ms: median(remote),
        remote_edit_repaint_p95_ms: percentile(remote, 95),
      },
      notes: [
        `${small.nodes} nodes (${mounted.cards} cards, fitted zoom ${mounted.fitK.toFixed(4)}), ${frameCount} frames of a pan-and-zoom gesture up to 3×; SVG: ${svgRun.elements} elements`,
        `${large.nodes} nodes (${largeMount.cards} cards); layout round trip includes copying the structure to the worker and the result back`,
        'frames are animation-frame intervals with the frame-rate limit off (--disable-frame-rate-limit --disable-gpu-vsync), software raster (--disable-gpu)',
      ],
    };
  } finally {
    await browser.close();
    server.close();
  }
}
