import { expect, type Locator } from '@playwright/test';

/**
 * Fills a field once no modal dialog covers the page, and checks the text arrived. Playwright's fill
 * focuses the field and then types into whatever has focus: behind a modal (the "Joining…" check of a
 * join link, slow on a loaded machine) the field is inert, the focus stays in the dialog and the text
 * is dropped without an error. A plan made then was named "Untitled plan" and the test waited minutes
 * for a name that was never written.
 */
export async function fillField(field: Locator, value: string): Promise<void> {
  await expect(field.page().locator(':modal'), 'a modal dialog still covers the page').toHaveCount(0, { timeout: 60_000 });
  await field.fill(value);
  await expect(field, 'the text did not arrive in the field').toHaveValue(value);
}

/** Creates a plan from the start page's "New plan" form and waits for its outline. */
export async function createPlanFromStartPage(field: Locator, name: string): Promise<void> {
  const page = field.page();
  await fillField(field, name);
  await page.getByRole('button', { name: 'New plan' }).click();
  await expect(page.getByRole('tree', { name: 'Plan outline' })).toBeVisible();
}
