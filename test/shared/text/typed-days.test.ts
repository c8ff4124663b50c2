// usercheck12: the check-in cadence refused "7 days" and "2 weeks" ("not a number of days") and a
// weight refused "50 %" as "not a number", while the other fields read values typed with their unit
// (usercheck10). Days and weeks are read for a cadence, other units refused by name; a weight has no
// unit (a share beside its siblings'), so a unit typed with it is refused saying so.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readTypedDays, readTypedEffort, readTypedWeight } from '../../../shared/text/typed-days.js';
import type { NumberNotation } from '../../../shared/text/typed-number.js';

const german: NumberNotation = { decimal: ',', group: '.' };
const days = (typed: string, notation?: NumberNotation) => { const read = readTypedDays(typed, 'the check-in cadence', notation); return read.ok ? read.value : read.problem; };
const weight = (typed: string, notation?: NumberNotation) => { const read = readTypedWeight(typed, notation); return read.ok ? read.value : read.problem; };

describe('a cadence typed with its unit', () => {
  it('reads days and weeks, in English and German', () => {
    expect(days('7')).toBe(7);
    expect(days('7 days')).toBe(7);
    expect(days('1 day')).toBe(1);
    expect(days('10d')).toBe(10);
    expect(days('2 weeks')).toBe(14);
    expect(days('2w')).toBe(14);
    expect(days('1,5 Wochen', german)).toBe(10.5);
    expect(days('3 Tage', german)).toBe(3);
    expect(days('1.1 weeks')).toBe(7.7);
  });

  it('refuses another unit by name, and what is not a number as before', () => {
    expect(days('1 month')).toBe('“month” is not a unit of the check-in cadence: type days (7, “7 days”) or weeks (“2 weeks”).');
    expect(days('36 h')).toBe('“h” is not a unit of the check-in cadence: type days (7, “7 days”) or weeks (“2 weeks”).');
    expect(days('weekly')).toBe('"weekly" is not a number of days.');
    expect(days('0x10 days')).toBe('"0x10 days" is not a number of days.');
  });

  it('reads n days as n and n weeks as 7n, for any number written as the app writes it (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 0, max: 3 }), fc.constantFrom('days', 'Tage', 'd'), fc.constantFrom('weeks', 'Wochen', 'w'), (whole, places, dayWord, weekWord) => {
      const value = whole / 10 ** places;
      const text = String(value);
      expect(days(`${text} ${dayWord}`)).toBe(value);
      expect(days(`${text}${weekWord}`)).toBe(Number((value * 7).toPrecision(15)));
    }));
  });
});

describe('a weight typed with a unit', () => {
  it('is refused naming the unit: a weight is a share beside its siblings\', with none', () => {
    expect(weight('2')).toBe(2);
    expect(weight('0,5', german)).toBe(0.5);
    expect(weight('50 %')).toBe('“%” is not a unit of a weight: a weight has none, it is a share beside its siblings\' (default 1). Type 0.5 for half a sibling\'s share, 2 for twice.');
    expect(weight('2x')).toMatch(/^“x” is not a unit of a weight/);
    expect(weight('heavy')).toBe('"heavy" is not a number.');
  });
});

// usercheck13: the effort estimate (person-days) refused "5 days", "5 Tage" and "2 weeks" as not a
// number. It reads days and working weeks (5 person-days) as the cadence reads its units; another unit is
// refused by name.
const effort = (typed: string, notation?: NumberNotation) => { const read = readTypedEffort(typed, notation); return read.ok ? read.value : read.problem; };

describe('an effort typed with its unit', () => {
  it('reads person-days and working weeks, in English and German', () => {
    expect(effort('5')).toBe(5);
    expect(effort('5 days')).toBe(5);
    expect(effort('5 Tage', german)).toBe(5);
    expect(effort('3 PT', german)).toBe(3);
    expect(effort('4 person-days')).toBe(4);
    expect(effort('2 weeks')).toBe(10);
    expect(effort('1,5 Wochen', german)).toBe(7.5);
  });

  it('refuses another unit by name, and what is not a number as before', () => {
    expect(effort('40 hours')).toBe('“hours” is not a unit of an effort estimate: type person-days (5, “5 days”) or working weeks (“2 weeks” = 10 days).');
    expect(effort('2 months')).toMatch(/^“months” is not a unit of an effort estimate/);
    expect(effort('a lot')).toBe('"a lot" is not a number of days.');
  });

  it('reads n days as n and n weeks as 5n (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 0, max: 3 }), (whole, places) => {
      const value = whole / 10 ** places;
      expect(effort(`${value} days`)).toBe(value);
      expect(effort(`${value} weeks`)).toBe(Number((value * 5).toPrecision(15)));
    }));
  });
});
