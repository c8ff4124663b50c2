import type { Locator, Page } from '@playwright/test';

/** Page object for people, teams and periods. */
export class PeoplePage {
  constructor(readonly page: Page) {}

  get people(): Locator {
    return this.page.getByRole('region', { name: 'People' });
  }

  get teams(): Locator {
    return this.page.getByRole('region', { name: 'Teams' });
  }

  get periods(): Locator {
    return this.page.getByRole('region', { name: 'Periods' });
  }

  async addPerson(name: string): Promise<void> {
    await this.people.getByLabel("New person's name").fill(name);
    await this.people.getByRole('button', { name: 'Add person' }).click();
  }

  async addTeam(name: string): Promise<void> {
    await this.teams.getByLabel("New team's name").fill(name);
    await this.teams.getByRole('button', { name: 'Add team' }).click();
  }

  async addPeriod(name: string, start: string, end: string): Promise<void> {
    await this.periods.getByLabel("New period's name").fill(name);
    await this.periods.getByLabel('Starts', { exact: true }).fill(start);
    await this.periods.getByLabel('Ends', { exact: true }).fill(end);
    await this.periods.getByRole('button', { name: 'Add period' }).click();
  }
}
