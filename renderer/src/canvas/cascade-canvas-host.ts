import type { CanvasTheme } from './palette.js';
import type { View } from './viewport.js';
import type { NodeId } from '../../../shared/model/index.js';
import type { MatchesOnCanvas } from './find-matches.js';

/** What the canvas asks of the app. */
export interface CanvasHost {
  select(id: NodeId | null): void;
  /** Enter: open the selected node (its details). */
  open(id: NodeId): void;
  /** A drop the cascade allows: make `id` the last child of `parentId`. */
  move(id: NodeId, parentId: NodeId): void;
  /** A drop the cascade refuses, with the reason. */
  refuse(reason: string): void;
  /** During a drag: why the card under the pointer cannot take the dragged one (null: it can, or none). */
  dragHint(text: string | null): void;
  addChild(id: NodeId): void;
  /** Show or hide a card's children. */
  toggle(id: NodeId, open: boolean): void;
  /** The view moved; `byUser` when the reader panned or zoomed (not the app). */
  viewChanged(view: View, byUser: boolean): void;
  /** Where the find's matches are changed (a new layout or filter), null when nothing is filtered. */
  findChanged?(find: MatchesOnCanvas | null): void;
}

/** What is drawn over the cascade, from the app's state. */
export interface CanvasDecor {
  selectedId: NodeId | null;
  matches: ((id: NodeId) => boolean) | undefined;
  riskMode: 'off' | 'risk' | 'blocked';
  presence: readonly { selection: string | null; name: string; colour: string }[];
  /** Contributes-to links (by id) to draw, empty when hidden. */
  contributes: readonly (readonly [string, string])[];
  theme: CanvasTheme;
  readOnly: boolean;
}
