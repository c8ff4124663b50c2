import type { Page } from '@playwright/test';

/**
 * Waits until the app's service worker controls `page`. It takes over a page only once the shell is
 * copied and the scripts are stored (renderer/public/sw-static-routes.js), so from then on the page
 * reloads with the server down. The predicate is synchronous on purpose: `waitForFunction` does not
 * await a promise a predicate returns (a promise is truthy), so an async predicate returns at once.
 */
export async function waitForServiceWorkerControl(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}
