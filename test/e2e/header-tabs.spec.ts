import { expect, test, type Page } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { LibraryPage } from './pages/library-page.js';
import { OutlinePage } from './pages/outline-page.js';
import { expectAccessible } from './support/axe.js';
import { typeCascade } from './support/outline-steps.js';
import { startSyncServer, type RunningProcess } from './support/server.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

const longName = 'Northwind Trading company-wide operating plan for the fiscal year 2027–2028, all regions';

/** How much of each view tab a person can see: the part inside both the window and the tab row. */
async function tabVisibility(page: Page): Promise<{ label: string; shown: number; left: number; right: number; onTop: boolean }[]> {
  return page.getByRole('navigation', { name: 'Views' }).evaluate((nav) => {
    const row = nav.getBoundingClientRect();
    return [...nav.querySelectorAll('a')].map((tab) => {
      const box = tab.getBoundingClientRect();
      const left = Math.max(box.left, row.left, 0);
      const right = Math.min(box.right, row.right, window.innerWidth);
      const hit = document.elementFromPoint((box.left + box.right) / 2, (box.top + box.bottom) / 2);
      return { label: tab.textContent ?? '', shown: Math.max(0, right - left) / box.width, left: box.left, right: box.right, onTop: hit !== null && tab.contains(hit) };
    });
  });
}

test('every view tab is whole on screen at 1,024 and 1,280 px with a long plan name, whose full name is in a tooltip', async ({ page }) => {
  const shell = new AppShell(page);
  await shell.open(server.url);
  await new LibraryPage(page).createPlan(longName);
  const outline = new OutlinePage(page);
  await typeCascade(outline, ['Grow in the mid-market']);
  const planName = page.getByRole('banner').getByText(longName);
  await expect(planName).toHaveAttribute('title', longName);
  for (const width of [1280, 1024]) {
    await page.setViewportSize({ width, height: 720 });
    const tabs = await tabVisibility(page);
    expect(tabs.map((tab) => tab.label)).toEqual(['Outline', 'Cascade', 'Execution pulse', 'Review', 'My work', 'People & teams']);
    for (const tab of tabs) expect({ ...tab, shown: Number(tab.shown.toFixed(3)) }).toMatchObject({ shown: 1, onTop: true });
    // The name gives way, with an ellipsis: it is cut, not the tabs.
    expect(await planName.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'People & teams' }).click();
    await expect(page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'People & teams' })).toHaveAttribute('aria-current', 'page');
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Outline' }).click();
  }
  await page.screenshot({ path: 'docs/screenshots/header-1024.png' });
  await expectAccessible(page, 'header at 1,024 px with a long plan name');
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.screenshot({ path: 'docs/screenshots/header-1280.png' });
});
