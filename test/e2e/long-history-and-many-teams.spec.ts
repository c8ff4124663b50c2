// review40c, as a large company uses the app (fix40f):
// F1/F2: a key result with a long check-in history. "Show all" froze the page for 11.7 s and typing in the
//   note redrew every history row (one Intl.DateTimeFormat built per row) and every chart mark. The history
//   is paged with its counts shown, its rows and chart are drawn once, and typing formats no row again.
// F5: Find typed in one plan filtered the next plan opened ("111 of 10,000 items match").
// F6: "Are teams blocked somewhere?" named every team inline; now three and "and N more", all on request.
import { expect, test, type Page } from '@playwright/test';
import * as Y from 'yjs';
import { generatePlan } from '../../shared/model/fixtures/generate-plan.js';
import { encodeCheckIn } from '../../shared/model/checkins.js';
import { planTypes } from '../../shared/model/doc.js';
import { PlanIndex } from '../../shared/model/index.js';
import { AppShell } from './pages/app-shell.js';
import { LibraryPage } from './pages/library-page.js';
import { OutlinePage } from './pages/outline-page.js';
import { PulsePage } from './pages/pulse-page.js';
import { expectAccessible } from './support/axe.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { storePlanInBrowser } from './support/stored-plan.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

const extra = 600;

/** A company plan: 60 teams with work in them, and one key result with 600 more check-ins over a year. */
function companyPlan() {
  const doc = new Y.Doc();
  const now = Date.UTC(2026, 11, 7, 4);
  const generated = generatePlan(doc, { nodes: 1_500, checkIns: 3_000, teams: 60, people: 300, teamFanOut: 8, seed: 40, now });
  const keyResult = generated.ids.key_result[0]!;
  const types = planTypes(doc);
  const entries: unknown[] = [];
  for (let k = 0; k < extra; k++) {
    const at = now - 365 * 86_400_000 + Math.floor(k * (365 * 86_400_000 / extra));
    entries.push(encodeCheckIn({ id: `long${k}`, nodeId: keyResult, at, by: generated.people[k % 20]!, value: 10 + k / 10, confidence: 3 + (k % 8), status: null, blocker: false, note: k % 3 === 0 ? `History note ${k}` : '' }));
  }
  doc.transact(() => types.checkins.push(entries));
  const index = new PlanIndex(doc, { now: generated.now });
  return { update: Y.encodeStateAsUpdate(doc), keyResult: index.title(keyResult), checkIns: index.checkIns(keyResult).length };
}

/** Counts the dates and times the page formats (the runtime's formatter, wrapped before the app loads). */
async function countFormats(page: Page): Promise<void> {
  await page.addInitScript(() => {
    // `format` is a getter (it hands out the formatter's bound function): each date formatted reads it once.
    const read = Object.getOwnPropertyDescriptor(Intl.DateTimeFormat.prototype, 'format')!.get!;
    const counted = window as unknown as { formats: number };
    counted.formats = 0;
    Object.defineProperty(Intl.DateTimeFormat.prototype, 'format', { configurable: true, get(this: Intl.DateTimeFormat) { counted.formats++; return read.call(this) as unknown; } });
  });
}
const formats = (page: Page) => page.evaluate(() => (window as unknown as { formats: number }).formats);

