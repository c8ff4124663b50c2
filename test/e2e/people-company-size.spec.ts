// The People & teams page of a 10,000-person company with 2,000 teams in a hierarchy (issue #18's
// company). Each person's row had a select of every team: 20 million options, and the page never came.
// Now people are found by name, a hundred at a time; a row's team picker fills when it is reached; the
// teams show in their hierarchy everywhere a team is picked; and a parent loop two people made at once
// (each valid where it was written) leaves both teams on the list, where either can be moved out of it.
import { expect, test, type Locator } from '@playwright/test';
import * as Y from 'yjs';
import { generatePlan } from '../../shared/model/fixtures/generate-plan.js';
import { planTypes } from '../../shared/model/index.js';
import { AppShell } from './pages/app-shell.js';
import { expectAccessible } from './support/axe.js';
import { chooseOption } from './support/choose-option.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { storePlanInBrowser } from './support/stored-plan.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

/** 2,000 teams: 40 divisions of 49 teams each, "Team 1" the first division; two more in a loop. */
function companyPlan(): { update: Uint8Array; person: string } {
  const doc = new Y.Doc();
  const generated = generatePlan(doc, { nodes: 2_000, checkIns: 0, teams: 2_000, people: 10_000, seed: 7 });
  const types = planTypes(doc);
  doc.transact(() => {
    generated.teams.forEach((id, i) => { if (i % 50 !== 0) types.teams.get(id)!.set('parent', generated.teams[i - (i % 50)]!); });
    // What two laptops write apart: Loop A under Loop B on one, Loop B under Loop A on the other.
    const loop = ['LoopTeamA0000001', 'LoopTeamB0000001'];
    loop.forEach((id, i) => {
      const team = new Y.Map<unknown>();
      types.teams.set(id, team);
      team.set('name', `Loop ${'AB'[i]}`);
      team.set('parent', loop[1 - i]!);
    });
  });
  const person = types.people.get(generated.people[4_320]!)!.get('name') as string;
  return { update: Y.encodeStateAsUpdate(doc), person };
}

