// A German team's plan as German Excel saves it as "CSV UTF-8": a byte-order mark, semicolons, CRLF,
// a description with a line break inside quotes, "45 %", "1.234.567", empty rows at the end, and due
// dates written 01.03.2027. Every dotted date carried "could be day/month or month/day" on its row
// when no day past the 12th settled the order, although no convention writes month.day.year: the
// rows worth a look were lost among them. Dotted dates are day first; the preview is clean and the
// plan gets exactly what the sheet says.
import { expect, test } from '@playwright/test';
import { AppShell } from './pages/app-shell.js';
import { DetailPanel } from './pages/detail-panel.js';
import { LibraryPage } from './pages/library-page.js';
import { OutlinePage } from './pages/outline-page.js';
import { expectAccessible } from './support/axe.js';
import { startSyncServer, type RunningProcess } from './support/server.js';

let server: RunningProcess & { dataDir: string };
test.beforeAll(async () => { server = await startSyncServer(); });
test.afterAll(async () => { await server.stop(); });

function germanExcelCsv(): Buffer {
  const lines = [
    'Typ;Titel;Beschreibung;Startwert;Zielwert;Aktuell;Fälligkeit',
    'Ziel;Wachstum in DACH;"Warum:\nder Vorstand will es";;;;',
    'Schlüsselergebnis;Umsatz DACH;;1.000;1.234.567;;',
    'Schlüsselergebnis;Marktanteil;;10 %;45 %;"12,5 %";',
    'Initiative;Büro München eröffnen;;;;;01.03.2027',
    'Aufgabe;Mietvertrag prüfen;;;;;05.02.2027',
    ';;;;;;',
    ';;;;;;',
  ];
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8')]);
}

test('a German Excel CSV: dotted dates are day first without a warning, numbers and percentages as written, the plan gets them', async ({ page }) => {
  await new AppShell(page).open(server.url);
  await new LibraryPage(page).createPlan('DACH-Plan');
  await page.getByRole('button', { name: 'File', exact: true }).click();
  await page.getByRole('button', { name: 'Import from spreadsheet…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import from a spreadsheet' });
  await dialog.getByLabel('Spreadsheet (CSV or Excel .xlsx)').setInputFiles({ name: 'okr-dach.csv', mimeType: 'text/csv', buffer: germanExcelCsv() });
  await expect(dialog.getByRole('status').filter({ hasText: 'items from' })).toHaveText('6 items from okr-dach.csv');
  await expect(dialog.getByRole('list', { name: /^Warnings for row/ })).toHaveCount(0);
  await expectAccessible(page, 'import dialog of a German Excel CSV');
  await dialog.getByRole('button', { name: /^Import 6 items/ }).click();
  await expect(dialog).toBeHidden();

  const outline = new OutlinePage(page);
  const details = new DetailPanel(page);
  await outline.select('initiative', 'Büro München eröffnen');
  await expect(details.field('Due date')).toHaveValue('2027-03-01');
  await outline.select('task', 'Mietvertrag prüfen');
  await expect(details.field('Due date')).toHaveValue('2027-02-05');
  await outline.select('key result', 'Umsatz DACH');
  await expect(details.field('Start value')).toHaveValue('1000');
  await expect(details.field('Target value')).toHaveValue('1234567');
  await outline.select('objective', 'Wachstum in DACH');
  await expect(details.field('Description')).toHaveValue('Warum:\nder Vorstand will es');
});
