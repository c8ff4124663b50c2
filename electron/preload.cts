// Sandboxed preload: exposes named methods only, never ipcRenderer itself.
import electron = require('electron');
import type { DesktopApi, PrintRequest, SaveFileRequest, SaveFileResult } from '../shared/bridge/desktop-api.js';

const api = {
  host: 'electron',
  appVersion: () => electron.ipcRenderer.invoke('app:version') as Promise<string>,
  saveFile: (request: SaveFileRequest) => electron.ipcRenderer.invoke('file:save', request) as Promise<SaveFileResult>,
  printToPdf: (request: PrintRequest) => electron.ipcRenderer.invoke('file:print-pdf', request) as Promise<SaveFileResult>,
} satisfies DesktopApi;

electron.contextBridge.exposeInMainWorld('throughline', api);
