// usercheck12: a participant's announced name holding a right-to-left override (U+202E) reversed the
// text after it on the host screen ("This link is also used by …: they lose access too."). Names and
// titles in sentences are isolated; a stray pop-directional-isolate in the name would close that
// isolate early, so the name's own controls are balanced first. Checked here with a small model of
// UAX #9's explicit stack (X1–X8, without the depth limit).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { balancedBidiText } from '../../../shared/text/bidi-isolation.js';

const FSI = '\u2068';
const PDI = '\u2069';

/** The explicit directional stack after `text` (innermost last: 'e' embedding/override, 'i' isolate). */
function bidiStack(text: string): string {
  const stack: string[] = [];
  for (const char of text) {
    if ('\u202a\u202b\u202d\u202e'.includes(char)) stack.push('e');
    else if ('\u2066\u2067\u2068'.includes(char)) stack.push('i');
    else if (char === '\u202c') { if (stack.at(-1) === 'e') stack.pop(); }
    else if (char === PDI) { const at = stack.lastIndexOf('i'); if (at >= 0) stack.length = at; }
  }
  return stack.join('');
}

const bidiTextArbitrary = fc.array(fc.constantFrom('a', 'ب', ' ', '1', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200f'), { maxLength: 20 }).map((chars) => chars.join(''));

describe('a name isolated in a sentence', () => {
  it('leaves the sentence after it as it was before it, whatever bidi controls the name holds (property)', () => {
    fc.assert(fc.property(bidiTextArbitrary, bidiTextArbitrary, (before, name) => {
      expect(bidiStack(before + FSI + balancedBidiText(name) + PDI)).toBe(bidiStack(before));
    }), { numRuns: 2000 });
  });

  it('needs the balancing: a stray PDI in a raw name closes the isolate and lets the override after it leak', () => {
    const hostile = 'Eve\u2069\u202eevil';
    expect(bidiStack(FSI + hostile + PDI)).toBe('e');
    expect(bidiStack(FSI + balancedBidiText(hostile) + PDI)).toBe('');
    expect(balancedBidiText(hostile)).toBe('Eve\u202eevil\u202c');
  });

  it('keeps a right-to-left writer\'s balanced controls and every other character', () => {
    expect(balancedBidiText('Ada Host')).toBe('Ada Host');
    expect(balancedBidiText('\u202bשלום\u202c world')).toBe('\u202bשלום\u202c world');
    expect(balancedBidiText('\u2067دبي\u2069 2027')).toBe('\u2067دبي\u2069 2027');
    fc.assert(fc.property(bidiTextArbitrary, (name) => {
      const strip = (text: string) => text.replace(/[\u202a-\u202e\u2066-\u2069]/gu, '');
      expect(strip(balancedBidiText(name))).toBe(strip(name));
      expect(balancedBidiText(balancedBidiText(name))).toBe(balancedBidiText(name));
    }));
  });

  it('closes an override left open, so the text after the name is not reversed', () => {
    expect(balancedBidiText('Mallory\u202e')).toBe('Mallory\u202e\u202c');
    expect(balancedBidiText('\u2067x\u202ey')).toBe('\u2067x\u202ey\u202c\u2069');
  });
});
