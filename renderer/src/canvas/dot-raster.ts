import type { Scene } from './scene.js';
import type { View } from './viewport.js';

/** Above this many visible cards at dot level, the frame is rasterised by hand instead of drawn as paths. */
export const RASTER_MIN_CARDS = 3000;

let scratch: ImageData | null = null;

/** '#rrggbb' as one little-endian RGBA pixel (ImageData's byte order read as Uint32). */
function pixelOf(hex: string): number {
  const value = Number.parseInt(hex.slice(1), 16);
  return ((255 << 24) | ((value & 0xff) << 16) | (value & 0xff00) | ((value >> 16) & 0xff)) >>> 0;
}

/**
 * Far out, a 100,000-card plan is a few pixels per card: building and filling a canvas path of
 * 100,000 rectangles and links costs hundreds of milliseconds, writing their pixels into one
 * ImageData costs a few. Cards are filled in their health colour (grey when filtered out); links
 * are drawn as elbows with one bus per parent, one pixel wide.
 */
export function paintDotRaster(ctx: CanvasRenderingContext2D, scene: Scene, view: View, width: number, height: number, dpr: number, visible: Int32Array): void {
  const W = Math.max(1, Math.round(width * dpr)), H = Math.max(1, Math.round(height * dpr));
  if (!scratch || scratch.width !== W || scratch.height !== H) scratch = ctx.createImageData(W, H);
  const pixels = new Uint32Array(scratch.data.buffer);
  const { layout, snapshot, theme, x, y } = scene;
  pixels.fill(pixelOf(theme.background));
  const scale = view.k * dpr, ox = view.x * dpr, oy = view.y * dpr;
  const vertical = layout.orientation === 'top-down';
  // Half a card along the depth axis, in device pixels.
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

  const busFrom = new Map<number, { min: number; max: number; mid: number }>();
  for (let i = 0; i < visible.length; i++) {
    const card = visible[i]!;
    const parent = layout.linkParent[card]!;
    if (parent < 0) continue;
    const childTop = depthOf(card) - halfDepth;
    const parentBottom = depthOf(parent) + halfDepth;
    const mid = (childTop + parentBottom) / 2;
    const at = breadthOf(card);
    line(at, mid, childTop, false);
    const bus = busFrom.get(parent);
    if (bus) { bus.min = Math.min(bus.min, at); bus.max = Math.max(bus.max, at); }
    else busFrom.set(parent, { min: Math.min(at, breadthOf(parent)), max: Math.max(at, breadthOf(parent)), mid });
  }
  for (const [parent, bus] of busFrom) {
    line(bus.mid, bus.min, bus.max, true);
    line(breadthOf(parent), depthOf(parent) + halfDepth, bus.mid, false);
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
  ctx.putImageData(scratch, 0, 0);
}