test('a long check-in history: paged with its count, and typing a note draws none of its rows again', async ({ page }) => {
  test.setTimeout(300_000);
  const plan = companyPlan();
  await countFormats(page);
  const shell = new AppShell(page);
  const outline = new OutlinePage(page);
  await shell.open(server.url);
  await storePlanInBrowser(page, { id: 'LongHistory1', name: 'Company plan', update: plan.update });
  await page.goto(`${server.url}#/plan/LongHistory1`);
  await expect(outline.rows.first()).toBeVisible({ timeout: 120_000 });
  await outline.find(plan.keyResult);
  await outline.select('key result', plan.keyResult);

  const section = page.getByRole('region', { name: 'Check-ins' });
  const history = section.getByRole('list', { name: 'Check-in history' });
  await expect(section.getByRole('heading', { name: `Check-ins (${plan.checkIns})` })).toBeVisible();
  await expect(history.getByRole('listitem')).toHaveCount(5);
  await expect(section.getByText(`Showing 5 of ${plan.checkIns.toLocaleString('en-US')}.`)).toBeVisible();
  // The chart draws the whole series as a few paths, not one dot and one bar per check-in.
  await expect(section.locator('svg.checkin-chart circle, svg.checkin-chart rect')).toHaveCount(0);
  await expect(section.locator('svg.checkin-chart path.value-dot').first()).toBeVisible();

  await section.getByRole('button', { name: 'Show 200 more' }).click();
  await expect(history.getByRole('listitem')).toHaveCount(205);
  await section.getByRole('button', { name: `Show all ${plan.checkIns.toLocaleString('en-US')}` }).click();
  await expect(history.getByRole('listitem')).toHaveCount(plan.checkIns);
  await expect(section.getByText(/^Showing/)).toBeHidden();

  // Typing three letters into the note: no history row and no chart tick is formatted again (old code: every
  // row at every keystroke, 3 × 600+ dates and a new formatter for each).
  const note = section.getByRole('textbox', { name: 'Note' });
  await note.click();
  const before = await formats(page);
  await note.pressSequentially('abc');
  await expect(note).toHaveValue('abc');
  expect(await formats(page) - before).toBeLessThan(50);

  await expectAccessible(page, 'a key result with its whole long check-in history shown');
  await section.getByRole('heading', { name: /^Check-ins/ }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'docs/screenshots/long-check-in-history.png' });
  await section.getByRole('button', { name: 'Show fewer' }).click();
  await expect(history.getByRole('listitem')).toHaveCount(5);
});

test('Find typed in one plan does not filter the next plan opened', async ({ page }) => {
  test.setTimeout(300_000);
  const plan = companyPlan();
  const shell = new AppShell(page);
  const outline = new OutlinePage(page);
  await shell.open(server.url);
  await storePlanInBrowser(page, { id: 'FindCarry1', name: 'Company plan', update: plan.update });
  await page.goto(`${server.url}#/plan/FindCarry1`);
  await expect(outline.rows.first()).toBeVisible({ timeout: 120_000 });
  await outline.find('Key result 1');
  await expect(page.getByText(/items? match/)).toBeVisible();

  await page.getByRole('link', { name: 'All plans' }).click();
  await new LibraryPage(page).openSample();
  // Old code: the sample opened with "Key result 1" in Find and only its matches shown.
  await expect(page.getByLabel('Find by title')).toHaveValue('');
  await expect(page.getByText(/items? match/)).toBeHidden();
  await expectAccessible(page, 'another plan opened after a Find');
  await page.screenshot({ path: 'docs/screenshots/find-reset-other-plan.png' });
});

test('the blocked card names three teams and counts the rest; every team is a click away', async ({ page }) => {
  test.setTimeout(300_000);
  const plan = companyPlan();
  const shell = new AppShell(page);
  const outline = new OutlinePage(page);
  await shell.open(server.url);
  await storePlanInBrowser(page, { id: 'ManyTeams1', name: 'Company plan', update: plan.update });
  await page.goto(`${server.url}#/plan/ManyTeams1`);
  await expect(outline.rows.first()).toBeVisible({ timeout: 120_000 });
  await shell.goTo('Execution pulse');
  const card = page.getByRole('list', { name: 'Pulse questions' }).getByRole('listitem').filter({ hasText: 'Are teams blocked somewhere?' });
  const detail = card.locator('.pulse-detail');
  await expect(detail).toHaveText(/in \d+ teams \(Team \d+, Team \d+, Team \d+ and \d+ more\)/);
  const [, teams, more] = /in (\d+) teams \(.* and (\d+) more\)/.exec(await detail.innerText())!;
  expect(Number(more)).toBe(Number(teams) - 3);

  const evidence = await new PulsePage(page).open('Are teams blocked somewhere?');
  await evidence.getByRole('button', { name: `Show all ${teams} teams` }).click();
  const list = evidence.getByRole('list', { name: 'Teams with blocked work' });
  await expect(list.getByRole('listitem')).toHaveCount(Number(teams));
  await expectAccessible(page, 'the blocked card and every team with blocked work listed');
  await page.screenshot({ path: 'docs/screenshots/pulse-blocked-teams.png' });
  const first = list.getByRole('button').first();
  const name = await first.innerText();
  await first.click();
  await expect(page.getByLabel('Filter by team')).toHaveValue(name);
});
