// Sandboxed preload: exposes named methods only, never ipcRenderer itself.
import electron = require('electron');
import type { DesktopApi, PrintRequest, SaveFileRequest, SaveFileResult } from '../shared/bridge/desktop-api.js';
import type { MenuCommand } from '../shared/bridge/menu-commands.js';
import type { HostApiRequest, HostApiResponse, WorkshopStartRequest, WorkshopStatus } from '../shared/bridge/workshop.js';

/**
 * A file the OS opened, subscribed to here, when the preload runs, and held until the page listens.
 * main.ts sends a double-clicked file once the page has loaded, but the page subscribes only when its
 * app module runs, which main.tsx imports after the first screen's IndexedDB read (that import does not
 * delay `load`): subscribed then, a file sent at a cold start reached no listener and was dropped, so
 * the app opened without the plan (review43b F1). Held files go to the first listener, in order.
 */
function heldUntilListened<T>(channel: string, read: (payload: unknown) => T | null): (listener: (file: T) => void) => () => void {
  const held: T[] = [];
  const listeners = new Set<(file: T) => void>();
  electron.ipcRenderer.on(channel, (_event: unknown, payload: unknown) => {
    const file = read(payload);
    if (file === null) return;
    if (listeners.size === 0) held.push(file);
    for (const listener of listeners) listener(file);
  });
  return (listener) => {
    listeners.add(listener);
    for (const file of held.splice(0)) listener(file);
    return () => { listeners.delete(listener); };
  };
}

const api = {
  host: 'electron',
  appVersion: () => electron.ipcRenderer.invoke('app:version') as Promise<string>,
  saveFile: (request: SaveFileRequest) => electron.ipcRenderer.invoke('file:save', request) as Promise<SaveFileResult>,
  printToPdf: (request: PrintRequest) => electron.ipcRenderer.invoke('file:print-pdf', request) as Promise<SaveFileResult>,
  onMenuCommand: (listener: (commandId: string) => void) => {
    // The Electron event (with its sender) never reaches the page: only the command id does.
    const forward = (_event: unknown, commandId: unknown) => { if (typeof commandId === 'string') listener(commandId); };
    electron.ipcRenderer.on('menu:command', forward);
    return () => { electron.ipcRenderer.removeListener('menu:command', forward); };
  },
  updateMenu: (commands: MenuCommand[]) => { void electron.ipcRenderer.invoke('menu:update', commands); },
  onPlanFileOpened: heldUntilListened('file:opened', (file) => {
    const { name, text } = (file ?? {}) as { name?: unknown; text?: unknown };
    return typeof name === 'string' && typeof text === 'string' ? { name, text } : null;
  }),
  onSpreadsheetOpened: heldUntilListened('file:spreadsheet-opened', (file) => {
    const { name, bytes } = (file ?? {}) as { name?: unknown; bytes?: unknown };
    return typeof name === 'string' && bytes instanceof Uint8Array ? { name, bytes } : null;
  }),
  workshopStatus: () => electron.ipcRenderer.invoke('workshop:status') as Promise<WorkshopStatus>,
  startWorkshop: (request?: WorkshopStartRequest) => electron.ipcRenderer.invoke('workshop:start', request) as Promise<WorkshopStatus>,
  stopWorkshop: () => electron.ipcRenderer.invoke('workshop:stop') as Promise<WorkshopStatus>,
  workshopHostRequest: (request: HostApiRequest) => electron.ipcRenderer.invoke('workshop:host-request', request) as Promise<HostApiResponse>,
} satisfies DesktopApi;

electron.contextBridge.exposeInMainWorld('throughline', api);
