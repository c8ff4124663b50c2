import { describe, expect, it } from 'vitest';
import { menuCommandSchema } from '../../../shared/bridge/menu-commands.js';
import { appCommands } from '../../../renderer/src/commands/app-commands.js';
import { allViews, type AnyCommand } from '../../../renderer/src/commands/command.js';
import { fuzzyFilter } from '../../../renderer/src/commands/fuzzy.js';
import { chordEvent, chordId, chordMatches, formatChord, parseChord, type Platform } from '../../../renderer/src/commands/keys.js';
import { outlineCommands } from '../../../renderer/src/commands/outline.js';
import { CommandRegistry } from '../../../renderer/src/commands/registry.js';
import { memoryStore } from '../../../renderer/src/library/key-value-store.js';
import { AppController } from '../../../renderer/src/session/app-controller.js';
import { createAppStore } from '../../../renderer/src/store/app-store.js';

const platforms: Platform[] = ['mac', 'other'];
const everyCommand: readonly AnyCommand[] = [...appCommands, ...outlineCommands];

function registryFor(platform: Platform) {
  const app = new AppController(createAppStore(), memoryStore());
  const registry = new CommandRegistry(app, platform);
  registry.register(everyCommand);
  return { app, registry };
}

describe('the command registry', () => {
  it.each(platforms)('reaches every command by each of its keys in each view where it applies (%s)', (platform) => {
    const { registry } = registryFor(platform);
    let checked = 0;
    for (const command of registry.all()) {
      for (const chord of registry.chords(command.id)) {
        for (const view of command.views) {
          expect(registry.commandForKey(chordEvent(chord), command.surface, view)?.id, `${command.id} by ${formatChord(chord, platform)} in ${view}`).toBe(command.id);
          checked++;
        }
      }
    }
    // The outline's 15 commands and the window's keys: the check did real work.
    expect(checked).toBeGreaterThan(30);
  });

  it.each(platforms)('never gives two commands the same key in one view (%s)', (platform) => {
    const { registry } = registryFor(platform);
    for (const view of allViews) {
      // Window keys reach the outline too (they bubble), so all surfaces of a view share one key space.
      const owners = new Map<string, string>();
      for (const command of registry.forView(view)) {
        for (const chord of registry.chords(command.id)) {
          const key = chordId(chord);
          expect(owners.get(key), `${formatChord(chord, platform)} in ${view}: ${owners.get(key)} and ${command.id}`).toBeUndefined();
          owners.set(key, command.id);
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
    const extra: AnyCommand = { id: 'canvas.zoomIn', label: 'Zoom in', surface: 'window', views: ['outline'], keys: { all: ['Mod+='] }, perform: () => undefined };
    let changes = 0;
    registry.onDidChange(() => { changes++; });
    const registration = registry.register([extra]);
    expect(registry.get('canvas.zoomIn')).toBe(extra);
    void registration.dispose();
    expect(registry.get('canvas.zoomIn')).toBeUndefined();
    expect(changes).toBe(2);
  });

  it('lists the menu commands as valid bridge messages with Electron accelerators', () => {
    const { registry } = registryFor('mac');
    const menus = registry.menuCommands();
    for (const item of menus) expect(menuCommandSchema.parse(item)).toEqual(item);
    expect(menus.find((item) => item.id === 'edit.redo')).toMatchObject({ accelerator: 'CmdOrCtrl+Shift+Z', registerAccelerator: true, menu: 'edit', enabled: false, reason: 'Open a plan first.' });
    expect(menus.find((item) => item.id === 'outline.newChild')).toMatchObject({ accelerator: 'CmdOrCtrl+Return', registerAccelerator: false });
    expect(menus.some((item) => item.id === 'outline.selectNext')).toBe(false);
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

  it('refuses a malformed chord with its text', () => {
    expect(() => parseChord('Shift+', 'other')).toThrow('The key chord "Shift+" is not of the form');
    expect(() => parseChord('Hyper+k', 'other')).toThrow('"Hyper+k"');
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
