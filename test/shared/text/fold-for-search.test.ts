// review34 finding 7 (inputs34, thirty-first session): three searches, three rules. The outline's Find
// missed "München" for "munchen", "İstanbul" for "istanbul", "Café" for "cafe", which Find a person and
// the palette found; "Find an item to link" only lower-cased. One rule now: shared/text/fold-for-search.ts.
import { describe, expect, it } from 'vitest';
import { foldForSearch, textHolds } from '../../../shared/text/fold-for-search.js';
import { nodeMatches } from '../../../renderer/src/outline/outline-filter.js';
import type { NodeView } from '../../../shared/model/index.js';

const noFilters = { owner: '', team: '', period: '', health: '' } as const;
const node = { fields: {}, teamIds: [], periodId: null, health: 'on_track' } as unknown as NodeView;
const found = (title: string, typed: string) => nodeMatches(node, title, { ...noFilters, text: typed } as never);

describe('one search rule', () => {
  it('the outline\'s Find reads accents, the Turkish İ, width and invisible characters as the palette does', () => {
    expect(found('Open the München office', 'munchen')).toBe(true);
    expect(found('Hire in İstanbul', 'istanbul')).toBe(true);
    expect(found('Café launch', 'cafe')).toBe(true);
    expect(found('Re\u200Bvenue growth', 'revenue')).toBe(true);
    expect(found('Ｒｅｖｅｎｕｅ', 'revenue')).toBe(true);
    expect(found('Open the München office', 'berlin')).toBe(false);
  });

  it('folds marks before case, and white space to one space', () => {
    expect(foldForSearch('İSTANBUL')).toBe('istanbul');
    expect(foldForSearch('Cafe\u0301  Launch')).toBe('cafe launch');
    expect(textHolds('Open  the office', 'open the')).toBe(true);
    expect(textHolds('anything', '   ')).toBe(true);
  });
});
