import { expect, type Locator, type Page } from '@playwright/test';

interface Rect { x: number; y: number; width: number; height: number }
interface ViewState { x: number; y: number; k: number }

/**
 * A chainable driver over the real cascade canvas, in the style of tldraw's TestEditor: each call
 * queues a step and returns the driver, and `await` runs the queue.
 *
 *   await canvas.pointerDown('Revenue from DACH').pointerMove('Win the DACH market').pointerUp();
 *
 * Cards are found by title through the automation hooks (the app's `findNode`, the canvas's
 * `cardRect`), then driven with the real mouse and keyboard at their screen positions.
 */
export class CanvasDriver implements PromiseLike<void> {
  private queue: Promise<void> = Promise.resolve();

  constructor(readonly page: Page) {}

  get element() {
    return this.page.getByTestId('cascade-canvas');
  }

  private step(run: () => Promise<void>): this {
    this.queue = this.queue.then(run);
    return this;
  }

  then<A = void, B = never>(onFulfilled?: ((value: void) => A | PromiseLike<A>) | null, onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): PromiseLike<A | B> {
    const queued = this.queue;
    this.queue = Promise.resolve();
    return queued.then(onFulfilled, onRejected);
  }

  // ── reads (not chained) ─────────────────────────────────────────────────────────────────────

  async nodeId(title: string): Promise<string> {
    const id = await this.page.evaluate((wanted) => (window as unknown as { __throughline: { findNode(t: string): string | null } }).__throughline.findNode(wanted), title);
    if (!id) throw new Error(`no node titled "${title}" in the plan`);
    return id;
  }

  /** The card's client rectangle; waits until the card is laid out. */
  async cardRect(title: string): Promise<Rect> {
    return this.cardRectById(await this.nodeId(title));
  }

  /** The card's client rectangle by node id (for a past plan, whose titles the live plan's lookup does not know). */
  async cardRectById(id: string): Promise<Rect> {
    // Wait for the cards to reach their places: right after a focus or an expand they are still moving.
    const handle = await this.page.waitForFunction((nodeId) => {
      const hook = (window as unknown as { __throughlineCanvas?: { cardRect(id: string): Rect | null; settled(): boolean } }).__throughlineCanvas;
      return hook?.settled() ? hook.cardRect(nodeId) : null;
    }, id);
    return (await handle.jsonValue())!;
  }

  /** What the canvas paints on a card (its title, health and badges), from the canvas's own picture of the plan. */
  async card(title: string): Promise<{ title: string; health: string; badges: string[] } | null> {
    const id = await this.nodeId(title);
    return this.cardById(id);
  }

  /**
   * The card of the node titled `title` as the canvas paints it, or null while no node has that title:
   * for polling until another person's new line has arrived with its title (the node comes first).
   */
  async cardTitled(title: string): Promise<{ title: string; health: string; badges: string[] } | null> {
    const id = await this.page.evaluate((wanted) => (window as unknown as { __throughline: { findNode(t: string): string | null } }).__throughline.findNode(wanted), title);
    return id ? this.cardById(id) : null;
  }

  /** The canvas is a chunk loaded on first use: its hook exists once the view has loaded and mounted. */
  private async loaded(): Promise<void> {
    await this.page.waitForFunction(() => (window as unknown as { __throughlineCanvas?: unknown }).__throughlineCanvas !== undefined);
  }

  async cardById(id: string): Promise<{ title: string; health: string; badges: string[] } | null> {
    await this.loaded();
    return this.page.evaluate((nodeId) => (window as unknown as { __throughlineCanvas: { card(id: string): { title: string; health: string; badges: string[] } | null } }).__throughlineCanvas.card(nodeId), id);
  }

  /** Whether the filters dim the card of the node titled `title` (null while it has no card). */
  async filteredOut(title: string): Promise<boolean | null> {
    const id = await this.nodeId(title);
    await this.loaded();
    return this.page.evaluate((nodeId) => (window as unknown as { __throughlineCanvas: { filteredOut(id: string): boolean | null } }).__throughlineCanvas.filteredOut(nodeId), id);
  }

  /** The node whose card is under a client point (the canvas's own hit-test), or null. */
  async cardAt(x: number, y: number): Promise<string | null> {
    await this.loaded();
    return this.page.evaluate(({ x, y }) => (window as unknown as { __throughlineCanvas: { cardAt(x: number, y: number): string | null } }).__throughlineCanvas.cardAt(x, y), { x, y });
  }

  async view(): Promise<ViewState> {
    await this.loaded();
    return this.page.evaluate(() => (window as unknown as { __throughlineCanvas: { view(): ViewState } }).__throughlineCanvas.view());
  }

