import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import config, { addressBarPopupFeatures, chromiumArgs, e2eChromiumArgs, playwrightDisabledFeatures } from '../../playwright.config.js';

/** The features Playwright itself disables, read from the installed playwright-core's chromiumSwitches. */
function installedPlaywrightDisabledFeatures(): string[] {
  const require = createRequire(import.meta.url);
  const lib = path.join(path.dirname(require.resolve('playwright-core/package.json')), 'lib');
  const source = readFileSync(path.join(lib, 'coreBundle.js'), 'utf8');
  const list = /disabledFeatures = \[([\s\S]*?)\]\.filter\(Boolean\)/.exec(source)?.[1];
  if (list === undefined) throw new Error('playwright-core no longer has a disabledFeatures list where this test reads it: check how it passes --disable-features now');
  return [...list.replace(/\/\/.*$/gm, '').matchAll(/"([^"]+)"/g)].map((match) => match[1]!);
}

describe('the end-to-end tests\' Chromium command line', () => {
  it('keeps every feature Playwright disables, since Chromium reads only the last --disable-features', () => {
    const installed = installedPlaywrightDisabledFeatures();
    expect(installed.length).toBeGreaterThan(5);
    expect(playwrightDisabledFeatures).toEqual(expect.arrayContaining(installed));
  });

  it('adds the address bar popup to that list, once, after the shared arguments', () => {
    const disable = e2eChromiumArgs.filter((arg) => arg.startsWith('--disable-features='));
    expect(disable).toHaveLength(1);
    expect(disable[0]!.slice('--disable-features='.length).split(',')).toEqual([...playwrightDisabledFeatures, ...addressBarPopupFeatures]);
    expect(e2eChromiumArgs.slice(0, chromiumArgs.length)).toEqual(chromiumArgs);
  });
});

/** A spec that waits for, asks or drives the app's service worker (what a blocked worker never gives). */
const usesServiceWorker = /waitForServiceWorkerControl|navigator\.serviceWorker|\.serviceWorkers\(\)|'serviceworker'/;
const allowsServiceWorker = /test\.use\(\{ serviceWorkers: 'allow' \}\)/;

function specs(): { name: string; source: string }[] {
  const dir = path.join(import.meta.dirname, '..', 'e2e');
  return readdirSync(dir).filter((name) => name.endsWith('.spec.ts')).map((name) => ({ name, source: readFileSync(path.join(dir, name), 'utf8') }));
}

describe('the end-to-end tests\' service worker (testtime12)', () => {
  it('is blocked unless a spec asks for it: its activation costs every person started CPU only its own specs use', () => {
    expect(config.use?.serviceWorkers).toBe('block');
  });

  it('is allowed in exactly the specs that use it, so none of them waits for a worker that never comes', () => {
    const all = specs();
    const using = all.filter((spec) => usesServiceWorker.test(spec.source)).map((spec) => spec.name);
    const allowing = all.filter((spec) => allowsServiceWorker.test(spec.source)).map((spec) => spec.name);
    expect(using).toEqual(expect.arrayContaining(['offline-reload.spec.ts', 'service-worker-routes.spec.ts', 'service-worker-update.spec.ts']));
    expect(allowing).toEqual(using);
  });
});
