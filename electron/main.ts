// The main process: wiring only. Every decision lives in a plain module tested without Electron
// (security, ipc, app-protocol, renderer-v8-flags, file-dialogs, open-file, menu, window-state, launch-request,
// launch-queue, recent-plans, small-file, external-links, quit-flush, print-documents, workshop-host, lan-address).
import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, screen, shell } from 'electron';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { networkInterfaces } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { flushHookName } from '../shared/bridge/desktop-api.js';
import type { MenuCommand } from '../shared/bridge/menu-commands.js';
import { appResponseHeaders, resolveAppResource } from './app-protocol.js';
import { externalUrlToOpen } from './external-links.js';
import { printToPdf, saveFile, type FileHost } from './file-dialogs.js';
import { handleFromApp } from './ipc.js';
import { LaunchQueue } from './launch-queue.js';
import { launchRequestFromArgument, launchRequestFromArgv, PROTOCOL, type LaunchRequest } from './launch-request.js';
import { menuTemplate, readMenuCommands, type MenuItemSpec } from './menu.js';
import { lanCandidates } from './lan-address.js';
import { diskFiles, openDialogOptions, readOpenedFile } from './open-file.js';
import { PrintDocuments, printResponseHeaders } from './print-documents.js';
import { createLogger } from '../sync-server/logger.js';
import { flushBeforeClose, flushBeforeQuit } from './quit-flush.js';
import { addRecentPlan, readRecentPlans, writeRecentPlans, type RecentPlan } from './recent-plans.js';
import { jsFlagsValue } from './renderer-v8-flags.js';
import { appOrigin, lockDown } from './security.js';
import { fitToDisplays, readWindowState, writeWindowState, type WindowState } from './window-state.js';
import { WorkshopHost } from './workshop-host.js';
import { workshopHandlers } from './workshop-ipc.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const webRoot = path.resolve(here, '..', 'web');
const stateFile = () => path.join(app.getPath('userData'), 'window-state.json');
const recentFile = () => path.join(app.getPath('userData'), 'recent-plans.json');

// The renderer's V8 flags (none today: renderer-v8-flags.ts says what was measured); only before `ready`.
const rendererJsFlags = jsFlagsValue();
if (rendererJsFlags !== null) app.commandLine.appendSwitch('js-flags', rendererJsFlags);

protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

let mainWindow: BrowserWindow | null = null;
let menuCommands: MenuCommand[] = [];
let recentPlans: RecentPlan[] = [];
/** Set once a quit has flushed every window: their closes then go ahead at once. */
let flushed = false;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** Asks a window's page to store its pending local changes (the page's `throughlineFlush`). */
const flushPage = (window: BrowserWindow) => window.webContents.executeJavaScript(`typeof window.${flushHookName} === 'function' ? window.${flushHookName}() : undefined`, true).then(() => undefined);
// Files and links the OS hands over wait here until the window's page has loaded (launch-queue.ts).
const launches = new LaunchQueue<LaunchRequest>();
const firstRequest = launchRequestFromArgv(process.argv, process.cwd(), app.isPackaged);
if (firstRequest) launches.push(firstRequest);

// One instance: a second launch hands its file or link to the first and exits.
if (!app.requestSingleInstanceLock()) app.quit();
app.on('second-instance', (_event, argv, workingDirectory) => {
  const request = launchRequestFromArgv(argv, workingDirectory, app.isPackaged);
  if (mainWindow) { if (mainWindow.isMinimized()) mainWindow.restore(); mainWindow.focus(); }
  if (request) launches.push(request);
});
// macOS delivers files and links as events, also before the app is ready.
app.on('open-file', (event, filePath) => { event.preventDefault(); const request = launchRequestFromArgument(filePath, process.cwd()); if (request) launches.push(request); });
app.on('open-url', (event, url) => { event.preventDefault(); const request = launchRequestFromArgument(url, process.cwd()); if (request) launches.push(request); });
if (!app.isDefaultProtocolClient(PROTOCOL)) app.setAsDefaultProtocolClient(PROTOCOL);