  /** A client point on the canvas background (no card under it), for panning. */
  async emptyPoint(): Promise<{ x: number; y: number }> {
    await this.loaded();
    const box = (await this.element.boundingBox())!;
    const point = await this.page.evaluate((box) => {
      const hook = (window as unknown as { __throughlineCanvas: { cardAt(x: number, y: number): string | null } }).__throughlineCanvas;
      for (let fy = 0.1; fy < 0.95; fy += 0.1) {
        for (let fx = 0.05; fx < 0.7; fx += 0.05) {
          const x = box.x + box.width * fx, y = box.y + box.height * fy;
          // The pan goes 160 px right and 80 up: the whole path must stay on the background.
          if (!hook.cardAt(x, y) && !hook.cardAt(x + 160, y - 80)) return { x, y };
        }
      }
      return null;
    }, box);
    if (!point) throw new Error('the canvas has no empty background to pan from');
    return point;
  }

  async cards(): Promise<number> {
    return this.page.evaluate(() => (window as unknown as { __throughlineCanvas?: { cards(): number } }).__throughlineCanvas?.cards() ?? 0);
  }

  /** RGBA of the canvas at a client point, read from its device pixels after painting the frame. */
  async pixel(clientX: number, clientY: number): Promise<[number, number, number, number]> {
    return this.page.evaluate(({ clientX, clientY }) => {
      (window as unknown as { __throughlineCanvas: { paint(): void } }).__throughlineCanvas.paint();
      const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="cascade-canvas"]')!;
      const rect = canvas.getBoundingClientRect();
      const scale = canvas.width / rect.width;
      const data = canvas.getContext('2d')!.getImageData(Math.round((clientX - rect.left) * scale), Math.round((clientY - rect.top) * scale), 1, 1).data;
      return [data[0]!, data[1]!, data[2]!, data[3]!] as [number, number, number, number];
    }, { clientX, clientY });
  }

  // ── actions (chained) ───────────────────────────────────────────────────────────────────────

  private async centreOf(target: string | { x: number; y: number }): Promise<{ x: number; y: number }> {
    if (typeof target !== 'string') return target;
    const rect = await this.cardRect(target);
    return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
  }

  pointerDown(target: string | { x: number; y: number }): this {
    return this.step(async () => {
      const at = await this.centreOf(target);
      await this.page.mouse.move(at.x, at.y);
      await this.page.mouse.down();
    });
  }

  /** Moves in several steps, as a hand does (drag thresholds and hover see the path). */
  pointerMove(target: string | { x: number; y: number }): this {
    return this.step(async () => {
      const at = await this.centreOf(target);
      await this.page.mouse.move(at.x, at.y, { steps: 8 });
    });
  }

  pointerUp(): this {
    return this.step(() => this.page.mouse.up());
  }

  click(target: string | { x: number; y: number }): this {
    return this.pointerDown(target).pointerUp();
  }

  /** Drags a card onto another card. */
  drag(from: string, to: string): this {
    return this.pointerDown(from).pointerMove(to).pointerUp();
  }

  /** Pans by dragging the background from a point with no card on it. */
  pan(from: { x: number; y: number }, dx: number, dy: number): this {
    return this.pointerDown(from).pointerMove({ x: from.x + dx, y: from.y + dy }).pointerUp();
  }

  wheel(deltaY: number, at?: { x: number; y: number }): this {
    return this.step(async () => {
      if (at) await this.page.mouse.move(at.x, at.y);
      await this.page.mouse.wheel(0, deltaY);
    });
  }

  press(...keys: string[]): this {
    return this.step(async () => {
      await this.element.focus();
      for (const key of keys) await this.page.keyboard.press(key);
    });
  }

  /** The canvas's live regions: what a screen reader is given to read. */
  get liveRegions(): Locator {
    return this.page.getByRole('region', { name: 'Cascade canvas' }).locator('[aria-live]');
  }

  /** One of the canvas's live regions holds these words (not replaced by another announcement). */
  expectHeard(text: string | RegExp): this {
    return this.step(() => expect(this.liveRegions.filter({ hasText: text })).toHaveCount(1));
  }

  expectAnnounced(text: string | RegExp): this {
    return this.step(() => expect(this.page.getByTestId('canvas-announcer')).toHaveText(text));
  }

  expectSelected(title: string): this {
    return this.step(() => expect(this.page.getByRole('complementary', { name: 'Details' }).getByRole('textbox', { name: 'Title', exact: true })).toHaveValue(title));
  }
}
