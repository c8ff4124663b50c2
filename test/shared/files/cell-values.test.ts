// How numbers, dates and periods typed into spreadsheets are read.
import { describe, expect, it } from 'vitest';
import { buildImportPreview, dateOrderEvidence, decimalEvidence, detectMapping, readCsv, readDate, readNumber, readPeriod, type DecimalMark } from '../../../shared/files/index.js';
import { exportPlanMarkdown, escapeMarkdown } from '../../../shared/files/index.js';
import { newPlan, smallCascade, T0 } from '../model/support.js';

describe('readNumber', () => {
  const cases: [string, DecimalMark, number, string | null, number | null][] = [
    ['45%', 'dot', 45, '%', null],
    ['1,200', 'dot', 1200, null, null],
    ['1.200,5', 'comma', 1200.5, null, null],
    ['1,200.5', 'dot', 1200.5, null, null],
    ['3,25', 'comma', 3.25, null, null],
    ['$1.2M', 'dot', 1_200_000, '$', null],
    ['€950k', 'dot', 950_000, '€', null],
    ['1.5 bn', 'dot', 1_500_000_000, null, null],
    ['8/10', 'dot', 8, null, 10],
    ['-12', 'dot', -12, null, null],
    ['(300)', 'dot', -300, null, null],
    ['12 500', 'dot', 12500, null, null],
    ['99.95', 'dot', 99.95, null, null],
  ];
  for (const [text, mark, value, unit, outOf] of cases) {
    it(`reads "${text}" (${mark} decimals) as ${value}`, () => {
      expect(readNumber(text, mark)).toEqual({ ok: true, value: { value, unit, outOf } });
    });
  }
  it('refuses what is not a number, saying what it read', () => {
    expect(readNumber('12abc', 'dot')).toEqual({ ok: false, problem: '"12abc" is not a number' });
    expect(readNumber('1,2,3', 'dot')).toMatchObject({ ok: false });
    expect(readNumber('n/a', 'dot')).toMatchObject({ ok: false });
  });
  it('tells the decimal mark only from values that settle it', () => {
    expect(decimalEvidence('1.200,5')).toBe('comma');
    expect(decimalEvidence('3,25')).toBe('comma');
    expect(decimalEvidence('1,200.5')).toBe('dot');
    expect(decimalEvidence('1,200')).toBeNull();
    expect(decimalEvidence('1.200')).toBeNull();
    // A thousands group never follows a bare zero: 0,500 is a half, in either file.
    expect(decimalEvidence('0,500')).toBe('comma');
    expect(decimalEvidence('0.500')).toBe('dot');
    expect(readNumber('0,500', 'dot')).toMatchObject({ ok: false });
    expect(readNumber('0.500', 'comma')).toMatchObject({ ok: false });
  });
});

describe('a number readable in both decimal notations, in a real CSV', () => {
  const preview = (csv: string) => {
    const table = readCsv(new TextEncoder().encode(csv));
    if (!table.ok) throw new Error(table.problem.message);
    const mapping = detectMapping(table.table);
    const kr = [...buildImportPreview(table.table, mapping, { strategyTitle: 'Imported' }).nodes.values()].find((node) => node.kind === 'key_result')!;
    return { mapping, kr };
  };
  it('is read in the guessed notation and said on its row, naming the column and both readings', () => {
    // European Excel: semicolons, CRLF, a byte-order mark; "1.234" is one thousand two hundred thirty-four.
    const german = preview('\uFEFFObjective;Key result;Target\r\nUmsatz steigern;Umsatz;1.234\r\n');
    expect(german.mapping.decimalMark).toBe('comma');
    expect(german.kr.fields.target).toBe(1234);
    expect(german.kr.warnings).toContain('column C "Target": "1.234" could be 1.234 or 1234; read as 1234 (decimal comma)');
    // The same cell in a comma-separated file is read with a decimal point, and said so too.
    const english = preview('Objective,Key result,Target\nGrow revenue,Revenue,1.234\n');
    expect(english.kr.fields.target).toBe(1.234);
    expect(english.kr.warnings).toContain('column C "Target": "1.234" could be 1234 or 1.234; read as 1.234 (decimal point)');
  });
  it('is not warned about when another cell of the file settles the notation', () => {
    const settled = preview('Objective;Key result;Target;Current\r\nUmsatz steigern;Umsatz;1.234;3,5\r\n');
    expect(settled.kr.fields).toMatchObject({ target: 1234, current: 3.5 });
    expect(settled.kr.warnings.filter((warning) => /could be/.test(warning))).toEqual([]);
  });
});

