import { expect, type Page } from '@playwright/test';
import { createPlanFromStartPage } from '../support/fill-field.js';
import { describePage } from '../support/page-log.js';

/** Page object for the joined workspaces on the start page and the join check. */
export class WorkspacePage {
  constructor(readonly page: Page) {}

  section(workspace: string) {
    return this.page.getByRole('region', { name: `Workspace “${workspace}”` });
  }

  plans(workspace: string) {
    return this.page.getByRole('list', { name: `Plans in workspace ${workspace}` }).getByRole('listitem');
  }

  plan(workspace: string, name: string) {
    return this.plans(workspace).filter({ has: this.page.getByRole('link', { name, exact: true }) });
  }

  /** The plan names of a workspace, in the order shown. */
  async planNames(workspace: string): Promise<string[]> {
    return this.plans(workspace).evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label') ?? ''));
  }

  status(workspace: string) {
    return this.page.getByTestId(`workspace-status-${workspace}`);
  }

  /** Creates a plan from the start page (in the workspace chosen by default) and waits for its outline. */
  async createPlan(name: string): Promise<void> {
    await createPlanFromStartPage(this.page.getByLabel('New plan name'), name);
  }

  async open(workspace: string, name: string): Promise<void> {
    const link = this.plan(workspace, name).getByRole('link', { name, exact: true });
    try {
      await expect(link).toBeVisible({ timeout: 60_000 });
    } catch (error) {
      throw new Error(`"${name}" is not listed in workspace ${workspace} after 60 s. ${await describePage(this.page)}`, { cause: error });
    }
    await link.click();
    await expect(this.page.getByRole('tree', { name: 'Plan outline' })).toBeVisible();
  }

  async backToPlans(): Promise<void> {
    await this.page.getByRole('link', { name: 'All plans' }).click();
    await expect(this.page.getByRole('heading', { name: 'Plans', level: 2 })).toBeVisible();
  }

  /** The dialog of a join link that could not be checked (refused or unreachable). */
  get joinFailure() {
    return this.page.getByRole('dialog', { name: 'Could not join' });
  }

  /** Nothing of a failed join is left: no workspace, no plan entry, no saved connection. */
  async expectNothingSaved(): Promise<void> {
    await expect(this.page.getByRole('heading', { name: 'No plans yet' })).toBeVisible();
    await expect(this.page.getByRole('region', { name: /^Workspace/ })).toHaveCount(0);
    const saved = await this.page.evaluate(() => [localStorage.getItem('throughline:connections:v1'), localStorage.getItem('throughline:library:v1')]);
    expect(saved.map((value) => (value === null ? [] : JSON.parse(value) as unknown[]).length)).toEqual([0, 0]);
  }
}
