// review46a F1: an override (U+202E) an older version or a stock client stored in a key result's unit went raw
// into the printed review pack and the Markdown outline, and reversed the figures after it to the line's end:
// "0 → 5 customers‮ · now 3 · 60%" printed as "0 → 5 customers%06 · 3 won". The pack and the file now name the
// override (‹RLO›) and isolate the stored text, so the figures read as the plan holds them.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { LibraryPage } from './pages/library-page.js';
import { OutlinePage } from './pages/outline-page.js';
import { DetailPanel } from './pages/detail-panel.js';
import { startSyncServer, type RunningProcess } from './support/server.js';
import { mintToken } from './support/tokens.js';
import { newUser, sharePlan } from './support/two-users.js';
import { olderClient, withStandIns } from './support/older-client.js';
import { expectAccessible } from './support/axe.js';
import { closeContexts } from './support/close-contexts.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

const folder = mkdtempSync(path.join(tmpdir(), 'review-pack-overrides-'));

test('a unit an older client stored with an override: the printed pack and the Markdown outline keep the figures in order', async ({ browser }) => {
  test.setTimeout(180_000);
  const token = mintToken(server.dataDir, 'review-pack-overrides', 'editor');
  const ada = await newUser(browser, 'Ada');
  await ada.shell.open(server.url);
  await new LibraryPage(ada.page).openSample();
  const link = await sharePlan(ada, server.url, token, 'review-pack-overrides');
  const older = await olderClient(link);
  try {
    older.write((plan) => {
      const keyResult = [...plan.index.walk()].find((id) => plan.index.title(id) === 'Sign 5 LATAM customers')!;
      plan.updateNode(keyResult, { unit: withStandIns('customers\u202e') });
    });
    await ada.shell.expectSyncStatus('Synced');
    const outline = new OutlinePage(ada.page);
    await outline.find('LATAM');
    await outline.select('key result', 'Sign 5 LATAM customers');
    await new DetailPanel(ada.page).addCheckIn({ value: '3', note: 'two more signed' });

    // File ▸ Print review pack: browser mode prints the page (the dialog stubbed; the PDF printed as Chromium's "Save as PDF").
    await ada.page.evaluate(() => { window.print = () => {}; });
    await ada.page.getByRole('button', { name: 'File' }).click();
    await ada.page.getByRole('button', { name: 'Print review pack (PDF)…' }).click();
    await expect(ada.page.locator('#print-root')).toHaveCount(1);
    const pdfPath = path.join(folder, 'pack.pdf');
    writeFileSync(pdfPath, await ada.page.pdf({ format: 'A4', preferCSSPageSize: true }));
    const pages = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' }).split('\f').map((text) => text.replace(/\s+/g, ' '));
    const page = pages.findIndex((text) => text.includes('0 → 5 customers‹RLO› · now 3 · 60%')) + 1;
    expect(page, pages.join('\n')).toBeGreaterThan(0);
    // The page to look at: test-results/review-pack-overrides-N.png.
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', String(page), '-l', String(page), pdfPath, 'test-results/review-pack-overrides']);
    await expect(ada.page.locator('#print-root')).toHaveCount(0);

    // File ▸ Export Markdown outline: the line reads the same, the override named.
    await ada.page.getByRole('button', { name: 'File' }).click();
    const download = ada.page.waitForEvent('download');
    await ada.page.getByRole('button', { name: 'Export Markdown outline' }).click();
    const markdown = readFileSync(await (await download).path(), 'utf8');
    expect(markdown).not.toMatch(/[\u202d\u202e]/u);
    expect(markdown).toContain('Sign 5 LATAM customers (0 → 5 customers‹RLO›, now 3) — 60%');
    await expectAccessible(ada.page, 'the plan after printing the review pack');
  } finally {
    older.close();
    await closeContexts(ada.context);
  }
});
