// Text a person cannot see, as a demanding user meets it: a title stored with a control character
// (an older version's file, another client's edit) shows it as a sign in the rename field and is
// cleaned with one click; titles and plan names of only spaces or zero-width characters are refused
// with the problem named, and nothing is saved.
import { expect, test } from '@playwright/test';
import * as Y from 'yjs';
import { ROOT_ID, openPlan } from '../../shared/model/index.js';
import { AppShell } from './pages/app-shell.js';
import { CanvasDriver } from './pages/canvas-driver.js';
import { DetailPanel } from './pages/detail-panel.js';
import { LibraryPage } from './pages/library-page.js';
import { OutlinePage } from './pages/outline-page.js';
import { expectAccessible } from './support/axe.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { storePlanInBrowser } from './support/stored-plan.js';
import { typeCascade } from './support/outline-steps.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

/** A plan as an older version could store it: titles holding a BEL and a NUL, written to the Y.Text directly (no validation then). */
function planWithControlCharacters(): Uint8Array {
  const doc = new Y.Doc({ gc: false });
  let next = 0;
  const plan = openPlan(doc, { now: () => Date.UTC(2026, 11, 1), newId: () => `n${(next++).toString().padStart(6, '0')}`, actor: 'old-version' }, { name: 'Stored plan' });
  const strategy = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow' });
  const objective = plan.createNode({ kind: 'objective', parent: strategy, title: 'Win' });
  plan.titleText(strategy).insert(4, '\u0007 revenue');
  plan.titleText(objective).insert(3, '\u0000 DACH');
  return Y.encodeStateAsUpdate(doc);
}

test('a stored title with a control character shows it by name in the rename field, an edit keeps it, and one click cleans it', async ({ page }) => {
  test.setTimeout(120_000);
  await new AppShell(page).open(server.url);
  await storePlanInBrowser(page, { id: 'stored-control', name: 'Stored plan', update: planWithControlCharacters() });
  await page.goto(`${server.url}#/plan/stored-control/outline`);
  await page.reload();
  const outline = new OutlinePage(page);
  const row = outline.row('strategy', 'Grow BEL revenue');
  await expect(row).toBeVisible();

  // Inline rename: the field shows the character by the name the row's chip gives it (‹BEL›: the sign
  // ␇ is an empty box in DejaVu), says what it stands for, and nothing is refused or saved by opening it.
  await row.dblclick();
  await expect(outline.titleEditor).toHaveValue('Grow‹BEL› revenue');
  const hint = outline.tree.getByRole('status').filter({ hasText: 'The stored title holds a control character: BEL (U+0007, shown as ‹BEL›).' });
  await expect(hint).toBeVisible();
  // Named in letters any font has (DejaVu draws ␇ as an empty box), with an accessible name.
  await expect(hint.getByRole('img', { name: 'control character BEL, U+0007' })).toHaveText('BEL');
  // The row not being renamed shows its NUL as a chip too.
  await expect(outline.row('objective', 'Win NUL DACH').getByText('NUL', { exact: true })).toHaveClass('control-chip');
  // Nothing is refused: no alert says anything (the notices' assertive region is always there, empty).
  await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toHaveCount(0);
  await expectAccessible(page, 'the rename field of a title stored with a control character');
  await page.screenshot({ path: 'docs/screenshots/stored-control-character.png' });
  // Typed on, with the name left in: the row reads as the field did, the character still named, and
  // the field shows it the same way again (not as the text "‹BEL›", nor as a box).
  await outline.titleEditor.press('End');
  await outline.titleEditor.pressSequentially(' now');
  await outline.titleEditor.press('Enter');
  const edited = outline.row('strategy', 'Grow BEL revenue now');
  await expect(edited).toBeVisible();
  await expect(edited.getByText('BEL', { exact: true })).toHaveClass('control-chip');
  await edited.dblclick();
  await expect(outline.titleEditor).toHaveValue('Grow‹BEL› revenue now');
  await hint.getByRole('button', { name: 'Remove it' }).click();
  await expect(outline.titleEditor).toHaveValue('Grow revenue now');
  await expect(outline.titleEditor).toBeFocused();
  await outline.titleEditor.press('Enter');
  await expect(outline.row('strategy', 'Grow revenue now')).toBeVisible();

  // The detail panel's title field does the same.
  const detail = new DetailPanel(page);
  await outline.select('objective', 'Win NUL DACH');
  await expect(detail.field('Title')).toHaveValue('Win‹NUL› DACH');
  const detailHint = detail.root.getByRole('status').filter({ hasText: 'The stored title holds a control character: NUL (U+0000, shown as ‹NUL›).' });
  await expect(detailHint).toBeVisible();
  await expect(detailHint.getByRole('img', { name: 'control character NUL, U+0000' })).toBeVisible();
  await expectAccessible(page, 'the detail panel of a title stored with a control character');
  await detailHint.screenshot({ path: 'docs/screenshots/stored-control-character-chip.png' });
  await detailHint.getByRole('button', { name: 'Remove it' }).click();
  await expect(detail.field('Title')).toHaveValue('Win DACH');
  await detail.field('Title').press('Enter');
  await expect(outline.row('objective', 'Win DACH')).toBeVisible();
  await expect(detail.root.getByRole('status').filter({ hasText: 'stored title' })).toHaveCount(0);
});

