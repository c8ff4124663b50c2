import { app, BrowserWindow, ipcMain, net, protocol } from 'electron';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { appResponseHeaders, resolveAppResource } from './app-protocol.js';
import { handleFromApp } from './ipc.js';
import { appOrigin, lockDown } from './security.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const webRoot = path.resolve(here, '..', 'web');

protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

function serveAppProtocol(): void {
  protocol.handle('app', async (request) => {
    const resource = resolveAppResource(webRoot, request.url);
    if (resource.kind === 'refused') return new Response(resource.reason, { status: resource.status, headers: appResponseHeaders });
    const response = await net.fetch(pathToFileURL(resource.file).toString());
    const headers = new Headers(response.headers);
    for (const [name, value] of Object.entries(appResponseHeaders)) headers.set(name, value);
    return new Response(response.body, { status: response.status, headers });
  });
}

function createWindow(): void {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    title: 'Throughline',
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: path.join(here, 'preload.cjs'),
    },
  });
  lockDown(window.webContents);
  void window.loadURL(`${appOrigin}/index.html`);
}

handleFromApp(ipcMain, 'app:version', () => app.getVersion());

void app.whenReady().then(() => {
  serveAppProtocol();
  createWindow();
  app.on('activate', () => { if (BrowserWindow.getAllWindows().length === 0) createWindow(); });
});

app.on('window-all-closed', () => { if (process.platform !== 'darwin') app.quit(); });
