import { expect, type Locator, type Page } from '@playwright/test';

/** Page object for the outline editor (keyboard-first, virtualised tree). */
export class OutlinePage {
  constructor(readonly page: Page) {}

  get tree(): Locator {
    return this.page.getByRole('tree', { name: 'Plan outline' });
  }

  /** The row of a node by its accessible name, "<kind>: <title>". */
  row(kind: string, title: string): Locator {
    return this.page.getByRole('treeitem', { name: `${kind}: ${title}`, exact: true });
  }

  get rows(): Locator {
    return this.page.getByRole('treeitem');
  }

  get selectedRow(): Locator {
    return this.page.locator('[role="treeitem"][aria-selected="true"]');
  }

  /** The inline title editor of the row being renamed. */
  get titleEditor(): Locator {
    return this.tree.getByRole('textbox', { name: 'Title' });
  }

  async focus(): Promise<void> {
    await this.tree.focus();
  }

  async press(keys: string): Promise<void> {
    await this.page.keyboard.press(keys);
  }

  /** Types a title into the inline editor (which the previous command opened). */
  async typeTitle(title: string): Promise<void> {
    await expect(this.titleEditor).toBeFocused();
    await this.page.keyboard.type(title);
  }

  async select(kind: string, title: string): Promise<void> {
    await this.row(kind, title).click();
  }

  async filter(label: 'owner' | 'team' | 'period' | 'health', option: string): Promise<void> {
    await this.page.getByLabel(`Filter by ${label}`).selectOption({ label: option });
  }

  async find(text: string): Promise<void> {
    await this.page.getByLabel('Find by title').fill(text);
  }
}
