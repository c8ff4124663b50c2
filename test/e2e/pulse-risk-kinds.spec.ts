// The risk card on a company's plan (fix41b). Its origins were one flat list (86, or 4,240 on a 10,000-node
// plan), and a leader could not see what kind of risk it was; now they are grouped by kind of risk with counts,
// and a press lists one kind. Its "Show all" rendered every origin in one task (~2.4 s on the 10,000-node plan,
// the page frozen: docs/benchmarks.md, fix41b); now it adds a page per task, and "Show 200 more" takes the
// keyboard to the first row it added. Timing is measured in bench/pulse.bench.ts, not here.
import { expect, test } from '@playwright/test';
import * as Y from 'yjs';
import { generatePlan } from '../../shared/model/fixtures/generate-plan.js';
import { AppShell } from './pages/app-shell.js';
import { PulsePage } from './pages/pulse-page.js';
import { expectAccessible } from './support/axe.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { storePlanInBrowser } from './support/stored-plan.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

const question = 'Where do risks begin?';

test('the risk card groups its origins by kind of risk with counts; Show more and Show all answer a page at a time, the keyboard kept', async ({ page, context }) => {
  test.setTimeout(180_000);
  const doc = new Y.Doc();
  const generated = generatePlan(doc, { nodes: 2_000, seed: 2_000 });
  // The plan's today as generated: its signals depend on the day.
  await context.clock.install({ time: generated.now });
  const shell = new AppShell(page);
  await shell.open(server.url);
  await storePlanInBrowser(page, { id: 'PulseRiskKinds1', name: 'Company pulse', update: Y.encodeStateAsUpdate(doc) });
  await page.goto(`${server.url}#/plan/PulseRiskKinds1/pulse`);
  const pulse = new PulsePage(page);
  const evidence = await pulse.open(question);
  const heading = evidence.getByRole('heading', { level: 3 });
  await expect(heading).toContainText(/— [\d,]+ items/, { timeout: 60_000 });
  const total = Number(/— ([\d,]+) items/.exec((await heading.textContent()) ?? '')![1]!.replace(/,/g, ''));
  expect(total).toBeGreaterThan(400);

  // The kinds of risk, with counts that add up to the card's figure.
  const kinds = evidence.getByRole('group', { name: 'Kinds of risk' });
  const all = kinds.getByRole('button', { name: `All kinds ${total.toLocaleString('en-US')}` });
  await expect(all).toHaveAttribute('aria-pressed', 'true');
  const labels = (await kinds.getByRole('button').allTextContents()).slice(1);
  const counts = labels.map((label) => Number(/([\d,]+)$/.exec(label)![1]!.replace(/,/g, '')));
  expect(labels.length).toBeGreaterThan(2);
  expect(counts.reduce((sum, count) => sum + count, 0)).toBe(total);
  expect(labels.some((label) => label.startsWith('Blocked work'))).toBe(true);
  // The first page is listed group by group under headings naming the kind and its count.
  const firstKind = labels[0]!.replace(/ [\d,]+$/, '');
  await expect(evidence.getByRole('heading', { level: 4 }).first()).toHaveText(`${firstKind} — ${counts[0]!.toLocaleString('en-US')} items`);
  const rows = evidence.locator('li.evidence');
  await expect(rows).toHaveCount(200);
  await expect(evidence.getByText(`Showing 200 of ${total.toLocaleString('en-US')}.`)).toBeVisible();
  await expectAccessible(page, 'the pulse with the risk card grouped by kind of risk');
  await page.screenshot({ path: test.info().outputPath('risk-kinds.png') });

  // Show 200 more, by keyboard: the focus goes on to the first row it added.
  await evidence.getByRole('button', { name: 'Show 200 more' }).focus();
  await page.keyboard.press('Enter');
  await expect(rows).toHaveCount(400);
  await expect(evidence.locator('[data-evidence-index="200"] button')).toBeFocused();
  await expect(evidence.getByRole('status')).toHaveText(`Showing 400 of ${total.toLocaleString('en-US')}.`);

  // Show all: every origin comes, the rest a page per task, and the count then says so.
  await evidence.getByRole('button', { name: 'Show all' }).click();
  await expect(rows).toHaveCount(total, { timeout: 60_000 });
  await expect(evidence.locator('[data-evidence-index="400"] button')).toBeFocused();
  await expect(evidence.getByRole('button', { name: 'Show all' })).toHaveCount(0);
  await expect(evidence.getByRole('status')).toHaveText(`Showing ${total.toLocaleString('en-US')} of ${total.toLocaleString('en-US')}.`);

  // One kind listed alone: blocked work, its heading and count; pressed again, every kind.
  const blocked = kinds.getByRole('button', { name: /^Blocked work / });
  const blockedCount = counts[labels.findIndex((label) => label.startsWith('Blocked work'))]!;
  await blocked.click();
  await expect(blocked).toHaveAttribute('aria-pressed', 'true');
  await expect(all).toHaveAttribute('aria-pressed', 'false');
  await expect(rows).toHaveCount(Math.min(200, blockedCount));
  await expect(evidence.getByRole('heading', { level: 4 })).toHaveText([`Blocked work — ${blockedCount.toLocaleString('en-US')} items`]);
  await expect(evidence.getByRole('list', { name: 'Blocked work' }).getByRole('listitem').first()).toContainText(/blocked/i);
  await expectAccessible(page, 'the risk card listing blocked work alone');
  await page.screenshot({ path: test.info().outputPath('risk-kind-blocked.png') });
  await blocked.click();
  await expect(all).toHaveAttribute('aria-pressed', 'true');
  await expect(rows).toHaveCount(200);
});
