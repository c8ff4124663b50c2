import { defineCommand, type AnyCommand, type Command, type CommandEnv } from '../commands/command.js';
import type { CascadeCanvas } from './cascade-canvas.js';
import { rowShowing, stepAlongTree, stepForKey, stepInStack } from './tree-navigation.js';
import type { NodeId } from '../../../shared/model/index.js';

/** What a canvas command acts on: the canvas on screen and the app's selection and focus. */
export interface CanvasSurface {
  canvas: CascadeCanvas;
  selectedId: NodeId | null;
  focusId: NodeId | null;
  select(id: NodeId | null): void;
  open(id: NodeId): void;
  toggle(id: NodeId, open: boolean): void;
  focus(id: NodeId | null): void;
  /** Adds a child under the node and selects it, its title field focused. */
  addChild(id: NodeId): void;
  exportPng(): void;
  exportSvg(): void;
  presenting: boolean;
  present(on: boolean): void;
}

/** The find field while the canvas is shown: where its matches are, and stepping from one to the next. */
export interface CanvasFindSurface {
  /** Matches a card leads to (those outside a focused subtree are not), or null when nothing is being found. */
  reachable: number | null;
  /** Selects the next (1) or previous (-1) match, opening the closed cards above it, and says it. */
  step(direction: 1 | -1): void;
  /** Whether the cascade is being presented (Escape in Find then leaves the field: canvas.leaveFind). */
  presenting: boolean;
  /** Puts the keyboard back on the canvas and says what the next Escape does there. */
  leave(): void;
}

// The canvas's keys are heard on the canvas element only, the find's in the Find field while the canvas
// is shown (see `Surfaces` in commands/command.ts).
declare module '../commands/command.js' {
  interface Surfaces {
    canvas: CanvasSurface;
    canvasFind: CanvasFindSurface;
  }
}

type CanvasEnv = CommandEnv<'canvas'>;

const notDrawn = 'The canvas is not on screen yet.';
const noCard = 'Select a card on the canvas first.';

/** A canvas command: heard on the canvas, applies in the canvas view, needs the canvas drawn. */
function canvasCommand(command: Omit<Command<'canvas'>, 'surface' | 'views'> & { needs?: (surface: CanvasSurface) => string | null }): AnyCommand {
  const { needs, ...rest } = command;
  return defineCommand<'canvas'>({
    ...rest, surface: 'canvas', views: ['canvas'],
    unavailable: ({ surface }) => (surface ? needs?.(surface) ?? null : notDrawn),
  });
}

/** Moves the selection to the next card the arrow points at: along the tree (its meaning follows the orientation), or in a stacked column, on the screen. */
function along(key: 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight', label: string): AnyCommand {
  return canvasCommand({
    id: `canvas.select${key.slice('Arrow'.length)}`, label, keys: { all: [key] }, palette: false, hint: 'next card',
    needs: (surface) => (surface.canvas.snapshot && surface.canvas.layout ? null : notDrawn),
    perform: ({ surface }: CanvasEnv) => {
      if (!surface) return;
      const { canvas } = surface;
      const snapshot = canvas.snapshot, layout = canvas.layout;
      const step = layout ? stepForKey(key, layout.orientation) : null;
      if (!snapshot || !layout || !step) return;
      const selectedRow = surface.selectedId ? snapshot.rowOf.get(surface.selectedId) : undefined;
      const shown = selectedRow === undefined ? -1 : rowShowing(snapshot, layout, selectedRow);
      if (selectedRow === undefined || shown < 0) {
        // Nothing selected on the canvas yet: the first card.
        if (layout.rows.length > 0) surface.select(snapshot.ids[layout.rows[0]!]!);
        return;
      }
      // The selected item is inside a closed card (another person moved it there): the arrows go on
      // from the card that holds it, not from the first card of the plan.
      if (shown !== selectedRow) { surface.select(snapshot.ids[shown]!); return; }
      surface.select(snapshot.ids[stepInStack(layout, selectedRow, key) ?? stepAlongTree(snapshot, layout, selectedRow, step)]!);
    },
  });
}

/**
 * Next / previous match of the canvas's find (the toolbar's Next and Previous run these too): Enter and
 * Shift+Enter in the Find field, as in a browser's find, and from the palette. A keyboard user had to Tab
 * from the field to the buttons and back for every match. F3 / Shift+F3 too, the find-next keys of browsers
 * and editors on Windows and Linux: in the Find field, and anywhere in the window outside a text field
 * while a find is active (canvas43): a presenter who went to a match and is on the canvas now presses F3 for
 * the next one, as in every browser. Window keys are not heard in a text field (a rename box keeps F3 to
 * itself), and with no find the key is left to the browser's own find.
 */
function findStep(direction: 1 | -1, label: string, keys: readonly string[], again: string): AnyCommand {
  return defineCommand<'canvasFind'>({
    id: direction === 1 ? 'canvas.nextMatch' : 'canvas.previousMatch', label, surface: 'canvasFind', views: ['canvas'], keys: { all: keys },
    alsoHeard: { surface: 'window', keys: { all: [again] } }, hint: 'next/previous match',
    unavailable: ({ surface }) => {
      if (!surface) return notDrawn;
      if (surface.reachable === null) return 'Type in Find first.';
      return surface.reachable === 0 ? 'No match of the find to go to.' : null;
    },
    perform: ({ surface }) => surface?.step(direction),
  });
}

/**
 * The canvas's keys as commands of the registry: the canvas element sends its key events to
 * `registry.handleKey(event, 'canvas')`, and the palette and the keyboard help list them in the
 * canvas view. A command that has nothing to act on (no card selected) is unavailable, so its key
 * is left to the browser.
 */
