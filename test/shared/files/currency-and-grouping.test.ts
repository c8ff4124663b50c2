// Units and groupings as spreadsheets write them (review37a F10, F12): an XLSX currency format's sign or
// code is the key result's unit, as the CSV's `$800,000` is; Swiss `1'234.50` / `1’234.50` and ISO codes
// before or after (`USD 100`, `100 EUR`) are read, and never misread.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyImport, buildImportPreview, detectMapping, readCsv, readNumber, readSpreadsheet, type DecimalMark } from '../../../shared/files/index.js';
import { currencyOfFormat, ISO_CURRENCY_CODES } from '../../../shared/files/currency.js';
import { readNumberStyles } from '../../../shared/files/xlsx-styles.js';
import { newPlan, T0 } from '../model/support.js';
import { fixtureBytes, outlineLines } from './support/plan-outline.js';

async function importLines(file: string, bytes: Uint8Array = fixtureBytes(file)) {
  const read = await readSpreadsheet(file, bytes);
  if (!read.ok) throw new Error(read.problem.message);
  const preview = buildImportPreview(read.table, detectMapping(read.table), { strategyTitle: 'Imported', now: T0 });
  const { plan } = newPlan({ prefix: 'c' });
  expect(applyImport(plan, preview, { now: T0 }).ok).toBe(true);
  return { problems: preview.problems, lines: outlineLines(plan, T0) };
}

describe('a currency in an XLSX number format (review37a F10)', () => {
  it('a workbook LibreOffice saved with $, €, £ and CHF formats: each key result gets its currency as its unit', async () => {
    // okrs-currency-formats-libreoffice.xlsx is LibreOffice Calc 7.4's own save of the .fods beside it
    // (`soffice --headless --convert-to xlsx`): [$$-409]#,##0.00, #,##0.00\ [$€-407], [$£-809]#,##0, [$CHF-807]\ #,##0.00.
    const { problems, lines } = await importLines('okrs-currency-formats-libreoffice.xlsx');
    expect(problems).toEqual([]);
    expect(lines).toEqual([
      'strategy: Imported',
      '  objective: Grow',
      '    key_result: ARR | start 800000 | target 1200000 | unit $ | check-in value 950000.5',
      '    key_result: Margin | start 1234.56 | target 2000 | unit € | check-in value 1500',
      '    key_result: UK sales | start 10000 | target 12000 | unit £ | check-in value -250',
      '    key_result: Swiss revenue | start 1200.5 | target 2500 | unit CHF | check-in value 1875.25',
    ]);
  });

  it('reads the sign or code of the formats Excel, LibreOffice, Google Sheets and Numbers write, and none from a format without one', () => {
    const cases: [string, string | null][] = [
      ['"$"#,##0.00', '$'], ['#,##0.00 [$€-407]', '€'], ['£#,##0', '£'], ['[$$-409]#,##0.00;[RED]\\-[$$-409]#,##0.00', '$'],
      ['_("$"* #,##0.00_);_("$"* \\(#,##0.00\\);_("$"* "-"??_);_(@_)', '$'], ['$#,##0_);($#,##0)', '$'], ['#,##0.00 "CHF"', 'CHF'],
      ['[$USD] #,##0.00', 'USD'], ['#,##0\\ [$kr-41D]', 'kr'], ['[$₹-4009] #,##0', '₹'], ['"US$"#,##0', 'US$'], ['\\€#,##0.00', '€'],
      ['#,##0.00\\ "EUR";\\-#,##0.00\\ "EUR"', 'EUR'], ['[$-409]#,##0.00', null], ['#,##0.00', null], ['0.00" km"', null], ['0.00E+00', null],
      ['[Red]-#,##0', null], ['General', null], ['0.0"x"', null], ['#,##0;"$"#,##0', null],
    ];
    for (const [code, currency] of cases) expect([code, currencyOfFormat(code)]).toEqual([code, currency]);
    // Longer than Excel's 255 characters: no spreadsheet's format, not looked at (`[$` over megabytes was quadratic).
    expect(currencyOfFormat(`"$"${'0'.repeat(300)}`)).toBeNull();
    expect(currencyOfFormat('[$'.repeat(2_000_000))).toBeNull();
  });

  it('a style with a currency format reads as that currency; dates and percentages keep their kind', () => {
    const styles = '<styleSheet><numFmts><numFmt numFmtId="164" formatCode="&quot;$&quot;#,##0.00"/><numFmt numFmtId="165" formatCode="#,##0.00 [$€-407]"/>'
      + '<numFmt numFmtId="166" formatCode="[$-409]d\\-mmm\\-yy;@"/><numFmt numFmtId="167" formatCode="0.0%"/></numFmts>'
      + '<cellXfs><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="167"/><xf numFmtId="7"/></cellXfs></styleSheet>';
    expect(readNumberStyles(styles)).toEqual(['number', { currency: '$' }, { currency: '€' }, 'date', 'percent', 'number']);
  });
});