test('the cascade canvas names a stored control character in letters on its card and to a screen reader', async ({ page }) => {
  test.setTimeout(120_000);
  // The canvas's test hook (where it drew each card) is on only when asked for.
  await page.addInitScript(() => window.localStorage.setItem('throughline:automation', '1'));
  await new AppShell(page).open(server.url);
  await storePlanInBrowser(page, { id: 'stored-control-canvas', name: 'Stored plan', update: planWithControlCharacters() });
  await page.goto(`${server.url}#/plan/stored-control-canvas/outline`);
  await page.reload();
  await expect(new OutlinePage(page).row('objective', 'Win NUL DACH')).toBeVisible();
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Cascade' }).click();
  const canvas = new CanvasDriver(page);
  // Clicked as a person would: the card is found by where the canvas drew it.
  await canvas.click('Win\u0000 DACH').expectSelected('Win‹NUL› DACH');
  // Read out as the outline row names it, never with the raw NUL (or its sign, a box in DejaVu).
  await canvas.expectAnnounced(/^objective: Win NUL DACH\. /);
  await expectAccessible(page, 'the cascade canvas with a title stored with a control character');
  const rect = await canvas.cardRect('Win\u0000 DACH');
  await page.screenshot({ path: 'docs/screenshots/canvas-control-character.png', clip: { x: Math.max(0, rect.x - 20), y: Math.max(0, rect.y - 20), width: rect.width + 40, height: rect.height + 40 } });
});

