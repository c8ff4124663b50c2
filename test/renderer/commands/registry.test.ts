import { describe, expect, it } from 'vitest';
import { menuCommandSchema } from '../../../shared/bridge/menu-commands.js';
import { appCommands } from '../../../renderer/src/commands/app-commands.js';
import { allViews, type AnyCommand } from '../../../renderer/src/commands/command.js';
import { fuzzyFilter } from '../../../renderer/src/commands/fuzzy.js';
import { acceleratorOf, chordEvent, chordId, chordMatches, formatChord, parseChord, type KeyInput, type Platform } from '../../../renderer/src/commands/keys.js';
import { canvasCommands, type CanvasSurface } from '../../../renderer/src/canvas/canvas-commands.js';
import type { CascadeCanvas } from '../../../renderer/src/canvas/cascade-canvas.js';
import type { NodeId } from '../../../shared/model/ids.js';
import { ReviewController } from '../../../renderer/src/review/review-controller.js';
import { reviewCommands } from '../../../renderer/src/review/review-commands.js';
import { outlineCommands } from '../../../renderer/src/commands/outline.js';
import { checkInCommands } from '../../../renderer/src/detail/check-in-commands.js';
import { behindDialogReason, CommandRegistry, type CommandPage } from '../../../renderer/src/commands/registry.js';
import { memoryStore } from '../../../renderer/src/library/key-value-store.js';
import { AppController } from '../../../renderer/src/session/app-controller.js';
import { createAppStore } from '../../../renderer/src/store/app-store.js';

const platforms: Platform[] = ['mac', 'other'];

/** The page around the registry as a test sets it: a dialog open or not, a text field focused or not. */
function testPage() {
  const page = { modal: false, field: false, edits: [] as string[] };
  const api: CommandPage = { modalOpen: () => page.modal, textFieldFocused: () => page.field, editField: (what) => { page.edits.push(what); } };
  return { page, api };
}

function registryFor(platform: Platform, commandPage?: CommandPage) {
  const storage = memoryStore();
  const app = new AppController(createAppStore(), storage);
  const registry = new CommandRegistry(app, platform, commandPage);
  const review = new ReviewController(app, app.store, storage);
  registry.register([...appCommands, ...outlineCommands, ...canvasCommands, ...checkInCommands, ...reviewCommands(review)]);
  return { app, registry };
}

const press = (key: string, modifiers: Partial<KeyInput> = {}): KeyInput => ({ key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...modifiers });

