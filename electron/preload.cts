// Sandboxed preload: exposes named methods only, never ipcRenderer itself.
import electron = require('electron');
import type { DesktopApi, PrintRequest, SaveFileRequest, SaveFileResult } from '../shared/bridge/desktop-api.js';
import type { MenuCommand } from '../shared/bridge/menu-commands.js';
import type { HostApiRequest, HostApiResponse, WorkshopStartRequest, WorkshopStatus } from '../shared/bridge/workshop.js';

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
  onPlanFileOpened: (listener: (file: { name: string; text: string }) => void) => {
    const forward = (_event: unknown, file: unknown) => {
      const { name, text } = (file ?? {}) as { name?: unknown; text?: unknown };
      if (typeof name === 'string' && typeof text === 'string') listener({ name, text });
    };
    electron.ipcRenderer.on('file:opened', forward);
    return () => { electron.ipcRenderer.removeListener('file:opened', forward); };
  },
  onSpreadsheetOpened: (listener: (file: { name: string; bytes: Uint8Array }) => void) => {
    const forward = (_event: unknown, file: unknown) => {
      const { name, bytes } = (file ?? {}) as { name?: unknown; bytes?: unknown };
      if (typeof name === 'string' && bytes instanceof Uint8Array) listener({ name, bytes });
    };
    electron.ipcRenderer.on('file:spreadsheet-opened', forward);
    return () => { electron.ipcRenderer.removeListener('file:spreadsheet-opened', forward); };
  },
  workshopStatus: () => electron.ipcRenderer.invoke('workshop:status') as Promise<WorkshopStatus>,
  startWorkshop: (request?: WorkshopStartRequest) => electron.ipcRenderer.invoke('workshop:start', request) as Promise<WorkshopStatus>,
  stopWorkshop: () => electron.ipcRenderer.invoke('workshop:stop') as Promise<WorkshopStatus>,
  workshopHostRequest: (request: HostApiRequest) => electron.ipcRenderer.invoke('workshop:host-request', request) as Promise<HostApiResponse>,
} satisfies DesktopApi;

electron.contextBridge.exposeInMainWorld('throughline', api);
