// fix45b left it open: the sheet import refused a period running backwards (through the plan's addPeriod) but
// its preview said nothing of dates no period plausibly has (0001-01-01 … 9999-12-31, a 40-year "quarter"),
// which the Periods list and a plan file warn about and whose items then read "no pace is judged". The preview
// now warns on the row in the model's own words (period-bounds.ts), and imports it as the plan would keep it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildImportPreview, detectMapping, readSpreadsheet } from '../../../shared/files/index.js';
import { periodDatesProblem, periodDatesWarning } from '../../../shared/model/index.js';
import { T0 } from '../model/support.js';

async function preview(start: string, end: string) {
  const csv = [
    'Type,Title,Period,Period start,Period end,Start,Target',
    'Objective,Loved by customers,Forever,' + start + ',' + end + ',,',
    'Key result,Revenue,Forever,' + start + ',' + end + ',1,2',
  ].join('\n');
  const read = await readSpreadsheet('plan.csv', new TextEncoder().encode(csv));
  if (!read.ok) throw new Error(read.problem.message);
  return buildImportPreview(read.table, detectMapping(read.table), { strategyTitle: 'Imported', now: T0 });
}

describe('implausible period dates in a sheet', () => {
  it('0001-01-01 … 9999-12-31 is imported with the Periods list\'s warning on each row that names it; a quarter has none', async () => {
    const forever = await preview('0001-01-01', '9999-12-31');
    expect(forever.problems).toEqual([]);
    const rows = [...forever.nodes.values()].filter((node) => node.title === 'Loved by customers' || node.title === 'Revenue');
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row.warnings).toEqual([expect.stringMatching(/Period start.*: the period "Forever": The period starts 0001-01-01, before 1970-01-01: no plan is paced from then, so no pace is judged in it\. Check its dates\.$/)]);
    const quarter = await preview('2027-01-01', '2027-03-31');
    for (const row of quarter.nodes.values()) expect(row.warnings).toEqual([]);
  });

  it('property: a row\'s period dates are refused exactly when the model refuses them, and warned about exactly when it warns', async () => {
    const day = fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10));
    await fc.assert(fc.asyncProperty(day, day, async (start, end) => {
      const shown = await preview(start, end);
      const revenue = [...shown.nodes.values()].find((node) => node.title === 'Revenue');
      const refused = periodDatesProblem(start, end) !== null;
      expect(shown.problems.length > 0).toBe(refused);
      if (!refused) expect(revenue!.warnings.some((warning) => warning.includes(periodDatesWarning(start, end) ?? '\u0000'))).toBe(periodDatesWarning(start, end) !== null);
    }), { numRuns: 60 });
  });
});
