import { describe, expect, it } from 'vitest';
import { appCommands } from '../../../renderer/src/commands/app-commands.js';
import type { Platform } from '../../../renderer/src/commands/keys.js';
import { CommandRegistry } from '../../../renderer/src/commands/registry.js';
import { canvasCommands } from '../../../renderer/src/canvas/canvas-commands.js';
import { canvasHelpLine, type HelpLineItem } from '../../../renderer/src/canvas/canvas-help.js';
import { memoryStore } from '../../../renderer/src/library/key-value-store.js';
import { AppController } from '../../../renderer/src/session/app-controller.js';
import { createAppStore } from '../../../renderer/src/store/app-store.js';

function registryFor(platform: Platform) {
  const app = new AppController(createAppStore(), memoryStore());
  const registry = new CommandRegistry(app, platform);
  registry.register([...appCommands, ...canvasCommands]);
  return registry;
}

/** The line as read: "in Find, Enter/Shift+Enter next/previous match". */
const read = (items: readonly HelpLineItem[]) => items.map((item) => `${item.surface === 'canvasFind' ? 'in Find, ' : ''}${item.keys.join('/')} ${item.hint}`);

describe('the canvas help line', () => {
  it('names the keys the registry hears on the canvas, in the window and in Find (canvas43: it named Enter only for the find)', () => {
    expect(read(canvasHelpLine(registryFor('other'), false))).toEqual([
      '↑/↓/←/→ next card', 'Enter open', 'Space show/hide children', '+/- zoom', '0 fit', 'F focus', 'Ctrl+Enter add child', 'Esc show all',
      '? all keys', 'Esc stop presenting', 'F3/Shift+F3 next/previous match',
      'in Find, Enter/Shift+Enter next/previous match', 'in Find, Esc back to the canvas (presenting)',
    ]);
    expect(read(canvasHelpLine(registryFor('mac'), false))).toContain('⌘Enter add child');
  });

  it('offers a viewer no key that changes the plan', () => {
    expect(read(canvasHelpLine(registryFor('other'), true)).some((part) => part.includes('add child'))).toBe(false);
  });

  it.each<Platform>(['mac', 'other'])('cannot drift: every canvas key is named on the line (%s)', (platform) => {
    const registry = registryFor(platform);
    const line = canvasHelpLine(registry, false);
    for (const command of canvasCommands) {
      for (const surface of registry.surfacesOf(command.id)) {
        const first = registry.keyLabels(command.id, surface)[0];
        if (first === undefined) continue;
        expect(line.some((item) => item.surface === surface && item.keys.includes(first)), `${command.id} by ${first} on ${surface}`).toBe(true);
      }
    }
  });
});
