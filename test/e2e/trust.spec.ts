// Input that must be refused or explained, never silently changed (issue #12), driven as a person would:
// the check-in form, length limits, the kind picker and KPIs, Alt+↑ at the top, Find and the item count.
import { expect, test, type Page } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { DetailPanel } from './pages/detail-panel.js';
import { LibraryPage } from './pages/library-page.js';
import { OutlinePage } from './pages/outline-page.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { expectAccessible } from './support/axe.js';
import { TEXT_LIMITS } from '../../shared/model/index.js';
import { typeCascade } from './support/outline-steps.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

/** A new plan with strategy › objective › key result, each typed as a new line a level down. */
async function smallPlan(page: Page, name: string): Promise<OutlinePage> {
  const outline = new OutlinePage(page);
  await new AppShell(page).open(server.url);
  await new LibraryPage(page).createPlan(name);
  await typeCascade(outline, ['Grow', 'Win DACH', 'Revenue']);
  await expect(outline.row('key result', 'Revenue')).toBeVisible();
  return outline;
}

test('a check-in needs a value unless it is explicitly a note or blocker only; absurd values are refused', async ({ page }) => {
  test.setTimeout(180_000);  // the sample plan and an axe audit of it are slow on a loaded machine
  const shell = new AppShell(page);
  const detail = new DetailPanel(page);
  await shell.open(server.url);
  // The sample plan is large: on a loaded machine it can take longer than the default 5 s to show.
  await page.getByRole('button', { name: 'Open sample plan' }).click();
  await expect(page.getByRole('treeitem').first()).toBeVisible({ timeout: 30_000 });
  await page.locator('[role="treeitem"][data-kind="key_result"]').first().click();
  const form = detail.checkInForm;
  const value = form.getByLabel(/^New value/);
  // The history lists the latest check-ins first (a few of them): nothing refused may appear at its top.
  const latest = await detail.history.first().textContent();

  // Empty value: refused, the value field is marked and focused, nothing saved.
  await form.getByLabel('Note', { exact: true }).fill('Forgot the number');
  await form.getByRole('button', { name: 'Add check-in' }).click();
  await expect(form.getByRole('alert')).toHaveText('Enter the new value, or tick “No new value” to check in with a note or a blocker only.');
  await expect(value).toBeFocused();
  await expect(value).toHaveAttribute('aria-invalid', 'true');
  await expect(detail.history.first()).toHaveText(latest!);

  // A value far beyond the metric's scale: refused with the limit, what was typed is kept.
  await value.fill('1e308');
  await form.getByRole('button', { name: 'Add check-in' }).click();
  await expect(form.getByRole('alert')).toContainText('1e308 is out of range for this key result: a value must lie within ±');
  await expect(value).toHaveValue('1e308');
  await expect(detail.history.first()).toHaveText(latest!);
  await expectAccessible(page, 'check-in form refusing a value');
  await page.screenshot({ path: 'docs/screenshots/checkin-refused.png' });

  // A note over its limit: refused with the length, kept as typed.
  const longNote = 'n'.repeat(TEXT_LIMITS.note + 5);
  await value.fill('12');
  await form.getByLabel('Note', { exact: true }).fill(longNote);
  await form.getByRole('button', { name: 'Add check-in' }).click();
  await expect(form.getByRole('alert')).toContainText('Shorten it by 5 to save — nothing was cut.');
  await expect(form.getByLabel('Note', { exact: true })).toHaveValue(longNote);
  await expect(detail.history.first()).toHaveText(latest!);

  // No new value, chosen explicitly: needs a note or a blocker.
  await value.fill('');
  await form.getByLabel('Note', { exact: true }).fill('');
  await form.getByLabel('No new value: a note or blocker only').check();
  await expect(value).toBeDisabled();
  await form.getByRole('button', { name: 'Add check-in' }).click();
  await expect(form.getByRole('alert')).toHaveText('A check-in without a new value needs a note or “I am blocked”.');
  await expect(form.getByLabel('Note', { exact: true })).toBeFocused();
  await expect(detail.history.first()).toHaveText(latest!);
  await form.getByLabel('Note', { exact: true }).fill('Waiting for the March invoices');
  await expect(form.getByRole('alert')).toHaveCount(0);
  await form.getByRole('button', { name: 'Add check-in' }).click();
  await expect(detail.history.first()).toContainText('Waiting for the March invoices');
  // The choice resets with the form: the next check-in asks for a value again.
  await expect(form.getByLabel('No new value: a note or blocker only')).not.toBeChecked();
  await expect(value).toBeEnabled();
  await value.fill('12.5');
  await form.getByRole('button', { name: 'Add check-in' }).click();
  await expect(detail.history.first()).toContainText('12.5');
  await page.screenshot({ path: 'docs/screenshots/checkin-form.png' });
});

