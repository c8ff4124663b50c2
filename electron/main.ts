import { app, BrowserWindow, dialog, ipcMain, net, protocol } from 'electron';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { appResponseHeaders, resolveAppResource } from './app-protocol.js';
import { printToPdf, saveFile, type FileHost } from './file-dialogs.js';
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

/** Native dialogs and a hidden, script-less window for printing: the real side of electron/file-dialogs.ts. */
const fileHost: FileHost = {
  showSaveDialog: async (options) => {
    const parent = BrowserWindow.getFocusedWindow();
    return parent ? dialog.showSaveDialog(parent, options) : dialog.showSaveDialog(options);
  },
  writeFile: (filePath, data) => writeFile(filePath, data),
  renderPdf: async (html) => {
    const printer = new BrowserWindow({ show: false, webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false } });
    lockDown(printer.webContents);
    try {
      await printer.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
      return await printer.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
    } finally {
      printer.destroy();
    }
  },
};

handleFromApp(ipcMain, 'app:version', () => app.getVersion());
handleFromApp(ipcMain, 'file:save', (request) => saveFile(fileHost, request, app.getPath('documents')));
handleFromApp(ipcMain, 'file:print-pdf', (request) => printToPdf(fileHost, request, app.getPath('documents')));

void app.whenReady().then(() => {
  serveAppProtocol();
  createWindow();
  app.on('activate', () => { if (BrowserWindow.getAllWindows().length === 0) createWindow(); });
});

app.on('window-all-closed', () => { if (process.platform !== 'darwin') app.quit(); });