describe('the command registry', () => {
  it.each(platforms)('reaches every command by each of its keys in each view where it applies (%s)', (platform) => {
    const { registry } = registryFor(platform);
    let checked = 0;
    for (const command of registry.all()) {
      // On its own surface and on the one it is also heard on (the canvas find's F3 in the window).
      for (const surface of registry.surfacesOf(command.id)) {
        for (const chord of registry.chords(command.id, surface)) {
          for (const view of command.views) {
            expect(registry.commandForKey(chordEvent(chord), surface, view)?.id, `${command.id} by ${formatChord(chord, platform)} in ${view} on ${surface}`).toBe(command.id);
            checked++;
          }
        }
      }
    }
    // The outline's 15 commands, the canvas's 10 and the window's keys: the check did real work.
    expect(checked).toBeGreaterThan(50);
    expect(registry.forView('canvas').filter((command) => command.surface === 'canvas' || command.surface === 'canvasFind')).toHaveLength(canvasCommands.length);
  });

  it.each(platforms)('never gives two commands the same key in one view (%s)', (platform) => {
    const { registry } = registryFor(platform);
    const surfaces = [...new Set(registry.all().map((command) => command.surface))];
    for (const view of allViews) {
      // Window keys reach every surface too (they bubble), so each surface shares the window's key space. Two
      // surfaces are two elements (the canvas, the Find field): a key is heard on one of them, so they may share
      // one (Enter opens a card on the canvas and goes to the next match in Find).
      for (const surface of surfaces) {
        const owners = new Map<string, string>();
        for (const command of registry.forView(view)) {
          const heard = registry.surfacesOf(command.id).filter((each) => each === surface || each === 'window');
          for (const chord of heard.flatMap((each) => registry.chords(command.id, each))) {
            const key = chordId(chord);
            // One command may have a key on two surfaces (F3 in Find and in the window); two commands may not, unless
            // one declares it leaves the key to the other's surface first (`sharesKeyWith`: Escape while presenting).
            const owner = owners.get(key);
            const shared = owner !== undefined && [registry.get(owner)?.sharesKeyWith, command.sharesKeyWith].some((ids, at) => ids?.includes(at === 0 ? command.id : owner));
            if (!shared) expect([undefined, command.id], `${formatChord(chord, platform)} in ${view}: ${owner} and ${command.id}`).toContain(owner);
            owners.set(key, command.id);
          }
        }
      }
    }
  });

  it('finds no command for a key outside the views where it applies', () => {
    const { registry } = registryFor('other');
    expect(registry.commandForKey({ key: 'Tab', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false }, 'outline', 'pulse')).toBeUndefined();
    expect(registry.commandForKey({ key: 'z', ctrlKey: true, metaKey: false, altKey: false, shiftKey: false }, 'window', 'library')).toBeUndefined();
    // Ctrl+Z on a Mac is not Cmd+Z.
    expect(registryFor('mac').registry.commandForKey({ key: 'z', ctrlKey: true, metaKey: false, altKey: false, shiftKey: false }, 'window', 'outline')).toBeUndefined();
  });

  it('shows a viewer every change disabled with the reason, and still lets them look', () => {
    const { app, registry } = registryFor('other');
    const state = app.store.getState();
    state.setPlan(null, { kind: 'open', planId: 'p1' });
    state.setView('outline');
    const reason = 'You are a viewer of this plan: you can look, not change.';
    state.setReadOnlyReason(reason);
    for (const command of registry.forView('outline')) {
      const availability = registry.availability(command);
      if (command.writes) expect(availability, command.id).toEqual({ enabled: false, reason });
    }
    expect(registry.availability(registry.get('app.keyboardHelp')!)).toEqual({ enabled: true });
    expect(registry.availability(registry.get('view.pulse')!)).toEqual({ enabled: true });
    // A disabled command does not take its key: a viewer's Tab still moves the focus.
    expect(registry.handleKey({ key: 'Tab', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false }, 'outline')).toBe(false);
    state.setReadOnlyReason(null);
    expect(registry.availability(registry.get('outline.indent')!)).toEqual({ enabled: false, reason: 'Select a row of the outline first.' });
    expect(registry.availability(registry.get('view.outline')!)).toEqual({ enabled: false, reason: 'Outline is already shown.' });
  });

  it('lists the canvas keys in the canvas view only, waiting for the canvas, and lets a viewer look around', () => {
    const { app, registry } = registryFor('other');
    const state = app.store.getState();
    state.setPlan(null, { kind: 'open', planId: 'p1' });
    state.setView('canvas');
    state.setReadOnlyReason('You are a viewer of this plan: you can look, not change.');
    expect(registry.commandForKey(press('+', { shiftKey: true }), 'canvas', 'canvas')?.id).toBe('canvas.zoomIn');
    expect(registry.commandForKey(press('='), 'canvas', 'canvas')?.id).toBe('canvas.zoomIn');
    expect(registry.commandForKey(press('-'), 'canvas', 'canvas')?.id).toBe('canvas.zoomOut');
    expect(registry.commandForKey(press('F', { shiftKey: true }), 'canvas', 'canvas')?.id).toBe('canvas.focus');
    expect(registry.commandForKey(press('+'), 'canvas', 'outline')).toBeUndefined();
    // Not a write: a viewer zooms; before the canvas is drawn the key is left alone.
    expect(registry.availability(registry.get('canvas.zoomIn')!)).toEqual({ enabled: false, reason: 'The canvas is not on screen yet.' });
    expect(registry.handleKey(press('+'), 'canvas')).toBe(false);
    expect(registry.forView('outline').some((command) => command.id.startsWith('canvas.'))).toBe(false);
  });

  it('stops presenting by Escape anywhere in the window, once the canvas\'s own Escape (show all) has nothing to do (canvas43 F6)', () => {
    const { app, registry } = registryFor('other');
    const state = app.store.getState();
    state.setPlan(null, { kind: 'open', planId: 'p1' });
    state.setView('canvas');
    expect(registry.commandForKey(press('Escape'), 'canvas', 'canvas')?.id).toBe('canvas.unfocus');
    expect(registry.commandForKey(press('Escape'), 'window', 'canvas')?.id).toBe('canvas.stopPresenting');
    expect(registry.commandForKey(press('Escape'), 'window', 'outline')).toBeUndefined();
    const presented: boolean[] = [];
    const surface: CanvasSurface = {
      canvas: {} as CascadeCanvas, selectedId: null, focusId: null, select: () => undefined, open: () => undefined, toggle: () => undefined,
      focus: () => undefined, addChild: () => undefined, exportPng: () => undefined, exportSvg: () => undefined,
      presenting: false, present: (on) => { presented.push(on); },
    };
    const attached = registry.attachSurface('canvas', () => surface);
    // Not presenting: the key is left alone (a dialog's or the browser's).
    expect(registry.handleKey(press('Escape'), 'window')).toBe(false);
    surface.presenting = true;
    // The canvas hears it first: with no subtree focused its Escape has nothing to do, and the window's stops presenting.
    expect(registry.handleKey(press('Escape'), 'canvas')).toBe(false);
    expect(registry.handleKey(press('Escape'), 'window')).toBe(true);
    expect(presented).toEqual([false]);
    // A focused subtree: the canvas's Escape shows all first (the window does not hear a key the canvas took).
    surface.focusId = 'n1' as NodeId;
    expect(registry.handleKey(press('Escape'), 'canvas')).toBe(true);
    expect(registry.keyLabels('canvas.stopPresenting', 'window')).toEqual(['Esc']);
    void attached.dispose();
  });

  it.each(platforms)('adds the check-in by Ctrl+Enter / Cmd+Enter in the check-in form, in the details and in the check-in dialog (review43a F7, %s)', (platform) => {
    const { page, api } = testPage();
    const { app, registry } = registryFor(platform, api);
    const state = app.store.getState();
    state.setPlan(null, { kind: 'open', planId: 'p1' });
    state.setView('outline');
    const modEnter = press('Enter', platform === 'mac' ? { metaKey: true } : { ctrlKey: true });
    expect(registry.commandForKey(modEnter, 'checkInForm', 'outline')?.id).toBe('checkIn.add');
    expect(registry.commandForKey(modEnter, 'checkInForm', 'canvas')?.id).toBe('checkIn.add');
    expect(registry.commandForKey(press('Enter'), 'checkInForm', 'outline')).toBeUndefined();
    // No form has the focus: the key is left alone.
    expect(registry.handleKey(modEnter, 'checkInForm')).toBe(false);
    let submitted = 0;
    const attached = registry.attachSurface('checkInForm', () => ({ submit: () => { submitted++; } }));
    expect(registry.handleKey(modEnter, 'checkInForm')).toBe(true);
    // In the check-in dialog (a modal dialog is open): the form is the dialog's own, so its key works there.
    page.modal = true;
    expect(registry.handleKey(modEnter, 'checkInForm')).toBe(false);
    expect(registry.handleKey(modEnter, 'checkInForm', { fromDialog: true })).toBe(true);
    expect(submitted).toBe(2);
    expect(registry.keyLabels('checkIn.add')).toEqual([platform === 'mac' ? '⌘Enter' : 'Ctrl+Enter']);
    void attached.dispose();
  });

  it('goes to the next and previous match of the canvas find by Enter / Shift+Enter and F3 / Shift+F3 in the Find field, as the toolbar does', () => {
    const { app, registry } = registryFor('other');
    const state = app.store.getState();
    state.setPlan(null, { kind: 'open', planId: 'p1' });
    state.setView('canvas');
    state.setReadOnlyReason('You are a viewer of this plan: you can look, not change.');
    expect(registry.commandForKey(press('Enter'), 'canvasFind', 'canvas')?.id).toBe('canvas.nextMatch');
    expect(registry.commandForKey(press('Enter', { shiftKey: true }), 'canvasFind', 'canvas')?.id).toBe('canvas.previousMatch');
    // F3 / Shift+F3 as well, a browser's and an editor's find-next keys (leftovers42); the help lists both keys.
    expect(registry.commandForKey(press('F3'), 'canvasFind', 'canvas')?.id).toBe('canvas.nextMatch');
    expect(registry.commandForKey(press('F3', { shiftKey: true }), 'canvasFind', 'canvas')?.id).toBe('canvas.previousMatch');
    expect(registry.keyLabels('canvas.nextMatch')).toEqual(['Enter', 'F3']);
    expect(registry.keyLabels('canvas.previousMatch')).toEqual(['Shift+Enter', 'Shift+F3']);
    // The canvas keeps Enter to open a card; the outline's Find field has no such command.
    expect(registry.commandForKey(press('Enter'), 'canvas', 'canvas')?.id).toBe('canvas.open');
    expect(registry.commandForKey(press('Enter'), 'canvasFind', 'outline')).toBeUndefined();
    // Before the canvas is drawn, and with nothing to find, the key is left to the field.
    expect(registry.handleKey(press('Enter'), 'canvasFind')).toBe(false);
    const steps: number[] = [];
    const find = { reachable: null as number | null, step: (direction: 1 | -1) => { steps.push(direction); }, presenting: false, leave: () => {} };
    const attached = registry.attachSurface('canvasFind', () => find);
    expect(registry.availability(registry.get('canvas.nextMatch')!)).toEqual({ enabled: false, reason: 'Type in Find first.' });
    find.reachable = 0;
    expect(registry.handleKey(press('Enter'), 'canvasFind')).toBe(false);
    expect(registry.availability(registry.get('canvas.previousMatch')!)).toEqual({ enabled: false, reason: 'No match of the find to go to.' });
    // A viewer looks around too: not a write.
    find.reachable = 3;
    expect(registry.handleKey(press('Enter'), 'canvasFind')).toBe(true);
    expect(registry.handleKey(press('Enter', { shiftKey: true }), 'canvasFind')).toBe(true);
    expect(registry.performById('canvas.nextMatch', 'palette')).toBe(true);
    expect(registry.handleKey(press('F3'), 'canvasFind')).toBe(true);
    expect(registry.handleKey(press('F3', { shiftKey: true }), 'canvasFind')).toBe(true);
    expect(steps).toEqual([1, -1, 1, 1, -1]);
    // F3 / Shift+F3 are heard in the window too (outside a text field: useWindowKeys), while a find is active
    // (canvas43): a presenter on the canvas goes on to the next match. Enter there is the canvas's own (open).
    expect(registry.commandForKey(press('F3'), 'window', 'canvas')?.id).toBe('canvas.nextMatch');
    expect(registry.commandForKey(press('F3', { shiftKey: true }), 'window', 'canvas')?.id).toBe('canvas.previousMatch');
    expect(registry.commandForKey(press('Enter'), 'window', 'canvas')).toBeUndefined();
    expect(registry.commandForKey(press('F3'), 'window', 'outline')).toBeUndefined();
    expect(registry.handleKey(press('F3'), 'window')).toBe(true);
    expect(registry.handleKey(press('F3', { shiftKey: true }), 'window')).toBe(true);
    expect(steps).toEqual([1, -1, 1, 1, -1, 1, -1]);
    expect(registry.keyLabels('canvas.nextMatch', 'window')).toEqual(['F3']);
    expect(registry.keyLabels('canvas.previousMatch', 'window')).toEqual(['Shift+F3']);
    // With no find the window's F3 is left to the browser's own find.
    find.reachable = null;
    expect(registry.handleKey(press('F3'), 'window')).toBe(false);
    // Listed in the palette of the canvas view.
    expect(registry.forView('canvas').filter((command) => command.palette !== false).map((command) => command.id)).toEqual(expect.arrayContaining(['canvas.nextMatch', 'canvas.previousMatch']));
    void attached.dispose();
  });

  it('Escape in Find while presenting leaves the field for the canvas; not presenting, the key is the field\'s (leftovers45a)', () => {
    const { app, registry } = registryFor('other');
    const state = app.store.getState();
    state.setPlan(null, { kind: 'open', planId: 'p1' });
    state.setView('canvas');
    expect(registry.commandForKey(press('Escape'), 'canvasFind', 'canvas')?.id).toBe('canvas.leaveFind');
    expect(registry.commandForKey(press('Escape'), 'canvasFind', 'outline')).toBeUndefined();
    let left = 0;
    const find = { reachable: 2 as number | null, step: () => {}, presenting: false, leave: () => { left += 1; } };
    const attached = registry.attachSurface('canvasFind', () => find);
    // Not presenting: left to the field (a search field clears its words), no command.
    expect(registry.handleKey(press('Escape'), 'canvasFind')).toBe(false);
    find.presenting = true;
    expect(registry.handleKey(press('Escape'), 'canvasFind')).toBe(true);
    expect(left).toBe(1);
    // Not in the palette (a key of the field), but in the keyboard help's Find section.
    expect(registry.get('canvas.leaveFind')?.palette).toBe(false);
    expect(registry.keyLabels('canvas.leaveFind')).toEqual(['Esc']);
    void attached.dispose();
  });

  it('offers the review commands: a viewer cannot create a review point, and "Back to now" waits for a look back', () => {
    const { app, registry } = registryFor('other');
    const state = app.store.getState();
    state.setPlan(null, { kind: 'open', planId: 'p1' });
    state.setView('outline');
    expect(registry.availability(registry.get('review.createPoint')!)).toEqual({ enabled: true });
    expect(registry.availability(registry.get('review.backToNow')!)).toEqual({ enabled: false, reason: 'The plan is already shown as it is now.' });
    expect(registry.availability(registry.get('review.compare')!)).toEqual({ enabled: false, reason: 'Create a review point first.' });
    expect(registry.availability(registry.get('review.earlier')!)).toMatchObject({ enabled: false, reason: expect.stringMatching(/^The plan has no history to show yet/) });
    const reason = 'You are a viewer of this plan: you can look, not change.';
    state.setReadOnlyReason(reason);
    expect(registry.availability(registry.get('review.createPoint')!)).toEqual({ enabled: false, reason });
    // Running it by id (a menu) does nothing while it is disabled.
    expect(registry.performById('review.createPoint')).toBe(false);
    expect(app.store.getState().view).toBe('outline');
  });

  it('runs a window command by its key and says a plan must be open for plan commands', () => {
    const { app, registry } = registryFor('other');
    expect(registry.handleKey({ key: 'k', ctrlKey: true, metaKey: false, altKey: false, shiftKey: false }, 'window')).toBe(true);
    expect(app.store.getState().dialog).toBe('palette');
    expect(registry.handleKey({ key: '?', ctrlKey: false, metaKey: false, altKey: false, shiftKey: true }, 'window')).toBe(true);
    expect(app.store.getState().dialog).toBe('keyboard-help');
    expect(registry.availability(registry.get('edit.undo')!)).toEqual({ enabled: false, reason: 'Open a plan first.' });
  });

  it('refuses two commands with one id, and removes registered commands on dispose', () => {
    const { registry } = registryFor('other');
    expect(() => registry.register([appCommands[0]!])).toThrow('Two commands have the id "edit.undo".');
    const extra: AnyCommand = { id: 'test.zoomIn', label: 'Zoom in', surface: 'window', views: ['outline'], keys: { all: ['Mod+='] }, perform: () => undefined };
    let changes = 0;
    registry.onDidChange(() => { changes++; });
    const registration = registry.register([extra]);
    expect(registry.get('test.zoomIn')).toBe(extra);
    void registration.dispose();
    expect(registry.get('test.zoomIn')).toBeUndefined();
    expect(changes).toBe(2);
  });

  it('lists the menu commands as valid bridge messages with Electron accelerators', () => {
    const { registry } = registryFor('mac');
    const menus = registry.menuCommands();
    for (const item of menus) expect(menuCommandSchema.parse(item)).toEqual(item);
    expect(menus.find((item) => item.id === 'edit.redo')).toMatchObject({ accelerator: 'CmdOrCtrl+Shift+Z', menu: 'edit', enabled: false, reason: 'Open a plan first.' });
    expect(menus.find((item) => item.id === 'outline.newChild')).toMatchObject({ accelerator: 'CmdOrCtrl+Return' });
    expect(menus.some((item) => item.id === 'outline.selectNext')).toBe(false);
  });
});

