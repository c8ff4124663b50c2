// An app update in browser mode (review25a T1, T2): a page controlled by the service worker of build B;
// the server restarted with build C; the worker updates. With the server down afterwards, a reload must
// open a whole app: C's when the update stored C's scripts, B's when storing them failed
// (renderer/public/sw-static-routes.js). B is this checkout's dist/web; C is B with a new entry
// script, index.html pointing to it, and the worker's build facts (sw-build.js) and precache
// revision changed, as a rebuild changes them.
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { projectRoot, spawnUntilUrl, type RunningProcess } from './support/server.js';
import { waitForServiceWorkerControl } from './support/service-worker.js';

// This spec is about the service worker: it runs with it (playwright.config.ts blocks it elsewhere).
test.use({ serviceWorkers: 'allow' });

interface Builds { root: string; b: string; c: string; shellRevisions: { b: string; c: string } }

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

/** `<root>/B` (the build, its entry script marked "B") and `<root>/C` (see the file's comment). */
function twoBuilds(options: { missingScriptInC: boolean }): Builds {
  const root = mkdtempSync(path.join(tmpdir(), 'throughline-sw-update-'));
  const b = path.join(root, 'B');
  const c = path.join(root, 'C');
  cpSync(path.join(projectRoot, 'dist', 'web'), b, { recursive: true });
  const html = readFileSync(path.join(b, 'index.html'), 'utf8');
  const entry = /src="\.\/(assets\/index-[^"]+\.js)"/.exec(html)?.[1];
  if (!entry) throw new Error('index.html names no entry script');
  const entryCode = readFileSync(path.join(b, entry), 'utf8');
  writeFileSync(path.join(b, entry), `${entryCode}\nglobalThis.throughlineTestBuild = 'B';\n`);

  cpSync(b, c, { recursive: true });
  // C's entry is a new script (the other chunks import the old one by name, so it stays).
  const entryC = 'assets/index-update-C.js';
  writeFileSync(path.join(c, entryC), `import './${path.basename(entry)}';\nglobalThis.throughlineTestBuild = 'C';\n`);
  const htmlC = html.replace(entry, entryC);
  writeFileSync(path.join(c, 'index.html'), htmlC);
  const shellRevisions = { b: md5(html), c: md5(htmlC) };

  const buildFile = path.join(c, 'sw-build.js');
  const facts = JSON.parse(/^self\.throughlineBuild = (.*);\s*$/s.exec(readFileSync(buildFile, 'utf8'))?.[1] ?? 'null') as { assets: string[]; shellRevision: string };
  const assets = [...facts.assets, entryC];
  if (options.missingScriptInC) assets.push('assets/not-on-the-server-C.js');
  writeFileSync(buildFile, `self.throughlineBuild = ${JSON.stringify({ assets, shellRevision: shellRevisions.c })};\n`);
  const worker = readFileSync(path.join(c, 'sw.js'), 'utf8');
  writeFileSync(path.join(c, 'sw.js'), worker.replace(`{url:"index.html",revision:"${shellRevisions.b}"}`, `{url:"index.html",revision:"${shellRevisions.c}"}`));
  return { root, b, c, shellRevisions };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')));
    });
  });
}

/** The built server on `port` (the same origin for both builds) serving `web`. */
function serve(web: string, port: number, dataDir: string): Promise<RunningProcess> {
  return spawnUntilUrl(process.execPath, ['dist/sync-server/cli.js', 'serve', '--port', String(port), '--host', '127.0.0.1', '--data', dataDir, '--web', web], /"url":"(http:\/\/[^"]+)"/);
}

/**
 * Asks the worker to update and waits until the new version is the active one and has finished
 * activating (a worker is "activated" only once its activate handlers have settled), and workbox has
 * replaced build B's precached shell by C's.
 */
