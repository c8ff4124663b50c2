import type { CanvasSurface } from './scene.js';
import type { Disposables } from './disposables.js';
import { centreOn, visibleWorld } from './viewport.js';

/**
 * The whole cascade in a corner: every card a dot of its health colour (drawn once per layout into
 * an offscreen canvas), with the visible rectangle over it. A click or drag there moves the view.
 */
export class Minimap {
  private cache: HTMLCanvasElement | null = null;
  private scale = 1;
  private offset = { x: 0, y: 0 };
  private dragging = false;

  constructor(private readonly element: HTMLCanvasElement, private readonly canvas: CanvasSurface, disposables: Disposables) {
    disposables.listen(element, 'pointerdown', (event) => { this.dragging = true; element.setPointerCapture(event.pointerId); this.jump(event); });
    disposables.listen(element, 'pointermove', (event) => { if (this.dragging) this.jump(event); });
    disposables.listen(element, 'pointerup', () => { this.dragging = false; });
  }

  invalidate(): void {
    this.cache = null;
  }

  private showsEverything(): boolean {
    const { layout } = this.canvas;
    if (!layout) return true;
    const size = this.canvas.size;
    const view = visibleWorld(this.canvas.view, size.width, size.height);
    const { bounds } = layout;
    return bounds.x0 >= view.x0 && bounds.x1 <= view.x1 && bounds.y0 >= view.y0 && bounds.y1 <= view.y1;
  }

  private jump(event: PointerEvent): void {
    const rect = this.element.getBoundingClientRect();
    const wx = (event.clientX - rect.left - this.offset.x) / this.scale;
    const wy = (event.clientY - rect.top - this.offset.y) / this.scale;
    const { width, height } = this.canvas.size;
    this.canvas.setView(centreOn(wx, wy, this.canvas.view.k, width, height));
  }

  private render(width: number, height: number, dpr: number): HTMLCanvasElement {
    const { layout, snapshot, decor } = this.canvas;
    const cache = document.createElement('canvas');
    cache.width = Math.round(width * dpr);
    cache.height = Math.round(height * dpr);
    const ctx = cache.getContext('2d')!;
    if (!layout || !snapshot) return cache;
    const { bounds } = layout;
    this.scale = Math.min((width - 8) / Math.max(1, bounds.x1 - bounds.x0), (height - 8) / Math.max(1, bounds.y1 - bounds.y0));
    this.offset = { x: (width - (bounds.x1 - bounds.x0) * this.scale) / 2 - bounds.x0 * this.scale, y: (height - (bounds.y1 - bounds.y0) * this.scale) / 2 - bounds.y0 * this.scale };
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const w = Math.max(1, layout.cardWidth * this.scale), h = Math.max(1, layout.cardHeight * this.scale);
    for (let health = 0; health < 3; health++) {
      ctx.beginPath();
      for (let card = 0; card < layout.rows.length; card++) {
        if (snapshot.health[layout.rows[card]!] !== health) continue;
        ctx.rect(this.offset.x + (layout.x[card]! - layout.cardWidth / 2) * this.scale, this.offset.y + (layout.y[card]! - layout.cardHeight / 2) * this.scale, w, h);
      }
      ctx.fillStyle = decor.theme.health[health]!;
      ctx.fill();
    }
    return cache;
  }

  paint(): void {
    // With the whole cascade on screen there is nowhere to go, and the corner it covers holds cards.
    const everythingShown = this.showsEverything();
    if (this.element.hidden !== everythingShown) this.element.hidden = everythingShown;
    if (everythingShown) return;
    const rect = this.element.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    const width = Math.max(1, Math.round(rect.width)), height = Math.max(1, Math.round(rect.height));
    if (this.element.width !== Math.round(width * dpr)) { this.element.width = Math.round(width * dpr); this.cache = null; }
    if (this.element.height !== Math.round(height * dpr)) { this.element.height = Math.round(height * dpr); this.cache = null; }
    this.cache ??= this.render(width, height, dpr);
    const ctx = this.element.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.element.width, this.element.height);
    ctx.drawImage(this.cache, 0, 0);
    const size = this.canvas.size;
    const view = visibleWorld(this.canvas.view, size.width, size.height);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.strokeStyle = this.canvas.decor.theme.accent;
    ctx.lineWidth = 2;
    ctx.strokeRect(this.offset.x + view.x0 * this.scale, this.offset.y + view.y0 * this.scale, (view.x1 - view.x0) * this.scale, (view.y1 - view.y0) * this.scale);
  }
}
