// Real-style spreadsheets, one per layout teams use, imported into a plan and read back as an outline.
import { describe, expect, it } from 'vitest';
import { applyImport, buildImportPreview, detectMapping, readSpreadsheet, type ImportMapping, type SheetTable } from '../../../shared/files/index.js';
import { ROOT_ID } from '../../../shared/model/index.js';
import { newPlan, T0 } from '../model/support.js';
import { fixtureBytes, outlineLines } from './support/plan-outline.js';
import { TYPED_ROWS_WORKBOOK, xlsxBytes } from './support/xlsx-writer.js';

async function table(file: string): Promise<SheetTable> {
  const read = await readSpreadsheet(file, fixtureBytes(file));
  if (!read.ok) throw new Error(read.problem.message);
  return read.table;
}

const fixtures: { file: string; layout: ImportMapping['layout']; lines: string[]; warnings: [number, string][]; notes?: string[] }[] = [
  {
    file: 'okrs-repeated-objective.csv',
    layout: 'objective-rows',
    lines: [
      "strategy: Imported",
      "  objective: Win the mid-market | period Q3 2025 2025-07-01..2025-09-30",
      "    key_result: Grow mid-market ARR | owner Dana Reyes <dana.reyes@northwind.example> | period Q3 2025 2025-07-01..2025-09-30 | start 800000 | target 1200000 | unit $ | check-in value 950000 confidence 7",
      "    key_result: Lift trial-to-paid conversion | owner Dana Reyes <dana.reyes@northwind.example> | period Q3 2025 2025-07-01..2025-09-30 | start 12 | target 45 | unit % | check-in value 20 confidence 6",
      "    key_result: Sign 1,200 new accounts | owner Sam Okafor <sam@northwind.example> | period Q3 2025 2025-07-01..2025-09-30 | start 0 | target 1200 | check-in value 310 confidence 8",
      "  objective: Make support effortless | period Q3 2025 2025-07-01..2025-09-30",
      "    key_result: Cut median first response time (minutes) | owner Priya Shah | period Q3 2025 2025-07-01..2025-09-30 | direction decrease | start 90 | target 15 | check-in value 60 confidence 5",
      "    key_result: Raise CSAT | owner Priya Shah | period Q3 2025 2025-07-01..2025-09-30 | start 4.1 | target 4.6 | check-in value 4.3 confidence 6",
    ],
    warnings: [[6, "start 90 is above target 15: read as a decreasing key result"], [8, "total row skipped"]],
  },
  {
    file: 'okrs-blank-continuation-semicolon.csv',
    layout: 'objective-rows',
    lines: [
      "strategy: Imported",
      "  objective: Ship a faster checkout | team Platform | period Q3 2025 2025-07-01..2025-09-30",
      "    key_result: p95 checkout latency | owner Lena <lena@acme.example> | team Platform | period Q3 2025 2025-07-01..2025-09-30 | direction decrease | start 1200.5 | target 800 | unit ms | check-in value 950.25",
      "    key_result: Checkout error rate | owner Lena <lena@acme.example> | period Q3 2025 2025-07-01..2025-09-30 | direction decrease | start 2.5 | target 0.5 | unit % | check-in value 1.75",
      "  objective: Open the German market | team Growth | period Q3 2025 2025-07-01..2025-09-30",
      "    key_result: Signed German customers | owner Jonas Weber | team Growth | period Q3 2025 2025-07-01..2025-09-30 | start 0 | target 40 | check-in value 12",
      "    key_result: Localised onboarding pages | owner Jonas Weber | period Q3 2025 2025-07-01..2025-09-30 | start 0 | target 12 | unit pages | check-in value 12",
    ],
    warnings: [[2, "start 1200.5 is above target 800: read as a decreasing key result"], [3, "start 2.5 is above target 0.5: read as a decreasing key result"], [8, "total row skipped"]],
  },
  {
    file: 'plan-outline-numbers.csv',
    layout: 'outline',
    lines: [
      "strategy: Grow in Europe | owner Marta Silva",
      "  objective: Become the default tool for Iberian SMEs | owner Marta Silva",
      "    key_result: Paying SMEs in Spain and Portugal | owner Marta Silva | start 150 | target 600 | check-in value 240 confidence 8",
      "      initiative: Portuguese and Spanish billing | owner Rui Costa | dueDate 2025-09-30 | status active",
      "        task: Add IVA invoice template | owner Rui Costa | blockedSince 1803902400000 | dueDate 2025-10-15 | status blocked",
      "        task: Translate dunning e-mails | owner Ana Ruiz | doneAt 1803902400000 | dueDate 2025-03-04 | status done",
      "    key_result: Churn of Iberian SMEs (monthly %) | owner Marta Silva | direction decrease | start 4.5 | target 2 | check-in value 3.8 confidence 6",
      "  objective: Partner with local accountants | owner Rui Costa",
      "    key_result: Accounting partners signed | owner Rui Costa | start 0 | target 25 | check-in value 7",
    ],
    // 03/04/2025 reads as 4 March without a warning: 09/30/2025 and 10/15/2025 settle the file's order (month first).
    warnings: [[8, "start 4.5 is above target 2: read as a decreasing key result"]],
  },
  {
    file: 'plan-parent-ids.csv',
    layout: 'parent-id',
    lines: [
      "strategy: Operational excellence",
      "  objective: Zero unplanned downtime | owner Kim <kim@ops.example> | team SRE",
      "    key_result: Uptime of the API (%) | owner Kim <kim@ops.example> | team SRE | target 99.95 | check-in value 99.9",
      "    key_result: Incidents per month | owner Kim <kim@ops.example> | team SRE | target 2 | check-in value 5",
      "      initiative: Chaos testing in staging | owner Lee <lee@ops.example> | team SRE | dueDate 2025-11-30",
      "        task: Write the first game-day runbook | owner Lee <lee@ops.example> | team SRE | dueDate 2025-10-15",
      "        task: Automate failover drills | owner Lee <lee@ops.example> | team SRE | dueDate 2025-10-31",
    ],
    // The sheet has no Start column: its key results' progress cannot be measured (review41 item 2), said once
    // for the sheet with their rows (leftovers42), not on each row.
    warnings: [[8, "no type: read as task from its parent"]],
    notes: ['The sheet has no Start column: 2 key results have a target and no start (rows 4 and 5), so their progress cannot be measured until a start is set; none is assumed.'],
  },
  {
    file: 'okrs-typed-rows.xlsx',
    layout: 'typed-rows',
    lines: [
      "strategy: Imported",
      "  objective: Delight enterprise customers | owner Dana Reyes | team Customer Success",
      "    key_result: Net revenue retention | owner Dana Reyes | team Customer Success | start 1.02 | target 1.15 | check-in value 1.06",
      "      initiative: Quarterly business reviews for top 50 accounts | owner Sam <sam@northwind.example> | team Customer Success | dueDate 2025-12-15",
      "        task: Build the QBR deck template | owner Sam <sam@northwind.example> | team Customer Success | dueDate 2025-10-31",
      "    key_result: Enterprise tickets reopened | owner Priya Shah | team Support | direction decrease | start 18 | target 5 | check-in value 11",
      "  objective: Make onboarding self-serve | owner Lena Novak | team Product",
      "    key_result: Accounts live within 7 days | owner Lena Novak | team Product | start 35 | target 80 | unit % | check-in value 52",
    ],
    warnings: [[8, "start 18 is above target 5: read as a decreasing key result"], [12, "total row skipped"]],
  },
];

