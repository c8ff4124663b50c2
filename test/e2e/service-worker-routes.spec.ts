// Issue #18 (first paint from navigation): once the app has been opened, the service worker's static
// routes answer the app's shell and its chunks from Cache Storage without its fetch event, so a
// browser that has just started does not wait for the worker to start before the page loads; the
// page still opens with the server down (renderer/public/sw-static-routes.js).
import { expect, test } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { startSyncServer } from './support/server.js';

test('the shell and the app chunk come from the cache through the static routes, also with the server down', async ({ page }) => {
  const server = await startSyncServer();
  try {
    await new AppShell(page).open(server.url);
    await page.waitForFunction(async () => (await navigator.serviceWorker.ready).active !== null && navigator.serviceWorker.controller !== null);
    // The shell is copied when the worker activates.
    await page.waitForFunction(async () => (await caches.match(new URL('./', location.href).href)) !== undefined);

    await server.stop();
    await page.reload();
    await expect(page.getByTestId('app-shell')).toBeVisible();
    // Navigation and Resource Timing name the source that answered: the router's cache, not the fetch event.
    const sources = await page.evaluate(() => {
      const source = (entry: PerformanceEntry | undefined) => (entry as unknown as { workerMatchedSourceType?: string } | undefined)?.workerMatchedSourceType;
      return {
        shell: source(performance.getEntriesByType('navigation')[0]),
        app: source(performance.getEntriesByType('resource').find((entry) => /\/assets\/app-main-[^/]+\.js$/.test(entry.name))),
      };
    });
    expect(sources).toEqual({ shell: 'cache', app: 'cache' });
  } finally {
    await server.stop();
  }
});
