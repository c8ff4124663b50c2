import { describe, expect, it } from 'vitest';
import { readTypedNumber } from '../../../shared/text/typed-number.js';

const value = (text: string) => {
  const read = readTypedNumber(text);
  return read.ok ? read.value : read.problem;
};

describe('a number typed into a field', () => {
  it('reads plain, signed, decimal-comma, grouped and exponent numbers', () => {
    expect(value('')).toBeNull();
    expect(value('   ')).toBeNull();
    expect(value(' 12 ')).toBe(12);
    expect(value('12.5')).toBe(12.5);
    expect(value('-3')).toBe(-3);
    expect(value('\u22123')).toBe(-3);
    expect(value('+7')).toBe(7);
    expect(value('.5')).toBe(0.5);
    expect(value('1,5')).toBe(1.5);
    expect(value('3,25')).toBe(3.25);
    expect(value('0,500')).toBe(0.5);
    expect(value('1.500')).toBe(1.5);
    expect(value('1,234.5')).toBe(1234.5);
    expect(value('1.234,5')).toBe(1234.5);
    expect(value('12,500,000')).toBe(12_500_000);
    expect(value('12.500.000')).toBe(12_500_000);
    expect(value('1e6')).toBe(1e6);
    expect(value('2.5e-3')).toBe(0.0025);
    expect(value('1e308')).toBe(1e308);
    expect(Object.is(value('-0'), -0)).toBe(true);
  });

  it('refuses what Number() would turn into something else, saying why', () => {
    // Number() reads these as 16, 3, 15 and 1,000,000: none is what a person typing them meant.
    for (const text of ['0x10', '0b11', '0o17', '1_000_000', 'NaN', 'Infinity', '-Infinity', '12abc', '1,2,3', '1.2.3', '12.50.000', '1.000.000e3', '1,5e3', '--1', '1 000', '.', ',']) {
      expect(value(text)).toBe(`"${text}" is not a number.`);
    }
    expect(value('1e309')).toBe('"1e309" is too large a number.');
  });

  it('refuses a comma that could group thousands or mark decimals, with both readings', () => {
    // The old reading, Number(text.replace(',', '.')), took 1,500 as 1.5 without a word.
    expect(value('1,500')).toBe('"1,500" could be 1500 or 1.5: type 1500 without the comma, or 1.5 with a point.');
    expect(value('-12,250')).toBe('"-12,250" could be -12250 or -12.25: type -12250 without the comma, or -12.25 with a point.');
  });
});
