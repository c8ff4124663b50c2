// leftovers44a: four keyboard and screen-reader leftovers of the last session's offsite walks (canvas43, review43a).
// - canvas43 F6: where the window could not go full screen (a kiosk or headless browser, a refused request), the
//   canvas only looks presented, and Escape did nothing: only the toolbar's button ended it.
// - review43a F6: "Go to Cascade" from the palette left the focus on the Cascade tab, so ←↑↓→ did nothing until
//   the person tabbed through the whole toolbar.
// - review43a F7: Ctrl+Enter in the check-in form did not add the check-in (the button was the only way).
// - review43a F5: error notices were alerts inside a stack that was itself a polite live region: said twice.
// - leftovers45a: Escape in the Find field while presenting (no full screen) did nothing for the room: window keys are
//   not heard in a text field.
import { expect, test, type Page } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { CanvasDriver } from './pages/canvas-driver.js';
import { CommandPalettePage } from './pages/command-palette.js';
import { DetailPanel } from './pages/detail-panel.js';
import { LibraryPage } from './pages/library-page.js';
import { OutlinePage } from './pages/outline-page.js';
import { expectAccessible } from './support/axe.js';
import { startSyncServer, type RunningProcess } from './support/server.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });
test.beforeEach(async ({ context }) => {
  await context.addInitScript(() => window.localStorage.setItem('throughline:automation', '1'));
});

async function openSample(page: Page): Promise<void> {
  await new AppShell(page).open(server.url);
  await new LibraryPage(page).openSample();
}

test('Escape stops presenting where the window could not go full screen, after showing the whole cascade (canvas43 F6)', async ({ page, context }) => {
  test.setTimeout(120_000);
  // A window that cannot go full screen: the request is refused, as in a kiosk, an iframe or some headless browsers.
  await context.addInitScript(() => {
    Element.prototype.requestFullscreen = () => Promise.reject(new TypeError('Fullscreen is not allowed here.'));
  });
  await openSample(page);
  await new CommandPalettePage(page).run('Go to Cascade');
  const canvas = new CanvasDriver(page);
  await expect.poll(() => canvas.cards()).toBeGreaterThan(10);
  const pane = page.locator('.canvas-pane');
  const details = page.getByRole('complementary', { name: 'Details' });

  // From the toolbar's button (the focus stays on it): Escape ends it.
  await page.getByRole('button', { name: 'Present' }).click();
  await expect(pane).toHaveClass(/presenting/);
  expect(await page.evaluate(() => document.fullscreenElement)).toBeNull();
  await expect(details).toHaveCount(0);
  await expectAccessible(page, 'presenting without full screen');
  await page.screenshot({ path: test.info().outputPath('presenting-without-full-screen.png') });
  await page.keyboard.press('Escape');
  await expect(pane).not.toHaveClass(/presenting/);
  await expect(page.getByRole('button', { name: 'Present' })).toBeVisible();
  await expect(details).toBeVisible();

  // On the canvas focused on a subtree: the first Escape shows the whole cascade (the canvas's own), the next stops.
  await canvas.click('Launch in the DACH region').press('f');
  await expect(page.getByRole('button', { name: 'Show all' })).toBeVisible();
  await new CommandPalettePage(page).run('Present the cascade');
  await expect(pane).toHaveClass(/presenting/);
  await canvas.press('Escape');
  await expect(page.getByRole('button', { name: 'Show all' })).toHaveCount(0);
  await expect(pane).toHaveClass(/presenting/);
  await canvas.press('Escape');
  await expect(pane).not.toHaveClass(/presenting/);
  // The keyboard help says so.
  await new CommandPalettePage(page).openHelp();
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' }).getByRole('region', { name: 'Anywhere in the window' })).toContainText('Stop presenting');
});

test('Escape in Find while presenting leaves the field for the canvas, keeping the find; the next Escape stops presenting (leftovers45a)', async ({ page, context }) => {
  test.setTimeout(120_000);
  await context.addInitScript(() => {
    Element.prototype.requestFullscreen = () => Promise.reject(new TypeError('Fullscreen is not allowed here.'));
  });
  await openSample(page);
  await new CommandPalettePage(page).run('Go to Cascade');
  const canvas = new CanvasDriver(page);
  await expect.poll(() => canvas.cards()).toBeGreaterThan(10);
  const pane = page.locator('.canvas-pane');
  const find = page.getByLabel('Find by title');
  await new CommandPalettePage(page).run('Present the cascade');
  await expect(pane).toHaveClass(/presenting/);
  // The presenter finds a card for the room, then presses Escape in the field.
  await find.fill('Launch in the DACH');
  await expect(page.getByTestId('canvas-find-status')).toHaveText(/^1 match/);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('canvas-notices')).toContainText('Match 1 of 1: Launch in the DACH region');
  await page.keyboard.press('Escape');
  // Out of the field, on the canvas, the find kept (F3 goes on), still presenting; a screen reader hears what the next Escape does.
  await expect(canvas.element).toBeFocused();
  await expect(find).toHaveValue('Launch in the DACH');
  await expect(pane).toHaveClass(/presenting/);
  await expect(page.getByTestId('canvas-notices')).toHaveText('Back on the canvas. Escape again stops presenting.');
  await expectAccessible(page, 'presenting, back on the canvas from Find');
  await page.screenshot({ path: test.info().outputPath('presenting-escape-from-find.png') });
  await page.keyboard.press('Escape');
  await expect(pane).not.toHaveClass(/presenting/);
  // Not presenting, Escape in Find is the field's own (a search field clears its words), as before.
  await find.click();
  await page.keyboard.press('Escape');
  await expect(find).toBeFocused();
  await expect(find).toHaveValue('');
});

