import { expect, type Page } from '@playwright/test';
import { createPlanFromStartPage } from '../support/fill-field.js';

/** Page object for the plan library (the start page). */
export class LibraryPage {
  constructor(readonly page: Page) {}

  get heading() {
    return this.page.getByRole('heading', { name: 'Plans', level: 2, exact: true });
  }

  get plans() {
    return this.page.getByRole('list', { name: 'Plans on this device' }).getByRole('listitem');
  }

  plan(name: string) {
    return this.page.getByRole('list', { name: 'Plans on this device' }).getByRole('listitem', { name, exact: true });
  }

  async createPlan(name: string): Promise<void> {
    await createPlanFromStartPage(this.page.getByLabel('New plan name'), name);
  }

  async openSample(): Promise<void> {
    await this.page.getByRole('button', { name: 'Open sample plan' }).click();
    // Building the sample plan (a quarter of check-ins) is slow on a loaded machine.
    await expect(this.page.getByRole('treeitem').first()).toBeVisible({ timeout: 30_000 });
  }

  async open(name: string): Promise<void> {
    await this.plan(name).getByRole('link', { name }).click();
  }
}