describe('one gate for every command source (desk36, review36b findings 2, 3, 5)', () => {
  it('runs nothing behind an open dialog, whether from the menu, a key or a button, and greys the menu out', () => {
    const { page, api } = testPage();
    const { app, registry } = registryFor('other', api);
    const state = app.store.getState();
    state.setPlan(null, { kind: 'open', planId: 'p1' });
    state.setView('outline');
    state.openDialog('share');
    page.modal = true;
    // Help ▸ Keyboard shortcuts replaced the open form with the help; Go to Pulse switched the view behind it.
    expect(registry.performById('app.keyboardHelp', 'menu')).toBe(false);
    expect(registry.performById('view.pulse', 'menu')).toBe(false);
    expect(registry.performById('view.pulse', 'button')).toBe(false);
    expect(registry.handleKey(press('?', { shiftKey: true }), 'window')).toBe(false);
    expect(app.store.getState().dialog).toBe('share');
    expect(app.store.getState().view).toBe('outline');
    const menu = registry.menuCommands();
    expect(menu.length).toBeGreaterThan(10);
    for (const item of menu) expect(item, item.id).toMatchObject({ enabled: false, reason: behindDialogReason });
    // The dialog that is open (the palette) still lists and runs its commands.
    expect(registry.availability(registry.get('view.pulse')!, { fromDialog: true })).toEqual({ enabled: true });
    page.modal = false;
    expect(registry.performById('view.pulse', 'menu')).toBe(true);
    expect(app.store.getState().view).toBe('pulse');
  });

  it('sends the menu\'s Undo and Redo to a focused text field\'s own undo, never to the plan (⌘Z in a field on macOS)', () => {
    const { page, api } = testPage();
    const { app, registry } = registryFor('mac', api);
    app.store.getState().setPlan(null, { kind: 'open', planId: 'p1' });
    page.field = true;
    expect(registry.performById('edit.undo', 'menu')).toBe(true);
    expect(registry.performById('edit.redo', 'menu')).toBe(true);
    // Also inside a dialog: the check-in note's ⌘Z undoes the note's typing.
    page.modal = true;
    expect(registry.performById('edit.undo', 'menu')).toBe(true);
    expect(page.edits).toEqual(['undo', 'redo', 'undo']);
    // Other commands are not text editing: behind the dialog they do nothing.
    expect(registry.performById('app.commandPalette', 'menu')).toBe(false);
    expect(app.store.getState().dialog).toBeNull();
    // Only the menu's item stands for the field's undo; the header's button is the plan's.
    page.modal = false;
    registry.performById('edit.undo', 'button');
    expect(page.edits).toHaveLength(3);
    expect(registry.menuCommands().find((item) => item.id === 'edit.undo')).toMatchObject({ inTextField: true });
    expect(registry.menuCommands().find((item) => item.id === 'outline.newChild')!.inTextField).toBeUndefined();
  });

  it('says there is nothing to undo or redo on a plan without steps of this person\'s', () => {
    const { app, registry } = registryFor('other', testPage().api);
    app.store.getState().setPlan(null, { kind: 'open', planId: 'p1' });
    expect(registry.availability(registry.get('edit.undo')!)).toEqual({ enabled: false, reason: 'Nothing to undo.' });
    expect(registry.availability(registry.get('edit.redo')!)).toEqual({ enabled: false, reason: 'Nothing to redo.' });
    expect(registry.menuCommands().find((item) => item.id === 'edit.undo')).toMatchObject({ enabled: false, reason: 'Nothing to undo.' });
  });

  it('tells the menu when a dialog opens or closes, the plan changes, or a surface re-renders', () => {
    const { app, registry } = registryFor('other', testPage().api);
    let changes = 0;
    registry.onDidChange(() => { changes++; });
    registry.watchStore();
    const state = app.store.getState();
    state.openDialog('share');
    expect(changes).toBe(1);
    state.openDialog(null);
    expect(changes).toBe(2);
    registry.refresh();
    expect(changes).toBe(3);
  });
});