test('Escape in a picker or a list while presenting: the first closes the open list, the next stops presenting (leftovers46b)', async ({ page, context }) => {
  test.setTimeout(120_000);
  await context.addInitScript(() => {
    Element.prototype.requestFullscreen = () => Promise.reject(new TypeError('Fullscreen is not allowed here.'));
  });
  await openSample(page);
  await new CommandPalettePage(page).run('Go to Cascade');
  const canvas = new CanvasDriver(page);
  await expect.poll(() => canvas.cards()).toBeGreaterThan(10);
  const pane = page.locator('.canvas-pane');
  const present = () => new CommandPalettePage(page).run('Present the cascade');
  await present();
  await expect(pane).toHaveClass(/presenting/);
  // The owner picker, opened from the keyboard for the room, closed with Escape: still presenting.
  const owner = page.getByRole('combobox', { name: 'Filter by owner' });
  await owner.focus();
  await page.keyboard.press('ArrowDown');
  const list = page.getByRole('listbox', { name: 'People' });
  await expect(list).toBeVisible();
  await expectAccessible(page, 'presenting, the owner picker open');
  await page.screenshot({ path: test.info().outputPath('presenting-owner-picker-open.png') });
  await page.keyboard.press('Escape');
  await expect(list).toBeHidden();
  await expect(pane).toHaveClass(/presenting/);
  await expect(owner).toBeFocused();
  // The next Escape stops presenting, as on the canvas.
  await page.keyboard.press('Escape');
  await expect(pane).not.toHaveClass(/presenting/);

  // A list of the toolbar (Levels shown, Risk view, the filters' selects): Escape there stops presenting too.
  await canvas.element.focus();
  await present();
  await expect(pane).toHaveClass(/presenting/);
  const levels = page.getByRole('combobox', { name: 'Levels shown' });
  await levels.focus();
  await page.keyboard.press('Escape');
  await expect(pane).not.toHaveClass(/presenting/);
  await expect(levels).toBeFocused();

  // A dialog reached while presenting (the keyboard help): the first Escape closes it, the next stops presenting.
  await canvas.element.focus();
  await present();
  await canvas.element.focus();
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: /Keyboard/ });
  await expect(help).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await expect(pane).toHaveClass(/presenting/);
  await page.keyboard.press('Escape');
  await expect(pane).not.toHaveClass(/presenting/);
});

test('"Go to Cascade" from the palette puts the keyboard on the canvas: the arrows work at once (review43a F6)', async ({ page }) => {
  test.setTimeout(120_000);
  await openSample(page);
  const outline = new OutlinePage(page);
  await outline.focus();
  await new CommandPalettePage(page).run('Go to Cascade');
  const canvas = new CanvasDriver(page);
  await expect(canvas.element).toBeFocused();
  // ↓ with nothing selected selects the first card, at once: no Tab through the toolbar.
  await page.keyboard.press('ArrowDown');
  await canvas.expectAnnounced(/^strategy: Win the mid-market\./);
  await canvas.expectSelected('Win the mid-market');
  await expectAccessible(page, 'the canvas reached from the palette');
  await page.screenshot({ path: test.info().outputPath('go-to-cascade-focus.png') });

  // A click on the tab is no command: the focus stays on the tab, as a link's click leaves it.
  const views = page.getByRole('navigation', { name: 'Views' });
  await views.getByRole('link', { name: 'Outline' }).click();
  await views.getByRole('link', { name: 'Cascade' }).click();
  await expect.poll(() => canvas.cards()).toBeGreaterThan(10);
  await expect(views.getByRole('link', { name: 'Cascade' })).toBeFocused();
});

