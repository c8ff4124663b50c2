// The palette's search with what keyboards in other languages type (fifteenth session).
import { describe, expect, it } from 'vitest';
import { fuzzyFilter, fuzzyScore } from '../../../renderer/src/commands/fuzzy.js';

const labels = ['Import from spreadsheet…', 'Outline: indent', 'New item', 'Export CSV', 'Café review'];

describe('palette search in other languages', () => {
  it('a Turkish keyboard\'s İ (Shift+i) finds "Import" and "indent"', () => {
    expect(fuzzyFilter(labels, 'İmport', (label) => label)[0]).toBe('Import from spreadsheet…');
    expect(fuzzyFilter(labels, 'İNDENT', (label) => label)[0]).toBe('Outline: indent');
  });

  it('accents are optional both ways, composed or decomposed', () => {
    expect(fuzzyScore('cafe', 'Café review')).not.toBeNull();
    expect(fuzzyScore('café', 'Café review')).not.toBeNull();
    expect(fuzzyScore('cafe\u0301', 'Café review')).not.toBeNull(); // pasted from macOS: e + combining acute
    expect(fuzzyScore('éxport', 'Export CSV')).not.toBeNull();
  });

  it('still finds nothing for letters the label lacks, and ranks word starts first', () => {
    expect(fuzzyScore('xyz', 'Export CSV')).toBeNull();
    expect(fuzzyFilter(labels, 'ni', (label) => label)[0]).toBe('New item');
  });
});
