import type { Locator, Page } from '@playwright/test';

/** Page object for the execution pulse. */
export class PulsePage {
  constructor(readonly page: Page) {}

  card(question: string): Locator {
    return this.page.getByRole('list', { name: 'Pulse questions' }).getByRole('listitem').filter({ hasText: question });
  }

  async open(question: string): Promise<Locator> {
    await this.card(question).getByRole('button').click();
    return this.evidence(question);
  }

  evidence(question: string): Locator {
    return this.page.getByRole('region', { name: `Evidence: ${question}` });
  }

  /** One evidence entry by its node title. */
  entry(question: string, title: string): Locator {
    return this.evidence(question).getByRole('listitem').filter({ has: this.page.getByRole('button', { name: title, exact: true }) });
  }
}