describe('Swiss groupings and ISO currency codes (review37a F12)', () => {
  it('a de-CH file with 1\'200.50 imports with its values', async () => {
    const { problems, lines } = await importLines('okrs-swiss-apostrophe-thousands.csv');
    expect(problems).toEqual([]);
    expect(lines[2]).toBe('    key_result: Revenue CHF | owner Urs | start 1200.5 | target 2500 | check-in value 1875.25 confidence 5');
  });

  it('reads ISO codes before and after, apostrophe groups, and refuses what is not a number', () => {
    const read = (text: string, mark: DecimalMark = 'dot') => { const result = readNumber(text, mark); return result.ok ? [result.value.value, result.value.unit] : result.problem; };
    expect(read("1'234.50")).toEqual([1234.5, null]);
    expect(read('1’234’567.5')).toEqual([1234567.5, null]);
    expect(read("1'234,50", 'comma')).toEqual([1234.5, null]);
    expect(read('USD 100')).toEqual([100, 'USD']);
    expect(read('100 EUR')).toEqual([100, 'EUR']);
    expect(read("CHF 1'234.50")).toEqual([1234.5, 'CHF']);
    expect(read('EUR 1.234,50', 'comma')).toEqual([1234.5, 'EUR']);
    expect(read('-USD 1,200')).toEqual([-1200, 'USD']);
    expect(read('USD -1,200')).toEqual([-1200, 'USD']);
    expect(read('(EUR 5)')).toEqual([-5, 'EUR']);
    expect(read('1.2M USD')).toEqual([1200000, 'USD']);
    expect(read('US$ 20')).toEqual([20, 'US$']);
    expect(read('₹ 1,500')).toEqual([1500, '₹']);
    expect(read('$100 USD')).toEqual([100, 'USD']);
    for (const bad of ["1'23.5", "12'34", "1'234,567.5", "'1234", "1''234", '100 KPI', 'ABC 5', 'usd 100', 'USD', 'EUR EUR 5', "1,234'567"]) {
      expect([bad, read(bad)]).toEqual([bad, `"${bad}" is not a number`]);
    }
  });

  it('a number written with any grouping the reader takes, a sign, and a currency before or after reads back as that number and unit', () => {
    const codes = [...ISO_CURRENCY_CODES];
    fc.assert(fc.property(
      fc.bigInt({ min: 0n, max: 99_999_999_999n }), fc.stringMatching(/^\d{0,4}$/), fc.constantFrom<DecimalMark>('dot', 'comma'),
      fc.constantFrom('', ' ', '\u00a0', '\u202f', "'", '’', 'mark'), fc.boolean(),
      fc.option(fc.oneof(fc.constantFrom('$', '€', '£', '¥', '₹', 'US$', 'CHF'), fc.constantFrom(...codes))), fc.boolean(), fc.constantFrom('', ' '),
      (whole, fraction, mark, grouping, negative, currency, before, space) => {
        // At most 15 significant digits (11 + 4), which a number keeps exactly. The mark's own group separator (`,` with a decimal point, `.` with a decimal comma) or another.
        const group = grouping === 'mark' ? (mark === 'dot' ? ',' : '.') : grouping;
        const digits = whole.toString().replace(/\B(?=(\d{3})+$)/g, group);
        const number = `${digits}${fraction === '' ? '' : `${mark === 'dot' ? '.' : ','}${fraction}`}`;
        const signed = `${negative ? '-' : ''}${number}`;
        const written = currency === null ? signed : before ? `${currency}${space}${signed}` : `${signed}${space}${currency}`;
        const expected = Number(`${whole}${fraction === '' ? '' : `.${fraction}`}`);
        fc.pre(!negative || expected !== 0);
        expect(readNumber(written, mark)).toEqual({ ok: true, value: { value: negative ? -expected : expected, unit: currency, outOf: null } });
      },
    ), { numRuns: 2000 });
  });

  it('an XLSX number column of "USD 100" text reads as the number with its code, as a CSV does', () => {
    const read = readCsv(new TextEncoder().encode('Objective,Key result,Start,Target,Current\r\nGrow,ARR,USD 800000,USD 1200000,950000 USD\r\n'));
    if (!read.ok) throw new Error(read.problem.message);
    const preview = buildImportPreview(read.table, detectMapping(read.table), { strategyTitle: 'Imported', now: T0 });
    expect(preview.problems).toEqual([]);
    const { plan } = newPlan({ prefix: 'c' });
    applyImport(plan, preview, { now: T0 });
    expect(outlineLines(plan, T0)[2]).toBe('    key_result: ARR | start 800000 | target 1200000 | unit USD | check-in value 950000');
  });
});
