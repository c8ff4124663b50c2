// leftovers45b: "what changed since last Monday 09:00" without a review point taken then. The Review view's
// Since/until pickers offer the timeline's days and any date and time (read in the plan's zone), refuse a time
// in the future or before the plan's history with a message at the field, and the view, its Markdown and the
// pack agree with the days and points beside them, in a browser in Los Angeles (the week clocks go back an hour)
// and in Kolkata (+05:30). A check-in at 23:50 on Sunday is Sunday's. While looking back at a point, the CSV and
// the Markdown outline hold the plan shown and say so (they exported today's plan).
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { DetailPanel } from './pages/detail-panel.js';
import { LibraryPage } from './pages/library-page.js';
import { OutlinePage } from './pages/outline-page.js';
import { ReviewPage } from './pages/review-page.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { seriousViolations } from './support/axe.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

/** Each zone's wall clock as UTC instants, written out by hand (not by the code under test). */
const ZONES = [
  {
    zone: 'America/Los_Angeles', abbreviation: /PST/,
    // Fri 30 Oct 10:00 PDT (UTC−7); then PST (UTC−8) from Sun 1 Nov 02:00.
    friday: '2026-10-30T17:00:00Z', sundayLate: '2026-11-02T07:50:00Z', monday0830: '2026-11-02T16:30:00Z',
    monday0845: '2026-11-02T16:45:00Z', monday0930: '2026-11-02T17:30:00Z', tuesday: '2026-11-03T20:00:00Z',
  },
  {
    zone: 'Asia/Kolkata', abbreviation: /GMT\+5:30/,
    friday: '2026-10-30T04:30:00Z', sundayLate: '2026-11-01T18:20:00Z', monday0830: '2026-11-02T03:00:00Z',
    monday0845: '2026-11-02T03:15:00Z', monday0930: '2026-11-02T04:00:00Z', tuesday: '2026-11-03T06:30:00Z',
  },
] as const;

