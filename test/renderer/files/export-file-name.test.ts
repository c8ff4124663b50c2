// Export file names keep a plan name's letters, in any script (review37a F8): decomposed, "Müller OKRs"
// was Mu-ller-OKRs.csv.
import { describe, expect, it } from 'vitest';
import { fileNameFor } from '../../../renderer/src/files/file-actions.js';

describe('export file names', () => {
  it.each([
    ['Müller OKRs', 'Müller-OKRs.csv'],
    ['Résultats clés T3', 'Résultats-clés-T3.csv'],
    ['Plan für Köln', 'Plan-für-Köln.csv'],
    ['Año 2026', 'Año-2026.csv'],
    ['計画 2026', '計画-2026.csv'],
    ['हिन्दी योजना', 'हिन्दी-योजना.csv'],
    ['Ｑ３ ｐｌａｎ', 'Q3-plan.csv'],
    ['  /..\\ ', 'plan.csv'],
    ['Plan: Q3/Q4 <draft>', 'Plan-Q3-Q4-draft.csv'],
  ])('%s → %s', (name, file) => {
    expect(fileNameFor(name, '.csv')).toBe(file);
  });

  // review39a F8: `.slice(0, 80)` cut by UTF-16 units, so a letter outside the BMP at the 80th unit was
  // cut in half: the name ended in a lone surrogate.
  it('cuts a long name between characters, never inside one, at 80 characters', () => {
    const name = fileNameFor(`${'a'.repeat(79)}𠀀𠀁`, '.xlsx');
    expect(name).toBe(`${'a'.repeat(79)}𠀀.xlsx`);
    expect(name.isWellFormed()).toBe(true);
    expect(fileNameFor('𠀀'.repeat(100), '.csv')).toBe(`${'𠀀'.repeat(80)}.csv`);
    expect(fileNameFor(`${'a'.repeat(79)} b`, '.csv')).toBe(`${'a'.repeat(79)}.csv`);
  });
});
