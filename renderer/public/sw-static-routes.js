// Imported by the generated service worker (vite.config.ts: workbox.importScripts). Issue #18: in a
// browser that has just started, a navigation to the app waited for the service worker's own start
// before anything was answered, and every chunk the page asked for then went through its fetch event.
// Chromium's static routing (ServiceWorker Static Routing API) answers these from Cache Storage in
// the browser process, without starting the worker: the app's shell (the scope's root) from the copy
// kept in SHELL_CACHE, the hashed chunks under assets/ from the precache. Either one falls back to the
// network when the cache has no copy. Browsers without the API ignore this and use the fetch event
// as before (workbox's precache and navigation route).
/* global self, caches */
const SHELL_CACHE = 'throughline-shell';

self.addEventListener('install', (event) => {
  if (typeof event.addRoutes !== 'function' || typeof URLPattern !== 'function') return;
  const scope = new URL(self.registration.scope).pathname;
  event.waitUntil(event.addRoutes([
    { condition: { requestMode: 'navigate', urlPattern: new URLPattern({ pathname: scope }) }, source: 'cache' },
    { condition: { urlPattern: new URLPattern({ pathname: `${scope}assets/*` }) }, source: 'cache' },
  ]).catch(() => undefined));
});

// The shell is copied when this version activates, from the index.html its install precached: never
// while an older version still serves pages (a shell naming chunks that version has not cached).
// Navigations wait for the activation to finish, so none gets the old shell once the old chunks are
// gone. If the copy fails, the old shell is deleted rather than kept: the route then misses and the
// navigation goes to the network.
self.addEventListener('activate', (event) => {
  event.waitUntil(copyShell().catch(() => caches.delete(SHELL_CACHE)).catch(() => undefined));
});

async function copyShell() {
  const scope = self.registration.scope;
  const indexPath = `${new URL(scope).pathname}index.html`;
  for (const name of await caches.keys()) {
    if (!name.startsWith('workbox-precache')) continue;
    const cache = await caches.open(name);
    const request = (await cache.keys()).find((key) => new URL(key.url).pathname === indexPath);
    const response = request && await cache.match(request);
    if (!response) continue;
    await (await caches.open(SHELL_CACHE)).put(new Request(scope), response);
    return;
  }
  throw new Error('no precached index.html');
}
