// Imported by the generated service worker (vite.config.ts: workbox.importScripts). Issue #18: in a
// browser that has just started, a navigation to the app waited for the service worker's own start
// before anything was answered, and every chunk the page asked for then went through its fetch event.
// Chromium's static routing (ServiceWorker Static Routing API) answers these from Cache Storage in
// the browser process, without starting the worker: the app's shell (the scope's root) from the copy
// kept in SHELL_CACHE, the hashed chunks under assets/ from the caches (the CSS from workbox's
// precache, the scripts from SCRIPT_CACHE). Either one falls back to the
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

// When this version activates: first the app's scripts are stored (below), then the shell is copied
// from the index.html its install precached, then the worker takes over the open pages (clientsClaim
// is off in vite.config.ts for this): a page it controls has everything it needs to reload without
// the server. The shell is never copied while an older version still serves pages (a shell naming
// chunks that version has not cached). Navigations wait for the activation to finish, so none gets
// the old shell once the old chunks are gone. If the copy fails, the old shell is deleted rather than
// kept: the route then misses and the navigation goes to the network.
self.addEventListener('activate', (event) => {
  event.waitUntil(storeScripts().catch(() => undefined)
    .then(() => copyShell().catch(() => caches.delete(SHELL_CACHE)).catch(() => undefined))
    .then(() => self.clients.claim()));
});

async function copyShell() {
  const response = await caches.match(precacheKey('index.html', self.throughlineBuild.shellRevision));
  if (!response) throw new Error('no precached index.html of this build');
  await (await caches.open(SHELL_CACHE)).put(new Request(self.registration.scope), response);
}

/**
 * Workbox's cache key for `path` (relative to the scope) precached with `revision`: this version's
 * copy, never the previous version's, whose entries workbox deletes in its own activate handler while
 * this one runs (workbox-precaching createCacheKey: the URL with `__WB_REVISION__` set).
 */
function precacheKey(path, revision) {
  const url = new URL(path, self.registration.scope);
  url.searchParams.set('__WB_REVISION__', revision);
  return url.href;
}

// The app's scripts (assets/*.js) are not in workbox's precache: Chromium compiles every script a
// worker stores while it installs, eagerly and whole, ~0.5 s of CPU in every fresh profile for chunks
// most visits never run. They are stored here instead, outside the install, from this version's list
// (self.throughlineBuild, sw-build.js, written by vite.config.ts and imported with this file). Scripts of older
// versions are deleted only once all of this version's are stored. The static route for assets/*
// finds them here, as workbox's precache route would have.
const SCRIPT_CACHE = 'throughline-scripts';

async function storeScripts() {
  const wanted = self.throughlineBuild.assets.map((path) => new URL(path, self.registration.scope).href);
  const cache = await caches.open(SCRIPT_CACHE);
  const stored = new Set((await cache.keys()).map((request) => request.url));
  await cache.addAll(wanted.filter((url) => !stored.has(url)));
  const keep = new Set(wanted);
  await Promise.all([...stored].filter((url) => !keep.has(url)).map((url) => cache.delete(url)));
}

// If storing them failed (the network went away during the activation), a later start of the active
// worker tries again for what is missing. Never while installing: that would compile them.
if (self.serviceWorker && self.serviceWorker.state === 'activated') storeScripts().catch(() => undefined);
