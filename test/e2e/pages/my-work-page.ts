import type { Locator, Page } from '@playwright/test';

/** Page object for "My work". */
export class MyWorkPage {
  constructor(readonly page: Page) {}

  section(name: 'Check-ins due' | 'My tasks' | 'My blockers'): Locator {
    return this.page.getByRole('region', { name });
  }

  item(section: 'Check-ins due' | 'My tasks' | 'My blockers', title: string): Locator {
    return this.section(section).getByRole('listitem').filter({ has: this.page.getByRole('button', { name: title, exact: true }) });
  }
}
