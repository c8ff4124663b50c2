// The page's entry. It starts reading the plan's stored first screen (early-start.ts) and paints it
// (first-screen-painter/), then loads the app: imported dynamically so that none of the app's modules
// (React, Yjs, zod, the views: ~90 ms of evaluation and their compilation) is evaluated before
// IndexedDB has the read in hand (issue #18). The app's chunks are fetched when the import runs, all
// in one round (Vite preloads the import's chunks); index.html preloads only its CSS, for the painter.
import { firstScreenPaintAttempt } from './early-start.js';
import { keepPlansInMemoryIfNoStorage } from './persistence/memory-storage.js';

// IndexedDB is checked while the first screen is read (both are IndexedDB requests, answered together):
// a browser that refuses it gets the in-memory one before any plan opens (memory-storage.ts).
Promise.all([firstScreenPaintAttempt, keepPlansInMemoryIfNoStorage()]).then(() => import('./app-main.js')).catch((error: unknown) => {
  // Nothing of the app is running to show this: write it into the page for the person and the log.
  const root = document.getElementById('root');
  if (root) root.textContent = `Throughline could not start: ${error instanceof Error ? error.message : String(error)}. Reload the window to try again.`;
  console.error(error);
});
