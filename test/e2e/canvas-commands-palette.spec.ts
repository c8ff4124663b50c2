// usercheck21: the canvas's own buttons were no commands.
//
// Export PNG, Export SVG, Add child and Present were toolbar buttons only: the command palette in the
// cascade listed zooming and fitting but none of them, the keyboard help had no key for them and the
// desktop menu could not show them. A keyboard user tabbed through some twenty toolbar controls to
// export the picture. They are commands of the registry now, and the buttons run the same commands.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { CommandPalettePage } from './pages/command-palette.js';
import { CanvasDriver } from './pages/canvas-driver.js';
import { expectAccessible } from './support/axe.js';
import { closeContexts } from './support/close-contexts.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { joinLink, mintToken } from './support/tokens.js';
import { hostSharedPlan, newUser } from './support/two-users.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

test('export, add child and present run from the palette on the canvas; a viewer sees why adding is not for them', async ({ browser }) => {
  test.setTimeout(120_000);
  const host = await newUser(browser, 'host', true);
  const viewer = await newUser(browser, 'viewer', true);
  const hostLink = await hostSharedPlan(host, server.url, mintToken(server.dataDir, 'offsite', 'editor'), 'offsite', 'Offsite plan');
  const planId = new URLSearchParams(hostLink.slice(hostLink.indexOf('#join?') + 6)).get('plan')!;
  await viewer.page.goto(joinLink(server.url, server.url, 'offsite', mintToken(server.dataDir, 'offsite', 'viewer'), planId));
  await expect(viewer.outline.row('task', 'Sign the office lease')).toBeVisible();
  for (const user of [host, viewer]) await user.page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Cascade' }).click();
  const palette = new CommandPalettePage(host.page);
  const hostCanvas = new CanvasDriver(host.page);
  await expect.poll(() => hostCanvas.cards()).toBeGreaterThan(2);

  // Keyboard only: the canvas, the first card, then the palette.
  await hostCanvas.element.focus();
  await host.page.keyboard.press('ArrowDown');
  await palette.open();
  await palette.search.fill('export');
  await expect(palette.option('Export the cascade as SVG (the whole picture)')).toBeVisible();
  await expect(palette.option('Export the cascade as PNG (as shown)')).toBeVisible();
  await expectAccessible(host.page, 'the palette on the canvas with its export commands');
  await host.page.screenshot({ path: 'docs/screenshots/canvas-palette-export.png' });
  await palette.search.fill('svg');
  const svgDownload = host.page.waitForEvent('download');
  await host.page.keyboard.press('Enter');
  const svg = readFileSync(await (await svgDownload).path(), 'utf8');
  expect(svg.startsWith('<svg')).toBe(true);
  expect(svg).toContain('<title>Open a Munich office</title>');
  await expect(hostCanvas.element).toBeFocused();

  await palette.open();
  await palette.search.fill('png');
  await expect(palette.options.first()).toContainText('Export the cascade as PNG (as shown)');
  const pngDownload = host.page.waitForEvent('download');
  await host.page.keyboard.press('Enter');
  const png = readFileSync(await (await pngDownload).path());
  expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);

  // Adding a child to the selected card, from the palette: the new card is selected, its title field
  // takes the typing, and the other person sees it.
  await hostCanvas.element.focus();
  await palette.open();
  await palette.search.fill('add child');
  await expect(palette.options.first()).toContainText('Add a child to the selected card');
  await host.page.keyboard.press('Enter');
  const title = host.page.getByRole('complementary', { name: 'Details' }).getByRole('textbox', { name: 'Title', exact: true });
  await expect(title).toBeFocused();
  await title.fill('Offsite follow-up');
  await title.press('Enter');
  const findNode = (title: string) => (window as unknown as { __throughline: { findNode(t: string): string | null } }).__throughline.findNode(title);
  await expect.poll(() => host.page.evaluate(findNode, 'Offsite follow-up')).not.toBeNull();
  await expect.poll(() => viewer.page.evaluate(findNode, 'Offsite follow-up')).not.toBeNull();

  // The viewer's palette lists the same commands: adding, disabled with the reason; exporting works.
  const viewerPalette = new CommandPalettePage(viewer.page);
  await new CanvasDriver(viewer.page).element.focus();
  await viewer.page.keyboard.press('ArrowDown');
  await viewerPalette.open();
  await viewerPalette.search.fill('add child');
  await expect(viewerPalette.options.first()).toHaveAttribute('aria-disabled', 'true');
  await expect(viewerPalette.options.first()).toContainText('You are a viewer');
  await viewerPalette.search.fill('present');
  await expect(viewerPalette.options.first()).toContainText('Present the cascade');
  await host.page.keyboard.press('Escape');
  await closeContexts(host.context, viewer.context);
});