for (const when of ZONES) {
  test.describe(`a browser in ${when.zone}`, () => {
    test.use({ timezoneId: when.zone, locale: 'en-US' });

    test('the review since any date and time; exports while looking back hold the plan shown', async ({ page, context }) => {
      test.setTimeout(240_000);
      await context.addInitScript(() => window.localStorage.setItem('throughline:automation', '1'));
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      const at = (time: string) => context.clock.setFixedTime(new Date(time));
      const shell = new AppShell(page);
      const outline = new OutlinePage(page);
      const detail = new DetailPanel(page);
      const review = new ReviewPage(page);
      const kr = 'Sign 5 LATAM customers';

      // Friday 10:00: the sample plan (in this browser's zone), the review point "Week 44".
      await at(when.friday);
      await shell.open(server.url);
      await new LibraryPage(page).openSample();
      await review.open();
      await review.createReviewPoint('Week 44');
      await shell.goTo('Outline');
      await outline.find('LATAM');
      await outline.select('key result', kr);
      // Sunday 23:50 (after the clocks went back in Los Angeles): a check-in, Sunday's in the plan's days.
      await at(when.sundayLate);
      await detail.addCheckIn({ value: '1', note: 'late Sunday' });
      await expect(detail.history).toHaveCount(1);
      // Monday 08:30 the target to 6, 08:45 a check-in, 09:30 the target to 8 and another check-in.
      await at(when.monday0830);
      await detail.setField('Target value', '6');
      await at(when.monday0845);
      await detail.addCheckIn({ value: '2', note: 'before nine' });
      await expect(detail.history).toHaveCount(2);
      await at(when.monday0930);
      await detail.setField('Target value', '8');
      await detail.addCheckIn({ value: '3', note: 'after nine' });
      await expect(detail.history).toHaveCount(3);

      // Tuesday noon: the review.
      await at(when.tuesday);
      await review.open();
      const since = page.getByLabel('Since', { exact: true });
      // The pickers offer the timeline's days, named as the timeline names them: Sunday's late check-in made Sunday's mark.
      const days = await since.locator('optgroup[label="Days"] option').allTextContents();
      expect(days).toEqual(['Nov 2, 2026', 'Nov 1, 2026', 'Oct 30, 2026']);
      // The sample's baseline ("Mid-quarter review", three weeks back) is picked first; then Week 44, then a date.
      await since.selectOption({ label: 'Week 44' });
      await since.selectOption({ label: 'A date and time…' });
      const sinceField = page.getByLabel(/^Since date and time/);
      // Named with the plan's zone (Chromium may call Kolkata by its older name, Calcutta).
      await expect(sinceField).toHaveAccessibleName(new RegExp(`^Since date and time \\((${when.zone}|Asia/Calcutta)\\)$`));
      // It starts from the moment picked before (Week 44), in the plan's wall clock.
      await expect(sinceField).toHaveValue('2026-10-30T10:00');

      // Refused with a word at the field: a time in the future, a time before the plan's history.
      await sinceField.fill('2026-11-04T09:00');
      await expect(page.locator('#review-from-date-problem')).toContainText('is in the future');
      await expect(sinceField).toHaveAttribute('aria-invalid', 'true');
      await sinceField.fill('2026-10-01T09:00');
      await expect(page.locator('#review-from-date-problem')).toContainText('before this plan’s history begins (Oct 30, 2026, 10:00 AM)');

      // Since Monday 09:00: read from Monday's mark (08:30, before the first edit), said so; the 08:45 check-in
      // was before nine and is not counted, the late Sunday one neither.
      await sinceField.fill('2026-11-02T09:00');
      await expect(page.locator('#review-from-date-problem')).toHaveCount(0);
      await expect(page.locator('.review-read-from')).toContainText('“Since” Nov 2, 2026, 09:00 AM is read from the plan as recorded at Nov 2, 2026, 08:30 AM (the day mark of Nov 2, 2026)');
      await expect(review.change(kr, '1 check-in recorded', 'check-ins')).toBeVisible();
      await expect(review.change(kr, 'target 5 → 8', 'field')).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: `test-results/review-since-a-date-${when.zone.replace('/', '-')}.png` });

      // The Markdown says the same, the time with its zone named.
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Export Markdown', exact: true }).click();
      const markdown = readFileSync(await (await download).path(), 'utf8');
      expect(markdown).toMatch(new RegExp(`^## Changes since Nov 2, 2026, 09:00 AM ${when.abbreviation.source} until now`));
      expect(markdown).toContain('as recorded at Nov 2, 2026, 08:30 AM');
      expect(markdown).toContain('1 check-in recorded');

      // Midnight: since Monday 00:00 counts the 08:45 check-in, not Sunday 23:50's; since the day "Nov 1" counts it.
      await sinceField.fill('2026-11-02T00:00');
      await expect(review.change(kr, '2 check-ins recorded', 'check-ins')).toBeVisible();
      await since.selectOption({ label: 'Nov 1, 2026' });
      await expect(review.change(kr, '3 check-ins recorded', 'check-ins')).toBeVisible();
      await expect(page.locator('.review-read-from')).toHaveCount(0);
      // A day until a date: until Monday 09:00 (read from Monday's 08:30 mark): Sunday's check-in only, and said so.
      await page.getByLabel('until', { exact: true }).selectOption({ label: 'A date and time…' });
      await page.getByLabel(/^until date and time/).fill('2026-11-02T09:00');
      await expect(review.change(kr, '1 check-in recorded', 'check-ins')).toBeVisible();
      await expect(page.locator('.review-read-from')).toContainText('“until” Nov 2, 2026, 09:00 AM is read from the plan as recorded at Nov 2, 2026, 08:30 AM');
      await page.getByLabel(/^until date and time/).fill('2026-11-01T12:00');
      await expect(page.locator('#review-to-date-problem')).toContainText('must be later than “Since”');
      // A date and time on both sides (the until picker keeps its date): since Monday 09:00 until 10:00 is read from
      // Monday's 08:30 mark on both sides, nothing recorded between, and said so (no record after 08:30 until now).
      await since.selectOption({ label: 'A date and time…' });
      await expect(page.getByLabel('until', { exact: true })).toHaveValue('date');
      await sinceField.fill('2026-11-02T09:00');
      await page.getByLabel(/^until date and time/).fill('2026-11-02T10:00');
      await expect(page.locator('#review-to-date-problem')).toHaveCount(0);
      await expect(page.locator('.review-read-from')).toContainText('“Since” Nov 2, 2026, 09:00 AM is read from the plan as recorded at Nov 2, 2026, 08:30 AM');
      await expect(page.locator('.review-read-from')).toContainText('“until” Nov 2, 2026, 10:00 AM is read from the plan as recorded at Nov 2, 2026, 08:30 AM');
      await expect(page.getByText('Nothing changed.')).toBeVisible();

      // Looking back at Week 44: the CSV and the Markdown outline hold the plan shown (target 5, no check-ins) and say so.
      await review.point('Week 44').getByRole('button', { name: 'Show plan as of this' }).click();
      await expect(review.asOfBanner).toContainText('Week 44');
      const csvFile = await exported(page, 'Export CSV (opens in spreadsheets)');
      expect(csvFile.name).toBe('Sample-Northwind-2027-as-of-Week-44.csv');
      const krLine = csvFile.text.split('\r\n').find((line) => line.includes(kr))!;
      expect(krLine).toContain(',5,');
      expect(krLine).not.toContain(',8,');
      const outlineFile = await exported(page, 'Export Markdown outline');
      expect(outlineFile.name).toBe('Sample-Northwind-2027-as-of-Week-44.md');
      expect(outlineFile.text).toContain('_As of “Week 44” (Oct 30, 2026, 10:00 AM');
      expect(outlineFile.text).toContain(`${kr.replace(/\./g, '\\.')} (0 → 5 customers)`);
      // The pack as of Week 44 is dated the point's day, as the list and the timeline date it.
      await page.evaluate(() => { window.print = () => {}; });
      await page.getByRole('button', { name: 'File', exact: true }).click();
      await page.getByRole('button', { name: 'Print review pack (PDF)…' }).click();
      await expect(page.locator('#print-root .subtitle')).toContainText('as of “Week 44”, Oct 30, 2026 ·');
      await page.pdf();
      await expect(page.locator('#print-root')).toHaveCount(0);
      await review.backToNow();
      // Today the exports are today's, named as before.
      expect((await exported(page, 'Export CSV (opens in spreadsheets)')).name).toBe('Sample-Northwind-2027.csv');
      expect(errors).toEqual([]);
    });
  });
}

/** File ▸ `item`: the downloaded file's suggested name and text. */
async function exported(page: Page, item: string): Promise<{ name: string; text: string }> {
  await page.getByRole('button', { name: 'File', exact: true }).click();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: item }).click();
  const file = await download;
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
}
