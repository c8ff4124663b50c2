import { automationFlag } from '../session/automation.js';
import type { CascadeCanvas } from './cascade-canvas.js';
import { badgesOf } from './card-painter.js';
import { healthNames } from './palette.js';
import { detailLevel, type View } from './viewport.js';

/** What tests and benchmarks may read of the canvas when the automation flag is set. Never exposed otherwise. */
export interface CanvasAutomation {
  /** Client rectangle of a node's card, or null when it is not on the canvas. */
  cardRect(id: string): { x: number; y: number; width: number; height: number } | null;
  /** The node whose card is under a client point, or null. */
  cardAt(clientX: number, clientY: number): string | null;
  /** What the canvas paints on a node's card (read from the same snapshot the painter reads), or null when it has no card. */
  card(id: string): { title: string; health: string; badges: string[] } | null;
  /** True when the filters dim the node's card (a closed card holding a match is lit), or fail a node without a card; null without a row. */
  filteredOut(id: string): boolean | null;
  /** Matches of the find hidden under the node's closed card (0 when none), null without a card. */
  matchesInside(id: string): number | null;
  view(): View;
  level(): string;
  cards(): number;
  /** False while cards are still moving to a new layout (their client rectangles are not final yet). */
  settled(): boolean;
  /** Milliseconds the last frame took. */
  lastPaintMs(): number;
  paint(): void;
}

/** Exposes the canvas as `window.__throughlineCanvas` (tests and benchmarks); returns the cleanup. */
export function exposeCanvasAutomation(canvas: CascadeCanvas | null): (() => void) | undefined {
  if (!canvas || localStorage.getItem(automationFlag) !== '1') return undefined;
  const hook: CanvasAutomation = {
    cardRect: (id) => canvas.cardClientRect(id),
    cardAt: (clientX, clientY) => {
      const card = canvas.cardAtClient(clientX, clientY);
      return card >= 0 && canvas.layout && canvas.snapshot ? canvas.snapshot.ids[canvas.layout.rows[card]!]! : null;
    },
    card: (id) => {
      const snapshot = canvas.snapshot;
      const row = snapshot?.rowOf.get(id);
      if (!snapshot || row === undefined || canvas.cardOf(id) < 0) return null;
      return { title: snapshot.titles[row]!, health: healthNames[snapshot.health[row]!]!, badges: badgesOf(snapshot, row) };
    },
    filteredOut: (id) => canvas.filteredOut(id),
    matchesInside: (id) => {
      const row = canvas.snapshot?.rowOf.get(id);
      if (row === undefined || canvas.cardOf(id) < 0) return null;
      return canvas.find?.inside[row] ?? 0;
    },
    view: () => ({ ...canvas.view }),
    level: () => detailLevel(canvas.view.k, canvas.layout?.cardWidth ?? 220),
    cards: () => canvas.layout?.rows.length ?? 0,
    settled: () => canvas.settled,
    lastPaintMs: () => canvas.lastPaintMs,
    paint: () => canvas.paintNow(),
  };
  const target = window as unknown as { __throughlineCanvas?: CanvasAutomation };
  target.__throughlineCanvas = hook;
  return () => { if (target.__throughlineCanvas === hook) delete target.__throughlineCanvas; };
}
