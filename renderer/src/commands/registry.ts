import type { MenuCommand } from '../../../shared/bridge/menu-commands.js';
import { Emitter, toDisposable, type Disposable, type Event } from '../../../shared/lifecycle/disposable.js';
import type { AppController } from '../session/app-controller.js';
import type { AppState } from '../store/app-state.js';
import type { AnyCommand, Command, CommandEnv, KeyBindings, SurfaceName, Surfaces, ViewName } from './command.js';
import { acceleratorOf, chordMatches, formatChord, parseChord, type Chord, type KeyInput, type Platform } from './keys.js';

/** Whether a command can run now, and if not, why (shown next to it, disabled). */
export type Availability = { enabled: true } | { enabled: false; reason: string };

/** Where a command was asked for: the window's or a surface's keys, the palette, the desktop menu, an on-screen button. */
export type CommandSource = 'key' | 'palette' | 'menu' | 'button';

/**
 * What the registry reads of the page around it: whether a modal dialog is open, whether a text field
 * has the focus, and that field's own undo. The browser's in `browserPage`; a test gives its own.
 */
export interface CommandPage {
  modalOpen(): boolean;
  textFieldFocused(): boolean;
  /** The focused text field's own undo or redo (the browser's editing command). */
  editField(what: 'undo' | 'redo'): void;
}

/** The reason shown for every command while a modal dialog is open. */
export const behindDialogReason = 'Close the open dialog first.';

/** The page of a browser window (no page at all where there is no `document`, as in a unit test). */
export const browserPage: CommandPage = {
  modalOpen: () => typeof document !== 'undefined' && document.querySelector('dialog[open]') !== null,
  textFieldFocused: () => {
    if (typeof document === 'undefined') return false;
    const active = document.activeElement;
    // Fields that take typing (a checkbox or a slider has no typing to undo: the plan's undo applies there).
    return active instanceof HTMLElement && (active.isContentEditable || active.matches('textarea, input:not([type]), input[type="text"], input[type="search"], input[type="email"], input[type="url"], input[type="tel"], input[type="number"], input[type="password"]'));
  },
  // The same command the browser's own Ctrl+Z runs in the field (Electron's webContents.undo()).
  editField: (what) => { document.execCommand(what); },
};

interface Entry {
  command: AnyCommand;
  /** The chords' source text for this platform, and the parsed chords. */
  keyTexts: readonly string[];
  chords: readonly Chord[];
  /** The chords heard on the command's second surface (`alsoHeard`), if it has one. */
  alsoHeard?: { surface: SurfaceName; chords: readonly Chord[] };
}

/** The view the window shows: a view of the open plan, or the library. */
export function currentView(state: AppState): ViewName {
  return state.openState.kind === 'open' ? state.view : 'library';
}

/**
 * The app's one list of commands (after excalidraw's `actions/`): each an object with its id,
 * label, key bindings per platform, the views and surface where it applies, and `perform`. The
 * outline's keys, the window's keys, the command palette (Ctrl/Cmd+K), the keyboard help (?) and
 * the desktop menus read it.
 *
 * Adding commands for a view: write them as `Command` objects (see `command.ts`; a new view adds its
 * own surface there) and `register([...])` them; the returned disposable removes them again.
 * The tests check every command is reachable by its keys in each of its views, and that no two
 * commands share a key in one view.
 *
 * For the desktop menus (the `desktop` engineer): `menuCommands()` lists every command with a `menu`
 * as plain, serialisable `MenuCommand`s (id, label, menu, an Electron accelerator, enabled and the
 * reason when not) — send them over the bridge and rebuild the native menu whenever `onDidChange`
 * fires; when a menu item is clicked, call `performById(id)` in the renderer.
 */
export class CommandRegistry {
  private readonly entries = new Map<string, Entry>();
  private readonly surfaces = new Map<SurfaceName, () => unknown>();
  private readonly changed = new Emitter<void>();
  /** Fires when the commands or their availability may have changed (a registration, a store change). */
  readonly onDidChange: Event<void> = this.changed.event;