describe('readDate', () => {
  // review39a F2: TRAILING_TIME is not anchored at the start, so a run of Ts or spaces cost the square of
  // its length (30 s for 160,000 characters; this test ran for hours on the old code). A cell longer than
  // any date is refused on its length, in work that does not grow with it: the message is as short for
  // a million characters as for a hundred.
  it('refuses a cell far longer than any date on its length, naming the length, with the text cut', () => {
    for (const length of [100, 1_000_000]) {
      const text = `1${'T'.repeat(length)}x`;
      const read = readDate(text, 'dmy');
      expect(read).toEqual({ ok: false, problem: `"1${'T'.repeat(29)}…" is not a date: it is ${(length + 2).toLocaleString('en')} characters long (write 2025-09-30, 30/09/2025 or 09/30/2025)` });
      expect(dateOrderEvidence(text)).toBeNull();
      expect(readDate(`30/09/2025${' '.repeat(length)}17:30`, 'mdy')).toMatchObject({ ok: false });
    }
    // The longest forms still read, with their time.
    expect(readDate('30 de septiembre de 2025, 5:30:00.000 p. m.', 'dmy')).toEqual({ ok: true, value: { date: '2025-09-30', ambiguous: false } });
    expect(dateOrderEvidence('30/09/2025 17:30:00')).toBe('dmy');
  });

  it('reads ISO, day-first, month-first and spreadsheet serial dates', () => {
    expect(readDate('2025-09-30', 'dmy')).toEqual({ ok: true, value: { date: '2025-09-30', ambiguous: false } });
    expect(readDate('30/09/2025', 'mdy')).toEqual({ ok: true, value: { date: '2025-09-30', ambiguous: false } });
    expect(readDate('09/30/2025', 'dmy')).toEqual({ ok: true, value: { date: '2025-09-30', ambiguous: false } });
    // A number is a serial day: marked, so its row says so (usercheck13), and refused outside 1990–2099.
    expect(readDate(45930, 'dmy')).toEqual({ ok: true, value: { date: '2025-09-30', ambiguous: false, fromSerial: true } });
    expect(readDate(1200, 'dmy')).toMatchObject({ ok: false, problem: expect.stringMatching(/^"1200" is not a date: as a spreadsheet date number it would be 1903-04-14, outside 1990–2099/) });
  });
  it('flags a date whose day and month could be swapped, reading it in the chosen order', () => {
    expect(readDate('03/04/2025', 'dmy')).toEqual({ ok: true, value: { date: '2025-04-03', ambiguous: true } });
    expect(readDate('03/04/2025', 'mdy')).toEqual({ ok: true, value: { date: '2025-03-04', ambiguous: true } });
    expect(readDate('04/04/2025', 'mdy')).toEqual({ ok: true, value: { date: '2025-04-04', ambiguous: false } });
    expect(dateOrderEvidence('30/09/2025')).toBe('dmy');
    expect(dateOrderEvidence('09/30/2025')).toBe('mdy');
    expect(dateOrderEvidence('03/04/2025')).toBeNull();
  });
  it('refuses dates that do not exist', () => {
    expect(readDate('31/02/2025', 'dmy')).toEqual({ ok: false, problem: '"31/02/2025" is not a calendar date' });
    expect(readDate('2025-13-01', 'dmy')).toMatchObject({ ok: false });
    expect(readDate('next Friday', 'dmy')).toMatchObject({ ok: false });
  });
});

describe('readPeriod', () => {
  // The name as written (usercheck19: a plan's "Q4 2026" came back from its own CSV as "2026-Q4").
  it('reads quarters, halves and years, and keeps the name as written', () => {
    expect(readPeriod('Q3 2025')).toEqual({ ok: true, value: { name: 'Q3 2025', start: '2025-07-01', end: '2025-09-30' } });
    expect(readPeriod('2025-Q1')).toEqual({ ok: true, value: { name: '2025-Q1', start: '2025-01-01', end: '2025-03-31' } });
    expect(readPeriod(' q4  fy2026 ')).toEqual({ ok: true, value: { name: 'q4 fy2026', start: '2026-10-01', end: '2026-12-31' } });
    expect(readPeriod('H2 2026')).toEqual({ ok: true, value: { name: 'H2 2026', start: '2026-07-01', end: '2026-12-31' } });
    expect(readPeriod('2027')).toEqual({ ok: true, value: { name: '2027', start: '2027-01-01', end: '2027-12-31' } });
    expect(readPeriod('Q5 2025')).toMatchObject({ ok: false });
  });
});

describe('Markdown outline', () => {
  it('writes strategies as headings and the cascade as nested lists, titles escaped', () => {
    const { plan } = newPlan();
    const { keyResult } = smallCascade(plan);
    plan.setTitle(keyResult, 'Revenue *up* [10x]');
    plan.addCheckIn(keyResult, { value: 40 });
    plan.index.refresh(T0);
    const markdown = exportPlanMarkdown(plan, 'Acme #1');
    expect(markdown.split('\n').slice(0, 7)).toEqual([
      '# Acme \\#1',
      '',
      '## 1 Grow — 40% · off track',
      '',
      '- **Objective** Win EU — 40% · off track',
      '  - **Key result** Revenue \\*up\\* \\[10x\\] (0 → 100, now 40) — 40% · off track',
      '    - **Initiative** Campaign — 0%',
    ]);
    expect(escapeMarkdown('a_b')).toBe('a\\_b');
  });
});
