import type { CanvasDecor, CanvasHost } from './cascade-canvas-host.js';
import type { CascadeLayout } from './cascade-layout.js';
import type { CascadeSnapshot } from './cascade-snapshot.js';
import type { CanvasTheme } from './palette.js';
import type { RiskPaths } from './risk-paths.js';
import type { View } from './viewport.js';

/** Someone else's selection, drawn on their card. */
export interface PresenceMark { name: string; colour: string }

/** What the reader is dragging, and where. */
export interface DragState {
  row: number;
  /** 1 for rows the card may be dropped on. */
  valid: Uint8Array;
  /** The card under the pointer, -1 for none. */
  overCard: number;
  refusal: string | null;
  /** Pointer in world units. */
  px: number; py: number;
}

/** A picture of the whole cascade kept between far-out frames (DotCache in dot-raster.ts). */
export interface FarOutPicture {
  /** Whether the picture is sharp enough for `view`. */
  covers(layout: CascadeLayout, view: View, dpr: number): boolean;
  paint(ctx: CanvasRenderingContext2D, scene: Scene, view: View, width: number, height: number, dpr: number): void;
  /** Every card of the layout, in paint order. */
  everyCard(layout: CascadeLayout): Int32Array;
}

/** Everything a frame shows. Positions are passed separately from the layout so expanding can animate. */
export interface Scene {
  snapshot: CascadeSnapshot;
  layout: CascadeLayout;
  x: Float64Array;
  y: Float64Array;
  theme: CanvasTheme;
  selectedRow: number;
  /** 1 on the selection's path up to its strategy (2 for the selected row itself). */
  onPath: Uint8Array | null;
  /** Rows [start, end) of the selection's subtree. */
  subtree: readonly [number, number] | null;
  risk: RiskPaths | null;
  /** 1 for rows lit by the find / filter state (a match, or a closed card holding one), null when nothing is filtered. */
  matches: Uint8Array | null;
  /** Per row, the matches its closed card hides (find-matches.ts), null when nothing is filtered. */
  matchesInside: Int32Array | null;
  presence: ReadonlyMap<number, readonly PresenceMark[]>;
  drag: DragState | null;
  /** Contributes-to links to draw, as snapshot rows. */
  contributes: readonly (readonly [number, number])[];
  focused: boolean;
  /** False while cards are moving (the expand animation): nothing cached may be drawn then. */
  settled: boolean;
  /** The far-out picture of the whole cascade, kept between frames (dot-raster.ts); null to always draw afresh. */
  dotCache: FarOutPicture | null;
}

/** What the canvas's input helpers (pointer, minimap) need of it; CascadeCanvas implements it. */
export interface CanvasSurface {
  readonly canvas: HTMLCanvasElement;
  readonly host: CanvasHost;
  readonly snapshot: CascadeSnapshot | null;
  readonly layout: CascadeLayout | null;
  readonly decor: CanvasDecor;
  readonly view: View;
  readonly size: { width: number; height: number; dpr: number };
  drag: DragState | null;
  toWorld(clientX: number, clientY: number): { wx: number; wy: number };
  cardAtClient(clientX: number, clientY: number): number;
  cardOf(id: string): number;
  cardControls(row: number): { toggle: { x: number; y: number } | null; add: { x: number; y: number } } | null;
  setView(view: View): void;
  schedulePaint(): void;
}
