import { expect, type Locator, type Page } from '@playwright/test';
import { chooseOption } from '../support/choose-option.js';

/** The visible kind tags, by the kind's name in words. */
const kindTags: Readonly<Record<string, string>> = { strategy: 'STR', objective: 'OBJ', 'key result': 'KR', KPI: 'KPI', initiative: 'INI', task: 'TSK' };

/** A row's accessible name: its visible label, the kind tag and the title ("KR Revenue from DACH"). */
export function rowName(kind: string, title: string): string {
  const tag = kindTags[kind];
  if (!tag) throw new Error(`No kind "${kind}" in the outline (one of ${Object.keys(kindTags).join(', ')}).`);
  return `${tag} ${title}`;
}

/** Page object for the outline editor (keyboard-first, virtualised tree). */
export class OutlinePage {
  constructor(readonly page: Page) {}

  get tree(): Locator {
    return this.page.getByRole('tree', { name: 'Plan outline' });
  }

  /** The row of a node by its kind ("key result") and title: its accessible name is its visible label, "KR <title>". */
  row(kind: string, title: string): Locator {
    return this.page.getByRole('treeitem', { name: rowName(kind, title), exact: true });
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
    await chooseOption(this.page.getByLabel(`Filter by ${label}`), option);
  }

  async find(text: string): Promise<void> {
    await this.page.getByLabel('Find by title').fill(text);
  }
}
