/**
 * The native menu as plain data, built from one small function per menu (as Electron Fiddle does),
 * following each platform's conventions: on macOS the app menu comes first (About, Services, Hide,
 * Quit) and Window has the standard roles; on Windows and Linux menus have mnemonics, Exit closes
 * File and About sits in Help. The plan's own commands come from the renderer's command registry
 * (`CommandRegistry.menuCommands()`, validated with `menuCommandSchema` when they arrive): each item
 * sends its id back to the page, which performs it exactly as a key or the palette would. The rest are
 * Electron roles. main.ts hands the template to Menu.buildFromTemplate.
 */
import { menuCommandSchema, type MenuCommand } from '../shared/bridge/menu-commands.js';

/** The subset of Electron's MenuItemConstructorOptions this module produces (testable without Electron). */
export interface MenuItemSpec {
  label?: string;
  role?: 'about' | 'services' | 'hide' | 'hideOthers' | 'unhide' | 'quit' | 'undo' | 'redo' | 'cut' | 'copy' | 'paste' | 'pasteAndMatchStyle' | 'delete' | 'selectAll'
    | 'reload' | 'forceReload' | 'toggleDevTools' | 'resetZoom' | 'zoomIn' | 'zoomOut' | 'togglefullscreen' | 'minimize' | 'zoom' | 'close' | 'front' | 'window'
    | 'recentDocuments' | 'clearRecentDocuments' | 'appMenu' | 'fileMenu' | 'editMenu' | 'viewMenu' | 'windowMenu' | 'help';
  type?: 'separator' | 'submenu';
  accelerator?: string;
  /** False: the accelerator is shown, not grabbed (Windows and Linux; see commandAccelerator). */
  registerAccelerator?: boolean;
  /** A registry command id, sent to the page as `menu:command`. */
  command?: string;
  /** A recent plan file to open. */
  openPath?: string;
  /** Shows the native open dialog (File ▸ Open…). */
  openDialog?: true;
  enabled?: boolean;
  toolTip?: string;
  submenu?: MenuItemSpec[];
}

export interface MenuContext {
  platform: NodeJS.Platform;
  appName: string;
  /** The registry's menu commands, as the page last sent them. */
  commands: readonly MenuCommand[];
  /** Most recent first; shown under File ▸ Open Recent where the OS has no list of its own. */
  recentPlans: readonly { name: string; path: string }[];
  /** Developer tools only in development builds. */
  development: boolean;
}

/** Validates what the page sent for the menu; malformed entries are dropped, at most 200 kept. */
export function readMenuCommands(raw: unknown): MenuCommand[] {
  if (!Array.isArray(raw)) return [];
  return raw.slice(0, 200).flatMap((entry) => { const parsed = menuCommandSchema.safeParse(entry); return parsed.success ? [parsed.data] : []; });
}

const separator: MenuItemSpec = { type: 'separator' };

/** Command, Control or Option/Alt: a chord nobody types as text. */
const holdsCommandModifier = (accelerator: string) => /(^|\+)(CmdOrCtrl|CommandOrControl|Command|Cmd|Control|Ctrl|Alt|Option|AltGr|Super|Meta)\+/.test(accelerator);

/**
 * A registry command's shortcut as the menu shows it, never grabbed by the menu. The page performs every
 * registry key itself (useWindowKeys and each surface's handler) and leaves a text field's and a dialog's
 * keys to them; a registered accelerator runs its item for any key the page does not consume, so "?"
 * (Keyboard shortcuts) typed into a title would open the help instead of being typed (electron/electron
 * #21815: a single-key accelerator takes that key from every input). On Windows and Linux the key is only
 * shown (registerAccelerator: false). macOS ignores that flag, every accelerator being a key equivalent,
 * so there a shortcut without Command, Control or Option is left out of the menu (the palette and the
 * keyboard help still show it).
 */
function commandAccelerator(command: MenuCommand, platform: NodeJS.Platform): Pick<MenuItemSpec, 'accelerator' | 'registerAccelerator'> {
  if (!command.accelerator) return {};
  if (platform === 'darwin') return holdsCommandModifier(command.accelerator) ? { accelerator: command.accelerator } : {};
  return { accelerator: command.accelerator, registerAccelerator: false };
}

/**
 * Whether the item can be clicked. On macOS a command that is also a text field's own editing (Undo,
 * Redo: `inTextField`) stays enabled whatever the plan's state: Chromium leaves ⌘Z and ⇧⌘Z to the menu's
 * key equivalents there, and a disabled item swallows the key, so "nothing to undo in the plan" (or an
 * open check-in form) would take the field's own undo away. The page decides when the item arrives: the
 * field's undo while a field has the focus, nothing behind a dialog, the plan's undo otherwise
 * (CommandRegistry.perform). Elsewhere the key is never grabbed by the menu, so the item shows the plan's state.
 */
function commandEnabled(command: MenuCommand, platform: NodeJS.Platform): boolean {
  return command.enabled || (platform === 'darwin' && command.inTextField === true);
}