test('a title or a plan name of only spaces or zero-width characters is refused with the problem named; real titles are kept', async ({ page }) => {
  test.setTimeout(120_000);
  await new AppShell(page).open(server.url);
  const library = new LibraryPage(page);
  await library.createPlan('Blank names');
  const outline = new OutlinePage(page);
  await typeCascade(outline, ['Grow']);
  await expect(outline.row('strategy', 'Grow')).toBeVisible();

  // Inline: three spaces stay in the field with the reason; Enter saves nothing.
  await outline.row('strategy', 'Grow').dblclick();
  await outline.titleEditor.fill('   ');
  await expect(page.getByRole('alert').filter({ hasText: 'The title is only spaces, which show nothing: type something that shows, or leave it empty.' })).toBeVisible();
  await outline.titleEditor.press('Enter');
  await expect(outline.titleEditor).toHaveValue('   ');
  await expectAccessible(page, 'a title of only spaces refused in the outline');
  await outline.titleEditor.press('Escape');
  await expect(outline.row('strategy', 'Grow')).toBeVisible();

  // Detail panel: zero-width spaces and a word joiner are named.
  const detail = new DetailPanel(page);
  await outline.select('strategy', 'Grow');
  const title = detail.field('Title');
  await title.fill('\u200B\u200B');
  await title.press('Enter');
  await expect(detail.root.getByRole('alert').filter({ hasText: 'The title is only invisible characters (U+200B), which show nothing: type something that shows, or leave it empty.' })).toBeVisible();
  await title.fill(' \u2060');
  await expect(detail.root.getByRole('alert').filter({ hasText: 'The title is only spaces and invisible characters (U+2060)' })).toBeVisible();
  await expect(outline.row('strategy', 'Grow')).toBeVisible();
  await title.fill('Grow 🎯');
  await title.press('Enter');
  await expect(outline.row('strategy', 'Grow 🎯')).toBeVisible();
  await expect(detail.root.getByRole('alert')).toHaveCount(0);

  // A plan name: renamed in the library to a word joiner, or created as zero-width spaces.
  await page.getByRole('link', { name: 'All plans' }).click();
  await library.plan('Blank names').getByRole('button', { name: 'Rename' }).click();
  const field = library.plan('Blank names').getByLabel('Plan name');
  await field.fill('\u2060');
  await field.press('Enter');
  await expect(library.plan('Blank names').getByRole('alert')).toContainText('The plan name is only invisible characters (U+2060), which show nothing: type a name that shows.');
  await field.fill('Bell\u0007');
  await field.press('Enter');
  await expect(library.plan('Blank names').getByRole('alert')).toContainText('The plan name contains a control character (U+0007), which does not show; delete it.');
  await field.fill('Named 2027');
  await field.press('Enter');
  await expect(library.plan('Named 2027')).toBeVisible();
});

test('a description, a blocked reason or a check-in note of only spaces or zero-width characters is no text: kept as none, or the check-in refused with the note named', async ({ page }) => {
  test.setTimeout(120_000);
  await new AppShell(page).open(server.url);
  await new LibraryPage(page).createPlan('Blank text');
  const outline = new OutlinePage(page);
  await typeCascade(outline);
  const detail = new DetailPanel(page);

  // A description of three spaces is an empty description, not three stored spaces.
  await outline.select('objective', 'Win the DACH market');
  const description = detail.root.getByLabel('Description', { exact: true });
  await description.fill('   ');
  await description.blur();
  await expect(description).toHaveValue('');

  // A blocked reason pasted as zero-width spaces is no reason: the field is cleared, the task stays blocked.
  await outline.select('task', 'Sign the office lease');
  await detail.selectField('Status', 'Blocked');
  await detail.setField('Blocked because', '\u200b\u200b');
  await expect(detail.field('Blocked because')).toHaveValue('');
  await expect(detail.field('Status')).toHaveValue('blocked');

  // A check-in on a key result whose only content is such a note is refused, saying why; nothing is added.
  await outline.select('key result', 'Revenue from DACH');
  const form = detail.checkInForm;
  await form.getByLabel('No new value: a note or blocker only').check();
  await form.getByLabel('Note', { exact: true }).fill('\u200b');
  await form.getByRole('button', { name: 'Add check-in' }).click();
  await expect(form.getByRole('alert')).toHaveText('The note is only invisible characters (U+200B), which show nothing, so it is no note. A check-in without a new value needs a note or “I am blocked”.');
  await expect(detail.root.getByRole('heading', { name: 'Check-ins (0)' })).toBeVisible();
  await expectAccessible(page, 'a check-in refused for a note of zero-width spaces');
  await page.screenshot({ path: 'docs/screenshots/invisible-note-refused.png' });

  // After a reload nothing invisible was kept.
  await page.reload();
  await outline.select('objective', 'Win the DACH market');
  await expect(detail.root.getByLabel('Description', { exact: true })).toHaveValue('');
  await outline.select('task', 'Sign the office lease');
  await expect(detail.field('Blocked because')).toHaveValue('');
});
