import { expect, test } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { DetailPanel } from './pages/detail-panel.js';
import { LibraryPage } from './pages/library-page.js';
import { MyWorkPage } from './pages/my-work-page.js';
import { OutlinePage } from './pages/outline-page.js';
import { PeoplePage } from './pages/people-page.js';
import { PulsePage } from './pages/pulse-page.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { typeCascade } from './support/outline-steps.js';
import { expectAccessible } from './support/axe.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

test('the plan library creates, renames, duplicates and deletes plans', async ({ page }) => {
  const shell = new AppShell(page);
  const library = new LibraryPage(page);
  await shell.open(server.url);
  await expect(page.getByText('No plans yet')).toBeVisible();
  await library.createPlan('Q3 plan');
  // A plan with no items has no health to claim: the pulse and the plan's summary say so, not "On track".
  const overall = page.locator('.pulse-overall');
  await shell.goTo('Execution pulse');
  await expect(overall.locator('.health-chip')).toHaveText('No items yet');
  await expect(overall).toContainText('— overall progress');
  await page.screenshot({ path: 'docs/screenshots/pulse-empty-plan.png' });
  await expectAccessible(page, 'the pulse of a plan with no items');
  await shell.goTo('Outline');
  await expect(page.getByRole('complementary', { name: 'Details' }).locator('.health-chip')).toHaveText('No items yet');
  // The empty outline says how to start, to the eye and as the tree's description (a tree holding that
  // paragraph was a critical axe violation: fix40b).
  const emptyTree = page.getByRole('tree', { name: 'Plan outline' });
  await expect(emptyTree).toHaveAccessibleDescription(/^This plan is empty\. Press Enter to add the first strategy/);
  await expect(page.getByText('This plan is empty.')).toBeVisible();
  await page.screenshot({ path: 'docs/screenshots/outline-empty-plan.png' });
  await expectAccessible(page, 'the outline of a plan with no items');
  const outline = new OutlinePage(page);
  await outline.focus();
  await typeCascade(outline, ['Grow in the mid-market']);
  await shell.goTo('Execution pulse');
  await expect(overall.locator('.health-chip')).toHaveText('On track');
  await page.getByRole('link', { name: 'All plans' }).click();
  await expect(library.plan('Q3 plan')).toBeVisible();

  await library.plan('Q3 plan').getByRole('button', { name: 'Rename' }).click();
  await library.plan('Q3 plan').getByLabel('Plan name').fill('Q3 operating plan');
  await page.keyboard.press('Enter');
  await expect(library.plan('Q3 operating plan')).toBeVisible();
  await library.plan('Q3 operating plan').getByRole('button', { name: 'Duplicate' }).click();
  await expect(library.plan('Q3 operating plan (copy)')).toBeVisible();
  // The rename lives in the plan itself: opening it shows the new name.
  await library.open('Q3 operating plan (copy)');
  await expect(page.getByRole('banner').getByText('Q3 operating plan (copy)')).toBeVisible();
  await page.getByRole('link', { name: 'All plans' }).click();

  await library.plan('Q3 operating plan').getByRole('button', { name: 'Delete' }).click();
  await library.plan('Q3 operating plan').getByRole('button', { name: 'Delete' }).click();
  await expect(library.plan('Q3 operating plan')).toHaveCount(0);
  await expect(library.plans).toHaveCount(1);
  await page.screenshot({ path: 'docs/screenshots/library.png' });
});

