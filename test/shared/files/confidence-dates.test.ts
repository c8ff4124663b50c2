// A confidence typed `7/10` in Excel or LibreOffice is saved as a date (10 July, or 7 October where days
// come first); the import reads such a date back as the score, says so, and refuses any other date.
import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildImportPreview, detectMapping, readCsv } from '../../../shared/files/index.js';

function confidences(values: readonly string[]) {
  const csv = readCsv(strToU8(['Objective,Key result,Target,Confidence', ...values.map((value, n) => `Grow,KR ${n},10,${value}`)].join('\r\n')));
  if (!csv.ok) throw new Error(csv.problem.message);
  const preview = buildImportPreview(csv.table, detectMapping(csv.table), { strategyTitle: 'Imported' });
  const keyResults = [...preview.nodes.values()].filter((node) => node.kind === 'key_result');
  return { read: keyResults.map((node) => [node.fields.confidence, node.warnings.filter((warning) => /confidence/i.test(warning))]), problems: preview.problems.map((problem) => problem.message) };
}

describe('a confidence a spreadsheet turned into a date', () => {
  it('reads 10 July (month first) and 7 October (day first) as 7/10, 10 October as 10/10, with a warning', () => {
    const { read, problems } = confidences(['2026-07-10', '2025-10-07', '2026-10-10', '2026-01-10', '7/10']);
    expect(problems).toEqual([]);
    expect(read).toEqual([
      [7, ['column D "Confidence": the date 2026-07-10 read as 7/10 (a spreadsheet turns a typed "7/10" into a date)']],
      [7, ['column D "Confidence": the date 2025-10-07 read as 7/10 (a spreadsheet turns a typed "7/10" into a date)']],
      [10, ['column D "Confidence": the date 2026-10-10 read as 10/10 (a spreadsheet turns a typed "10/10" into a date)']],
      [1, ['column D "Confidence": the date 2026-01-10 read as 1/10 (a spreadsheet turns a typed "1/10" into a date)']],
      [7, []],
    ]);
  });

  it('refuses a date that cannot be a score out of ten, naming it', () => {
    const { problems } = confidences(['2026-11-10', '2026-10-11', '2026-07-09']);
    expect(problems).toEqual([
      'Row 2: column D "Confidence": "2026-11-10" is not a number.',
      'Row 3: column D "Confidence": "2026-10-11" is not a number.',
      'Row 4: column D "Confidence": "2026-07-09" is not a number.',
    ]);
  });
});