test('too-long text is refused with a message and kept as typed, for the title and the description', async ({ page }) => {
  const outline = await smallPlan(page, 'Limits plan');
  const detail = new DetailPanel(page);
  await outline.select('key result', 'Revenue');
  const title = detail.field('Title');
  const long = 'x'.repeat(520);
  await title.fill(long);
  await title.press('Enter');
  await expect(detail.root.getByRole('alert').filter({ hasText: /The title is 520 characters; the limit is 500\. Shorten it by 20 to save — nothing was cut\./ })).toBeVisible();
  await expect(title).toHaveValue(long);
  await expect(outline.row('key result', 'Revenue')).toBeVisible();
  // The limit counts characters as a person does: 499 letters and an emoji are 500, not 501.
  const withEmoji = `${'x'.repeat(499)}🎯`;
  await title.fill(withEmoji);
  await title.press('Enter');
  await expect(outline.row('key result', withEmoji)).toBeVisible();
  await expect(detail.root.getByRole('alert')).toHaveCount(0);
  // A control character does not show: it is refused by name, and the text stays as typed.
  await title.fill('Revenue\u0007 in DACH');
  await title.press('Enter');
  await expect(detail.root.getByRole('alert').filter({ hasText: 'The title contains a control character (U+0007), which does not show; delete it to save.' })).toBeVisible();
  await expect(title).toHaveValue('Revenue\u0007 in DACH');
  await expect(outline.row('key result', withEmoji)).toBeVisible();
  await title.fill('Revenue in DACH');
  await title.press('Enter');
  await expect(outline.row('key result', 'Revenue in DACH')).toBeVisible();
  await expect(detail.root.getByRole('alert')).toHaveCount(0);

  const description = detail.root.getByLabel('Description');
  const longText = 'y'.repeat(TEXT_LIMITS.description + 1);
  await description.fill(longText);
  await description.blur();
  await expect(detail.root.getByRole('alert').filter({ hasText: /The description is [\d,.\s]+ characters; the limit is [\d,.\s]+\. Shorten it by 1 to save — nothing was cut\./ })).toBeVisible();
  await expect(description).toHaveValue(longText);
  await description.fill('Short and saved');
  await description.blur();
  await expect(detail.root.getByRole('alert')).toHaveCount(0);
});

test('too-long names are refused with a message and kept as typed: a plan renamed in the library, a review point', async ({ page }) => {
  const library = new LibraryPage(page);
  await smallPlan(page, 'Named plan');
  // A review point's name: 130 characters stay in the field, with the limit, and nothing is created.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Review' }).click();
  const pointName = page.getByLabel('Name this moment');
  const longName = 'Q'.repeat(130);
  await pointName.fill(longName);
  await expect(page.getByRole('alert').filter({ hasText: /The name is 130 characters; the limit is 120\. Shorten it by 10 to save — nothing was cut\./ })).toBeVisible();
  await expect(pointName).toHaveValue(longName);
  await expect(page.getByRole('button', { name: 'Create review point' })).toBeDisabled();
  await pointName.fill('Q1 offsite');
  await page.getByRole('button', { name: 'Create review point' }).click();
  await expect(page.getByRole('listitem', { name: 'Q1 offsite' })).toBeVisible();

  // A plan name over 200 characters: the library says why, keeps the field open with what was typed.
  await page.getByRole('link', { name: 'All plans' }).click();
  await library.plan('Named plan').getByRole('button', { name: 'Rename' }).click();
  const field = library.plan('Named plan').getByLabel('Plan name');
  const tooLong = 'N'.repeat(205);
  await field.fill(tooLong);
  await field.press('Enter');
  await expect(library.plan('Named plan').getByRole('alert')).toContainText('A plan name can be at most 200 characters.');
  await expect(field).toHaveValue(tooLong);
  await field.fill('Named plan 2027');
  await field.press('Enter');
  await expect(library.plan('Named plan 2027')).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'at most 200' })).toHaveCount(0);
});

