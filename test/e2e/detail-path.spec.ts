// The detail panel's path (strategy › … › parent) is how a person climbs the cascade from a task: it
// must be seen, not only read by a screen reader. It was 0 px high once the panel's parts outgrew the window.
import { expect, test } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { DetailPanel } from './pages/detail-panel.js';
import { LibraryPage } from './pages/library-page.js';
import { OutlinePage } from './pages/outline-page.js';
import { expectAccessible } from './support/axe.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { typeCascade } from './support/outline-steps.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

test('the path above a task\'s details is visible and climbs the cascade, in a 1,024 px window', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  const outline = new OutlinePage(page);
  const detail = new DetailPanel(page);
  await new AppShell(page).open(server.url);
  await new LibraryPage(page).createPlan('Path plan');
  await typeCascade(outline);
  await outline.select('task', 'Sign the office lease');
  const path = detail.root.getByRole('navigation', { name: 'Path' });
  await expect(path).toBeVisible();
  const initiative = path.getByRole('button', { name: 'Open a Munich office' });
  await expect(initiative).toBeVisible();
  expect((await path.boundingBox())!.height).toBeGreaterThan(10);
  await initiative.click();
  await expect(detail.field('Title')).toHaveValue('Open a Munich office');
  await expectAccessible(page, 'the detail panel with its path');
});
