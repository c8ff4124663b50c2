// review34 finding 8 (inputs34, thirty-first session): numbers and dates refused with the wrong reason,
// or changed. A CSV's "1.5E+06" (what Excel writes for a large number in a General cell) was "not a
// number"; dates before year 100 were "not YYYY-MM-DD" (Date.UTC reads years 0–99 as 1900–1999); a
// typed "1e-400" was stored as 0 without a word.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildImportPreview, detectMapping, readCsv, readDate, readNumber } from '../../../shared/files/index.js';
import { isDate, parseDate } from '../../../shared/model/index.js';
import { readTypedNumber } from '../../../shared/text/typed-number.js';
import { newPlan } from '../model/support.js';
import { ROOT_ID } from '../../../shared/model/index.js';

describe('scientific notation in a CSV', () => {
  it('reads as the number it is, in the file\'s decimal notation', () => {
    expect(readNumber('1.5E+06', 'dot')).toEqual({ ok: true, value: { value: 1_500_000, unit: null, outOf: null } });
    expect(readNumber('1e6', 'dot')).toEqual({ ok: true, value: { value: 1_000_000, unit: null, outOf: null } });
    expect(readNumber('1.23457E+11', 'dot')).toEqual({ ok: true, value: { value: 123_457_000_000, unit: null, outOf: null } });
    expect(readNumber('2,5E-3', 'comma')).toEqual({ ok: true, value: { value: 0.0025, unit: null, outOf: null } });
    expect(readNumber('-1.5E+06', 'dot')).toEqual({ ok: true, value: { value: -1_500_000, unit: null, outOf: null } });
  });

  it('property: a number in any scientific form of up to 15 significant digits reads as itself in both notations, or is refused as too large or too small (review36d T6)', () => {
    // Up to 15 significant digits (what a double keeps exactly), the point anywhere: the forms
    // toExponential and toPrecision write ("1.5e+6"), Excel's ("1.5E+06"), and mantissas that do not
    // print plainly themselves ("0.00000001e5", "1000000000000000000000e1": review36d B5).
    const written = fc.record({
      digits: fc.stringMatching(/^[1-9]\d{0,14}$/),
      point: fc.integer({ min: -12, max: 26 }),
      exponent: fc.integer({ min: -340, max: 340 }),
      sign: fc.constantFrom('', '+', '-'),
      e: fc.constantFrom('e', 'E'),
      negative: fc.boolean(),
      standard: fc.boolean(),
    }).map(({ digits, point, exponent, sign, e, negative, standard }) => {
      const mantissa = standard ? `${digits[0]}${digits.length > 1 ? `.${digits.slice(1)}` : ''}`
        : point <= 0 ? `0.${'0'.repeat(-point)}${digits}`
          : point >= digits.length ? `${digits}${'0'.repeat(point - digits.length)}`
            : `${digits.slice(0, point)}.${digits.slice(point)}`;
      const exponentText = `${exponent < 0 ? '-' : sign}${Math.abs(exponent)}`;
      return `${negative ? '-' : ''}${mantissa}${e}${exponentText}`;
    });
    let kept = 0;
    let unusualMantissas = 0;
    fc.assert(fc.property(written, (text) => {
      const value = Number(text);
      const mantissa = text.replace(/^-/, '').split(/[eE]/)[0]!;
      if (String(Number(mantissa)).includes('e')) unusualMantissas++;
      for (const [cell, mark] of [[text, 'dot'], [text.replace('.', ','), 'comma']] as const) {
        const read = readNumber(cell, mark);
        if (!Number.isFinite(value)) expect(read).toEqual({ ok: false, problem: `"${cell}" is too large a number` });
        else if (value === 0) expect(read).toEqual({ ok: false, problem: `"${cell}" is too small a number to keep: it would be stored as 0` });
        else expect(read).toEqual({ ok: true, value: { value, unit: null, outOf: null } });
      }
      if (Number.isFinite(value) && value !== 0) kept++;
    }), { numRuns: 3_000 });
    // Most are kept, and mantissas that print in exponent form themselves came up.
    expect(kept).toBeGreaterThan(1_500);
    expect(unusualMantissas).toBeGreaterThan(100);
  });

  it('refuses what is too large or too small to keep, saying so', () => {
    expect(readNumber('1E+400', 'dot')).toEqual({ ok: false, problem: '"1E+400" is too large a number' });
    expect(readNumber('1E-400', 'dot')).toEqual({ ok: false, problem: '"1E-400" is too small a number to keep: it would be stored as 0' });
    expect(readNumber('1,5E+06', 'dot')).toMatchObject({ ok: false });
  });
});

describe('a number a spreadsheet shortened', () => {
  // review37a F12: Excel shows a long number in a narrow General column as "1.23457E+11" and saves it so;
  // the digits after the sixth are gone. It was taken without a word.
  it('is read, and its row says its digits after the sixth may be lost; a shorter one (the whole number) is not flagged', () => {
    const csv = 'Type,Title,Start,Target\nObjective,Grow,,\nKey result,Users,0,1.23457E+11\nKey result,Orders,0,1.5E+06\nKey result,Calls,-9.87654E-07,1\n';
    const read = readCsv(new TextEncoder().encode(csv));
    if (!read.ok) throw new Error(read.problem.message);
    const preview = buildImportPreview(read.table, detectMapping(read.table), { strategyTitle: 'Imported' });
    expect(preview.problems).toEqual([]);
    const flagged = (row: number) => (preview.rows.find((entry) => entry.row === row)?.warnings ?? []).filter((warning) => /digits after the sixth may have been lost/.test(warning));
    expect(flagged(3)).toEqual([expect.stringMatching(/^column D "Target": "1\.23457E\+11" is how a spreadsheet shows a long number/i)]);
    expect(flagged(4)).toEqual([]);
    expect(flagged(5)).toHaveLength(1);
  });
});

describe('dates before year 100', () => {
  it('are the dates they say, in the model and in a file', () => {
    expect(isDate('0099-01-01')).toBe(true);
    expect(isDate('0012-02-29')).toBe(true); // year 12 was a leap year
    expect(isDate('0013-02-29')).toBe(false);
    expect(new Date(parseDate('0099-12-31')!).toISOString()).toBe('0099-12-31T00:00:00.000Z');
    expect(readDate('0012-01-01', 'dmy')).toEqual({ ok: true, value: { date: '0012-01-01', ambiguous: false } });
    const { plan } = newPlan();
    const strategy = plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'S' });
    const objective = plan.createNode({ kind: 'objective', parent: strategy, title: 'O' });
    const initiative = plan.createNode({ kind: 'initiative', parent: objective, title: 'I' });
    expect(() => plan.updateNode(initiative, { startDate: '0099-01-01' })).not.toThrow();
  });
});

describe('a typed number too small to keep', () => {
  it('is refused, not stored as 0', () => {
    expect(readTypedNumber('1e-400')).toEqual({ ok: false, problem: '"1e-400" is too small a number to keep: it would be stored as 0.' });
    expect(readTypedNumber('0e-400')).toEqual({ ok: true, value: 0 });
    expect(readTypedNumber('0.000')).toEqual({ ok: true, value: 0 });
    expect(readTypedNumber('5e-324')).toEqual({ ok: true, value: 5e-324 });
  });
});
