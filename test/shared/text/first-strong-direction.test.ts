// review46c F6: the canvas draws a card's title in the direction `dir="auto"` gives it (the first strong letter's),
// as the outline lays out its rows; `firstStrongDirection` says which.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstStrongDirection } from '../../../shared/text/bidi-isolation.js';

describe('firstStrongDirection', () => {
  it('takes the first letter, past digits, signs and spaces', () => {
    expect(firstStrongDirection('زيادة الإيرادات 20%')).toBe('rtl');
    expect(firstStrongDirection('20% זיהוי')).toBe('rtl');
    expect(firstStrongDirection('Q1 מטרה')).toBe('ltr');
    expect(firstStrongDirection('4.5M → הכנסות')).toBe('ltr');
    expect(firstStrongDirection('Ünïcode 2027')).toBe('ltr');
    expect(firstStrongDirection('增长 20%')).toBe('ltr');
  });

  it('has no direction for text without a letter', () => {
    expect(firstStrongDirection('')).toBeNull();
    expect(firstStrongDirection('2027 – 20% (4.5)')).toBeNull();
  });

  it('gives a Hebrew or Arabic letter first, after any digits and signs, right to left', () => {
    const neutral = fc.stringMatching(/^[0-9 %.,:()\-+]*$/);
    const rtlLetter = fc.constantFrom('א', 'ש', 'ع', 'ز', 'ي', 'ת');
    fc.assert(fc.property(neutral, rtlLetter, fc.string(), (before, letter, after) => firstStrongDirection(before + letter + after) === 'rtl'));
  });
});
