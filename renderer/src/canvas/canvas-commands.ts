import type { CascadeCanvas } from './cascade-canvas.js';
import { stepAlongTree, stepForKey } from './tree-navigation.js';

/** What a canvas command acts on. */
export interface CanvasCommandContext {
  canvas: CascadeCanvas;
  selectedId: string | null;
  focusId: string | null;
  select(id: string | null): void;
  open(id: string): void;
  toggle(id: string, open: boolean): void;
  focus(id: string | null): void;
}

/** A command of the canvas as data: its label, its keys (KeyboardEvent.key values) and what it does. */
export interface CanvasCommand {
  id: string;
  label: string;
  keys: readonly string[];
  /** False when the command has nothing to act on (no selection): the key is left to the browser. */
  run(context: CanvasCommandContext, key: string): boolean;
}

function arrow(context: CanvasCommandContext, key: string): boolean {
  const { canvas } = context;
  const snapshot = canvas.snapshot, layout = canvas.layout;
  const step = layout ? stepForKey(key, layout.orientation) : null;
  if (!snapshot || !layout || !step) return false;
  const selectedRow = context.selectedId ? snapshot.rowOf.get(context.selectedId) : undefined;
  if (selectedRow === undefined || layout.cardOfRow[selectedRow]! < 0) {
    // Nothing selected on the canvas yet: the first card.
    if (layout.rows.length > 0) context.select(snapshot.ids[layout.rows[0]!]!);
    return true;
  }
  const next = stepAlongTree(snapshot, layout, selectedRow, step);
  context.select(snapshot.ids[next]!);
  return true;
}

export const canvasCommands: readonly CanvasCommand[] = [
  { id: 'canvas.along-tree', label: 'Move the selection along the tree', keys: ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight'], run: arrow },
  { id: 'canvas.open', label: 'Open the selected item', keys: ['Enter'], run: (context) => { if (!context.selectedId) return false; context.open(context.selectedId); return true; } },
  {
    id: 'canvas.toggle', label: 'Show or hide children', keys: [' '],
    run: (context) => {
      const card = context.selectedId ? context.canvas.cardOf(context.selectedId) : -1;
      const layout = context.canvas.layout;
      if (card < 0 || !layout || !context.selectedId) return false;
      context.toggle(context.selectedId, layout.open[card] !== 1);
      return true;
    },
  },
  { id: 'canvas.zoom-in', label: 'Zoom in', keys: ['+', '='], run: (context) => { context.canvas.zoomBy(1.4); return true; } },
  { id: 'canvas.zoom-out', label: 'Zoom out', keys: ['-', '_'], run: (context) => { context.canvas.zoomBy(1 / 1.4); return true; } },
  { id: 'canvas.fit', label: 'Fit to screen', keys: ['0'], run: (context) => { context.canvas.fit(); return true; } },
  {
    id: 'canvas.focus', label: 'Focus on the selected subtree (again: show all)', keys: ['f', 'F'],
    run: (context) => {
      if (context.focusId) context.focus(null);
      else if (context.selectedId) context.focus(context.selectedId);
      else return false;
      return true;
    },
  },
  { id: 'canvas.unfocus', label: 'Show the whole cascade', keys: ['Escape'], run: (context) => { if (!context.focusId) return false; context.focus(null); return true; } },
];

/** The command bound to a key, if any. */
export function canvasCommandFor(key: string): CanvasCommand | undefined {
  return canvasCommands.find((command) => command.keys.includes(key));
}
