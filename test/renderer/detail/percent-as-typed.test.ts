// inputs36, thirty-second session: "Manual progress (%)" stored 12.345 % and showed 12.3 (rounded to one
// decimal), so the field showed something other than what was saved, and two offered values 12.34 % and
// 12.345 % in a conflict read alike. The field shows the percent as typed; it is stored shifted in decimal.
import { describe, expect, it } from 'vitest';
import { shown } from '../../../renderer/src/detail/FieldEditor.js';
import { fractionOf, percentOf } from '../../../renderer/src/detail/field-specs.js';

describe('a percent field', () => {
  it('shows the percent as typed, and stores it as its fraction', () => {
    expect(shown('manualProgress', 0.12345)).toBe('12.345');
    expect(shown('manualProgress', fractionOf(33.333333))).toBe('33.333333');
    expect(shown('manualProgress', 0.07)).toBe('7');
    expect(shown('manualProgress', 0.5)).toBe('50');
    for (const typed of [0, 0.1, 7, 12.345, 33.333333, 57.7, 99.99, 100]) expect(percentOf(fractionOf(typed))).toBe(typed);
    expect(fractionOf(12.345)).toBe(0.12345);
  });
});
