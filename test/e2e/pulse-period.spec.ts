// review46b F6: at the offsite that closes 2026-Q4 and plans 2027-Q1, the pulse had no period choice: in January its
// "N of M key results" counted last quarter's key results beside this quarter's, and its blocked list held Q4's
// leftovers. The pulse now offers the outline's period filter (the same choice, the same state), every card answers
// for it and says so, and work with no period of its own counts in its key result's period.
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import * as Y from 'yjs';
import { ROOT_ID, openPlan } from '../../shared/model/index.js';
import { AppShell } from './pages/app-shell.js';
import { PulsePage } from './pages/pulse-page.js';
import { expectAccessible } from './support/axe.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { storePlanInBrowser } from './support/stored-plan.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

const KEY_RESULTS = 'Are key results progressing as expected?';
const BLOCKED = 'Are teams blocked somewhere?';
const INITIATIVES = 'Are initiatives moving forward?';

/** Q4's objective with two key results and a blocked lease under its open initiative; Q1's with one key result and a blocked contract; Ben has both tasks. */
function offsitePlan(): Y.Doc {
  const doc = new Y.Doc();
  let id = 0;
  let time = Date.parse('2026-10-01T09:00:00Z');
  const plan = openPlan(doc, { now: () => time, newId: () => `p${++id}`, actor: 'ada' }, { name: 'Leadership offsite' });
  const ben = plan.addPerson({ name: 'Ben Weber' });
  const q4 = plan.addPeriod({ name: '2026-Q4', start: '2026-10-01', end: '2026-12-31' });
  const q1 = plan.addPeriod({ name: '2027-Q1', start: '2027-01-01', end: '2027-03-31' });
  const strategy = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow in Europe' });
  const winDach = plan.createNode({ kind: 'objective', parent: strategy, title: 'Win DACH', period: q4 });
  const revenue = plan.createNode({ kind: 'key_result', parent: winDach, title: 'Revenue from DACH', start: 0, target: 100, direction: 'increase' });
  plan.createNode({ kind: 'key_result', parent: winDach, title: 'New DACH logos', start: 0, target: 10, direction: 'increase' });
  const office = plan.createNode({ kind: 'initiative', parent: revenue, title: 'Open a Munich office', status: 'active' });
  const lease = plan.createNode({ kind: 'task', parent: office, title: 'Sign the lease', assignee: ben });
  plan.updateNode(lease, { status: 'blocked', blockedReason: 'Landlord silent' });
  time = Date.parse('2027-01-05T09:00:00Z');
  const ownDach = plan.createNode({ kind: 'objective', parent: strategy, title: 'Own DACH', period: q1 });
  const partners = plan.createNode({ kind: 'key_result', parent: ownDach, title: 'DACH partners signed', start: 0, target: 20, direction: 'increase' });
  const programme = plan.createNode({ kind: 'initiative', parent: partners, title: 'Partner programme', status: 'active' });
  const contract = plan.createNode({ kind: 'task', parent: programme, title: 'Partner contract', assignee: ben });
  plan.updateNode(contract, { status: 'blocked', blockedReason: 'Legal review' });
  return doc;
}

async function openOffsite(page: Page, context: BrowserContext, id: string, view: string): Promise<{ shell: AppShell; errors: string[] }> {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await context.clock.install({ time: Date.parse('2027-01-20T09:00:00Z') });
  const shell = new AppShell(page);
  await shell.open(server.url);
  await storePlanInBrowser(page, { id, name: 'Leadership offsite', update: Y.encodeStateAsUpdate(offsitePlan()) });
  await page.goto(`${server.url}#/plan/${id}/${view}`);
  return { shell, errors };
}