  constructor(readonly app: AppController, readonly platform: Platform, private readonly page: CommandPage = browserPage) {}

  /**
   * Fires `onDidChange`: something availability reads changed outside the store (a surface re-rendered
   * with other rows or another selected row, a dialog opened or closed).
   */
  refresh(): void {
    this.changed.fire();
  }

  /** Adds commands; throws on a duplicate id or a malformed chord. Dispose to remove them. */
  register(commands: readonly AnyCommand[]): Disposable {
    for (const command of commands) {
      if (this.entries.has(command.id)) throw new Error(`Two commands have the id "${command.id}".`);
      const keyTexts = this.keyTextsOf(command.keys);
      const also = command.alsoHeard;
      this.entries.set(command.id, {
        command, keyTexts, chords: keyTexts.map((text) => parseChord(text, this.platform)),
        ...(also ? { alsoHeard: { surface: also.surface, chords: this.keyTextsOf(also.keys).map((text) => parseChord(text, this.platform)) } } : {}),
      });
    }
    this.changed.fire();
    return toDisposable(() => {
      for (const command of commands) this.entries.delete(command.id);
      this.changed.fire();
    });
  }

  /** The chords' source text of these bindings on this platform. */
  private keyTextsOf(keys: KeyBindings | undefined): string[] {
    return [...(keys?.all ?? []), ...((this.platform === 'mac' ? keys?.mac : keys?.other) ?? [])];
  }

  /** Fires `onDidChange` whenever what decides availability changes (view, selection, read-only, open plan). */
  watchStore(): Disposable {
    return toDisposable(this.app.store.subscribe((state, previous) => {
      // planVersion: every change of the plan, including an undo step taken or undone (undo's availability).
      if (state.view !== previous.view || state.selectedId !== previous.selectedId || state.readOnlyReason !== previous.readOnlyReason || state.openState !== previous.openState
        || state.dialog !== previous.dialog || state.planVersion !== previous.planVersion || state.editingId !== previous.editingId) this.changed.fire();
    }));
  }

  /** Every command, in registration order. */
  all(): AnyCommand[] {
    return [...this.entries.values()].map((entry) => entry.command);
  }

  get(id: string): AnyCommand | undefined {
    return this.entries.get(id)?.command;
  }

  /** The commands that apply in a view. */
  forView(view: ViewName): AnyCommand[] {
    return this.all().filter((command) => command.views.includes(view));
  }

  /** The parsed chords of a command on this platform, heard on its own surface or, given, on another one (`alsoHeard`). */
  chords(id: string, surface?: SurfaceName): readonly Chord[] {
    const entry = this.entries.get(id);
    if (!entry) return [];
    if (surface === undefined || surface === entry.command.surface) return entry.chords;
    return entry.alsoHeard?.surface === surface ? entry.alsoHeard.chords : [];
  }

  /** The surfaces where a command's keys are heard: its own, and its `alsoHeard` one. */
  surfacesOf(id: string): SurfaceName[] {
    const entry = this.entries.get(id);
    if (!entry) return [];
    return entry.alsoHeard ? [entry.command.surface, entry.alsoHeard.surface] : [entry.command.surface];
  }

  /** The command's keys as people on this platform read them ("⇧⌘Z", "Ctrl+Enter"), on its own surface or the one given. */
  keyLabels(id: string, surface?: SurfaceName): string[] {
    return this.chords(id, surface).map((chord) => formatChord(chord, this.platform));
  }

  /** Makes a surface's live state available to its commands while it is on screen. */
  attachSurface<S extends SurfaceName>(name: S, current: () => Surfaces[S]): Disposable {
    this.surfaces.set(name, current);
    return toDisposable(() => { if (this.surfaces.get(name) === current) this.surfaces.delete(name); });
  }

  private env<S extends SurfaceName>(command: Command<S>): CommandEnv<S> {
    const surface = this.surfaces.get(command.surface);
    return { app: this.app, state: this.app.store.getState(), surface: surface ? (surface() as Surfaces[S]) : null, platform: this.platform };
  }

