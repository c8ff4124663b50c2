import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { browserStore } from './library/key-value-store.js';
import { AppController } from './session/app-controller.js';
import { ControllerContext } from './session/controller-context.js';
import { LibraryActions } from './session/library-actions.js';
import { registerServiceWorker } from './shell/service-worker.js';
import { appStore } from './store/app-store.js';
import { exposeAutomation } from './session/automation.js';
import './styles/base.css';
import './styles/shell.css';
import './styles/library.css';
import './styles/outline.css';
import './styles/detail.css';
import './styles/pulse.css';
import './styles/people.css';

const container = document.getElementById('root');
if (!container) throw new Error('Throughline: the page has no #root element to mount into.');

const storage = browserStore();
const app = new AppController(appStore, storage);
const controllers = { app, library: new LibraryActions(app) };
exposeAutomation(app, storage);
createRoot(container).render(<StrictMode><ControllerContext.Provider value={controllers}><App /></ControllerContext.Provider></StrictMode>);
app.start();
registerServiceWorker();