describe('key chords', () => {
  it('reads Mod as Cmd on a Mac and Ctrl elsewhere, and shows them as each platform does', () => {
    expect(parseChord('Mod+Shift+z', 'mac')).toMatchObject({ meta: true, ctrl: false, shift: true, key: 'z' });
    expect(parseChord('Mod+Shift+z', 'other')).toMatchObject({ meta: false, ctrl: true, shift: true, key: 'z' });
    expect(formatChord(parseChord('Mod+Shift+z', 'mac'), 'mac')).toBe('⇧⌘Z');
    expect(formatChord(parseChord('Mod+Shift+z', 'other'), 'other')).toBe('Ctrl+Shift+Z');
    expect(formatChord(parseChord('Alt+ArrowDown', 'other'), 'other')).toBe('Alt+↓');
  });

  it('matches "?" whether or not the layout needs Shift, and letters in either case', () => {
    const help = parseChord('?', 'other');
    expect(chordMatches(help, { key: '?', ctrlKey: false, metaKey: false, altKey: false, shiftKey: true })).toBe(true);
    expect(chordMatches(help, { key: '?', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false })).toBe(true);
    expect(chordMatches(parseChord('Mod+Shift+z', 'other'), { key: 'Z', ctrlKey: true, metaKey: false, altKey: false, shiftKey: true })).toBe(true);
    expect(chordMatches(parseChord('c', 'other'), { key: 'C', ctrlKey: false, metaKey: false, altKey: false, shiftKey: true })).toBe(false);
  });

  it('reaches letter chords from a Russian, Greek or Hebrew layout by the key pressed (fifteenth session)', () => {
    const undo = parseChord('Mod+z', 'other'), palette = parseChord('Mod+k', 'mac');
    expect(chordMatches(undo, press('я', { ctrlKey: true, code: 'KeyZ' }))).toBe(true);
    expect(chordMatches(palette, press('κ', { metaKey: true, code: 'KeyK' }))).toBe(true);
    expect(chordMatches(parseChord('Mod+Shift+z', 'other'), press('Я', { ctrlKey: true, shiftKey: true, code: 'KeyZ' }))).toBe(true);
    expect(chordMatches(undo, press('ז', { ctrlKey: true, code: 'KeyZ' }))).toBe(true);
    // A Latin layout keeps its own letters: AZERTY's "w" on KeyZ is not undo, its "z" on KeyW is.
    expect(chordMatches(undo, press('w', { ctrlKey: true, code: 'KeyZ' }))).toBe(false);
    expect(chordMatches(undo, press('z', { ctrlKey: true, code: 'KeyW' }))).toBe(true);
    // A non-Latin letter off the letter keys is matched as typed (AZERTY's "é" is no digit chord).
    expect(chordMatches(parseChord('Mod+2', 'other'), press('é', { ctrlKey: true, code: 'Digit2' }))).toBe(false);
    const { registry } = registryFor('other');
    expect(registry.commandForKey(press('л', { ctrlKey: true, code: 'KeyK' }), 'window', 'outline')?.id).toBe(registry.commandForKey(press('k', { ctrlKey: true, code: 'KeyK' }), 'window', 'outline')?.id);
    expect(registry.commandForKey(press('л', { ctrlKey: true, code: 'KeyK' }), 'window', 'outline')).toBeDefined();
  });

  it('writes the plus key as "Plus", "+" alone or "Mod++", and names "-", "=" and " " in words', () => {
    for (const text of ['+', 'Plus']) {
      const plus = parseChord(text, 'other');
      expect(plus).toMatchObject({ key: '+', ctrl: false, shift: false });
      // "+" needs Shift on most layouts and none on a keypad: either way it is the plus key.
      expect(chordMatches(plus, press('+', { shiftKey: true }))).toBe(true);
      expect(chordMatches(plus, press('+'))).toBe(true);
      expect(chordMatches(plus, press('=', { shiftKey: true }))).toBe(false);
      expect(chordMatches(plus, press('+', { ctrlKey: true }))).toBe(false);
    }
    expect(parseChord('Mod++', 'mac')).toMatchObject({ key: '+', meta: true, ctrl: false });
    expect(formatChord(parseChord('Mod++', 'other'), 'other')).toBe('Ctrl+Plus');
    expect(formatChord(parseChord('Mod++', 'mac'), 'mac')).toBe('⌘+');
    expect(acceleratorOf('Mod++')).toBe('CmdOrCtrl+Plus');
    expect(acceleratorOf('Plus')).toBe('Plus');

    const zoomIn = parseChord('Mod+Shift+=', 'other');
    expect(zoomIn).toMatchObject({ key: '=', ctrl: true, shift: true });
    expect(chordMatches(zoomIn, press('=', { ctrlKey: true, shiftKey: true }))).toBe(true);
    expect(chordMatches(zoomIn, press('=', { shiftKey: true }))).toBe(false);
    expect(acceleratorOf('Mod+Shift+=')).toBe('CmdOrCtrl+Shift+=');
    expect(parseChord('Equal', 'other')).toEqual(parseChord('=', 'other'));

    const minus = parseChord('-', 'other');
    expect(parseChord('Minus', 'other')).toEqual(minus);
    expect(chordMatches(minus, press('-'))).toBe(true);
    expect(chordMatches(minus, press('_', { shiftKey: true }))).toBe(false);
    expect(chordMatches(parseChord('Mod+-', 'other'), press('-', { ctrlKey: true }))).toBe(true);

    const space = parseChord('Space', 'other');
    expect(chordMatches(space, press(' '))).toBe(true);
    expect(formatChord(space, 'other')).toBe('Space');
    expect(acceleratorOf('Space')).toBe('Space');
  });

  it('refuses a malformed chord with its text', () => {
    expect(() => parseChord('Shift+', 'other')).toThrow('The key chord "Shift+" is not of the form');
    expect(() => parseChord('Hyper+k', 'other')).toThrow('"Hyper+k"');
    expect(() => parseChord('Shift+Plus+', 'other')).toThrow('the plus key is "Plus"');
  });
});

describe('fuzzy search over labels', () => {
  const labels = ['Indent (one level down the cascade)', 'New line below', 'New child line', 'Go to Execution pulse', 'Undo'];
  it('keeps labels holding the letters in order, word starts first', () => {
    expect(fuzzyFilter(labels, 'nc', (label) => label)[0]).toBe('New child line');
    expect(fuzzyFilter(labels, 'pulse', (label) => label)).toEqual(['Go to Execution pulse']);
    expect(fuzzyFilter(labels, 'xyz', (label) => label)).toEqual([]);
    expect(fuzzyFilter(labels, '', (label) => label)).toEqual(labels);
  });
});
