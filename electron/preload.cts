// Sandboxed preload: exposes named methods only, never ipcRenderer itself.
import electron = require('electron');
import type { DesktopApi } from '../shared/bridge/desktop-api.js';

const api = {
  host: 'electron',
  appVersion: () => electron.ipcRenderer.invoke('app:version') as Promise<string>,
} satisfies DesktopApi;

electron.contextBridge.exposeInMainWorld('throughline', api);