/**
 * The CSV sheets above as LibreOffice Calc 7.4 saves them as .xlsx (`soffice --headless --infilter=CSV:44,34,76,1
 * --convert-to xlsx`, en-US), as Excel does too: `12%` becomes a percent-formatted 0.12, `1.1` a number,
 * `09/30/2025` a date, and a confidence typed `7/10` the date 10 July of the year it was typed. Each must
 * import as its CSV does, the dates read back as scores with a warning.
 */
const savedByLibreOffice: { from: string; file: string; warnings: [number, string][] }[] = [
  {
    from: 'okrs-repeated-objective.csv',
    file: 'okrs-repeated-objective-libreoffice.xlsx',
    warnings: [[2, 'column H "Confidence": the date 2026-07-10 read as 7/10 (a spreadsheet turns a typed "7/10" into a date)'], [6, 'start 90 is above target 15: read as a decreasing key result'], [8, 'total row skipped']],
  },
  {
    from: 'plan-outline-numbers.csv',
    file: 'plan-outline-numbers-libreoffice.xlsx',
    warnings: [
      [4, 'column J "Confidence": the date 2026-08-10 read as 8/10 (a spreadsheet turns a typed "8/10" into a date)'],
      [8, 'start 4.5 is above target 2: read as a decreasing key result; column J "Confidence": the date 2026-06-10 read as 6/10 (a spreadsheet turns a typed "6/10" into a date)'],
    ],
  },
];
for (const saved of savedByLibreOffice) {
  const csv = fixtures.find((fixture) => fixture.file === saved.from)!;
  fixtures.push({ file: saved.file, layout: csv.layout, lines: csv.lines, warnings: saved.warnings });
}

