// Imported by the generated service worker (vite.config.ts: workbox.importScripts). Issue #18: in a
// browser that has just started, a navigation to the app waited for the service worker's own start
// before anything was answered, and every chunk the page asked for then went through its fetch event.
// Chromium's static routing (ServiceWorker Static Routing API) answers these from Cache Storage in
// the browser process, without starting the worker: the app's shell (the scope's root) from the copy
// kept in SHELL_CACHE, the hashed chunks and CSS under assets/ from ASSET_CACHE. Either one falls back to the
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

// When this version activates: first the app's assets are stored (below), then the shell is copied
// from the index.html its install precached, then older builds' assets are deleted, then the worker
// takes over the open pages (clientsClaim is off in vite.config.ts for this): a page it controls has
// everything it needs to reload without the server. The shell is never copied while an older version
// still serves pages (a shell naming chunks that version has not cached). Navigations wait for the
// activation to finish, so none gets the old shell once the old chunks are gone. If a step fails (the
// network went away during the activation, or the server already serves yet another build and answers
// 404), the steps after it are not taken: the previous build's shell and assets stay, so the app that
// opened with the server down before the update still does (review25a T2), and a later start of this
// worker tries again.
self.addEventListener('activate', (event) => {
  event.waitUntil(completeActivation().catch(() => undefined));
});

async function completeActivation() {
  const cache = await caches.open(ASSET_CACHE);
  const { wanted, stored } = await assetsOf(cache);
  await cache.addAll(wanted.filter((url) => !stored.has(url)));
  await copyShell();
  const keep = new Set(wanted);
  await Promise.all([...stored].filter((url) => !keep.has(url)).map((url) => cache.delete(url)));
  await self.clients.claim();
}

/** This build's assets (absolute URLs) and the ones `cache` holds. */
async function assetsOf(cache) {
  const wanted = self.throughlineBuild.assets.map((path) => new URL(path, self.registration.scope).href);
  return { wanted, stored: new Set((await cache.keys()).map((request) => request.url)) };
}

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

// The app's assets (assets/*.js and *.css) are not in workbox's precache: Chromium compiles every
// script a worker stores while it installs, eagerly and whole, ~0.5 s of CPU in every fresh profile
// for chunks most visits never run. They are stored here instead, outside the install, from this
// version's list (self.throughlineBuild, sw-build.js, written by vite.config.ts and imported with this
// file). The CSS is stored with them because workbox deletes a precached file the new build lacks when
// it activates: if storing the new build failed, the previous build's shell still needs its own CSS.
// Older builds' assets are deleted only once this version's are all stored and its shell copied. The
// static route for assets/* finds them here, as workbox's precache route would have. (The cache's name
// is older than the CSS in it.)
const ASSET_CACHE = 'throughline-scripts';

// If the activation did not complete (an asset missing, or older builds' assets still there because a
// step failed), a later start of the active worker tries again. Never while installing: that would
// compile the scripts.
if (self.serviceWorker && self.serviceWorker.state === 'activated') retryActivation().catch(() => undefined);

async function retryActivation() {
  const { wanted, stored } = await assetsOf(await caches.open(ASSET_CACHE));
  const complete = stored.size === wanted.length && wanted.every((url) => stored.has(url));
  if (complete) return;
  await completeActivation();
  // The open pages still run the previous build, whose assets the completion just deleted; no 'activated'
  // event comes again to make registerSW reload them (review26 F4: a view not yet opened then failed to
  // load once the HTTP cache had let its chunk go). They reload, as on any update.
  for (const client of await self.clients.matchAll({ type: 'window' })) client.postMessage({ type: BUILD_STORED });
}

/** The message telling pages that this build's activation completed late (renderer/src/shell/service-worker.ts). */
const BUILD_STORED = 'throughline:build-stored';