test('the sample plan: outline, details, pulse, my work and people, each screenshotted', async ({ page }) => {
  const shell = new AppShell(page);
  const outline = new OutlinePage(page);
  const detail = new DetailPanel(page);
  await shell.open(server.url);
  await new LibraryPage(page).openSample();
  await shell.setIdentity('Daniel Kim', { person: 'Daniel Kim' });
  await expect(outline.rows.first()).toHaveAttribute('aria-level', '1');
  await page.screenshot({ path: 'docs/screenshots/outline.png' });

  // Details of a key result: fields, check-in chart and history, links.
  const keyResult = page.locator('[role="treeitem"][data-kind="key_result"]').first();
  await keyResult.click();
  await expect(detail.chart).toBeVisible();
  await expect(detail.history.first()).toBeVisible();
  await detail.setField('Weight', '-2');
  await expect(detail.fieldError(/weight must be at least 0/i)).toBeVisible();
  await detail.setField('Weight', '2');
  await expect(detail.fieldError(/weight/i)).toHaveCount(0);
  await page.screenshot({ path: 'docs/screenshots/detail.png' });
  // C on a selected row opens the check-in form for it.
  await outline.focus();
  await outline.press('c');
  const quickCheckIn = page.getByRole('dialog', { name: /^Check in: / });
  await quickCheckIn.getByLabel(/^New value/).fill('8.9');
  await quickCheckIn.getByRole('button', { name: 'Add check-in' }).click();
  await expect(quickCheckIn).toBeHidden();
  await expect(detail.history.first()).toContainText('8.9');

  // Filters: by health, then by owner; a filter keeps the matches' ancestors as context.
  const total = await outline.rows.count();
  await outline.filter('health', 'Off track');
  await expect(page.locator('[role="treeitem"]:not(.context)').first()).toBeVisible();
  await outline.filter('health', 'Any health');
  await outline.filter('owner', 'Ravi Menon');
  const matched = page.locator('[role="treeitem"]:not(.context)');
  await expect(matched.first()).toBeVisible();
  expect(await outline.rows.count()).toBeLessThan(total);
  await outline.filter('team', 'Sales');
  await expect(matched.first()).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await outline.find('pricing tiers');
  await expect(outline.row('initiative', 'Mid-market pricing tiers')).toBeVisible();
  await expect(outline.row('initiative', 'Mid-market pricing tiers')).not.toHaveClass(/context/);
  await page.getByRole('button', { name: 'Clear filters' }).click();

  await shell.goTo('Execution pulse');
  const pulse = new PulsePage(page);
  for (const question of ['Are initiatives moving forward?', 'Are key results progressing as expected?', 'Are teams blocked somewhere?', 'Are priorities shifting?', 'Where do risks begin?', 'How much work serves the strategy?']) {
    await expect(pulse.card(question)).toBeVisible();
  }
  await expect(pulse.card('How much work serves the strategy?')).toContainText('%');
  const shifts = await pulse.open('Are priorities shifting?');
  await expect(shifts.getByRole('listitem').first()).toBeVisible();
  await page.screenshot({ path: 'docs/screenshots/pulse.png' });

  await shell.goTo('My work');
  const myWork = new MyWorkPage(page);
  await expect(myWork.section('My tasks').getByRole('listitem').first()).toBeVisible();
  const due = myWork.section('Check-ins due').getByRole('listitem');
  await expect(due.first()).toBeVisible();
  const dueCount = await due.count();
  await due.first().getByRole('button', { name: 'Check in' }).click();
  const dialog = page.getByRole('dialog', { name: /^Check in:/ });
  await dialog.getByLabel('Note', { exact: true }).fill('Back on track after the pricing review');
  await dialog.getByRole('button', { name: 'Add check-in' }).click();
  await expect(dialog).toBeHidden();
  await expect(due).toHaveCount(dueCount - 1);
  await page.screenshot({ path: 'docs/screenshots/my-work.png' });

  await shell.goTo('People & teams');
  const people = new PeoplePage(page);
  await people.addPerson('Grace Hopper');
  await expect(people.people.getByLabel('Name of Grace Hopper')).toBeVisible();
  await people.addTeam('Data');
  await expect(people.teams.getByText('Data', { exact: true })).toBeVisible();
  await people.addPeriod('2027-Q1', '2027-01-01', '2026-12-01');
  await expect(people.periods.getByRole('alert')).toContainText('is before its start date');
  await people.addPeriod('2027-Q1', '2027-01-01', '2027-03-31');
  await expect(people.periods.getByText('2027-Q1', { exact: true })).toBeVisible();
  await page.screenshot({ path: 'docs/screenshots/people.png' });

  // The new person can own work.
  await shell.goTo('Outline');
  await keyResult.click();
  await detail.selectField('Owner', 'Grace Hopper');
  await expect(keyResult).toContainText('Grace Hopper');
});

test('share and identity dialogs', async ({ page }) => {
  const shell = new AppShell(page);
  await shell.open(server.url);
  await new LibraryPage(page).createPlan('Dialogs');
  await page.getByRole('button', { name: 'Who are you? Set your name' }).click();
  const identity = page.getByRole('dialog', { name: 'Who are you?' });
  await identity.getByRole('button', { name: 'Save' }).click();
  await expect(identity.getByRole('alert')).toHaveText('Enter your name.');
  await identity.getByLabel('Your name').fill('Chris Lead');
  await identity.getByRole('radio', { name: 'Colour #a24bd1' }).click();
  await identity.getByLabel("Add me to this plan's people").check();
  await page.screenshot({ path: 'docs/screenshots/identity.png' });
  await identity.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('button', { name: 'You are Chris Lead: change' })).toBeVisible();

  await page.getByRole('button', { name: 'Share' }).click();
  const share = page.getByRole('dialog', { name: 'Share this plan' });
  await share.getByLabel('Join link').fill('not a link');
  await share.getByRole('button', { name: 'Connect' }).click();
  await expect(share.getByRole('alert')).toContainText('That is not a join link');
  await page.screenshot({ path: 'docs/screenshots/share.png' });
  await share.getByRole('button', { name: 'Cancel' }).click();
  await expect(share).toBeHidden();
});
