// usercheck10: a value typed with its unit ("9,5 M€", "12 %", "$1.2k", "1 200 €", "3.5 h") was refused
// as "not a number". The unit of the key result or KPI is read and dropped, a scale word k / M / bn is
// applied where it is unambiguous with that unit, and another unit is refused by name — never cut off.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readTypedMeasure, readTypedNumber, type NumberNotation } from '../../../shared/text/typed-number.js';

const german: NumberNotation = { decimal: ',', group: '.' };
const english: NumberNotation = { decimal: '.', group: ',' };
const read = (typed: string, unit: string | undefined, notation?: NumberNotation) => readTypedMeasure(typed, unit, 'this key result', notation);
const value = (typed: string, unit: string | undefined, notation?: NumberNotation) => { const got = read(typed, unit, notation); return got.ok ? got.value : got.problem; };

describe('a value typed with its unit', () => {
  it('reads the number with the field\'s own unit before or after it', () => {
    expect(value('9,5 M€', 'M€', german)).toBe(9.5);
    expect(value('12 %', '%')).toBe(12);
    expect(value('12%', '%')).toBe(12);
    expect(value('1 200 €', '€')).toBe(1200);
    expect(value('3.5 h', 'h')).toBe(3.5);
    expect(value('€ 12', '€')).toBe(12);
    expect(value('-€5', '€')).toBe(-5);
    expect(value('12 EUR', '€')).toBe(12);
    expect(value('40 Pilots', 'pilots')).toBe(40);
    expect(value('8.6', 'M€')).toBe(8.6); // the number alone, as before
  });

  it('applies k, M and bn where they are unambiguous with the unit, in decimal', () => {
    expect(value('$1.2k', '$')).toBe(1200);
    expect(value('1.1k €', '€')).toBe(1100);
    expect(value('9,5 M€', '€', german)).toBe(9_500_000);
    expect(value('2bn USD', '$')).toBe(2_000_000_000);
    expect(value('1.5k users', 'users')).toBe(1500);
    expect(value('12k', undefined)).toBe(12_000);
  });

  it('refuses another unit by name, and a scale the unit does not take', () => {
    expect(value('5 kg', '€')).toBe('“kg” is not this key result\'s unit (€).');
    expect(value('12 %', 'M€')).toBe('“%” is not this key result\'s unit (M€).');
    expect(value('9500 k€', 'M€')).toBe('“k€” is not this key result\'s unit (M€).');
    expect(value('2k m', 'm')).toBe('“k m” is not this key result\'s unit (m).');
    expect(value('5 kg', undefined)).toBe('“kg” is not a unit of this key result: it has none. Type the number alone.');
    expect(value('£12', '€')).toBe('“£” is not this key result\'s unit (€).');
    // What is no number stays refused as before; an ambiguous "1,500" keeps its own question.
    expect(read('twelve €', '€').ok).toBe(false);
    // What only Number() reads is still no number, not a number with a unit "x10".
    expect(value('0x10', undefined)).toBe('"0x10" is not a number.');
    expect(value('0x10', '€')).toBe('"0x10" is not a number.');
    expect(value('1,500 €', '€')).toBe(value('1,500', '€'));
  });

  it('property: a number typed with the field\'s unit reads as the number alone; with another unit it is refused naming that unit', () => {
    const units = fc.constantFrom('€', 'M€', '%', 'h', 'pilots', 'USD', 'kg');
    fc.assert(fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), units, fc.boolean(), fc.constantFrom(german, english), (number, unit, spaced, notation) => {
      const written = String(Math.round(number * 100) / 100);
      const typed = notation.decimal === ',' ? written.replace('.', ',') : written;
      const alone = readTypedNumber(typed, notation);
      if (!alone.ok) return;
      expect(read(`${typed}${spaced ? ' ' : ''}${unit}`, unit, notation)).toEqual(alone);
      const other = unit === 'kg' ? 'L' : 'kg';
      const wrong = read(`${typed} ${other}`, unit, notation);
      expect(wrong.ok).toBe(false);
      if (!wrong.ok) expect(wrong.problem).toContain(`“${other}”`);
    }), { seed: 10, numRuns: 300 });
  });
});
