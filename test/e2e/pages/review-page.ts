import { expect, type Locator, type Page } from '@playwright/test';

/** Page object for the review view: review points, the diff, the timeline and the as-of banner. */
export class ReviewPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Review' }).click();
    await expect(this.page.getByRole('heading', { name: 'Review', level: 2 })).toBeVisible();
  }

  async createReviewPoint(name: string): Promise<void> {
    await this.page.getByLabel('Name this moment').fill(name);
    await this.page.getByRole('button', { name: 'Create review point' }).click();
    await expect(this.point(name)).toBeVisible();
  }

  point(name: string): Locator {
    return this.page.getByRole('listitem', { name, exact: true });
  }

  /** The changes listed under a strategy. */
  group(strategy: string): Locator {
    return this.page.getByRole('region', { name: `Strategy: ${strategy}` });
  }

  /** One listed change, by the node's title and (part of) its description. */
  change(title: string, description: string | RegExp, kind?: string): Locator {
    return this.page.locator(kind ? `.review-change[data-change-kind="${kind}"]` : '.review-change').filter({ has: this.page.getByRole('button', { name: title, exact: true }) }).filter({ hasText: description });
  }

  get asOfBanner(): Locator {
    return this.page.getByRole('region', { name: 'Plan as it was' });
  }

  async backToNow(): Promise<void> {
    await this.asOfBanner.getByRole('button', { name: 'Back to now' }).click();
    await expect(this.asOfBanner).toBeHidden();
  }
}
