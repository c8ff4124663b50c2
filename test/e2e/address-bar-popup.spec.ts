// The end-to-end tests' browser loads no address bar popup (playwright.config.ts, addressBarPopupFeatures):
// Chromium 156 loads it as two WebUI pages in a renderer of their own for every new window, and every
// context a test makes is a new window (~1.8 s of CPU each, docs/benchmarks.md "Cold start, twenty-third
// session"). The browser's own targets show whether it is there.
import { expect, test } from '@playwright/test';

test('a new context opens no address bar popup beside the page', async ({ browser, page }) => {
  await page.goto('about:blank');
  const session = await browser.newBrowserCDPSession();
  try {
    const { targetInfos } = await session.send('Target.getTargets');
    expect(targetInfos.map((target) => target.url).filter((url) => url.startsWith('chrome://omnibox-popup'))).toEqual([]);
    expect(targetInfos.filter((target) => target.type === 'page').map((target) => target.url)).toEqual(['about:blank']);
  } finally {
    await session.detach();
  }
});
