import type { AppController } from '../session/app-controller.js';
import { planViews, type AppState, type PlanView } from '../store/app-state.js';
import type { OutlineRow } from '../outline/outline-rows.js';
import type { Platform } from './keys.js';

/** Where a command can apply: a view of an open plan, or the plan library. */
export type ViewName = PlanView | 'library';

/** The views of an open plan. */
export const planViewNames: readonly ViewName[] = planViews;
/** Every view, for commands that apply everywhere. */
export const allViews: readonly ViewName[] = ['library', ...planViews];

/** The outline tree while it is on screen: its visible rows and the selected one's position. */
export interface OutlineSurface {
  rows: readonly OutlineRow[];
  /** Index of the selected row in `rows`, or -1 when nothing visible is selected. */
  selectedIndex: number;
  /** Rows that fit in the tree's window, less one (PageDown moves by this, keeping a row of context). */
  pageRows: number;
  /** Gives the tree the keyboard focus again (after a delete, or after the palette closes). */
  focus(): void;
}

/**
 * The places whose keys a command listens to, and what each offers the command while it is on
 * screen. `window` is anywhere outside a text field. A view adds its own surface by declaration
 * merging, in its own folder, e.g. the canvas:
 *
 *   declare module '../commands/command.js' { interface Surfaces { canvas: CanvasSurface } }
 *
 * then attaches it while mounted (`registry.attachSurface('canvas', () => surface)`) and sends its
 * key events to `registry.handleKey(event, 'canvas', view)`.
 */
export interface Surfaces {
  window: Record<string, never>;
  outline: OutlineSurface;
}

export type SurfaceName = keyof Surfaces;

/** Which menu of the desktop app's menu bar shows a command (absent: not in the menu bar). */
export type MenuName = 'file' | 'edit' | 'view' | 'help';

/** Key chords of a command (see keys.ts for the syntax), the same on every platform unless given per platform. */
export interface KeyBindings {
  all?: readonly string[];
  mac?: readonly string[];
  other?: readonly string[];
}

/** What a command sees when it is checked or performed. */
export interface CommandEnv<S extends SurfaceName = SurfaceName> {
  app: AppController;
  /** The store's state at this moment. */
  state: AppState;
  /** The command's surface, when it is on screen (the palette may run a command without it). */
  surface: Surfaces[S] | null;
  platform: Platform;
}

/**
 * One thing a person can do, as data: the keyboard, the command palette, the keyboard help and the
 * desktop menus all read the same object, so a key, a label or a rule is written once.
 */
export interface Command<S extends SurfaceName = SurfaceName> {
  /** Stable id ("outline.indent"): menus and tests name commands by it. */
  id: string;
  /** What people read in the palette, the help and the menus ("Indent"). */
  label: string;
  /** Where its keys are heard. */
  surface: S;
  /** The views where it applies. */
  views: readonly ViewName[];
  keys?: KeyBindings;
  /**
   * Keys heard on one more surface, where the command still acts on its own surface's state. The canvas's
   * find-next F3 is typed in the Find field (its surface) and also pressed from the canvas or anywhere in the
   * window while a find is active, as in a browser or an editor; Enter is not (on the canvas it opens a card).
   */
  alsoHeard?: { surface: SurfaceName; keys: KeyBindings };
  /**
   * Commands of a surface that have the same key as this one's window key, on purpose: the surface hears the key
   * first and its command takes it when it can run; the window gets it only when it did not. Escape on the canvas
   * shows the whole cascade when a subtree is focused, and anywhere while presenting it stops presenting (the
   * window could not go full screen, so the browser's own Escape does not). Declared, so that the registry's
   * check of one key per view knows these two are meant to share it.
   */
  sharesKeyWith?: readonly string[];
  /**
   * A few words for a view's one-line key help ("open", "zoom"): the canvas's help line lists the commands
   * that have one, with their keys from the registry. Neighbours with the same words share them ("↑/↓ next card").
   */
  hint?: string;
  /** Changes the plan: disabled, with the reason, where the plan is read-only (a viewer). */
  writes?: boolean;
  /** False for commands that make sense only as keys (moving the selection). Default true. */
  palette?: boolean;
  menu?: MenuName;
  /**
   * The text field's own editing this command stands for (Undo, Redo): asked for from the menu or the
   * palette while a text field has the focus, the registry does that to the field instead.
   */
  inTextField?: 'undo' | 'redo';
  /** Why it cannot run now (no row selected…), or null when it can. Read-only is checked already. */
  unavailable?(env: CommandEnv<S>): string | null;
  perform(env: CommandEnv<S>): void;
}

/**
 * Declares a command with its surface's type checked (a plain object literal works as well).
 * `defineCommand({ surface: 'outline', ... perform: ({ surface }) => surface?.rows })`.
 */
export function defineCommand<S extends SurfaceName>(command: Command<S>): Command<S> {
  return command;
}

/** A command of any surface, as the registry holds it. */
// The registry calls each command only with an env of that command's own surface.
export type AnyCommand = { [S in SurfaceName]: Command<S> }[SurfaceName];
