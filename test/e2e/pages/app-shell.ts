import { expect, type Page } from '@playwright/test';
import { pickFromDirectory } from '../support/choose-option.js';

/** Page object for the application shell that every view renders inside. */
export class AppShell {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.page.getByTestId('app-shell')).toBeVisible();
  }

  get title() {
    return this.page.getByRole('heading', { name: 'Throughline', level: 1 });
  }

  /** The always-visible sync status. */
  get syncStatus() {
    return this.page.getByRole('button', { name: /^Sync status:/ });
  }

  async expectSyncStatus(text: string | RegExp, options: { timeout?: number } = {}): Promise<void> {
    await expect(this.syncStatus).toHaveAccessibleName(typeof text === 'string' ? `Sync status: ${text}` : new RegExp(`Sync status: ${text.source}`), options);
  }

  /** Avatars of the other people in the plan. */
  get presence() {
    return this.page.getByRole('group', { name: /^In this plan now:/ });
  }

  async goTo(view: 'Outline' | 'Execution pulse' | 'My work' | 'People & teams'): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: view }).click();
  }

  /** Answers "who am I" with a name (and optionally the plan's person of that name). */
  async setIdentity(name: string, options: { person?: string; addAsPerson?: boolean } = {}): Promise<void> {
    await this.page.getByRole('button', { name: /Who are you\?|You are .*: change/ }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Who are you?' });
    await dialog.getByLabel('Your name').fill(name);
    if (options.person) await pickFromDirectory(dialog.getByLabel('You in this plan'), options.person);
    if (options.addAsPerson) await dialog.getByLabel("Add me to this plan's people").check();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
  }

  notice(text: string | RegExp) {
    return this.page.locator('.notice').filter({ hasText: text });
  }

  /**
   * A notice said in the notices' polite live region (what happened) or their assertive one (a failure): one
   * notice, not the region holding it with others (review43a F5: the regions are the stack's, the notices theirs).
   */
  saidNotice(text: string | RegExp, region: 'status' | 'alert' = 'status') {
    return this.page.locator('.notices').getByRole(region).locator('.notice').filter({ hasText: text });
  }

  readOnlyBanner() {
    return this.page.getByRole('note', { name: 'Read-only' });
  }
}
