import { expect, test, type Page } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { CanvasDriver } from './pages/canvas-driver.js';
import { CommandPalettePage } from './pages/command-palette.js';
import { LibraryPage } from './pages/library-page.js';
import { expectAccessible } from './support/axe.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { joinLink, mintToken } from './support/tokens.js';
import { hostSharedPlan, newUser } from './support/two-users.js';
import { closeContexts } from './support/close-contexts.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

const views = (page: Page) => page.getByRole('navigation', { name: 'Views' });

test('the canvas keys are registry commands: the palette and the help list them, keys and the palette run them', async ({ page, context }) => {
  test.setTimeout(150_000);
  await context.addInitScript(() => window.localStorage.setItem('throughline:automation', '1'));
  const palette = new CommandPalettePage(page);
  await new AppShell(page).open(server.url);
  await page.getByRole('button', { name: 'Open sample plan' }).click();
  await expect(page.getByRole('treeitem').first()).toBeVisible({ timeout: 30_000 });
  await views(page).getByRole('link', { name: 'Cascade' }).click();
  const canvas = new CanvasDriver(page);
  await expect.poll(() => canvas.cards()).toBeGreaterThan(10);

  // Keys on the canvas go through the registry: "=" (the unshifted plus key) zooms in, "-" out, "0" fits.
  await canvas.press('0');
  const fitted = await canvas.view();
  await canvas.press('=');
  await expect.poll(async () => (await canvas.view()).k).toBeCloseTo(fitted.k * 1.4, 3);
  await canvas.press('Minus');
  await expect.poll(async () => (await canvas.view()).k).toBeCloseTo(fitted.k, 3);
  // Arrows select the first card, Space shows or hides its children, F focuses on it, Escape shows all.
  await canvas.press('ArrowDown').expectAnnounced(/^strategy: /);
  const all = await canvas.cards();
  await canvas.press('Space');
  await expect.poll(() => canvas.cards()).not.toBe(all);
  await canvas.press('Space');
  await expect.poll(() => canvas.cards()).toBe(all);
  await canvas.press('f');
  await expect.poll(() => canvas.cards()).toBeLessThan(all);
  await canvas.press('Escape');
  await expect.poll(() => canvas.cards()).toBe(all);

  // The palette, opened on the canvas, lists the canvas's commands with their keys and runs them.
  await canvas.press('0');
  await palette.open();
  await palette.search.fill('zoom in');
  await expect(palette.options.first()).toContainText('Zoom in on the canvas');
  await expect(palette.options.first().locator('kbd')).toHaveText(['+', '=']);
  await expectAccessible(page, 'the command palette on the canvas');
  await page.keyboard.press('Enter');
  await expect(palette.dialog).toBeHidden();
  await expect.poll(async () => (await canvas.view()).k).toBeCloseTo(fitted.k * 1.4, 3);
  await palette.run('fit the cascade');
  await expect.poll(async () => (await canvas.view()).k).toBeCloseTo(fitted.k, 3);
  // "Show the whole cascade" has nothing to do while everything is shown: listed, disabled, with why.
  await palette.open();
  await palette.search.fill('whole cascade');
  await expect(palette.option('Show the whole cascade')).toHaveAttribute('aria-disabled', 'true');
  await expect(palette.option('Show the whole cascade')).toContainText('The whole cascade is already shown.');
  await page.keyboard.press('Escape');

  // The keyboard help (?) on the canvas has its own group, from the same registry.
  await canvas.element.focus();
  await palette.openHelp();
  const onCanvas = palette.help.getByRole('region', { name: 'On the canvas', exact: true });
  await expect(onCanvas).toContainText('Zoom in on the canvas');
  await expect(onCanvas).toContainText('Show or hide the selected card’s children');
  await expect(onCanvas.getByText('Space', { exact: true })).toBeVisible();
  await expectAccessible(page, 'the keyboard help on the canvas');
  await page.screenshot({ path: 'docs/screenshots/keyboard-help-canvas.png' });
  await page.keyboard.press('Escape');

  // Canvas commands belong to the canvas: in the outline the palette does not offer them.
  await views(page).getByRole('link', { name: 'Outline' }).click();
  await expect(views(page).getByRole('link', { name: 'Outline' })).toHaveAttribute('aria-current', 'page');
  await palette.open();
  await palette.search.fill('zoom in on the canvas');
  await expect(palette.options).toHaveText([/^No command matches/]);
  await page.keyboard.press('Escape');
});

