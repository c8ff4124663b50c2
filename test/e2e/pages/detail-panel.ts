import { expect, type Locator, type Page } from '@playwright/test';
import { chooseOption } from '../support/choose-option.js';

/** Page object for the detail panel beside the outline. */
export class DetailPanel {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByRole('complementary', { name: 'Details' });
  }

  get progress(): Locator {
    return this.root.getByLabel('Progress', { exact: true });
  }

  get health(): Locator {
    return this.root.getByLabel(/^Health:/);
  }

  /** A field of the node (title, or one in the Fields section) by its label. */
  field(label: string): Locator {
    if (label === 'Title') return this.root.getByRole('textbox', { name: 'Title', exact: true });
    return this.root.getByRole('region', { name: 'Fields' }).getByLabel(label, { exact: true });
  }

  async setField(label: string, value: string): Promise<void> {
    const field = this.field(label);
    await field.fill(value);
    // Fields save when they lose focus (a textarea keeps Enter for new lines).
    await field.blur();
  }

  async selectField(label: string, option: string): Promise<void> {
    await chooseOption(this.field(label), option);
  }

  fieldError(text: string | RegExp): Locator {
    return this.root.getByRole('alert').filter({ hasText: text });
  }

  get checkInForm(): Locator {
    return this.root.getByRole('form', { name: 'New check-in' });
  }

  /** Adds a check-in through the form (value only for key results and KPIs). */
  /**
   * Fills and adds a check-in. `blocker`: ticks "I am blocked", or on an item already blocked leaves
   * "Still blocked" ticked (as the form opens); `clearBlocker`: unticks "Still blocked"; `newReason`:
   * ticks "My note is a new reason" (on an item already blocked).
   */
  async addCheckIn(input: { value?: string; confidence?: number; status?: string; note?: string; blocker?: boolean; clearBlocker?: boolean; newReason?: boolean }): Promise<void> {
    const form = this.checkInForm;
    if (input.value !== undefined) await form.getByLabel(/^New value/).fill(input.value);
    if (input.confidence !== undefined) await form.getByLabel(/^Confidence/).fill(String(input.confidence));
    if (input.status) await form.getByLabel('Status').selectOption({ label: input.status });
    if (input.note) await form.getByLabel('Note', { exact: true }).fill(input.note);
    if (input.blocker) {
      const still = form.getByRole('checkbox', { name: 'Still blocked' });
      if (await still.count() > 0) await expect(still).toBeChecked();
      else await form.getByLabel('I am blocked').check();
    }
    if (input.clearBlocker) await form.getByRole('checkbox', { name: 'Still blocked' }).uncheck();
    if (input.newReason) await form.getByRole('checkbox', { name: 'My note is a new reason' }).check();
    await form.getByRole('button', { name: 'Add check-in' }).click();
  }

  get history(): Locator {
    return this.root.getByRole('list', { name: 'Check-in history' }).getByRole('listitem');
  }

  get chart(): Locator {
    return this.root.getByRole('img', { name: /^Check-in chart/ });
  }

  async expectProgress(text: string): Promise<void> {
    await expect(this.progress).toHaveText(text);
  }
}
