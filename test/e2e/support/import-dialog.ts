// The import dialog as a person opens it: a new plan, File ▸ Import from spreadsheet…, the file chosen. Shared by
// the import specs, which each wrote these steps again (duplicates D1, leftovers44b).
import type { Locator, Page } from '@playwright/test';
import { AppShell } from '../pages/app-shell.js';
import { LibraryPage } from '../pages/library-page.js';

/** A file as `setInputFiles` takes it. */
export interface ChosenFile { name: string; mimeType: string; buffer: Buffer }

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Opens the app at `serverUrl` in a 1100×900 window, creates the plan `planName` and opens its import dialog. */
export async function openImportDialog(page: Page, serverUrl: string, planName: string): Promise<Locator> {
  await page.setViewportSize({ width: 1100, height: 900 });
  await new AppShell(page).open(serverUrl);
  await new LibraryPage(page).createPlan(planName);
  await page.getByRole('button', { name: 'File', exact: true }).click();
  await page.getByRole('button', { name: 'Import from spreadsheet…' }).click();
  return page.getByRole('dialog', { name: 'Import from a spreadsheet' });
}

/** The same, with `file` chosen in the dialog. */
export async function importFile(page: Page, serverUrl: string, planName: string, file: ChosenFile): Promise<Locator> {
  const dialog = await openImportDialog(page, serverUrl, planName);
  await dialog.getByLabel('Spreadsheet (CSV or Excel .xlsx)').setInputFiles(file);
  return dialog;
}

/** The titles of the items right under the preview item titled `title`. */
export const childrenInPreview = (tree: Locator, title: string): Locator => tree.locator('li')
  .filter({ has: tree.page().locator(':scope > .import-node .import-title', { hasText: new RegExp(`^${title}$`) }) })
  .locator(':scope > ul > li > .import-node .import-title');
