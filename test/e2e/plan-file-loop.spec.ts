// A plan file whose parents make a loop (review32 finding 8): "Win EU" under "Win US" and "Win US" under
// "Win EU", and "Hire" under itself. No plan can show an item inside itself, so the plan moves one item
// of each loop out — and the file opened that way without a word. Now the person is told which items
// made each loop and where the moved one opens, before anything opens; Cancel opens nothing, and the
// plan already on the device stays as it was either way.
import { expect, test } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { LibraryPage } from './pages/library-page.js';
import { OutlinePage } from './pages/outline-page.js';
import { startSyncServer } from './support/server.js';
import { expectAccessible } from './support/axe.js';

const node = (id: string, kind: string, parent: string, title: string, placedAt: number, placedFrom = 'root') => ({
  id, kind, parent, order: 'a0', placedAt, placedFrom, title, description: '', fields: {}, created: null, updated: null, deleted: null,
});

test('a plan file with a loop of parents says which items made it and where the moved one opens; cancel opens nothing', async ({ page }) => {
  const server = await startSyncServer();
  try {
    await new AppShell(page).open(server.url);
    const library = new LibraryPage(page);
    // A plan already on the device, which opening the file must leave as it is.
    await library.createPlan('Q3 OKRs');
    const outline = new OutlinePage(page);
    await outline.press('Enter');
    await outline.typeTitle('Existing strategy');
    await outline.press('Enter');
    await outline.press('Escape');
    await expect(outline.row('strategy', 'Existing strategy')).toBeVisible();
    await page.getByRole('link', { name: 'All plans' }).click();
    await expect(library.heading).toBeVisible();
    const plansBefore = await library.plans.count();

    const file = {
      format: 'throughline-plan', version: 2, meta: { name: 'Looped' },
      nodes: [
        node('s1', 'strategy', 'root', 'Grow', 0),
        node('o1', 'objective', 'o2', 'Win EU', 1, 's1'),
        node('o2', 'objective', 'o1', 'Win US', 2, 's1'),
        node('o3', 'objective', 'o3', 'Hire', 0, 's1'),
      ],
      checkIns: [], people: {}, teams: {}, periods: {}, links: {},
    };
    const upload = { name: 'looped.throughline', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) };
    await page.getByLabel('Plan file to open').setInputFiles(upload);
    const dialog = page.getByRole('dialog', { name: 'Open looped.throughline?' });
    await expect(dialog).toContainText('items\' parents make 2 loops: an item cannot be inside itself, so one item of each loop opens elsewhere, as listed.');
    const loops = dialog.getByRole('list', { name: 'Loops of parents' }).getByRole('listitem');
    await expect(loops).toHaveText([
      '2 items form a loop of parents, each under the next: “Win EU” (node 2, id o1) → “Win US” (node 3, id o2) → “Win EU”; “Win US” opens under “Grow”',
      '“Hire” (node 4, id o3) is its own parent; it opens under “Grow”',
    ]);
    await expectAccessible(page, 'the plan file question with loops of parents');
    await page.screenshot({ path: 'docs/screenshots/plan-file-loop.png' });

    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await expect(library.heading).toBeVisible();
    await expect(library.plans).toHaveCount(plansBefore);

    await page.getByLabel('Plan file to open').setInputFiles(upload);
    await dialog.getByRole('button', { name: 'Open as listed' }).click();
    // Opened as the dialog said: "Win US" under "Grow", "Win EU" under "Win US", "Hire" under "Grow".
    await expect(page.locator('.plan-name')).toHaveText('Looped');
    await expect(outline.row('strategy', 'Grow')).toHaveAttribute('aria-level', '1');
    for (const [title, level] of [['Win US', '2'], ['Win EU', '3'], ['Hire', '2']] as const) {
      await expect(outline.row('objective', title)).toHaveAttribute('aria-level', level);
    }

    // The plan already on the device is as it was.
    await page.getByRole('link', { name: 'All plans' }).click();
    await expect(library.plans).toHaveCount(plansBefore + 1);
    await library.open('Q3 OKRs');
    await expect(outline.rows).toHaveCount(1);
    await expect(outline.row('strategy', 'Existing strategy')).toBeVisible();
  } finally {
    await server.stop();
  }
});
