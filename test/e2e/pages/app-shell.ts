import { expect, type Page } from '@playwright/test';

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
}
