// Issue #18's company in the outline: 2,000 teams in a hierarchy and 10,000 people. The owner and team
// filters and the detail panel's owner, assignee and team fields each held every person or team as an
// option on every render: 12,000 options with the outline open, another 10,000–12,000 for each node
// selected (seconds per click on a loaded machine). Then each held its chosen option until reached;
// now each is a picker searched as one types (DirectoryPicker), which lists fifty at most and none at
// rest. The same for "You in this plan" in the who-are-you dialog.
import { expect, test, type Page } from '@playwright/test';
import * as Y from 'yjs';
import { COMPANY_DIRECTORY, generatePlan } from '../../shared/model/fixtures/generate-plan.js';
import { PlanIndex, type NodeView } from '../../shared/model/index.js';
import { AppShell } from './pages/app-shell.js';
import { DetailPanel } from './pages/detail-panel.js';
import { OutlinePage } from './pages/outline-page.js';
import { expectAccessible } from './support/axe.js';
import { pickFromDirectory } from './support/choose-option.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { storePlanInBrowser } from './support/stored-plan.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

/** A few thousand nodes of work in the company's directory, and what the test picks from it. */
function companyPlan() {
  const doc = new Y.Doc();
  const generated = generatePlan(doc, { nodes: 3_000, checkIns: 6_000, ...COMPANY_DIRECTORY, seed: 11 });
  const index = new PlanIndex(doc, { now: generated.now });
  const nodes = [...index.walk()].map((id) => index.node(id)!);
  const teamName = (id: string | undefined) => index.teams().find((team) => team.id === id)!.name;
  const personName = (id: string | undefined) => index.people().find((person) => person.id === id)!.name;
  // A key result of a department under "Team 1" (Teams 9–16 sit under it): Team 1's work by inheritance.
  const departments = new Set(generated.teams.slice(8, 16));
  const keyResult = nodes.find((node): node is NodeView => node.kind === 'key_result' && departments.has(node.fields.team ?? ''))!;
  const task = nodes.find((node) => node.kind === 'task' && node.fields.status === 'todo')!;
  return {
    update: Y.encodeStateAsUpdate(doc),
    keyResult: { title: keyResult.title, owner: personName(keyResult.fields.owner), team: teamName(keyResult.fields.team) },
    task: { title: task.title, assignee: personName(task.fields.assignee) },
  };
}

/** The options of every open picker's popup (the period and health filters' native options aside). */
const pickerOptions = (page: Page) => page.locator('[role="option"]');

test('a 10,000-person company: filters and the detail panel search people and teams when reached, listing none at rest', async ({ page }) => {
  test.setTimeout(300_000);
  const plan = companyPlan();
  const shell = new AppShell(page);
  const outline = new OutlinePage(page);
  const detail = new DetailPanel(page);
  await shell.open(server.url);
  await storePlanInBrowser(page, { id: 'CompanyPickers1', name: 'Company plan', update: plan.update });
  await page.goto(`${server.url}#/plan/CompanyPickers1`);
  await expect(outline.rows.first()).toBeVisible({ timeout: 120_000 });

  // The key result, found by title and selected: its owner and team shown, no directory listed.
  await outline.find(plan.keyResult.title);
  await outline.select('key result', plan.keyResult.title);
  await expect(detail.field('Owner')).toHaveValue(plan.keyResult.owner);
  await expect(detail.field('Team')).toHaveValue(plan.keyResult.team);
  await expect(pickerOptions(page)).toHaveCount(0);

  // Opened, a filter lists "Any owner" and fifty people, and counts the rest, without the toolbar moving.
  const ownerFilter = page.getByLabel('Filter by owner');
  const short = await ownerFilter.boundingBox();
  await ownerFilter.click();
  await expect(pickerOptions(page)).toHaveCount(51);
  await expect(page.getByText('9,950 more — keep typing')).toBeVisible();
  expect(await ownerFilter.boundingBox()).toEqual(short);
  await page.keyboard.press('Escape');
  await expect(pickerOptions(page)).toHaveCount(0);

  // Filtering by its division, two levels up: the key result is Team 1's work.
  await outline.filter('team', 'Team 1');
  const teamFilter = page.getByLabel('Filter by team');
  await expect(teamFilter).toHaveValue('Team 1');
  await expect(outline.row('key result', plan.keyResult.title)).toBeVisible();
  await expect(outline.row('key result', plan.keyResult.title)).not.toHaveClass(/context/);
  await outline.filter('owner', plan.keyResult.owner);
  await expect(outline.row('key result', plan.keyResult.title)).toBeVisible();
  // Left: the filters keep their choice and list no one.
  await outline.row('key result', plan.keyResult.title).click();
  await expect(teamFilter).toHaveValue('Team 1');
  await expect(page.getByLabel('Filter by owner')).toHaveValue(plan.keyResult.owner);
  await expect(pickerOptions(page)).toHaveCount(0);
  await page.screenshot({ path: 'docs/screenshots/company-directory-pickers.png' });
  await expectAccessible(page, 'the outline of a 10,000-person company, filtered by a division and an owner');
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(teamFilter).toHaveValue('');

  // The key result moves to another person, found among all 10,000 by name.
  await detail.selectField('Owner', 'Person 4321');
  await expect(detail.field('Owner')).toHaveValue('Person 4321');
  await expect(pickerOptions(page)).toHaveCount(0);

  // A task is given to the same person, who then says who they are and finds it in My work.
  await outline.find(plan.task.title);
  await outline.select('task', plan.task.title);
  await expect(detail.field('Assignee')).toHaveValue(plan.task.assignee);
  await pickFromDirectory(detail.field('Assignee'), 'Person 4321', { typed: '4321' });
  await expect(detail.field('Assignee')).toHaveValue('Person 4321');
  await expect(pickerOptions(page)).toHaveCount(0);

  await page.getByRole('button', { name: /Who are you\?|You are .*: change/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Who are you?' });
  // Before the picker is reached, no one is listed.
  await expect(dialog.getByLabel('You in this plan')).toHaveValue('');
  await expect(pickerOptions(page)).toHaveCount(0);
  await expectAccessible(page, 'who-are-you in a 10,000-person company', { include: 'dialog.dialog' });
  // Escape in the open picker closes the picker, not the dialog.
  await dialog.getByLabel('You in this plan').fill('Person 43');
  await expect(pickerOptions(page).first()).toBeVisible();
  await expectAccessible(page, 'who-are-you with its people picker open', { include: 'dialog.dialog' });
  await page.keyboard.press('Escape');
  await expect(dialog).toBeVisible();
  await expect(pickerOptions(page)).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await shell.setIdentity('Ada', { person: 'Person 4321' });
  await shell.goTo('My work');
  await expect(page.getByRole('heading', { name: 'My work — Person 4321' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'My tasks' }).getByRole('button', { name: plan.task.title, exact: true })).toBeVisible();
  await expectAccessible(page, 'My work of one of 10,000 people');

  // Reloaded: both changes were kept.
  await page.reload();
  await shell.goTo('Outline');
  await outline.find(plan.task.title);
  await outline.select('task', plan.task.title);
  await expect(detail.field('Assignee')).toHaveValue('Person 4321');
});
