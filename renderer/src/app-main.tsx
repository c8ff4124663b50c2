// The app itself, loaded by main.tsx once the stored first screen's read has started.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { browserStore } from './library/key-value-store.js';
import { keepCheckInDrafts } from './detail/check-in-drafts-kept.js';
import { watchCheckInDraftsOfGoneNodes } from './detail/check-in-draft.js';
import { appCommands } from './commands/app-commands.js';
import { detectPlatform } from './commands/keys.js';
import { outlineCommands } from './commands/outline.js';
import { browserPage, CommandRegistry } from './commands/registry.js';
import { fileCommands } from './files/file-commands.js';
import { FileActions } from './files/file-actions.js';
import { workshopCommands } from './workshop/workshop-commands.js';
import { desktopApi, exposeQuitFlush } from './bridge/host.js';
import { modalDialogChanged } from './shell/use-modal-dialog.js';
import { HeldBehindDialog } from './shell/held-behind-dialog.js';
import { AppController } from './session/app-controller.js';
import { ControllerContext } from './session/controller-context.js';
import { LibraryActions } from './session/library-actions.js';
import { registerServiceWorker } from './shell/service-worker.js';
import { PartBoundary } from './shell/PartBoundary.js';
import { appStore } from './store/app-store.js';
import { exposeAutomation } from './session/automation.js';
import { ReviewController } from './review/review-controller.js';
import { reviewCommands } from './review/review-commands.js';
import { checkInCommands } from './detail/check-in-commands.js';
import { canvasCommands } from './canvas/canvas-commands.js';
import { memoryStorageNotice, memoryStorageReason } from './persistence/memory-storage.js';
import './styles/base.css';
import './styles/shell.css';
import './styles/library.css';
import './styles/outline.css';
import './styles/detail.css';
import './styles/pulse.css';
import './styles/people.css';
import './styles/commands.css';
import './styles/canvas.css';
import './review/review.css';

const container = document.getElementById('root');
if (!container) throw new Error('Throughline: the page has no #root element to mount into.');

const storage = browserStore();
keepCheckInDrafts(storage, appStore);
const app = new AppController(appStore, storage);
const commands = new CommandRegistry(app, detectPlatform());
const review = new ReviewController(app, appStore, storage);
commands.register([...appCommands, ...outlineCommands, ...canvasCommands, ...checkInCommands, ...reviewCommands(review), ...fileCommands, ...workshopCommands]);
// The desktop menu sends command ids over the bridge; the registry performs them through the same gate
// as a key or the palette (nothing behind an open dialog; Undo in a focused text field undoes the typing).
const host = desktopApi();
host.onMenuCommand((id) => { commands.performById(id, 'menu'); });
// The native menu shows the registry's commands with their current availability, sent when it changed.
let sentMenu = '';
const sendMenu = () => {
  const menu = commands.menuCommands();
  const text = JSON.stringify(menu);
  if (text !== sentMenu) { sentMenu = text; host.updateMenu(menu); }
};
commands.onDidChange(sendMenu);
modalDialogChanged.event(() => commands.refresh());
sendMenu();
// Files the OS opens wait while a dialog is open, as the commands do, and are never dropped (desk36).
const heldFiles = new HeldBehindDialog(browserPage, modalDialogChanged.event, (next) => { setTimeout(next, 0); });
const holdFile = (name: string, open: () => Promise<unknown>) => {
  if (heldFiles.run(open)) appStore.getState().notify({ text: `${name} opens when you close the dialog.`, tone: 'info' });
};
// A plan file opened by the OS (double-click, a second launch, Open Recent) becomes a new local plan.
host.onPlanFileOpened(({ name, text }) => {
  holdFile(name, () => new FileActions(app).openPlanFile(name, text).then((result) => { if (!result.ok && result.message !== null) appStore.getState().notify({ text: result.message, tone: 'error' }); }));
});
// A spreadsheet picked in File ▸ Open… goes to the import preview.
host.onSpreadsheetOpened(({ name, bytes }) => {
  holdFile(name, () => new FileActions(app).openSpreadsheet(name, bytes).catch((error: unknown) => appStore.getState().notify({ text: `${name} could not be opened: ${error instanceof Error ? error.message : String(error)}`, tone: 'error' })));
});
commands.watchStore();
const controllers = { app, library: new LibraryActions(app), commands, review };
// A change the server refused after a demotion: its notice offers to keep the person's version (host36).
app.sessions.keepCopiesWith(async (planId, suffix) => {
  const copyId = await controllers.library.duplicatePlan(planId, suffix);
  return app.library.get(copyId)?.name ?? suffix;
});
exposeAutomation(app, storage);
exposeQuitFlush(app);
// The last resort: a fault outside any view (the header, a banner) is told, never a blank page.
createRoot(container).render(<StrictMode><ControllerContext.Provider value={controllers}><PartBoundary what="Throughline" className="empty-state lazy-part"><App /></PartBoundary></ControllerContext.Provider></StrictMode>);
review.start();
app.start();
// IndexedDB refused (main.tsx checked it): the plans live in memory, and the person is told so once.
const inMemory = memoryStorageReason();
if (inMemory) appStore.getState().notify({ text: memoryStorageNotice(inMemory), tone: 'error', persistent: true });
// A draft on an item deleted while another was selected (or while this device was away) is told too.
watchCheckInDraftsOfGoneNodes(app);
registerServiceWorker();
