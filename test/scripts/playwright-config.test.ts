import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addressBarPopupFeatures, chromiumArgs, e2eChromiumArgs, playwrightDisabledFeatures } from '../../playwright.config.js';

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
