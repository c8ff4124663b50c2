import type { SurfaceName } from '../commands/command.js';
import type { CommandRegistry } from '../commands/registry.js';

/** One part of the canvas's help line: its keys as this platform reads them, what they do, and where they are heard. */
export interface HelpLineItem {
  keys: string[];
  hint: string;
  surface: SurfaceName;
}

/** Where the line's keys are heard, in the line's order: on the canvas, anywhere outside a text field, in the Find field. */
const lineSurfaces: readonly SurfaceName[] = ['canvas', 'window', 'canvasFind'];

/**
 * The canvas's one-line key help, read from the registry so it cannot drift from the keys (canvas43: it named
 * Enter for the next match and no F3, and its keys were written by hand beside the commands). Every command of
 * the canvas view with a `hint` and a key on one of the line's surfaces, the first key of each (the keyboard
 * help, ?, lists them all); neighbours with the same hint share it ("↑/↓/←/→ next card"). A viewer is not
 * offered keys that change the plan.
 */
export function canvasHelpLine(registry: CommandRegistry, readOnly: boolean): HelpLineItem[] {
  const items: HelpLineItem[] = [];
  const commands = registry.forView('canvas');
  for (const surface of lineSurfaces) {
    for (const command of commands) {
      if (!command.hint || (command.writes && readOnly)) continue;
      const key = registry.keyLabels(command.id, surface)[0];
      if (key === undefined) continue;
      const last = items.at(-1);
      if (last && last.surface === surface && last.hint === command.hint) last.keys.push(key);
      else items.push({ keys: [key], hint: command.hint, surface });
    }
  }
  return items;
}