describe('importing real-style spreadsheets', () => {
  for (const fixture of fixtures) {
    it(`${fixture.file}: detects the ${fixture.layout} layout and imports the expected tree`, async () => {
      const sheet = await table(fixture.file);
      const mapping = detectMapping(sheet);
      expect(mapping.layout).toBe(fixture.layout);
      const preview = buildImportPreview(sheet, mapping, { strategyTitle: 'Imported' });
      expect(preview.problems).toEqual([]);
      expect(preview.rows.filter((row) => row.warnings.length > 0).map((row) => [row.row, row.warnings.join('; ')])).toEqual(fixture.warnings);
      expect(preview.columnNotes).toEqual(fixture.notes ?? []);
      const { plan } = newPlan();
      const result = applyImport(plan, preview, { now: T0 });
      expect(result.ok).toBe(true);
      expect(outlineLines(plan, T0)).toEqual(fixture.lines);
    });
  }

  it('the committed .xlsx fixture is a real workbook, byte for byte what the generator writes', () => {
    expect(Buffer.from(fixtureBytes('okrs-typed-rows.xlsx')).equals(Buffer.from(xlsxBytes(TYPED_ROWS_WORKBOOK)))).toBe(true);
  });

  it('a corrected mapping changes how the file is read: day-first dates, a column the detector did not know', async () => {
    const sheet = await table('plan-outline-numbers.csv');
    const detected = detectMapping(sheet);
    expect(detected.dateOrder).toBe('mdy'); // 09/30/2025 and 10/15/2025 settle it
    const dayFirst = buildImportPreview(sheet, { ...detected, dateOrder: 'dmy' }, { strategyTitle: 'Imported' });
    const task = [...dayFirst.nodes.values()].find((node) => node.title === 'Translate dunning e-mails')!;
    expect(task.fields.dueDate).toBe('2025-04-03');
    expect(task.warnings.join()).toMatch(/could be day\/month or month\/day; read as 2025-04-03 \(day first\)/);
    // 09/30/2025 cannot be day-first: it stays 30 September whatever the user picks.
    expect([...dayFirst.nodes.values()].find((node) => node.title === 'Portuguese and Spanish billing')!.fields.dueDate).toBe('2025-09-30');

    const renamed: SheetTable = { ...sheet, rows: sheet.rows.map((row, index) => (index === 0 ? row.map((cell) => (cell === 'Owner' ? 'Lead person' : cell)) : row)) };
    const guess = detectMapping(renamed);
    expect(guess.columns[3]).toBeNull();
    const withOwner = buildImportPreview(renamed, { ...guess, columns: guess.columns.map((role, column) => (column === 3 ? 'owner' : role)) }, { strategyTitle: 'Imported' });
    expect([...withOwner.nodes.values()].find((node) => node.title === 'Grow in Europe')!.fields.owner).toEqual({ name: 'Marta Silva', email: null });
  });

  it('matches owners to the plan\'s people by name or e-mail, reuses teams and periods, and can go under an existing strategy', async () => {
    const { plan } = newPlan();
    const dana = plan.addPerson({ name: 'dana reyes' });
    const sam = plan.addPerson({ name: 'Samuel Okafor', email: 'SAM@northwind.example' });
    const period = plan.addPeriod({ name: '2025-Q3', start: '2025-07-01', end: '2025-09-30' });
    const strategy = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow' });
    const sheet = await table('okrs-repeated-objective.csv');
    const preview = buildImportPreview(sheet, detectMapping(sheet), { strategyTitle: 'unused' });
    const result = applyImport(plan, preview, { now: T0, intoStrategy: strategy });
    expect(result).toMatchObject({ ok: true, created: { nodes: 7, people: 1, periods: 0 } });
    plan.index.refresh(T0);
    const owners = new Set([...plan.index.walk()].map((id) => plan.index.node(id)?.fields.owner).filter(Boolean));
    expect(owners).toEqual(new Set([dana, sam, plan.index.people().find((person) => person.name === 'Priya Shah')!.id]));
    expect(plan.index.people().find((person) => person.id === dana)!.email).toBe('dana.reyes@northwind.example');
    expect(plan.index.children(ROOT_ID)).toEqual([strategy]);
    expect(plan.index.children(strategy).map((id) => plan.index.node(id)!.fields.period)).toEqual([period, period]);
  });
});
