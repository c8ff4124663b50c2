// usercheck17: cutText segments only the graphemes near the cut. Segmenting the whole text (V8's
// Intl.Segmenter iterator slows with the text's length) took nearly three minutes for a 200,000-character
// description a peer stored, when the plan file holding it was opened. The cut must be the one the
// whole-text segmentation gives: the longest start within the limit that ends between graphemes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { characterCount, cutText, cutTextNear, graphemeEnds } from '../../../shared/text/cut-text.js';

/** The cut as it was made before: every grapheme from the start. */
function referenceCut(text: string, limit: number): string {
  let kept = 0;
  let start = 0;
  for (const end of graphemeEnds(text)) {
    if (characterCount(text.slice(0, end)) > limit) break;
    kept = end;
    start = end;
  }
  void start;
  return characterCount(text) <= limit ? text : text.slice(0, kept);
}

const pieces = ['a', 'z', ' ', 'é', 'e\u0301', 'e\u0301\u0302', '🎯', '👍🏽', '👨‍👩‍👧', '🇩🇪', '🇫🇷', '\u{20000}', '\uD800', '\uDC00', '\r\n', '\u0915\u094D\u0937', 'ü', '\u05D0'];
const textArb = fc.array(fc.constantFrom(...pieces), { maxLength: 120 }).map((parts) => parts.join(''));

describe('cutting text near the limit', () => {
  it('gives the whole-text cut for any text, limit and window', () => {
    fc.assert(fc.property(textArb, fc.integer({ min: 0, max: 200 }), fc.integer({ min: 24, max: 64 }), (text, limit, window) => {
      expect(cutTextNear(text, limit, window)).toBe(referenceCut(text, limit));
    }), { numRuns: 2000 });
  });

  it('a long run of flags keeps each flag whole wherever the window starts', () => {
    for (let flags = 10; flags < 40; flags++) {
      const text = 'x' + '🇩🇪'.repeat(flags);
      for (const limit of [5, 6, 7, 20, 21]) expect(cutTextNear(text, limit, 24)).toBe(referenceCut(text, limit));
    }
  });

  it('a cluster longer than the window falls back to the whole-text cut', () => {
    const text = 'ab' + 'e' + '\u0301'.repeat(300) + 'cd';
    expect(cutTextNear(text, 200, 24)).toBe('ab');
  });

  it('cuts a 200,000-character text of short graphemes between two of them', () => {
    const text = ' z'.repeat(100_000);
    const cut = cutText(text, 100_000);
    expect(cut).toBe(text.slice(0, 100_000));
  });
});
