// A file mixing day-first and month-first dates, or decimal commas and decimal points (two people's
// sheets pasted together): review42c F5. One date that could only be day first "settled" the order even
// when another could only be month first, and every ambiguous date was then read day first without a word.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { previewOfCsv } from './support/csv-import.js';

const pad = (n: number) => String(n).padStart(2, '0');
/** A slash date whose order only day first reads (31/12), only month first reads (12/31), or either reads (03/04). */
const slashDate = (kind: 'dmy' | 'mdy' | 'either', a: number, b: number) => {
  const small = 1 + (a % 12), other = 1 + (b % 12) === small ? 1 + ((b + 1) % 12) : 1 + (b % 12), big = 13 + (b % 16);
  if (kind === 'dmy') return `${pad(big)}/${pad(small)}/2026`;
  if (kind === 'mdy') return `${pad(small)}/${pad(big)}/2026`;
  return `${pad(small)}/${pad(other)}/2026`;
};

const datesArb = fc.array(fc.tuple(fc.constantFrom('dmy', 'mdy', 'either') as fc.Arbitrary<'dmy' | 'mdy' | 'either'>, fc.nat(), fc.nat()), { minLength: 1, maxLength: 12 })
  .map((dates) => [['dmy', 0, 0] as const, ['mdy', 0, 0] as const, ['either', 2, 5] as const, ...dates]);

describe('a file that gives both day-first and month-first dates', () => {
  it('property: every date either order reads carries a warning saying how it was read', () => {
    fc.assert(fc.property(datesArb, fc.shuffledSubarray([0, 1, 2], { minLength: 3 }), (dates, head) => {
      const ordered = [...head.map((at) => dates[at]!), ...dates.slice(3)];
      const rows = ordered.map(([kind, a, b], index) => `Initiative,Launch ${index},${slashDate(kind, a, b)}`);
      const preview = previewOfCsv(['Type,Title,Due date', 'Objective,Grow,', ...rows].join('\n'));
      expect(preview.problems).toEqual([]);
      ordered.forEach(([kind, a, b], index) => {
        const warnings = preview.rows.find((row) => row.row === index + 3)!.warnings;
        const warned = warnings.some((warning) => warning.includes('could be day/month or month/day'));
        expect(warned, `${slashDate(kind, a, b)}: ${JSON.stringify(warnings)}`).toBe(kind === 'either');
      });
    }), { numRuns: 80 });
  });

  it('the review\'s file: 31/12/2026 and 12/31/2026 in one column leave 03/04/2026 to be looked at', () => {
    const preview = previewOfCsv('Type,Title,Due date\nObjective,Grow,\nInitiative,A,31/12/2026\nInitiative,B,12/31/2026\nInitiative,D,03/04/2026\n');
    expect(preview.rows.find((row) => row.row === 5)!.warnings).toEqual(['column C "Due date": "03/04/2026" could be day/month or month/day; read as 2026-04-03 (day first)']);
  });

  it('a file with one decimal comma (1,5) and one decimal point (2.5) reads 1,234 with a warning, not as 1234 unseen', () => {
    const preview = previewOfCsv('Type;Title;Effort\nObjective;Grow;\nInitiative;A;1,5\nInitiative;B;2.5\nInitiative;C;1,234\n');
    expect(preview.rows.find((row) => row.row === 5)!.warnings).toEqual(['column C "Effort": "1,234" could be 1234 or 1.234; read as 1.234 (decimal comma)']);
  });

  it('a file whose dates all agree stays settled: no warning on its 03/04/2026', () => {
    const preview = previewOfCsv('Type,Title,Due date\nObjective,Grow,\nInitiative,A,31/12/2026\nInitiative,D,03/04/2026\n');
    expect(preview.rows.find((row) => row.row === 4)!.warnings).toEqual([]);
  });
});