test('at the Q1 offsite, choosing 2027-Q1 makes every pulse card count Q1\'s work only, the choice shared with the outline', async ({ page, context }) => {
  test.setTimeout(120_000);
  const { shell, errors } = await openOffsite(page, context, 'PulsePeriod1', 'pulse');
  const pulse = new PulsePage(page);

  // Nothing chosen: every period, as before.
  const period = page.getByRole('combobox', { name: 'Filter by period' });
  await expect(period).toHaveValue('');
  await expect(pulse.card(KEY_RESULTS)).toHaveText(/expected\?\s*\d+ of 3/);
  await expect(pulse.card(BLOCKED)).toHaveText(/somewhere\?\s*2\s*blocked items/);

  // 2027-Q1: Q1's one key result, its initiative and blocked task; Q4's are not counted.
  await period.selectOption({ label: '2027-Q1' });
  await expect(pulse.card(KEY_RESULTS)).toHaveText(/expected\?\s*\d+ of 1(?!\d)/);
  await expect(pulse.card(INITIATIVES)).toHaveText(/forward\?\s*1 of 1(?!\d)/);
  await expect(pulse.card(BLOCKED)).toHaveText(/somewhere\?\s*1\s*blocked item(?!s)/);
  for (const question of [KEY_RESULTS, INITIATIVES, BLOCKED]) await expect(pulse.card(question)).toContainText('In 2027-Q1');
  const evidence = await pulse.open(BLOCKED);
  await expect(evidence.getByRole('heading', { level: 3 })).toContainText('— 1 item in 2027-Q1');
  await expect(pulse.entry(BLOCKED, 'Partner contract')).toHaveCount(1);
  await expect(pulse.entry(BLOCKED, 'Sign the lease')).toHaveCount(0);
  await pulse.open(INITIATIVES);
  await expect(pulse.entry(INITIATIVES, 'Partner programme')).toHaveCount(1);
  await expect(pulse.entry(INITIATIVES, 'Open a Munich office')).toHaveCount(0);
  await expectAccessible(page, 'the pulse for 2027-Q1');
  await page.screenshot({ path: test.info().outputPath('pulse-period.png') });

  // One choice: the outline is filtered by 2027-Q1 too, and "Any period" there brings the pulse back to every period.
  await shell.goTo('Outline');
  const outlinePeriod = page.getByRole('combobox', { name: 'Filter by period' });
  await expect(outlinePeriod).toHaveValue(await outlinePeriod.getByRole('option', { name: '2027-Q1' }).getAttribute('value') ?? '');
  await outlinePeriod.selectOption({ label: 'Any period' });
  await shell.goTo('Execution pulse');
  await expect(pulse.card(KEY_RESULTS)).toHaveText(/expected\?\s*\d+ of 3/);
  await expect(pulse.card(KEY_RESULTS)).not.toContainText('In 2027-Q1');
  expect(errors).toEqual([]);
});

test('My work answers for the chosen period too, and counts what of the person\'s lies outside it', async ({ page, context }) => {
  test.setTimeout(120_000);
  const { shell, errors } = await openOffsite(page, context, 'PulsePeriod2', 'outline');
  await shell.setIdentity('Ben Weber', { person: 'Ben Weber' });
  await shell.goTo('My work');
  const tasks = page.getByRole('region', { name: 'My tasks' });
  const blockers = page.getByRole('region', { name: 'My blockers' });
  await expect(tasks.getByRole('listitem')).toHaveCount(2);
  await expect(blockers.getByRole('listitem')).toHaveCount(2);

  await page.getByRole('combobox', { name: 'Filter by period' }).selectOption({ label: '2027-Q1' });
  await expect(tasks.getByRole('listitem')).toHaveCount(1);
  await expect(tasks.getByRole('button', { name: 'Partner contract' })).toBeVisible();
  await expect(blockers.getByRole('listitem')).toHaveCount(1);
  await expect(blockers.getByRole('button', { name: 'Partner contract' })).toBeVisible();
  await expect(page.getByText('2 more entries of yours outside this period: choose “Any period” to see them.')).toBeVisible();
  await expectAccessible(page, 'My work for 2027-Q1');
  await page.screenshot({ path: test.info().outputPath('my-work-period.png') });

  // The same choice as the pulse's.
  await shell.goTo('Execution pulse');
  await expect(page.getByRole('combobox', { name: 'Filter by period' })).toHaveValue(await page.getByRole('combobox', { name: 'Filter by period' }).getByRole('option', { name: '2027-Q1' }).getAttribute('value') ?? '');
  expect(errors).toEqual([]);
});