async function updateWorker(page: Page, shellRevisions: Builds['shellRevisions']): Promise<void> {
  await page.evaluate(async () => { await (await navigator.serviceWorker.getRegistration())?.update(); });
  // The app reloads itself when the new version takes over (registerSW autoUpdate): poll across that.
  await expect.poll(() => page.evaluate(async (revisions) => {
    const registration = await navigator.serviceWorker.getRegistration();
    const finished = registration?.active?.state === 'activated' && !registration.installing && !registration.waiting;
    const shell = (revision: string) => caches.match(new URL(`index.html?__WB_REVISION__=${revision}`, location.href).href);
    return finished && await shell(revisions.c) !== undefined && await shell(revisions.b) === undefined;
  }, shellRevisions).catch(() => false), { timeout: 30_000 }).toBe(true);
}

/** With the server stopped and the HTTP cache emptied (only the worker's caches left), a reload. */
async function reloadWithServerDown(page: Page, server: RunningProcess): Promise<void> {
  await server.stop();
  const session = await page.context().newCDPSession(page);
  await session.send('Network.clearBrowserCache');
  await page.reload();
  await expect(page.getByTestId('app-shell')).toBeVisible();
}

const runningBuild = (page: Page) => page.evaluate(() => (globalThis as { throughlineTestBuild?: string }).throughlineTestBuild);
const stylesApplied = (page: Page) => page.evaluate(() => [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].every((link) => (link.sheet?.cssRules.length ?? 0) > 0));

/**
 * Before the reload: the missing script put on the server, then the worker stopped and started again
 * (a fetch through its fetch event starts it): its start completes the activation that failed.
 */
async function retryAtNextStart(page: Page, builds: Builds): Promise<void> {
  writeFileSync(path.join(builds.c, 'assets', 'not-on-the-server-C.js'), 'export {};\n');
  const session = await page.context().newCDPSession(page);
  await session.send('ServiceWorker.enable');
  await session.send('ServiceWorker.stopAllWorkers');
  await page.evaluate(async () => { await fetch(new URL('manifest.webmanifest', location.href).href); });
  await expect.poll(() => page.evaluate(async () => {
    const shell = await (await caches.open('throughline-shell')).match(new URL('./', location.href).href);
    return shell ? (await shell.text()).includes('index-update-C.js') : false;
  }).catch(() => false)).toBe(true); // the page may reload onto C meanwhile
}

async function scenario(page: Page, options: { missingScriptInC: boolean; retry?: boolean }, expected: 'B' | 'C'): Promise<void> {
  const builds = twoBuilds(options);
  const port = await freePort();
  let server = await serve(builds.b, port, path.join(builds.root, 'data'));
  try {
    await page.goto(`http://127.0.0.1:${port}/`);
    await expect(page.getByTestId('app-shell')).toBeVisible();
    await waitForServiceWorkerControl(page);
    expect(await runningBuild(page)).toBe('B');

    await server.stop();
    server = await serve(builds.c, port, path.join(builds.root, 'data'));
    await updateWorker(page, builds.shellRevisions);
    if (options.retry) {
      await retryAtNextStart(page, builds);
      // The page ran B, whose assets the completed activation deleted: it reloads onto C by itself
      // (review26 F4: it stayed on B, its views not yet opened gone from the worker's cache).
      await expect.poll(() => runningBuild(page).catch(() => undefined)).toBe('C');
    }

    await reloadWithServerDown(page, server);
    await expect.poll(() => runningBuild(page)).toBe(expected);
    expect(await stylesApplied(page)).toBe(true);
  } finally {
    await server.stop();
    rmSync(builds.root, { recursive: true, force: true });
  }
}

test('after an update, a reload with the server down opens the new build', async ({ page }) => {
  await scenario(page, { missingScriptInC: false }, 'C');
});

test('an update whose assets could not all be stored leaves the previous build opening with the server down', async ({ page }) => {
  await scenario(page, { missingScriptInC: true }, 'B');
});

test('an update whose assets could not all be stored completes at a later start of the worker', async ({ page }) => {
  await scenario(page, { missingScriptInC: true, retry: true }, 'C');
});
