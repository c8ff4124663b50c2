import type { Page } from '@playwright/test';

/**
 * Waits until the app's service worker controls `page`. On a first visit it takes over a page only once
 * the assets are stored and the shell copied (renderer/public/sw-static-routes.js), so from then on the
 * page reloads with the server down. (An update of a worker that already controls the page is another
 * path: service-worker-update.spec.ts.) The predicate is synchronous on purpose: `waitForFunction` does not
 * await a promise a predicate returns (a promise is truthy), so an async predicate returns at once.
 */
export async function waitForServiceWorkerControl(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}
