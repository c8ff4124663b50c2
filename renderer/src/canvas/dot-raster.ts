import type { CascadeLayout } from './cascade-layout.js';
import type { Scene } from './scene.js';
import type { View } from './viewport.js';

/** Above this many visible cards at dot level, the frame is rasterised by hand instead of drawn as paths. */
export const RASTER_MIN_CARDS = 3000;
/** The cached picture of the whole cascade holds at most this many pixels (16 MB of RGBA). */
export const CACHE_MAX_PIXELS = 4_000_000;
/** …and is at most this wide or high (a canvas limit well inside every browser's). */
export const CACHE_MAX_SIDE = 8192;

let scratch: ImageData | null = null;

/** '#rrggbb' as one little-endian RGBA pixel (ImageData's byte order read as Uint32). */
export function pixelOf(hex: string): number {
  const value = Number.parseInt(hex.slice(1), 16);
  return ((255 << 24) | ((value & 0xff) << 16) | (value & 0xff00) | ((value >> 16) & 0xff)) >>> 0;
}

/** What the rasteriser reads of a scene: no DOM, so it is tested on plain arrays. */
export type RasterScene = Pick<Scene, 'layout' | 'snapshot' | 'theme' | 'x' | 'y' | 'matches'>;

/**
 * Far out, a 100,000-card plan is a few pixels per card: building and filling a canvas path of
 * 100,000 rectangles and links costs hundreds of milliseconds, writing their pixels into one
 * buffer costs a few. Cards are filled in their health colour (grey when filtered out), at least
 * one pixel each; links are drawn as elbows with one bus per parent, one pixel wide. `scale`, `ox`
 * and `oy` map world units to buffer pixels. Pure: writes only `pixels` (W×H, row-major RGBA).
 */
export function rasterizeDots(pixels: Uint32Array, W: number, H: number, scene: RasterScene, scale: number, ox: number, oy: number, visible: ArrayLike<number>): void {
  const { layout, snapshot, theme, x, y } = scene;
  pixels.fill(pixelOf(theme.background));
  const vertical = layout.orientation === 'top-down';
  // Half a card along the depth axis, in pixels.
  const halfDepth = ((vertical ? layout.cardHeight : layout.cardWidth) / 2) * scale;

  // Lines along screen axes; in left-to-right the roles of x and y swap.
  const link = pixelOf(theme.link);
  const line = (along: number, from: number, to: number, across: boolean) => {
    // across=false: a line along the depth axis at breadth `along`; across=true: along the breadth axis at depth `along`.
    const fixed = Math.round(along);
    let a = Math.round(Math.min(from, to)), b = Math.round(Math.max(from, to));
    const horizontal = vertical === across;
    const limitFixed = horizontal ? H : W, limitRun = horizontal ? W : H;
    if (fixed < 0 || fixed >= limitFixed) return;
    a = Math.max(0, a); b = Math.min(limitRun - 1, b);
    if (horizontal) pixels.fill(link, fixed * W + a, fixed * W + b + 1);
    else for (let at = a; at <= b; at++) pixels[at * W + fixed] = link;
  };
  const breadthOf = (card: number) => (vertical ? x[card]! * scale + ox : y[card]! * scale + oy);
  const depthOf = (card: number) => (vertical ? y[card]! * scale + oy : x[card]! * scale + ox);

  // One bus per parent: its extent along the breadth axis, kept in flat arrays indexed by card.
  const cards = layout.rows.length;
  const busMin = new Float64Array(cards).fill(Infinity);
  const busMax = new Float64Array(cards).fill(-Infinity);
  const busMid = new Float64Array(cards);
  const parents: number[] = [];
  for (let i = 0; i < visible.length; i++) {
    const card = visible[i]!;
    const parent = layout.linkParent[card]!;
    if (parent < 0) continue;
    const childTop = depthOf(card) - halfDepth;
    const parentBottom = depthOf(parent) + halfDepth;
    const at = breadthOf(card);
    line(at, (childTop + parentBottom) / 2, childTop, false);
    if (busMin[parent] === Infinity) {
      parents.push(parent);
      busMid[parent] = (childTop + parentBottom) / 2;
      busMin[parent] = breadthOf(parent); busMax[parent] = breadthOf(parent);
    }
    if (at < busMin[parent]!) busMin[parent] = at;
    if (at > busMax[parent]!) busMax[parent] = at;
  }
  for (const parent of parents) {
    line(busMid[parent]!, busMin[parent]!, busMax[parent]!, true);
    line(breadthOf(parent), depthOf(parent) + halfDepth, busMid[parent]!, false);
  }

  const colours = theme.health.map(pixelOf);
  const filteredOut = pixelOf(theme.cardBorder);
  const halfW = (layout.cardWidth / 2) * scale, halfH = (layout.cardHeight / 2) * scale;
  for (let i = 0; i < visible.length; i++) {
    const card = visible[i]!;
    const row = layout.rows[card]!;
    const colour = scene.matches && !scene.matches[row] ? filteredOut : colours[snapshot.health[row]!]!;
    const cx = x[card]! * scale + ox, cy = y[card]! * scale + oy;
    const x0 = Math.max(0, Math.floor(cx - halfW)), x1 = Math.min(W, Math.max(Math.floor(cx - halfW) + 1, Math.ceil(cx + halfW)));
    const y0 = Math.max(0, Math.floor(cy - halfH)), y1 = Math.min(H, Math.max(Math.floor(cy - halfH) + 1, Math.ceil(cy + halfH)));
    for (let py = y0; py < y1; py++) pixels.fill(colour, py * W + x0, py * W + x1);
  }
}

