import { quadtree, type Quadtree } from 'd3-quadtree';
import type { CascadeLayout } from './cascade-layout.js';
import type { WorldRect } from './viewport.js';

/**
 * Spatial index of the laid-out cards (a d3 quadtree of their centres): which card is under the
 * pointer, and which cards touch the visible rectangle (culling), without scanning every card.
 */
export class CardIndex {
  private readonly tree: Quadtree<number>;
  private readonly halfWidth: number;
  private readonly halfHeight: number;
  private everything: Int32Array | null = null;

  constructor(private readonly layout: CascadeLayout) {
    this.halfWidth = layout.cardWidth / 2;
    this.halfHeight = layout.cardHeight / 2;
    const cards = Array.from({ length: layout.rows.length }, (_, card) => card);
    this.tree = quadtree<number>().x((card) => layout.x[card]!).y((card) => layout.y[card]!).addAll(cards);
  }

  /** The card whose rectangle contains the world point, or -1. The last painted (topmost) wins. */
  cardAt(px: number, py: number): number {
    let found = -1;
    this.visit({ x0: px, y0: py, x1: px, y1: py }, (card) => {
      if (Math.abs(this.layout.x[card]! - px) <= this.halfWidth && Math.abs(this.layout.y[card]! - py) <= this.halfHeight) found = Math.max(found, card);
    });
    return found;
  }

  /** Cards whose rectangle intersects `rect`, in paint order. */
  cardsIn(rect: WorldRect): Int32Array {
    const { bounds } = this.layout;
    const cards = this.layout.rows.length;
    // Zoomed out over everything: no tree walk, no sort (at 100,000 cards both cost more than a frame).
    if (rect.x0 <= bounds.x0 && rect.y0 <= bounds.y0 && rect.x1 >= bounds.x1 && rect.y1 >= bounds.y1) {
      this.everything ??= Int32Array.from({ length: cards }, (_, card) => card);
      return this.everything;
    }
    const found: number[] = [];
    this.visit(rect, (card) => { found.push(card); });
    if (found.length < cards / 16) return Int32Array.from(found).sort();
    // Many cards: mark and sweep is linear where a sort is not.
    const seen = new Uint8Array(cards);
    for (const card of found) seen[card] = 1;
    const ordered = new Int32Array(found.length);
    let at = 0;
    for (let card = 0; card < cards; card++) if (seen[card]) ordered[at++] = card;
    return ordered;
  }

  /** Calls `each` for every card whose rectangle intersects `rect` (any order). */
  visit(rect: WorldRect, each: (card: number) => void): void {
    // A card intersects the rectangle when its centre lies in the rectangle grown by half a card.
    const x0 = rect.x0 - this.halfWidth, x1 = rect.x1 + this.halfWidth;
    const y0 = rect.y0 - this.halfHeight, y1 = rect.y1 + this.halfHeight;
    this.tree.visit((node, nx0, ny0, nx1, ny1) => {
      if (!node.length) {
        for (let leaf: typeof node | undefined = node; leaf; leaf = (leaf as { next?: typeof node }).next) {
          const card = (leaf as { data: number }).data;
          const cx = this.layout.x[card]!, cy = this.layout.y[card]!;
          if (cx >= x0 && cx <= x1 && cy >= y0 && cy <= y1) each(card);
        }
      }
      return nx0 > x1 || nx1 < x0 || ny0 > y1 || ny1 < y0;
    });
  }
}