export const canvasCommands: readonly AnyCommand[] = [
  along('ArrowUp', 'Select the card above'),
  along('ArrowDown', 'Select the card below'),
  along('ArrowLeft', 'Select the card to the left'),
  along('ArrowRight', 'Select the card to the right'),
  canvasCommand({
    id: 'canvas.open', label: 'Open the selected card', keys: { all: ['Enter'] }, hint: 'open',
    needs: (surface) => (surface.selectedId ? null : noCard),
    perform: ({ surface }) => { if (surface?.selectedId) surface.open(surface.selectedId); },
  }),
  canvasCommand({
    id: 'canvas.toggle', label: 'Show or hide the selected card’s children', keys: { all: ['Space'] }, hint: 'show/hide children',
    needs: (surface) => (surface.selectedId && surface.canvas.cardOf(surface.selectedId) >= 0 ? null : noCard),
    perform: ({ surface }) => {
      const layout = surface?.canvas.layout;
      const card = surface?.selectedId ? surface.canvas.cardOf(surface.selectedId) : -1;
      if (!surface?.selectedId || !layout || card < 0) return;
      surface.toggle(surface.selectedId, layout.open[card] !== 1);
    },
  }),
  canvasCommand({ id: 'canvas.zoomIn', label: 'Zoom in on the canvas', keys: { all: ['Plus', 'Equal'] }, hint: 'zoom', perform: ({ surface }) => surface?.canvas.zoomBy(1.4) }),
  canvasCommand({ id: 'canvas.zoomOut', label: 'Zoom out on the canvas', keys: { all: ['Minus', '_'] }, hint: 'zoom', perform: ({ surface }) => surface?.canvas.zoomBy(1 / 1.4) }),
  canvasCommand({ id: 'canvas.fit', label: 'Fit the cascade to the screen', keys: { all: ['0'] }, hint: 'fit', perform: ({ surface }) => surface?.canvas.fit() }),
  canvasCommand({
    id: 'canvas.focus', label: 'Focus on the selected subtree (again: show all)', keys: { all: ['f', 'Shift+f'] }, hint: 'focus',
    needs: (surface) => (surface.focusId || surface.selectedId ? null : noCard),
    perform: ({ surface }) => {
      if (surface?.focusId) surface.focus(null);
      else if (surface?.selectedId) surface.focus(surface.selectedId);
    },
  }),
  // The toolbar's buttons run these commands too (CanvasToolbar), so the palette, the keyboard help and
  // the desktop menu offer everything the toolbar does.
  canvasCommand({
    id: 'canvas.addChild', label: 'Add a child to the selected card', keys: { all: ['Mod+Enter', 'Insert'] }, writes: true, menu: 'edit', hint: 'add child',
    needs: (surface) => (surface.selectedId ? null : noCard),
    perform: ({ surface }) => { if (surface?.selectedId) surface.addChild(surface.selectedId); },
  }),
  canvasCommand({ id: 'canvas.exportPng', label: 'Export the cascade as PNG (as shown)', menu: 'file', perform: ({ surface }) => surface?.exportPng() }),
  canvasCommand({ id: 'canvas.exportSvg', label: 'Export the cascade as SVG (the whole picture)', menu: 'file', perform: ({ surface }) => surface?.exportSvg() }),
  canvasCommand({
    id: 'canvas.present', label: 'Present the cascade (again: stop presenting)', menu: 'view',
    perform: ({ surface }) => surface?.present(!surface.presenting),
  }),
  // Where the window went full screen, the browser's Escape ends it and presenting with it; where it could not (a
  // kiosk or headless browser, a refused request) the pane only looks presented, and Escape did nothing: only the
  // toolbar's button ended it (canvas43 F6). Heard anywhere in the window, after the canvas's own Escape (show all).
  canvasCommand({
    id: 'canvas.stopPresenting', label: 'Stop presenting', palette: false, hint: 'stop presenting',
    alsoHeard: { surface: 'window', keys: { all: ['Escape'] } }, sharesKeyWith: ['canvas.unfocus'],
    needs: (surface) => (surface.presenting ? null : 'The cascade is not being presented.'),
    perform: ({ surface }) => surface?.present(false),
  }),
  findStep(1, 'Go to the next match of the find', ['Enter', 'F3'], 'F3'),
  findStep(-1, 'Go to the previous match of the find', ['Shift+Enter', 'Shift+F3'], 'Shift+F3'),
  // While presenting, Escape in Find leaves the field for the canvas, keeping the find (its matches stay lit and F3
  // goes on, as a browser's find bar does); the next Escape is the canvas's: show all, then stop presenting. A
  // window key is not heard in a text field, so Escape there did nothing for the room but clear the words typed
  // (leftovers45a), where everywhere else in the app Escape leaves a field for the surface it belongs to (the
  // outline's title editor for the tree). Not presenting, the key is left to the field (a search field clears).
  defineCommand<'canvasFind'>({
    id: 'canvas.leaveFind', label: 'Leave Find for the canvas (while presenting)', surface: 'canvasFind', views: ['canvas'], keys: { all: ['Escape'] },
    palette: false, hint: 'back to the canvas (presenting)', sharesKeyWith: ['canvas.stopPresenting', 'canvas.unfocus'],
    unavailable: ({ surface }) => {
      if (!surface) return notDrawn;
      return surface.presenting ? null : 'Only while presenting: elsewhere Escape is the field\'s own.';
    },
    perform: ({ surface }) => surface?.leave(),
  }),
  canvasCommand({
    id: 'canvas.unfocus', label: 'Show the whole cascade', keys: { all: ['Escape'] }, hint: 'show all',
    needs: (surface) => (surface.focusId ? null : 'The whole cascade is already shown.'),
    perform: ({ surface }) => surface?.focus(null),
  }),
];