/** Opens a plan file or a join link in the window (`launches` calls it once the page has loaded). */
async function deliver(request: LaunchRequest): Promise<void> {
  const window = mainWindow;
  if (!window || window.isDestroyed()) { launches.notReady(); launches.push(request); return; }
  if (request.kind === 'join') { void window.loadURL(`${appOrigin}/index.html${request.hash}`); return; }
  const opened = await readOpenedFile(request.path, diskFiles);
  if (!opened.ok) { dialog.showErrorBox('Cannot open the file', opened.message); return; }
  if (opened.kind === 'spreadsheet') { window.webContents.send('file:spreadsheet-opened', { name: opened.name, bytes: opened.bytes }); return; }
  window.webContents.send('file:opened', { name: opened.name, text: opened.text });
  recentPlans = addRecentPlan(recentPlans, request.path, Date.now());
  app.addRecentDocument(request.path);
  // A failed write (disk full) keeps the list in memory for this session; the next open writes it again.
  writeRecentPlans(recentFile(), recentPlans).catch(() => undefined);
  rebuildMenu();
}

/** Review packs being printed to PDF, served at app://print/… (print-documents.ts). */
const printDocuments = new PrintDocuments();

function serveAppProtocol(): void {
  protocol.handle('app', async (request) => {
    if (PrintDocuments.isPrintUrl(request.url)) {
      const html = printDocuments.read(request.url);
      return html === null ? new Response('Not found.', { status: 404, headers: appResponseHeaders }) : new Response(html, { headers: printResponseHeaders });
    }
    const resource = resolveAppResource(webRoot, request.url);
    if (resource.kind === 'refused') return new Response(resource.reason, { status: resource.status, headers: appResponseHeaders });
    const response = await net.fetch(pathToFileURL(resource.file).toString());
    const headers = new Headers(response.headers);
    for (const [name, value] of Object.entries(appResponseHeaders)) headers.set(name, value);
    return new Response(response.body, { status: response.status, headers });
  });
}

/** File ▸ Open…: the native dialog; the picked file opens as a double-clicked one would. */
async function showOpenDialog(): Promise<void> {
  const parent = BrowserWindow.getFocusedWindow() ?? mainWindow;
  const choice = parent ? await dialog.showOpenDialog(parent, openDialogOptions) : await dialog.showOpenDialog(openDialogOptions);
  const picked = choice.filePaths[0];
  if (!choice.canceled && picked) launches.push({ kind: 'open-file', path: picked });
}

function toElectronMenu(items: readonly MenuItemSpec[]): Electron.MenuItemConstructorOptions[] {
  return items.map(({ command, openPath, openDialog, submenu, ...item }) => ({
    ...item,
    ...(submenu ? { submenu: toElectronMenu(submenu) } : {}),
    ...(command ? { click: () => mainWindow?.webContents.send('menu:command', command) } : {}),
    ...(openPath ? { click: () => { launches.push({ kind: 'open-file', path: openPath }); } } : {}),
    ...(openDialog ? { click: () => { void showOpenDialog(); } } : {}),
  }));
}

function rebuildMenu(): void {
  const template = menuTemplate({ platform: process.platform, appName: app.name, commands: menuCommands, recentPlans, development: !app.isPackaged });
  Menu.setApplicationMenu(Menu.buildFromTemplate(toElectronMenu(template)));
}

