import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { numberNotationOf, readTypedNumber, type NumberNotation } from '../../../shared/text/typed-number.js';

const value = (text: string, notation?: NumberNotation) => {
  const read = readTypedNumber(text, notation);
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
    // The exponent applies to the number as typed: 1e-7 times 1000, not "too large".
    expect(value('0.0000001e3')).toBe(0.0001);
    expect(value('0.0000001')).toBe(1e-7);
    expect(Object.is(value('-0'), -0)).toBe(true);
  });

  // usercheck9: a check-in typed with a Japanese input method on, or on an Arabic, Persian or Hindi
  // keyboard, was refused with "is not a number".
  it('reads the digits of full-width forms, Arabic-Indic, Persian and Devanagari as the number they are', () => {
    expect(readTypedNumber('８．６')).toEqual({ ok: true, value: 8.6 });
    expect(readTypedNumber('－１２，５００．５')).toEqual({ ok: true, value: -12500.5 });
    expect(readTypedNumber('١٢٫٥')).toEqual({ ok: true, value: 12.5 });
    expect(readTypedNumber('۱۲۰۰')).toEqual({ ok: true, value: 1200 });
    expect(readTypedNumber('८.६')).toEqual({ ok: true, value: 8.6 });
    // Not every compatibility form: a superscript is no digit of the number (10² is not 102).
    expect(readTypedNumber('10²')).toMatchObject({ ok: false });
    expect(readTypedNumber('½')).toMatchObject({ ok: false });
  });

  it('property: a number written in full-width or Arabic-Indic digits reads as the same number written in ASCII', () => {
    fc.assert(fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.integer({ min: 0, max: 99 }), fc.constantFrom('fullwidth', 'arabic'), (whole, cents, script) => {
      const ascii = `${whole}.${String(cents).padStart(2, '0')}`;
      const typed = [...ascii].map((char) => (/\d/.test(char) ? String.fromCodePoint((script === 'fullwidth' ? 0xff10 : 0x0660) + Number(char)) : char === '.' && script === 'arabic' ? '\u066b' : char)).join('');
      expect(readTypedNumber(typed)).toEqual(readTypedNumber(ascii));
    }), { seed: 9, numRuns: 300 });
  });

  it('refuses what Number() would turn into something else, saying why', () => {
    // Number() reads these as 16, 3, 15 and 1,000,000: none is what a person typing them meant.
    for (const text of ['0x10', '0b11', '0o17', '1_000_000', 'NaN', 'Infinity', '-Infinity', '12abc', '1,2,3', '1.2.3', '12.50.000', '1.000.000e3', '1,5e3', '--1', '1 00', '1 0000', '1 000 00', '1  000', '1 000e3', '.', ',']) {
      expect(value(text)).toBe(`"${text}" is not a number.`);
    }
    expect(value('1e309')).toBe('"1e309" is too large a number.');
  });

  it('reads thousands grouped by spaces (also no-break and thin ones) or apostrophes, with either decimal mark', () => {
    expect(value('1 000')).toBe(1000);
    expect(value('12\u00a0500\u00a0000')).toBe(12_500_000);
    expect(value('1\u202f234,5')).toBe(1234.5);
    expect(value('-1\u2009234.75')).toBe(-1234.75);
    expect(value("1'000")).toBe(1000);
    expect(value('1\u2019500.5')).toBe(1500.5);
    // One kind of separator per number.
    expect(value("1 000'000")).toBe(`"1 000'000" is not a number.`);
  });

  it('settles 1,500 and 1.500 by the person\'s notation', () => {
    const english = numberNotationOf('en-US'), german = numberNotationOf('de-DE'), french = numberNotationOf('fr-FR'), swiss = numberNotationOf('de-CH');
    expect(english).toEqual({ decimal: '.', group: ',' });
    expect(german).toEqual({ decimal: ',', group: '.' });
    expect(value('1,500', english)).toBe(1500);
    expect(value('1.500', english)).toBe(1.5);
    expect(value('1,500', german)).toBe(1.5);
    expect(value('1.500', german)).toBe(1500);
    expect(value('-12,250', german)).toBe(-12.25);
    expect(value('1,500', french)).toBe(1.5);
    expect(value('1.500', french)).toBe(1.5);
    expect(value('1,500', swiss)).toBe('"1,500" could be 1500 or 1.5: type 1500 without the comma, or 1.5 with a point.');
    // Grouped digits take no exponent, whatever the notation.
    expect(value('1.500e3', german)).toBe('"1.500e3" is not a number.');
    expect(value('1.500e3', english)).toBe(1500);
    // What the notation does not decide reads as before.
    expect(value('0,500', english)).toBe(0.5);
    expect(value('1,234.5', german)).toBe(1234.5);
  });

  it('reads back every finite number as the app writes it into a field, in any of these notations', () => {
    const notations = ['en-US', 'de-DE', 'fr-FR', 'de-CH', 'hi-IN', 'ja-JP'].map((locale) => numberNotationOf(locale));
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(...notations), (number, notation) => {
      // FieldEditor's shown(): String(value), with a decimal comma where the notation has one.
      const text = String(number);
      const written = notation.decimal === ',' && !/e/i.test(text) ? text.replace('.', ',') : text;
      const read = readTypedNumber(written, notation);
      // String(-0) is "0": the field shows zero, and zero is what it reads back.
      expect(read).toEqual({ ok: true, value: number === 0 ? 0 : number });
    }));
  });

  it('refuses a comma that could group thousands or mark decimals, with both readings', () => {
    // The old reading, Number(text.replace(',', '.')), took 1,500 as 1.5 without a word.
    expect(value('1,500')).toBe('"1,500" could be 1500 or 1.5: type 1500 without the comma, or 1.5 with a point.');
    expect(value('-12,250')).toBe('"-12,250" could be -12250 or -12.25: type -12250 without the comma, or -12.25 with a point.');
  });
});
