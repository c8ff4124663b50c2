import { defineConfig } from '@playwright/test';

/** Debian's Chromium: Playwright's own browser download cannot work on these machines. */
export const chromiumExecutable = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Playwright's own `--disable-features` list (playwright-core's chromiumSwitches), repeated here because
 * Chromium reads only the last `--disable-features` on its command line. test/scripts/playwright-config
 * checks it against the installed Playwright, so an upgrade that adds a feature fails there.
 */
export const playwrightDisabledFeatures = ['AvoidUnnecessaryBeforeUnloadCheckSync', 'DestroyProfileOnBrowserClose',
  'HttpsUpgrades', 'HttpsFirstBalancedModeAutoEnable', 'LensOverlay', 'MediaRouter', 'PaintHolding',
  'ThirdPartyStoragePartitioning', 'AvoidCorsURLLoaderRestartOnRedirect', 'TcpPortRandomizationWin', 'OptimizationHints',
  'NetworkTimeServiceQuerying', 'AimEnabled', 'PreconnectToSearch', 'msForceBrowserSignIn', 'msEdgeUpdateLaunchServicesPreferredVersion'];

/**
 * Chromium's address bar popup, off for the end-to-end tests. Since Chromium 156 the omnibox popup is a
 * WebUI page (chrome://omnibox-popup.top-chrome/, lit and some 150 modules) that every new browser window
 * loads in a renderer process of its own, and every Playwright context is a new window: ~1.8 s of CPU per
 * context (docs/benchmarks.md, "Cold start, twenty-third session"), for a popup a headless test never opens.
 * Nothing of the page under test changes. The benches keep `chromiumArgs` (a person's browser has the popup).
 */
export const addressBarPopupFeatures = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'];

/** What the end-to-end tests launch Chromium with. */
export const e2eChromiumArgs = [...chromiumArgs, `--disable-features=${[...playwrightDisabledFeatures, ...addressBarPopupFeatures].join(',')}`];

/** How many spec files run at once: THROUGHLINE_E2E_WORKERS, a whole number from 1, or 1. */
function e2eWorkers(value: string | undefined): number {
  if (value === undefined || value === '') return 1;
  const workers = Number(value);
  if (!Number.isInteger(workers) || workers < 1) throw new Error(`THROUGHLINE_E2E_WORKERS must be a whole number from 1, not "${value}"`);
  return workers;
}

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/playwright-artifacts',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  // One file at a time by default. Every spec can run beside another (its own servers on port 0, its
  // own temp folders and screenshot names: docs/testing.md, testtime2), and THROUGHLINE_E2E_WORKERS=2
  // runs two; on a quiet two-core machine that took as long as one (15.8 against 15.7 min: each test
  // ran 1.8× slower beside another, most start a server and two browsers), so the default stays one.
  fullyParallel: false,
  workers: e2eWorkers(process.env.THROUGHLINE_E2E_WORKERS),
  // CI (.ci/run) retries a failed test once; scripts/test-summary.mjs names every test that passed
  // only on its retry, with its first failure. Locally a failure is a failure.
  retries: process.env.THROUGHLINE_E2E_RETRIES === '1' ? 1 : 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    headless: true,
    viewport: { width: 1280, height: 800 },
    launchOptions: { executablePath: chromiumExecutable, args: e2eChromiumArgs },
    trace: 'off',
    // No service worker unless a spec asks for one (docs/testing.md, testtime12). Its activation stores
    // the build's scripts in every fresh context, 0.6–0.9 s of CPU a person, ~350 people a run, for a
    // worker only the specs about it use: reloads with the server down, the worker's routes and updates.
    // Those say `test.use({ serviceWorkers: 'allow' })`; test/scripts/playwright-config.test.ts checks
    // that every spec touching the worker does. This applies to `browser.newContext()` in a test too.
    serviceWorkers: 'block',
  },
});