/** The view's pixels rasterised into the canvas at once (cards culled to `visible`). */
export function paintDotRaster(ctx: CanvasRenderingContext2D, scene: RasterScene, view: View, width: number, height: number, dpr: number, visible: Int32Array): void {
  const W = Math.max(1, Math.round(width * dpr)), H = Math.max(1, Math.round(height * dpr));
  if (!scratch || scratch.width !== W || scratch.height !== H) scratch = ctx.createImageData(W, H);
  rasterizeDots(new Uint32Array(scratch.data.buffer), W, H, scene, view.k * dpr, view.x * dpr, view.y * dpr, visible);
  ctx.putImageData(scratch, 0, 0);
}

/** Size and scale of the cached whole-cascade picture for `bounds`: world × scale = bitmap pixels. */
export function cachePlan(bounds: CascadeLayout['bounds']): { scale: number; width: number; height: number } {
  const worldWidth = Math.max(1, bounds.x1 - bounds.x0), worldHeight = Math.max(1, bounds.y1 - bounds.y0);
  const scale = Math.min(CACHE_MAX_SIDE / worldWidth, CACHE_MAX_SIDE / worldHeight, Math.sqrt(CACHE_MAX_PIXELS / (worldWidth * worldHeight)));
  return { scale, width: Math.max(1, Math.ceil(worldWidth * scale)), height: Math.max(1, Math.ceil(worldHeight * scale)) };
}

/**
 * Zoomed far out, every frame of a pan or zoom shows the same dots: the whole cascade is rasterised
 * once into an offscreen bitmap, and each frame only scales that bitmap onto the canvas (a few
 * milliseconds whatever the plan's size). The picture is redrawn when what it shows changes: the
 * layout, the snapshot's rows (a remote edit bumps `version`), the theme or the filter.
 */
export class DotCache {
  private bitmap: OffscreenCanvas | null = null;
  private key: readonly unknown[] = [];
  private plan = { scale: 0, width: 0, height: 0 };
  private every: { layout: CascadeLayout; cards: Int32Array } | null = null;
  /** Bumped by the canvas when rows change in place. */
  version = 0;

  /** 0, 1, … n−1: every card of `layout` in paint order (kept, so far-out frames allocate nothing). */
  everyCard(layout: CascadeLayout): Int32Array {
    if (this.every?.layout !== layout) this.every = { layout, cards: Int32Array.from({ length: layout.rows.length }, (_, card) => card) };
    return this.every.cards;
  }

  /** True when the cached picture has at least the view's resolution, so drawing it loses nothing. */
  covers(layout: CascadeLayout, view: View, dpr: number): boolean {
    return typeof OffscreenCanvas !== 'undefined' && view.k * dpr <= cachePlan(layout.bounds).scale;
  }

  /** Draws the cached picture through `view` (rendering it first if stale). */
  paint(ctx: CanvasRenderingContext2D, scene: RasterScene, view: View, width: number, height: number, dpr: number): void {
    const key = [scene.layout, scene.snapshot, scene.theme, scene.matches, scene.x, this.version];
    if (!this.bitmap || key.some((part, i) => part !== this.key[i])) {
      this.render(scene);
      this.key = key;
    }
    const { bounds } = scene.layout;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = scene.theme.background;
    ctx.fillRect(0, 0, width, height);
    // Bitmap pixel (0, 0) is world (x0, y0); one bitmap pixel is 1/scale world units.
    const k = (view.k * dpr) / this.plan.scale;
    ctx.setTransform(k, 0, 0, k, dpr * (view.x + bounds.x0 * view.k), dpr * (view.y + bounds.y0 * view.k));
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(this.bitmap!, 0, 0);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
  }

  private render(scene: RasterScene): void {
    const { layout } = scene;
    this.plan = cachePlan(layout.bounds);
    const { scale, width, height } = this.plan;
    if (!this.bitmap || this.bitmap.width !== width || this.bitmap.height !== height) this.bitmap = new OffscreenCanvas(width, height);
    const ctx = this.bitmap.getContext('2d')!;
    const image = ctx.createImageData(width, height);
    rasterizeDots(new Uint32Array(image.data.buffer), width, height, scene, scale, -layout.bounds.x0 * scale, -layout.bounds.y0 * scale, this.everyCard(layout));
    ctx.putImageData(image, 0, 0);
  }
}
