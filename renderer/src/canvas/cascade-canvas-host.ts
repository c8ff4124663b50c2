import type { CanvasTheme } from './palette.js';
import type { View } from './viewport.js';

/** What the canvas asks of the app. */
export interface CanvasHost {
  select(id: string | null): void;
  /** Enter: open the selected node (its details). */
  open(id: string): void;
  /** A drop the cascade allows: make `id` the last child of `parentId`. */
  move(id: string, parentId: string): void;
  /** A drop the cascade refuses, with the reason. */
  refuse(reason: string): void;
  /** During a drag: why the card under the pointer cannot take the dragged one (null: it can, or none). */
  dragHint(text: string | null): void;
  addChild(id: string): void;
  /** Show or hide a card's children. */
  toggle(id: string, open: boolean): void;
  /** The view moved; `byUser` when the reader panned or zoomed (not the app). */
  viewChanged(view: View, byUser: boolean): void;
}

/** What is drawn over the cascade, from the app's state. */
export interface CanvasDecor {
  selectedId: string | null;
  matches: ((id: string) => boolean) | undefined;
  riskMode: 'off' | 'risk' | 'blocked';
  presence: readonly { selection: string | null; name: string; colour: string }[];
  /** Contributes-to links (by id) to draw, empty when hidden. */
  contributes: readonly (readonly [string, string])[];
  theme: CanvasTheme;
  readOnly: boolean;
}
