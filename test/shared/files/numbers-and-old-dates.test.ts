// review34 finding 8 (inputs34, thirty-first session): numbers and dates refused with the wrong reason,
// or changed. A CSV's "1.5E+06" (what Excel writes for a large number in a General cell) was "not a
// number"; dates before year 100 were "not YYYY-MM-DD" (Date.UTC reads years 0–99 as 1900–1999); a
// typed "1e-400" was stored as 0 without a word.
import { describe, expect, it } from 'vitest';
import { readDate, readNumber } from '../../../shared/files/index.js';
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

  it('refuses what is too large or too small to keep, saying so', () => {
    expect(readNumber('1E+400', 'dot')).toEqual({ ok: false, problem: '"1E+400" is too large a number' });
    expect(readNumber('1E-400', 'dot')).toEqual({ ok: false, problem: '"1E-400" is too small a number to keep: it would be stored as 0' });
    expect(readNumber('1,5E+06', 'dot')).toMatchObject({ ok: false });
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
