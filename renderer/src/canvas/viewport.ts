/** A rectangle in world units. */
export interface WorldRect { x0: number; y0: number; x1: number; y1: number }

/** A pan and zoom: screen = world × k + (x, y), as d3-zoom's ZoomTransform. */
export interface View { x: number; y: number; k: number }

/** How much of a card the zoom lets a reader see. */
export type DetailLevel = 'full' | 'title' | 'outline' | 'dot';

/**
 * Screen widths of a card: from `full` the whole card (kind, owner, ring) is legible; from `title` only its title
 * is, drawn at a fixed small screen size (a young plan fitted to the screen lands here, fix44 F6); below
 * `title` a coloured box; below `outline` a dot. A card is at least `title` wide on screen only when few
 * cards fit on it, so titles are never drawn for thousands of unreadable cards.
 */
export const DETAIL_THRESHOLDS = { full: 150, title: 90, outline: 36 } as const;

/** Level of detail at zoom `k` for cards `cardWidth` wide: text and rings where legible, dots when far. */
export function detailLevel(k: number, cardWidth: number): DetailLevel {
  const onScreen = cardWidth * k;
  if (onScreen >= DETAIL_THRESHOLDS.full) return 'full';
  if (onScreen >= DETAIL_THRESHOLDS.title) return 'title';
  return onScreen >= DETAIL_THRESHOLDS.outline ? 'outline' : 'dot';
}

/** The world rectangle a `width`×`height` screen shows through `view`. */
export function visibleWorld(view: View, width: number, height: number): WorldRect {
  return { x0: -view.x / view.k, y0: -view.y / view.k, x1: (width - view.x) / view.k, y1: (height - view.y) / view.k };
}

/** The view that fits `bounds` into the screen with a margin, never zooming in past `maxK`. */
export function fitView(bounds: WorldRect, width: number, height: number, options: { margin?: number; minK?: number; maxK?: number } = {}): View {
  const margin = options.margin ?? 32;
  const worldWidth = Math.max(1, bounds.x1 - bounds.x0);
  const worldHeight = Math.max(1, bounds.y1 - bounds.y0);
  const k = Math.max(options.minK ?? 1e-4, Math.min(options.maxK ?? 1, (width - 2 * margin) / worldWidth, (height - 2 * margin) / worldHeight));
  return { k, x: width / 2 - ((bounds.x0 + bounds.x1) / 2) * k, y: height / 2 - ((bounds.y0 + bounds.y1) / 2) * k };
}

/** The view that puts world point (cx, cy) at the screen centre at zoom k. */
export function centreOn(cx: number, cy: number, k: number, width: number, height: number): View {
  return { k, x: width / 2 - cx * k, y: height / 2 - cy * k };
}

/** The world point at the centre of the screen (what follow mode carries in presence). */
export function viewCentre(view: View, width: number, height: number): { cx: number; cy: number } {
  return { cx: (width / 2 - view.x) / view.k, cy: (height / 2 - view.y) / view.k };
}

/**
 * The view zoomed by `factor` around a card (centre `x`, `y` and size in world units) that is on the
 * screen: the card's centre stays where it is on screen, and the card is then moved the least that
 * brings it whole onto the screen (centred on an axis it is too large for). Null when the card's centre
 * is off screen (the caller zooms around the screen's centre). The zoom is held to `extent`.
 */
export function zoomKeeping(view: View, factor: number, card: { x: number; y: number; width: number; height: number }, width: number, height: number, extent: readonly [number, number]): View | null {
  const sx = view.x + card.x * view.k, sy = view.y + card.y * view.k;
  if (sx < 0 || sx > width || sy < 0 || sy > height) return null;
  const k = Math.min(extent[1], Math.max(extent[0], view.k * factor));
  let x = sx - card.x * k, y = sy - card.y * k;
  const shift = (at: number, half: number, size: number) => {
    if (2 * half > size) return size / 2 - at; // larger than the screen: centred
    if (at - half < 0) return half - at;
    if (at + half > size) return size - half - at;
    return 0;
  };
  x += shift(sx, (card.width * k) / 2, width);
  y += shift(sy, (card.height * k) / 2, height);
  return { k, x, y };
}
