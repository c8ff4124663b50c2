// inputs36, thirty-second session: input changed or cut without a word, and messages in code names.
// A 20-digit target typed, checked in or imported from a CSV was stored as 12345678901234567000 and
// shown as that; now it is refused naming the digits, the limit (15) and the field, and nothing changes.
// "Who are you?" refused a name of 80 emoji at 40 (UTF-16 units); manual progress of 12.345 % showed 12.3;
// the plan's refusals began with code names ("UpdateTeam: name must be at most 200 characters.").
import { expect, test } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { DetailPanel } from './pages/detail-panel.js';
import { LibraryPage } from './pages/library-page.js';
import { PeoplePage } from './pages/people-page.js';
import { expectAccessible } from './support/axe.js';
import { startSyncServer, type RunningProcess } from './support/server.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

const TWENTY = '12345678901234567890';
const SAID = `"${TWENTY}" has 20 significant digits; a number is kept exactly with at most 15 (this one would become 12345678901234567000). Round it to 15 significant digits or fewer.`;

test('a 20-digit target typed, or checked in, is refused naming the field and the limit; the value kept is what was there', async ({ page }) => {
  await new AppShell(page).open(server.url);
  await new LibraryPage(page).openSample();
  await page.getByRole('treeitem', { name: /^KR / }).first().click();
  const detail = new DetailPanel(page);
  const target = detail.field('Target value');
  const before = await target.inputValue();
  await target.fill(TWENTY);
  await target.press('Enter');
  await expect(detail.fieldError(`Target value: ${SAID}`)).toBeVisible();
  // What was typed stays in the field to fix; nothing was saved.
  await expect(target).toHaveValue(TWENTY);
  await expectAccessible(page, 'a 20-digit target refused');
  await page.screenshot({ path: 'docs/screenshots/twenty-digit-target.png' });
  await target.press('Escape');
  await expect(target).toHaveValue(before);
  // Fifteen digits are kept exactly as typed.
  await target.fill('123456789012345');
  await target.press('Enter');
  await expect(detail.fieldError(/./)).toHaveCount(0);
  await target.blur();
  await expect(target).toHaveValue('123456789012345');

  const form = detail.checkInForm;
  const history = await detail.history.count();
  await form.getByLabel(/^New value/).fill(TWENTY);
  await form.getByRole('button', { name: 'Add check-in' }).click();
  await expect(form.getByRole('alert')).toHaveText(`New value: ${SAID}`);
  await expect(detail.history).toHaveCount(history);
});

test('manual progress keeps the percent typed (12.345 % showed as 12.3 %)', async ({ page }) => {
  await new AppShell(page).open(server.url);
  await new LibraryPage(page).openSample();
  await page.getByRole('treeitem', { name: /^INI / }).first().click();
  const progress = new DetailPanel(page).field('Manual progress (%)');
  await progress.fill('12.345');
  await progress.press('Enter');
  await progress.blur();
  await page.getByRole('treeitem', { name: /^KR / }).first().click();
  await page.getByRole('treeitem', { name: /^INI / }).first().click();
  await expect(new DetailPanel(page).field('Manual progress (%)')).toHaveValue('12.345');
});

test('a CSV with a 20-digit target: the preview names the row, the column and the limit, and Import is not offered', async ({ page }) => {
  await new AppShell(page).open(server.url);
  await new LibraryPage(page).createPlan('Digits');
  await page.getByRole('button', { name: 'File', exact: true }).click();
  await page.getByRole('button', { name: 'Import from spreadsheet…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import from a spreadsheet' });
  const csv = `Type,Title,Start,Target\nObjective,Grow,,\nKey result,Users,0,${TWENTY}\nKey result,Revenue,0,123456789012345\n`;
  await dialog.getByLabel('Spreadsheet (CSV or Excel .xlsx)').setInputFiles({ name: 'digits.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  const problem = dialog.locator('.import-problem[role="alert"]');
  await expect(problem).toContainText(`Row 3: column D "Target": ${SAID.replace(/\.$/, '')}`);
  await expect(dialog.getByRole('button', { name: /^Import \d+ items?/ })).toBeDisabled();
  await expectAccessible(page, 'import preview refusing a 20-digit target');
  await page.screenshot({ path: 'docs/screenshots/twenty-digit-import.png' });
});

test('"Who are you?" takes a name of 80 emoji; a team name over the limit is refused in plain words', async ({ page }) => {
  const shell = new AppShell(page);
  await shell.open(server.url);
  await new LibraryPage(page).createPlan('Names');
  await page.getByRole('button', { name: /Who are you\?|You are .*: change/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Who are you?' });
  await dialog.getByLabel('Your name').fill('🎯'.repeat(81));
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Your name can be at most 80 characters; this one is 81. Shorten it by 1 to save.');
  await dialog.getByLabel('Your name').fill('🎯'.repeat(80));
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();

  await shell.goTo('People & teams');
  const people = new PeoplePage(page);
  await people.addTeam(`Sales ${'x'.repeat(200)}`);
  await expect(people.teams.getByRole('alert')).toHaveText("The team's name must be at most 200 characters; this one is 206.");
  await expectAccessible(page, 'a team name over the limit refused');
  await page.screenshot({ path: 'docs/screenshots/team-name-in-words.png' });
});

test('a plan file holding a 20-digit target is refused, naming the line, the field and the limit; no plan is added', async ({ page }) => {
  await new AppShell(page).open(server.url);
  const library = new LibraryPage(page);
  await expect(library.heading).toBeVisible();
  const plansBefore = await library.plans.count();
  const file = `{\n  "format": "throughline-plan",\n  "version": 3,\n  "nodes": [\n    { "id": "n1", "fields": { "target": ${TWENTY} } }\n  ]\n}\n`;
  await page.getByLabel('Plan file to open').setInputFiles({ name: 'digits.throughline', mimeType: 'application/json', buffer: Buffer.from(file, 'utf8') });
  await expect(page.getByText(`digits.throughline: This plan file cannot be opened as it is: line 5 ("target"): "${TWENTY}" has 20 significant digits; a number is kept exactly with at most 15 (this one would become 12345678901234567000). Round it in the file to 15 significant digits or fewer and open it again; nothing was opened.`)).toBeVisible();
  await expect(library.plans).toHaveCount(plansBefore);
  await expectAccessible(page, 'a plan file with a 20-digit target refused');
});