  /**
   * Whether the command can run now: no modal dialog open (the page behind it is out of reach, so no
   * command may act there: not a key, not the menu, not a button), in this view, on an editable plan
   * when it writes, and its own rule. `fromDialog`: asked by the dialog that is open (the palette lists
   * and runs commands as it closes).
   */
  availability(command: AnyCommand, options: { fromDialog?: boolean } = {}): Availability {
    if (!options.fromDialog && this.page.modalOpen()) return { enabled: false, reason: behindDialogReason };
    const env = this.env(command as Command);
    const view = currentView(env.state);
    if (!command.views.includes(view)) return { enabled: false, reason: view === 'library' ? 'Open a plan first.' : 'Not available in this view.' };
    if (command.writes && env.state.readOnlyReason) return { enabled: false, reason: env.state.readOnlyReason };
    const reason = (command as Command).unavailable?.(env) ?? null;
    return reason ? { enabled: false, reason } : { enabled: true };
  }

  /**
   * Runs a command if it is available; returns whether it ran. The one gate of every source (keys,
   * palette, menu, buttons). A command with `inTextField` asked for while a text field has the focus
   * does the field's own editing instead: on macOS ⌘Z in a field reaches the menu's Undo (Chromium
   * leaves ⌘Z to the menu there), and it must undo the typing, not a plan edit nobody is looking at.
   */
  perform(command: AnyCommand, source: CommandSource = 'key', options: { fromDialog?: boolean } = {}): boolean {
    if (command.inTextField && source === 'menu' && this.page.textFieldFocused()) {
      this.page.editField(command.inTextField);
      return true;
    }
    if (!this.availability(command, options).enabled) return false;
    (command as Command).perform(this.env(command as Command));
    return true;
  }

  /** Runs a command by id (a desktop menu item, a button); returns whether it ran. */
  performById(id: string, source: CommandSource = 'menu'): boolean {
    const command = this.get(id);
    return command ? this.perform(command, source) : false;
  }

  /** The command bound to this key on this surface in this view, if any. */
  commandForKey(event: KeyInput, surface: SurfaceName, view: ViewName): AnyCommand | undefined {
    for (const entry of this.entries.values()) {
      if (!entry.command.views.includes(view)) continue;
      if (entry.command.surface === surface && entry.chords.some((chord) => chordMatches(chord, event))) return entry.command;
      if (entry.alsoHeard?.surface === surface && entry.alsoHeard.chords.some((chord) => chordMatches(chord, event))) return entry.command;
    }
    return undefined;
  }

  /**
   * Handles a key pressed on a surface: runs the command bound to it when available and returns
   * true (the caller prevents the browser's default). A disabled command leaves the key alone, so a
   * viewer's Tab still moves focus. `fromDialog`: the surface is inside the open dialog (the check-in dialog's
   * form), so its keys are the dialog's own, not the page's behind it.
   */
  handleKey(event: KeyInput, surface: SurfaceName, options: { fromDialog?: boolean } = {}): boolean {
    const command = this.commandForKey(event, surface, currentView(this.app.store.getState()));
    return command ? this.perform(command, 'key', options) : false;
  }

  /** The commands of the desktop menu bar, serialisable for the bridge (see the class comment). */
  menuCommands(): MenuCommand[] {
    const menus: MenuCommand[] = [];
    for (const entry of this.entries.values()) {
      const { command } = entry;
      if (!command.menu) continue;
      const availability = this.availability(command);
      const first = entry.keyTexts[0];
      menus.push({
        id: command.id,
        label: command.label,
        menu: command.menu,
        accelerator: first ? acceleratorOf(first) : null,
        enabled: availability.enabled,
        reason: availability.enabled ? null : availability.reason,
        // Only when the command edits text too: the macOS menu keeps such an item enabled, so its key
        // equivalent (⌘Z) still reaches a focused field's own undo (see electron/menu.ts).
        ...(command.inTextField ? { inTextField: true } : {}),
      });
    }
    return menus;
  }
}