test('Ctrl+Enter adds the check-in from any field of the form, in the check-in dialog and in the details (review43a F7)', async ({ page }) => {
  test.setTimeout(120_000);
  await openSample(page);
  const outline = new OutlinePage(page);
  const details = new DetailPanel(page);
  await outline.find('Sign 10 DACH');
  await outline.select('key result', 'Sign 10 DACH customers');
  await expect(details.history.first()).toBeVisible();

  // The dialog (C on the row): a value, then Ctrl+Enter in the note, where Enter is a new line.
  await outline.focus();
  await page.keyboard.press('c');
  const dialog = page.getByRole('dialog', { name: 'Check in: Sign 10 DACH customers' });
  await dialog.getByLabel(/^New value/).fill('7');
  await dialog.getByLabel('Note', { exact: true }).fill('Two signed this week');
  await dialog.getByLabel('Note', { exact: true }).press('Enter');
  await expect(dialog.getByLabel('Note', { exact: true })).toHaveValue('Two signed this week\n');
  await dialog.getByLabel('Note', { exact: true }).press('Control+Enter');
  await expect(dialog).toHaveCount(0);
  // The history lists the latest first.
  await expect(details.history.first()).toContainText('Two signed this week');

  // The details' form: Ctrl+Enter in the value field and on the Status select add it; a refusal is said as by the button.
  const form = details.checkInForm;
  await form.getByLabel(/^New value/).fill('8');
  await form.getByLabel('Note', { exact: true }).fill('The third is close');
  await form.getByLabel('Status').selectOption({ label: 'On track' });
  await form.getByLabel('Status').press('Control+Enter');
  await expect(details.history.first()).toContainText('The third is close');
  await expect(form.getByLabel('Note', { exact: true })).toHaveValue('');
  await form.getByLabel(/^New value/).press('Control+Enter');
  await expect(form.getByRole('alert')).toHaveText('Enter the new value, or tick “No new value” to check in with a note or a blocker only.');
  await expect(form.getByLabel(/^New value/)).toBeFocused();
  await expectAccessible(page, 'the check-in form after Ctrl+Enter');
  // The keyboard help lists it.
  await outline.focus();
  await new CommandPalettePage(page).openHelp();
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' }).getByRole('region', { name: 'In the check-in form' })).toContainText('Add the check-in');
});

interface AXProperty { name: string; value: { value?: unknown; relatedNodes?: { backendDOMNodeId?: number }[] } }
interface AXNode { nodeId: string; parentId?: string; backendDOMNodeId?: number; role?: { value?: string }; name?: { value?: string }; properties?: AXProperty[] }

/**
 * For every notice's sentence, the live regions above it in Chromium's accessibility tree (not the DOM): the nodes
 * that are the root of their own live region (Chromium gives every node inside a region its `live` and its `root`).
 */
async function liveRegionsAboveNotices(page: Page): Promise<{ text: string; live: string[] }[]> {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree') as { nodes: AXNode[] };
  await cdp.detach();
  const byId = new Map(nodes.map((node) => [node.nodeId, node]));
  const property = (node: AXNode, name: string) => node.properties?.find((each) => each.name === name)?.value;
  const isRoot = (node: AXNode) => {
    const live = property(node, 'live')?.value;
    if (live === undefined || live === 'off') return false;
    const root = property(node, 'root')?.relatedNodes?.[0]?.backendDOMNodeId;
    return root === undefined || root === node.backendDOMNodeId;
  };
  const said: { text: string; live: string[] }[] = [];
  for (const node of nodes) {
    const text = String(node.name?.value ?? '');
    if (node.role?.value !== 'StaticText' || !/^(Nothing above to indent under|Deleted ")/.test(text)) continue;
    const live: string[] = [];
    for (let at = node.parentId ? byId.get(node.parentId) : undefined; at; at = at.parentId ? byId.get(at.parentId) : undefined) {
      if (isRoot(at)) live.push(`${at.role?.value}:${String(property(at, 'live')?.value)}`);
    }
    said.push({ text, live });
  }
  return said;
}

test('each notice is in one live region: failures in the assertive one, what happened in the polite one (review43a F5)', async ({ page }) => {
  test.setTimeout(120_000);
  await openSample(page);
  const outline = new OutlinePage(page);
  const shell = new AppShell(page);
  // A failure: Tab on the first row of a level. What happened: a delete.
  await outline.select('initiative', 'Deal desk');
  await outline.focus();
  await page.keyboard.press('Delete');
  await expect(shell.saidNotice(/^Deleted "Deal desk"/)).toBeVisible();
  await outline.select('strategy', 'Win the mid-market');
  await outline.focus();
  await page.keyboard.press('Tab');
  await expect(shell.saidNotice('Nothing above to indent under', 'alert')).toBeVisible();

  // The accessibility tree: the polite region holds what happened, the assertive one the failure, neither inside the other.
  await expect(page.locator('.notices')).toMatchAriaSnapshot(`
    - status:
      - text: /Deleted "Deal desk"/
      - button "Undo"
      - button "Dismiss"
    - alert:
      - text: "Nothing above to indent under: the first item of a level cannot be indented."
      - button "Dismiss"
  `);
  const said = await liveRegionsAboveNotices(page);
  expect(said.map((notice) => notice.text)).toEqual(expect.arrayContaining([expect.stringMatching(/^Deleted /), expect.stringMatching(/^Nothing above/)]));
  for (const notice of said) expect(notice.live, `the live regions above “${notice.text}”`).toEqual([notice.text.startsWith('Nothing') ? 'alert:assertive' : 'status:polite']);
  await expectAccessible(page, 'a failure and a done notice, each in its own live region');
  await page.screenshot({ path: test.info().outputPath('notices-live-regions.png') });
});