function commandItem(command: MenuCommand, platform: NodeJS.Platform): MenuItemSpec {
  const enabled = commandEnabled(command, platform);
  return {
    label: command.label, command: command.id, enabled,
    ...commandAccelerator(command, platform),
    ...(command.reason && !enabled ? { toolTip: command.reason } : {}),
  };
}

/** The registry's items for one menu; `plan.*` commands get the Plan menu whatever their `menu`. */
function commandsFor(context: MenuContext, menu: 'file' | 'edit' | 'view' | 'help' | 'plan'): MenuItemSpec[] {
  return context.commands.filter((command) => (command.id.startsWith('plan.') ? 'plan' : command.menu) === menu).map((command) => commandItem(command, context.platform));
}

const withSeparator = (items: MenuItemSpec[]) => (items.length > 0 ? [...items, separator] : []);

export function appMenu(context: MenuContext): MenuItemSpec {
  return {
    label: context.appName,
    submenu: [
      { role: 'about', label: `About ${context.appName}` }, separator, { role: 'services' }, separator,
      { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, separator, { role: 'quit', label: `Quit ${context.appName}` },
    ],
  };
}

export function recentMenu(context: MenuContext): MenuItemSpec {
  // macOS keeps its own recent-documents list (app.addRecentDocument); elsewhere the app lists them.
  if (context.platform === 'darwin') return { label: 'Open Recent', role: 'recentDocuments', submenu: [{ role: 'clearRecentDocuments', label: 'Clear Menu' }] };
  const items = context.recentPlans.slice(0, 10).map((plan, index): MenuItemSpec => ({ label: `${index < 9 ? `&${index + 1} ` : ''}${plan.name.replace(/&/g, '&&')}`, openPath: plan.path }));
  return { label: 'Open &Recent', submenu: items.length > 0 ? items : [{ label: 'No recent plans', enabled: false }] };
}

export function fileMenu(context: MenuContext): MenuItemSpec {
  const mac = context.platform === 'darwin';
  return {
    label: mac ? 'File' : '&File',
    submenu: [
      { label: mac ? 'Open…' : '&Open…', accelerator: 'CmdOrCtrl+O', openDialog: true },
      recentMenu(context),
      separator,
      ...commandsFor(context, 'file'),
      separator,
      mac ? { role: 'close', label: 'Close Window' } : { role: 'quit', label: 'E&xit', accelerator: context.platform === 'win32' ? 'Alt+F4' : 'Ctrl+Q' },
    ],
  };
}

export function editMenu(context: MenuContext): MenuItemSpec {
  const mac = context.platform === 'darwin';
  return {
    label: mac ? 'Edit' : '&Edit',
    // Undo and redo come from the registry: the plan's per-user undo, or the focused text field's own
    // when a field has the focus (the page decides; see commandEnabled).
    submenu: [
      ...withSeparator(commandsFor(context, 'edit')),
      { role: 'cut' }, { role: 'copy' }, { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' as const }] : []),
      { role: 'delete' }, { role: 'selectAll' },
    ],
  };
}

export function viewMenu(context: MenuContext): MenuItemSpec {
  return {
    label: context.platform === 'darwin' ? 'View' : '&View',
    submenu: [
      ...withSeparator(commandsFor(context, 'view')),
      { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, separator, { role: 'togglefullscreen' },
      ...(context.development ? [separator, { role: 'reload' as const }, { role: 'toggleDevTools' as const }] : []),
    ],
  };
}

export function planMenu(context: MenuContext): MenuItemSpec {
  const items = commandsFor(context, 'plan');
  return { label: context.platform === 'darwin' ? 'Plan' : '&Plan', submenu: items.length > 0 ? items : [{ label: 'Open a plan first', enabled: false }] };
}

export function windowMenu(context: MenuContext): MenuItemSpec {
  if (context.platform === 'darwin') return { role: 'windowMenu', label: 'Window', submenu: [{ role: 'minimize' }, { role: 'zoom' }, separator, { role: 'front' }] };
  return { label: '&Window', submenu: [{ role: 'minimize' }, { role: 'close' }] };
}

export function helpMenu(context: MenuContext): MenuItemSpec {
  const mac = context.platform === 'darwin';
  return {
    role: 'help',
    label: mac ? 'Help' : '&Help',
    submenu: [...commandsFor(context, 'help'), ...(mac ? [] : [separator, { role: 'about' as const, label: `About ${context.appName}` }])],
  };
}

/** The whole menu bar for `context.platform`. */
export function menuTemplate(context: MenuContext): MenuItemSpec[] {
  return [
    ...(context.platform === 'darwin' ? [appMenu(context)] : []),
    fileMenu(context), editMenu(context), viewMenu(context), planMenu(context), windowMenu(context), helpMenu(context),
  ];
}

/** Every command id the template sends. */
export function commandsIn(items: readonly MenuItemSpec[]): string[] {
  return items.flatMap((item) => [...(item.command ? [item.command] : []), ...commandsIn(item.submenu ?? [])]);
}
