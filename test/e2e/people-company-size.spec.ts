// The People & teams page of a 10,000-person company with 2,000 teams in a hierarchy (issue #18's
// company). Each person's row had a select of every team: 20 million options, and the page never came.
// Now people are found by name, a hundred at a time; a row's team picker fills when it is reached; the
// teams show in their hierarchy everywhere a team is picked; and a parent loop two people made at once
// (each valid where it was written) leaves both teams on the list, where either can be moved out of it.
import { expect, test } from '@playwright/test';
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
  await teamPicker.focus();
  await expect(teamPicker.locator('option')).toHaveCount(2_003);
  // Team 2 sits under Team 1, indented; the loop, which has no top, comes last, entered at Loop A.
  const shown = await teamPicker.locator('option').evaluateAll((options) => [...options.slice(1, 4), ...options.slice(-2)].map((option) => option.textContent));
  expect(shown).toEqual(['Team 1', '\u00a0\u00a0\u00a0Team 2', '\u00a0\u00a0\u00a0Team 3', 'Loop A', '\u00a0\u00a0\u00a0Loop B']);
  await chooseOption(teamPicker, 'Team 2');
  await expect(teamPicker.locator('option:checked')).toHaveText('Team 2');
  await people.getByRole('searchbox', { name: 'Find a person' }).fill('nobody-is-called-this');
  await expect(people.getByRole('status')).toHaveText('Nobody’s name or email contains “nobody-is-called-this”.');

  // The teams: 2,002 of them, the loop's two included, each movable out of it.
  const teams = page.getByRole('region', { name: 'Teams' });
  await expect(teams.getByRole('heading', { name: 'Teams (2002)' })).toBeVisible();
  await expect(teams.getByRole('listitem')).toHaveCount(2_002);
  for (const name of ['Loop A', 'Loop B']) await expect(teams.getByText(name, { exact: true })).toHaveCount(1);
  const loopB = teams.getByRole('combobox', { name: 'Parent team of Loop B' });
  await loopB.focus();
  // Every team but itself (Loop A, below it in the loop, only as the parent it has now).
  await expect(loopB.locator('option')).toHaveCount(2_002);
  await expect(loopB.locator('option:checked')).toHaveText('under Loop A');
  const offered = await loopB.locator('option').evaluateAll((options) => options.map((option) => (option.textContent ?? '').trim()));
  expect(offered).toContain('under Team 1');
  expect(offered).not.toContain('under Loop B');
  await chooseOption(loopB, 'Top level');
  await expect(teams.getByRole('combobox', { name: 'Parent team of Loop A' }).locator('option:checked')).toHaveText('under Loop B');
  // A team's own sub-teams are not offered as its parent (the plan would refuse the loop).
  const team1 = teams.getByRole('combobox', { name: 'Parent team of Team 1', exact: true });
  await team1.focus();
  const team1Offers = await team1.locator('option').evaluateAll((options) => options.map((option) => (option.textContent ?? '').trim()));
  expect(team1Offers).toContain('under Team 51');
  expect(team1Offers).not.toContain('under Team 2');

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
