// review34 finding 4 (inputs34, thirty-first session): the title typed for the new strategy an import
// makes was cut to its first 500 characters, and a control character swapped for a sign, while the
// import said it went well. It is now refused as every title field refuses it, and nothing is imported.
import { describe, expect, it } from 'vitest';
import { applyImport, buildImportPreview, detectMapping, readCsv, strategyTitleProblem } from '../../../shared/files/index.js';
import { ROOT_ID } from '../../../shared/model/index.js';
import { newPlan, T0 } from '../model/support.js';

function importWith(strategyTitle: string | undefined) {
  const read = readCsv(new TextEncoder().encode('Objective,Key result,Target\nWin DACH,Revenue,100\n'));
  if (!read.ok) throw new Error(read.problem.message);
  const preview = buildImportPreview(read.table, detectMapping(read.table), { strategyTitle: 'Imported from plan.csv', now: T0 });
  const { plan } = newPlan();
  const result = applyImport(plan, preview, { now: T0, intoStrategy: null, ...(strategyTitle === undefined ? {} : { strategyTitle }) });
  plan.index.refresh(T0);
  return { result, titles: plan.index.children(ROOT_ID).map((id) => plan.index.title(id)) };
}

describe('the new strategy\'s title typed in the import dialog', () => {
  it('a 534-character title is refused whole, with the count and the limit; nothing is imported', () => {
    const typed = `${'A'.repeat(499)}BCDEFGHIJ (the end of what I typed)`;
    const { result, titles } = importWith(typed);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((problem) => problem.message)).toEqual([
      "The new strategy's title is 534 characters; the limit is 500. Shorten it by 34 to import — nothing was cut. Nothing was imported.",
    ]);
    expect(titles).toEqual([]);
  });

  it('a control character is named and refused, not swapped for a sign', () => {
    expect(strategyTitleProblem('Q1\u0007offsite')).toMatch(/^The new strategy's title contains a control character \(U\+0007\), which does not show; delete it to import\.$/);
    expect(importWith('Q1\u0007offsite').result.ok).toBe(false);
    expect(strategyTitleProblem('\u200b\u200b')).toMatch(/^The new strategy's title .*: type something that shows, or leave it empty\.$/);
  });

  it('a title within the limit is kept exactly, and none typed takes the file\'s name', () => {
    const typed = `${'A'.repeat(499)}Z`;
    expect(strategyTitleProblem(typed)).toBeNull();
    expect(importWith(typed).titles).toEqual([typed]);
    expect(importWith(undefined).titles).toEqual(['Imported from plan.csv']);
  });
});