test('review commands in the palette create a review point, look back, step and come back to now', async ({ page }) => {
  test.setTimeout(120_000);
  const palette = new CommandPalettePage(page);
  await new AppShell(page).open(server.url);
  await new LibraryPage(page).createPlan('Review by palette');

  await palette.open();
  await palette.search.fill('back to now');
  await expect(palette.option('Back to now')).toContainText('The plan is already shown as it is now.');
  await palette.search.fill('compare with');
  await expect(palette.option('Compare with review point')).toContainText('Create a review point first.');
  await page.keyboard.press('Escape');

  // "Create review point…" goes to the review and puts the cursor in the name field.
  await palette.run('create review point');
  await expect(views(page).getByRole('link', { name: 'Review' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByLabel('Name this moment')).toBeFocused();
  await page.keyboard.type('Kick-off');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('listitem', { name: 'Kick-off' })).toBeVisible();
  // Out of the text field (where Ctrl+K is the field's own), as a person tabs on.
  await page.keyboard.press('Tab');

  // Looking back from the palette shows the plan as of the review point, read-only, everywhere.
  await palette.run('show the plan one moment earlier');
  const banner = page.getByRole('region', { name: 'Plan as it was' });
  await expect(banner).toBeVisible();
  // While the past is shown, a new review point waits for "now".
  await palette.open();
  await palette.search.fill('create review point');
  await expect(palette.option('Create review point')).toHaveAttribute('aria-disabled', 'true');
  await page.keyboard.press('Escape');
  await palette.run('back to now');
  await expect(banner).toBeHidden();

  // "Compare with review point…" focuses the comparison's first choice.
  await palette.run('compare with review point');
  await expect(page.getByLabel('Since')).toBeFocused();
});

test('a viewer sees every change disabled in the palette with the reason, and can still look', async ({ browser }) => {
  test.setTimeout(120_000);
  const host = await newUser(browser, 'host');
  const viewer = await newUser(browser, 'viewer');
  const hostLink = await hostSharedPlan(host, server.url, mintToken(server.dataDir, 'board', 'editor'), 'board', 'Viewed plan');
  const planId = new URLSearchParams(hostLink.slice(hostLink.indexOf('#join?') + 6)).get('plan')!;
  await viewer.page.goto(joinLink(server.url, server.url, 'board', mintToken(server.dataDir, 'board', 'viewer'), planId));
  await expect(viewer.outline.rows).toHaveCount(5);
  await viewer.shell.expectSyncStatus('Synced · view only');

  const palette = new CommandPalettePage(viewer.page);
  await viewer.outline.select('objective', 'Win the DACH market');
  await viewer.outline.focus();
  const reason = /You are a viewer of this plan/;
  await palette.open();
  for (const [query, label] of [['indent', 'Indent'], ['new child', 'New child line'], ['undo', 'Undo'], ['create review', 'Create review point'], ['import', 'Import from spreadsheet']] as const) {
    await palette.search.fill(query);
    const option = palette.option(label).first();
    await expect(option, label).toHaveAttribute('aria-disabled', 'true');
    await expect(option, label).toContainText(reason);
  }
  await palette.search.fill('line');
  await expectAccessible(viewer.page, 'the palette of a viewer');
  await viewer.page.screenshot({ path: 'docs/screenshots/command-palette-viewer.png' });
  // Reading is allowed: going to another view is enabled and runs.
  await palette.search.fill('go to execution pulse');
  await expect(palette.option('Go to Execution pulse')).toHaveAttribute('aria-disabled', 'false');
  // Enter on a disabled command does nothing; the palette stays open.
  await palette.search.fill('new child line');
  await viewer.page.keyboard.press('Enter');
  await expect(palette.dialog).toBeVisible();
  await viewer.page.keyboard.press('Escape');
  await expect(viewer.outline.rows).toHaveCount(5);
  await palette.run('go to execution pulse');
  await expect(views(viewer.page).getByRole('link', { name: 'Execution pulse' })).toHaveAttribute('aria-current', 'page');
  await closeContexts(host.context, viewer.context);
});