async function createWindow(): Promise<void> {
  const state: WindowState = fitToDisplays(await readWindowState(stateFile()), [screen.getPrimaryDisplay().workArea, ...screen.getAllDisplays().map((display) => display.workArea)]);
  const window = new BrowserWindow({
    x: state.x, y: state.y, width: state.width, height: state.height, minWidth: 720, minHeight: 480,
    title: 'Throughline',
    icon: path.resolve(here, '..', '..', 'assets', 'icon.png'),
    // Auxclick off: a middle click cannot open anything, even before the window-open handler runs.
    webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, disableBlinkFeatures: 'Auxclick', preload: path.join(here, 'preload.cjs') },
  });
  if (state.maximized) window.maximize();
  lockDown(window.webContents);
  // Links the page opens go to the system browser, and only web or mail links after URL parsing.
  window.webContents.setWindowOpenHandler(({ url }) => { const safe = externalUrlToOpen(url); if (safe) void shell.openExternal(safe); return { action: 'deny' }; });
  let saveTimer: NodeJS.Timeout | null = null;
  const saveState = () => {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = setTimeout(() => { if (!window.isDestroyed()) writeWindowState(stateFile(), { ...window.getNormalBounds(), maximized: window.isMaximized() }).catch(() => undefined); }, 500);
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) window.on(event as 'resize', saveState);
  // Closing the window (the usual quit on Windows and Linux) flushes first, as a quit does (quit-flush.ts).
  flushBeforeClose(window, () => flushPage(window), 3_000, sleep, () => flushed);
  window.on('closed', () => { launches.notReady(); mainWindow = null; });
  mainWindow = window;
  await window.loadURL(`${appOrigin}/index.html`);
  launches.ready((request) => { void deliver(request); });
}

const fileHost: FileHost = {
  showSaveDialog: async (options) => {
    const parent = BrowserWindow.getFocusedWindow();
    return parent ? dialog.showSaveDialog(parent, options) : dialog.showSaveDialog(options);
  },
  writeFile: (filePath, data) => writeFile(filePath, data),
  renderPdf: async (html) => {
    const printer = new BrowserWindow({ show: false, webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false, disableBlinkFeatures: 'Auxclick' } });
    lockDown(printer.webContents);
    // Served from memory, not a data: URL: Chromium loads no URL over 2 MB, and a large plan's review pack is more.
    const printUrl = printDocuments.add(html);
    try {
      await printer.loadURL(printUrl);
      return await printer.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
    } finally {
      printDocuments.remove(printUrl);
      printer.destroy();
    }
  },
};

handleFromApp(ipcMain, 'app:version', () => app.getVersion());
handleFromApp(ipcMain, 'file:save', (request) => saveFile(fileHost, request, app.getPath('documents')));
handleFromApp(ipcMain, 'file:print-pdf', (request) => printToPdf(fileHost, request, app.getPath('documents')));
handleFromApp(ipcMain, 'menu:update', (commands) => { menuCommands = readMenuCommands(commands); rebuildMenu(); });

// Workshop hosting: the sync server in this process, on the LAN, with its own folder.
const readRouteTable = () => { try { return readFileSync('/proc/net/route', 'utf8'); } catch { return null; } };
const workshop = new WorkshopHost({
  dataDir: path.join(app.getPath('userData'), 'workshop'),
  webRoot,
  logger: createLogger(app.isPackaged ? 'warn' : 'info'),
  addresses: () => lanCandidates(networkInterfaces(), readRouteTable()),
});
const workshopIpc = workshopHandlers(workshop);
handleFromApp(ipcMain, 'workshop:status', () => workshopIpc.status());
handleFromApp(ipcMain, 'workshop:start', (request) => workshopIpc.start(request));
handleFromApp(ipcMain, 'workshop:stop', () => workshopIpc.stop());
handleFromApp(ipcMain, 'workshop:host-request', (request) => workshopIpc.hostRequest(request));

// A clean quit: each window writes its pending local changes first (at most 3 s).
app.on('before-quit', (event) => {
  if (flushed) return;
  event.preventDefault();
  const targets = BrowserWindow.getAllWindows().map((window) => ({ flush: () => flushPage(window) }));
  void flushBeforeQuit(targets, 3_000, sleep)
    // Participants keep their own copies; the workshop's server stores what it has before the app exits.
    .then(() => workshop.stop().catch(() => undefined))
    .then(() => { flushed = true; app.quit(); });
});

void app.whenReady().then(async () => {
  recentPlans = await readRecentPlans(recentFile());
  serveAppProtocol();
  rebuildMenu();
  await createWindow();
  app.on('activate', () => { if (BrowserWindow.getAllWindows().length === 0) void createWindow(); });
});

app.on('window-all-closed', () => { if (process.platform !== 'darwin') app.quit(); });
