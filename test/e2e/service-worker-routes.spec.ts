// Issue #18 (first paint from navigation): once the app has been opened, the service worker's static
// routes answer the app's shell and its chunks from Cache Storage without its fetch event, so a
// browser that has just started does not wait for the worker to start before the page loads; the
// page still opens with the server down (renderer/public/sw-static-routes.js).
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { projectRoot, startSyncServer } from './support/server.js';
import { waitForServiceWorkerControl } from './support/service-worker.js';

// This spec is about the service worker: it runs with it (playwright.config.ts blocks it elsewhere).
test.use({ serviceWorkers: 'allow' });

/** Every script the build made (the app's chunks and its workers' scripts), as paths under the app. */
function builtScripts(): string[] {
  return readdirSync(path.join(projectRoot, 'dist', 'web', 'assets')).filter((name) => name.endsWith('.js')).map((name) => `assets/${name}`).sort();
}

test('the shell and the app chunk come from the cache through the static routes, also with the server down', async ({ page }) => {
  const server = await startSyncServer();
  try {
    await new AppShell(page).open(server.url);
    await waitForServiceWorkerControl(page);
    // The shell is copied when the worker activates, before it takes over the page.
    expect(await page.evaluate(async () => (await caches.match(new URL('./', location.href).href)) !== undefined)).toBe(true);

    // The worker stores the scripts after its install and takes over the page only then
    // (sw-static-routes.js): every one is in Cache Storage once the page is controlled.
    const scripts = builtScripts();
    const missing = await page.evaluate(async (paths) => {
      const absent: string[] = [];
      for (const script of paths) if (await caches.match(new URL(script, location.href).href) === undefined) absent.push(script);
      return absent;
    }, scripts);
    expect(scripts.length).toBeGreaterThan(10);
    expect(missing).toEqual([]);

    await server.stop();
    await page.reload();
    await expect(page.getByTestId('app-shell')).toBeVisible();
    // With the server down, every script the app may load later (a view's chunk, a worker) is answered.
    const unanswered = await page.evaluate(async (paths) => {
      const failed: string[] = [];
      for (const script of paths) {
        const response = await fetch(new URL(script, location.href).href).catch(() => undefined);
        if (!response?.ok) failed.push(script);
      }
      return failed;
    }, scripts);
    expect(unanswered).toEqual([]);
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
