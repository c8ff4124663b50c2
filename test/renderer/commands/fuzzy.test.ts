// The palette's search with what keyboards in other languages type (fifteenth session).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
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

// usercheck21: "png" typed in the cascade's palette put "Present the cascade" first (P…n…g scattered
// over "Present … again"), so Enter started a presentation instead of the export the word named.
const canvasLabels = ['Present the cascade (again: stop presenting)', 'Export the cascade as PNG (as shown)', 'Export the cascade as SVG (the whole picture)',
  'Export plan file (.throughline)', 'Export CSV', 'Show or hide the selected card’s children', 'Open the selected card', 'Add a child to the selected card'];

describe('palette search ranks a label holding the typed word first', () => {
  it('"png", "svg", "csv" and "child" find the command naming them', () => {
    expect(fuzzyFilter(canvasLabels, 'png', (label) => label)[0]).toBe('Export the cascade as PNG (as shown)');
    expect(fuzzyFilter(canvasLabels, 'svg', (label) => label)[0]).toBe('Export the cascade as SVG (the whole picture)');
    expect(fuzzyFilter(canvasLabels, 'csv', (label) => label)[0]).toBe('Export CSV');
    expect(fuzzyFilter(canvasLabels, 'export png', (label) => label)[0]).toBe('Export the cascade as PNG (as shown)');
  });

  it('two letters swapped by a quick typist still find the command, after exact matches', () => {
    expect(fuzzyFilter(canvasLabels, 'exprot csv', (label) => label)[0]).toBe('Export CSV');
    expect(fuzzyFilter(canvasLabels, 'qxz', (label) => label)).toEqual([]);
    expect(fuzzyFilter(canvasLabels, 'exprot', (label) => label).slice(0, 4).sort()).toEqual(canvasLabels.filter((label) => label.startsWith('Export')).sort());
  });

  // usercheck21's leftover: a typo in each of two words found nothing.
  it('a typo in each of several words still finds the command, below every other kind of match', () => {
    const all = [...labels, ...canvasLabels];
    expect(fuzzyFilter(all, 'inport spredsheet', (label) => label)[0]).toBe('Import from spreadsheet…');
    expect(fuzzyFilter(all, 'exprot pgn', (label) => label)[0]).toBe('Export the cascade as PNG (as shown)');
    expect(fuzzyFilter(all, 'exporr cvs', (label) => label)[0]).toBe('Export CSV');
    // Nothing like any word: still nothing.
    expect(fuzzyFilter(all, 'qxzv wplk', (label) => label)).toEqual([]);
    // Typed right, a label ranks above one that only matches with typos.
    expect(fuzzyFilter(['Imprint settings', 'Import from spreadsheet…'], 'imprint', (label) => label)[0]).toBe('Imprint settings');
    expect(fuzzyScore('inport spredsheet', 'Import from spreadsheet…')!).toBeLessThan(0);
    expect(fuzzyScore('import spreadsheet', 'Import from spreadsheet…')!).toBeGreaterThanOrEqual(0);
  });

  it('a label with the typed word at a word start outranks every label that only holds its letters scattered', () => {
    const word = fc.stringMatching(/^[a-z]{2,6}$/);
    // The other label spreads the typed word's letters over word starts ("p… n… g…"), the strongest
    // scattered match there is, with words of its own between them.
    const suffixes = fc.array(fc.stringMatching(/^[a-z]{0,4}$/), { minLength: 6, maxLength: 6 });
    fc.assert(fc.property(fc.array(word, { minLength: 1, maxLength: 5 }), fc.nat(), suffixes, fc.array(word, { maxLength: 3 }), (words, pick, tails, extra) => {
      const typed = words[pick % words.length]!;
      const holding = words.join(' ');
      const scattered = [...extra, ...[...typed].map((letter, i) => `${letter}${tails[i]}`)].join(' ');
      fc.pre(!scattered.includes(typed));
      const a = fuzzyScore(typed, holding);
      const b = fuzzyScore(typed, scattered);
      expect(a).not.toBeNull();
      if (b !== null) expect(a!).toBeGreaterThan(b);
    }), { numRuns: 300 });
  });
});
