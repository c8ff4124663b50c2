import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { contentSecurityPolicyMetaTag } from '../shared/bridge/content-security-policy.js';
import { firstScreenReadScript, firstScreenReadScriptHash } from '../shared/bridge/first-screen-read-script.js';
import { withInternedStrings } from '../shared/sync/short-strings.js';
import { preloadDynamicEntry } from './vite-app-preload.js';

const root = fileURLToPath(new URL('.', import.meta.url));
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

/**
 * lib0 (Yjs's encoding) reads every string of an update with one TextDecoder call, a crossing into
 * Blink and a separate string per map key: the build adds a reader that reads short ASCII strings in
 * JavaScript and returns each repeated one as the same string, used only behind a benchmark switch
 * (shared/sync/short-strings.ts says why). In the page and in the update worker (Vite bundles
 * workers with their own plugins).
 */
const shortStringsModule = fileURLToPath(new URL('../shared/sync/short-strings.ts', import.meta.url));
const internedStrings = () => ({
  name: 'throughline-lib0-interned-strings',
  transform(code: string, id: string) {
    return /[\\/]node_modules[\\/]lib0[\\/]decoding\.js$/.test(id) ? { code: withInternedStrings(code, shortStringsModule), map: null } : null;
  },
});

/**
 * index.html's head: the CSP as a <meta> too, from the one definition, then the inline script that
 * starts the first screen's read before the entry module loads (shared/bridge/first-screen-read-script.ts).
 * The hash is computed here from the exact text put in the page; a policy that does not allow exactly
 * that text fails the build instead of a page whose read is blocked. Build only: the dev server's
 * React refresh is an inline script, and there the entry reads the first screen itself.
 */
function headOfPage(html: string): string {
  const hash = `'sha256-${createHash('sha256').update(firstScreenReadScript, 'utf8').digest('base64')}'`;
  if (hash !== firstScreenReadScriptHash) throw new Error(`index.html's inline script hashes to ${hash}, but the Content-Security-Policy allows ${firstScreenReadScriptHash}: update firstScreenReadScriptHash in shared/bridge/first-screen-read-script.ts`);
  // A function, so that no `$` of the script is read as a replacement pattern.
  return html.replace('<meta charset="UTF-8" />', () => `<meta charset="UTF-8" />\n    ${contentSecurityPolicyMetaTag()}\n    <script>${firstScreenReadScript}</script>`);
}

const outDir = fileURLToPath(new URL('../dist/web', import.meta.url));

/**
 * The build's facts the service worker needs (public/sw-static-routes.js reads them): the assets it
 * stores when it activates and the revision of the shell its install precached. A script the worker
 * imports, so each version of the worker carries its own build's: while a new version activates, the
 * precache still holds the previous version's entries too (workbox deletes them in its own activate
 * handler, at the same time), so a lookup there by path alone can read the other build's.
 */
const workerBuildFile = 'sw-build.js';

interface PrecacheEntry { url: string; revision: string | null; size: number }

/**
 * Workbox precaches its manifest while the worker installs, and Chromium compiles every script a
 * worker stores in Cache Storage during its install, eagerly and whole (V8's full code cache): ~0.5 s
 * of CPU in every fresh browser profile for chunks most first visits never run (docs/testing.md,
 * testtime7). So the install precaches the shell (index.html, the manifest and icon); the worker
 * stores the assets (scripts and CSS) from the list in `workerBuildFile` when it activates, before it
 * copies the shell and takes over the page (sw-static-routes.js), which Chromium does not compile. The
 * CSS is stored with the scripts so that a failed update leaves the previous build whole.
 */
function precacheAssetsAfterInstall(entries: PrecacheEntry[]): { manifest: PrecacheEntry[] } {
  const isAsset = (entry: PrecacheEntry) => /^assets\/[^/]+\.(js|css)$/.test(entry.url);
  const assets = entries.filter(isAsset).map((entry) => entry.url).sort();
  const shellRevision = entries.find((entry) => entry.url === 'index.html')?.revision;
  if (!shellRevision) throw new Error('the precache manifest has no revisioned index.html for the service worker\'s shell');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(`${outDir}/${workerBuildFile}`, `self.throughlineBuild = ${JSON.stringify({ assets, shellRevision })};\n`);
  return { manifest: entries.filter((entry) => !isAsset(entry)) };
}

// One web build serves Electron (loaded from file/app protocol) and browser mode (served by the
// sync server), so asset paths are relative.
export default defineConfig({
  root,
  base: './',
  define: { 'import.meta.env.VITE_APP_VERSION': JSON.stringify(version) },
  plugins: [
    internedStrings(),
    react(),
    // The CSP as a <meta> and the first screen's early read (headOfPage).
    // The app's CSS preloaded for the painter; its chunks are not (vite-app-preload.ts says why).
    preloadDynamicEntry('renderer/src/app-main.tsx'),
    { name: 'throughline-csp-meta', apply: 'build', transformIndexHtml: headOfPage },
    // Browser mode is local-first: the service worker precaches the app shell so a page opened once
    // reloads with the server down. The app registers it itself (app-main.tsx) because the CSP forbids
    // inline scripts, and only over http(s) — Electron's app:// pages need no worker.
    VitePWA({
      strategies: 'generateSW',
      registerType: 'autoUpdate',
      injectRegister: false,
      manifest: {
        name: 'Throughline',
        short_name: 'Throughline',
        description: 'Strategy to daily execution in one live structure.',
        theme_color: '#1f2a44',
        background_color: '#f6f7f9',
        display: 'standalone',
        start_url: './',
        icons: [{ src: 'icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
      },
      includeAssets: ['icon.svg'],
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,webmanifest}'],
        navigateFallback: 'index.html',
        // Health checks and anything the sync server answers dynamically must reach the network.
        navigateFallbackDenylist: [/^\/health/],
        cleanupOutdatedCaches: true,
        // The worker takes over open pages itself once the assets are stored (sw-static-routes.js), so a
        // page it controls reloads with the server down.
        clientsClaim: false,
        skipWaiting: true,
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        manifestTransforms: [precacheAssetsAfterInstall],
        // In browsers without static routing, the assets are answered by the fetch event from the cache
        // the worker stored them in (the name is sw-static-routes.js's ASSET_CACHE).
        runtimeCaching: [{ urlPattern: /\/assets\/[^/]+\.(js|css)$/, handler: 'CacheFirst', options: { cacheName: 'throughline-scripts' } }],
        // This build's asset list and shell revision (workerBuildFile), then the shell and the chunks
        // answered from Cache Storage without starting the worker, and the assets stored after the
        // install (public/sw-static-routes.js).
        importScripts: [workerBuildFile, 'sw-static-routes.js'],
      },
    }),
  ],
  worker: { plugins: () => [internedStrings()] },
  build: {
    outDir,
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
  },
  server: { port: 5173, strictPort: false },
});