test('a key result whose target equals its start is refused in the form with the reason, and nothing is saved', async ({ page }) => {
  const outline = await smallPlan(page, 'Start equals target');
  const detail = new DetailPanel(page);
  await outline.select('key result', 'Revenue');
  await detail.setField('Start value', '40');
  await detail.setField('Target value', '90');
  await expect(detail.root.getByRole('alert')).toHaveCount(0);
  await detail.setField('Target value', '40');
  await expect(detail.fieldError("Start and target are both 40: a key result measures change, so its target must differ from its start.")).toBeVisible();
  await expect(detail.field('Target value')).toHaveValue('40');
  // The plan still holds 90: another key result and back shows what was saved.
  await outline.select('objective', 'Win DACH');
  await outline.select('key result', 'Revenue');
  await expect(detail.field('Target value')).toHaveValue('90');
});

test.describe('in English notation (en-US)', () => {
  test.use({ locale: 'en-US' });
  test('1,500 is fifteen hundred as the app shows it; what only Number() reads is refused; nothing refused is saved', async ({ page }) => {
    const outline = await smallPlan(page, 'Typed numbers');
    const detail = new DetailPanel(page);
    await outline.select('key result', 'Revenue');
    await detail.setField('Start value', '0');
    await detail.setField('Target value', '2000');
    // "0x10" was saved as 16 without a word; "1,500" as 1.5 (a thousand and a half in English notation).
    await detail.setField('Target value', '0x10');
    await expect(detail.fieldError('"0x10" is not a number.')).toBeVisible();
    await outline.select('objective', 'Win DACH');
    await outline.select('key result', 'Revenue');
    await expect(detail.field('Target value')).toHaveValue('2000');
    await detail.setField('Target value', '1,500');
    await outline.select('objective', 'Win DACH');
    await outline.select('key result', 'Revenue');
    await expect(detail.field('Target value')).toHaveValue('1500');
    // A check-in is history that is never rewritten: a misread value could not be taken back.
    await detail.addCheckIn({ value: '1,250.5' });
    await expect(detail.history).toHaveCount(1);
    await expect(detail.history.first()).toContainText('1,250.5');
  });
});

test.describe('in German notation (de-DE)', () => {
  test.use({ locale: 'de-DE' });
  test('1,500 is one and a half and 1.500 fifteen hundred, as the app shows them; a field shows a decimal comma', async ({ page }) => {
    const outline = await smallPlan(page, 'Typed numbers');
    const detail = new DetailPanel(page);
    await outline.select('key result', 'Revenue');
    await detail.setField('Start value', '0');
    await detail.setField('Target value', '1.500');
    await detail.addCheckIn({ value: '1,125' });
    await expect(detail.history).toHaveCount(1);
    await expect(detail.history.first()).toContainText('1,125');
    await outline.select('objective', 'Win DACH');
    await outline.select('key result', 'Revenue');
    await expect(detail.field('Target value')).toHaveValue('1500');
    await detail.setField('Target value', '2,5');
    await outline.select('objective', 'Win DACH');
    await outline.select('key result', 'Revenue');
    await expect(detail.field('Target value')).toHaveValue('2,5');
  });
});

test.describe('in Swiss notation (de-CH), where a comma is neither mark', () => {
  test.use({ locale: 'de-CH' });
  test('1,500 is refused with both readings and nothing is saved', async ({ page }) => {
    const outline = await smallPlan(page, 'Typed numbers');
    const detail = new DetailPanel(page);
    await outline.select('key result', 'Revenue');
    await detail.setField('Start value', '0');
    await detail.setField('Target value', '2000');
    await detail.setField('Target value', '1,500');
    await expect(detail.fieldError('"1,500" could be 1500 or 1.5: type 1500 without the comma, or 1.5 with a point.')).toBeVisible();
    await expect(detail.field('Target value')).toHaveValue('1,500');
    await detail.addCheckIn({ value: '1,500' });
    await expect(detail.checkInForm.getByRole('alert')).toHaveText('New value: "1,500" could be 1500 or 1.5: type 1500 without the comma, or 1.5 with a point.');
    await expect(detail.history).toHaveCount(0);
    await detail.addCheckIn({ value: "1'500" });
    await expect(detail.history).toHaveCount(1);
  });
});