test('a 10,000-person company: people found by name a hundred at a time, teams in their hierarchy, a parent loop kept on the list', async ({ page }) => {
  test.setTimeout(180_000);
  const { update, person } = companyPlan();
  const shell = new AppShell(page);
  await shell.open(server.url);
  await storePlanInBrowser(page, { id: 'CompanyPeople01', name: 'Company directory', update });
  await page.goto(`${server.url}#/plan/CompanyPeople01/people`);

  const people = page.getByRole('region', { name: 'People' });
  await expect(people.getByRole('heading', { name: 'People (10000)' })).toBeVisible({ timeout: 60_000 });
  await expect(people.getByRole('row')).toHaveCount(101);
  await expect(people.getByRole('status')).toHaveText('Showing 100 of 10,000 people.');
  // A row's team picker holds its team alone until it is reached: a few per row and one full list
  // (the new team's parent), where every row's full list would be 4 million.
  expect(await page.locator('option').count()).toBeLessThan(10_000);
  await people.getByRole('button', { name: 'Show 100 more' }).click();
  await expect(people.getByRole('row')).toHaveCount(201);

  // Found by name ("Person 4321", one of 10,000), whose team is moved to a sub-team picked as it is shown.
  await people.getByRole('searchbox', { name: 'Find a person' }).fill(person);
  await expect(people.getByRole('textbox', { name: `Name of ${person}`, exact: true })).toBeVisible();
  await expect(people.getByRole('row')).toHaveCount(2);
  const teamPicker = people.getByRole('combobox', { name: `Team of ${person}`, exact: true });
  // Opened: "—", then fifty of the 2,002 teams in their hierarchy, each with its path; the rest counted.
  await teamPicker.click();
  const teamsListed = page.getByRole('listbox', { name: 'Teams' }).getByRole('option');
  await expect(teamsListed).toHaveCount(51);
  await expect(page.getByText('1,952 more — keep typing')).toBeVisible();
  const pathsOf = (options: Locator) => options.evaluateAll((items) => items.map((item) => item.querySelector('.directory-picker-note')?.textContent ?? ''));
  // "—", the person's team first, then the hierarchy: Team 2 sits under Team 1.
  await expect(teamsListed.nth(1)).toHaveClass(/current/);
  expect((await pathsOf(teamsListed)).slice(2, 5)).toEqual(['Team 1', 'Team 1 › Team 2', 'Team 1 › Team 3']);
  // The loop, which has no top, is entered at Loop A.
  await teamPicker.fill('loop');
  expect(await pathsOf(teamsListed)).toEqual(['Loop A', 'Loop A › Loop B']);
  await teamPicker.press('Escape');
  await chooseOption(teamPicker, 'Team 2');
  await expect(teamPicker).toHaveValue('Team 2');
  await people.getByRole('searchbox', { name: 'Find a person' }).fill('nobody-is-called-this');
  await expect(people.getByRole('status')).toHaveText('Nobody’s name or email contains “nobody-is-called-this”.');

  // The teams: 2,002 of them, the loop's two included, each movable out of it.
  const teams = page.getByRole('region', { name: 'Teams' });
  await expect(teams.getByRole('heading', { name: 'Teams (2002)' })).toBeVisible();
  await expect(teams.getByRole('listitem')).toHaveCount(2_002);
  for (const name of ['Loop A', 'Loop B']) await expect(teams.getByText(name, { exact: true })).toHaveCount(1);
  const loopB = teams.getByRole('combobox', { name: 'Parent team of Loop B' });
  await expect(loopB).toHaveValue('under Loop A');
  // Every team but itself (Loop A, below it in the loop, only as the parent it has now).
  await loopB.click();
  await loopB.fill('loop');
  const loopOffers = page.getByRole('listbox', { name: 'Teams' }).getByRole('option');
  expect(await pathsOf(loopOffers)).toEqual(['Loop A']);
  await loopB.press('Escape');
  await chooseOption(loopB, 'Top level');
  await expect(teams.getByRole('combobox', { name: 'Parent team of Loop A' })).toHaveValue('under Loop B');
  // A team's own sub-teams are not offered as its parent (the plan would refuse the loop).
  const team1 = teams.getByRole('combobox', { name: 'Parent team of Team 1', exact: true });
  await team1.click();
  await team1.fill('team 51');
  await expect(page.getByRole('listbox', { name: 'Teams' }).getByRole('option').first()).toHaveAccessibleName(/^Team 51\b/);
  await team1.fill('team 2');
  const team1Offers = page.getByRole('listbox', { name: 'Teams' }).getByRole('option');
  await expect(team1Offers.first()).toBeVisible();
  expect(await team1Offers.evaluateAll((items) => items.map((item) => item.querySelector('.directory-picker-name')?.textContent))).not.toContain('Team 2');
  await team1.press('Escape');

  await page.screenshot({ path: 'docs/screenshots/people-company-size.png' });
  // The People region: its find box, paging and pickers (the whole page's 2,002 team rows took axe 30 s;
  // their rows are the small plan's, audited in people-teams specs).
  await expectAccessible(page, 'People of a 10,000-person company', { include: '[aria-label="People"]' });

  // The outline's team filter lists them in the same hierarchy, each with its path.
  await shell.goTo('Outline');
  const filter = page.getByLabel('Filter by team');
  await filter.click();
  const filterShown = page.getByRole('listbox', { name: 'Teams' }).getByRole('option');
  await expect(filterShown).toHaveCount(51);
  const firstShown = await filterShown.evaluateAll((options) => options.slice(0, 5).map((option) =>
    [...option.querySelectorAll('bdi')].map((part) => part.textContent).join(' | ')));
  expect(firstShown).toEqual(['Any team', 'Loop B | Loop B', 'Loop A | Loop B › Loop A', 'Team 1 | Team 1', 'Team 2 | Team 1 › Team 2']);
});
