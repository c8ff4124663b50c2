import { z } from 'zod';

/**
 * A command of the renderer's command registry as the desktop menu bar needs it (built by
 * `CommandRegistry.menuCommands()` in renderer/src/commands/registry.ts). Plain data, so it crosses
 * the bridge; the main process validates it with `menuCommandSchema` before building a menu, and
 * sends a clicked item's `id` back for the renderer to perform.
 */
export const menuCommandSchema = z.lazy(() => z.object({
  id: z.string().min(1).max(100),
  label: z.string().min(1).max(200),
  menu: z.enum(['file', 'edit', 'view', 'help']),
  /** An Electron accelerator ("CmdOrCtrl+Shift+Z"), or null: shown, never grabbed by the menu (electron/menu.ts). */
  accelerator: z.string().max(60).nullable(),
  enabled: z.boolean(),
  /** Why the command is disabled (shown as the item's tooltip or sublabel), or null. */
  reason: z.string().max(500).nullable(),
  /** The command is also a text field's own editing (Undo, Redo): in a focused field the page does that instead. */
  inTextField: z.boolean().optional(),
}));

export type MenuCommand = z.infer<typeof menuCommandSchema>;