test('every kind can be made from the keyboard and the toolbar, and the kind picker offers only what the cascade allows', async ({ page }) => {
  const outline = await smallPlan(page, 'Kinds plan');
  const detail = new DetailPanel(page);
  const toolbar = page.getByRole('toolbar', { name: 'Outline tools' });

  // KPIs: Alt+K on the key result, and the toolbar button on the objective.
  await outline.select('key result', 'Revenue');
  await outline.focus();
  await outline.press('Alt+k');
  await outline.typeTitle('Churn rate');
  await outline.press('Enter');
  await outline.press('Escape');
  await expect(outline.row('KPI', 'Churn rate')).toBeVisible();
  await outline.select('objective', 'Win DACH');
  await toolbar.getByRole('button', { name: 'Add KPI' }).click();
  await outline.typeTitle('Net revenue retention');
  await outline.press('Enter');
  await outline.press('Escape');
  await expect(outline.row('KPI', 'Net revenue retention')).toBeVisible();
  // Toolbar "Add child" goes one step down the cascade: initiative under a key result, task under it.
  await outline.select('key result', 'Revenue');
  await toolbar.getByRole('button', { name: 'Add child' }).click();
  await outline.typeTitle('Munich office');
  await outline.press('Enter');
  await outline.press('Escape');
  await outline.select('initiative', 'Munich office');
  await toolbar.getByRole('button', { name: 'Add child' }).click();
  await outline.typeTitle('Sign the lease');
  await outline.press('Enter');
  await outline.press('Escape');
  await expect(outline.row('task', 'Sign the lease')).toBeVisible();

  // The kind picker of the KPI under the objective: what an objective may hold (a leaf).
  await outline.select('KPI', 'Net revenue retention');
  const kind = detail.root.getByRole('combobox', { name: 'Kind' });
  await expect(kind.getByRole('option')).toHaveText(['objective', 'key result', 'KPI', 'initiative']);
  await kind.selectOption({ label: 'initiative' });
  await expect(outline.row('initiative', 'Net revenue retention')).toBeVisible();
  await expect(page.locator('.notice').filter({ hasText: 'Now an initiative.' })).toBeVisible();
  // The key result holds an initiative and a KPI: only kinds that may stay under an objective and hold both.
  await outline.select('key result', 'Revenue');
  await expect(kind.getByRole('option')).toHaveText(['objective', 'key result']);
  // A strategy at the top level cannot change kind: no picker, just the tag.
  await outline.select('strategy', 'Grow');
  await expect(detail.root.getByRole('combobox', { name: 'Kind' })).toHaveCount(0);
  await outline.select('initiative', 'Net revenue retention');
  await expectAccessible(page, 'detail panel with the kind picker');
});

test('Alt+↑ on a first child says why nothing moved; Find sees through zero-width characters; the count follows the filter', async ({ page }) => {
  const outline = await smallPlan(page, 'Outline plan');
  const shell = new AppShell(page);
  const detail = new DetailPanel(page);
  await outline.select('objective', 'Win DACH');
  await outline.focus();
  await outline.press('Alt+ArrowUp');
  await expect(shell.notice(/Already the first item at its level: Alt\+↑ moves an item among its siblings/)).toBeVisible();
  await expect(outline.rows).toHaveCount(3);

  // A title with a zero-width space in the middle (pasted from a chat or a web page).
  await outline.select('key result', 'Revenue');
  await detail.setField('Title', 'Reve\u200Bnue DACH');
  const count = page.getByRole('toolbar', { name: 'Outline tools' }).getByText(/^\d[\d,.\s]* (of [\d,.\s]+ )?items?( match)?$/);
  await expect(count).toHaveText('3 items');
  await outline.find('revenue');
  await expect(page.locator('[role="treeitem"]:not(.context)')).toHaveCount(1);
  await expect(count).toHaveText('1 of 3 items match');
  await outline.find('zzz');
  await expect(count).toHaveText('0 of 3 items match');
  await outline.find('');
  await expect(count).toHaveText('3 items');
});
