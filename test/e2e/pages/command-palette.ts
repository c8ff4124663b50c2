import { expect, type Page } from '@playwright/test';

/** Page object for the command palette (Ctrl/Cmd+K) and the keyboard help (?). */
export class CommandPalettePage {
  constructor(readonly page: Page) {}

  get dialog() {
    return this.page.getByRole('dialog', { name: 'Command palette' });
  }

  get search() {
    return this.dialog.getByRole('combobox', { name: 'Search commands' });
  }

  get options() {
    return this.dialog.getByRole('listbox', { name: 'Commands' }).getByRole('option');
  }

  option(label: string | RegExp) {
    return this.options.filter({ hasText: label });
  }

  async open(): Promise<void> {
    await this.page.keyboard.press('Control+k');
    await expect(this.dialog).toBeVisible();
    await expect(this.search).toBeFocused();
  }

  /** Searches and runs the best match with Enter. */
  async run(query: string): Promise<void> {
    await this.open();
    await this.search.fill(query);
    await this.page.keyboard.press('Enter');
    await expect(this.dialog).toBeHidden();
  }

  get help() {
    return this.page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  }

  async openHelp(): Promise<void> {
    await this.page.keyboard.press('?');
    await expect(this.help).toBeVisible();
  }
}
