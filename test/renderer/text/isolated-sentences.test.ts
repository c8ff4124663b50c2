// usercheck13: names and titles inside sentences built as one string (a signal's message, the host
// screen's "Has open" cell, a move's badge, the notices) were not isolated: only sentences rendered as
// React parts were (usercheck12). A name holding a right-to-left override, or a stray PDI before one,
// reordered the rest of the sentence. Each builder now wraps each name with `isolatedText` (FSI, the name
// balanced, PDI). Checked with a small model of UAX #9's explicit stack: every one of our characters in
// the sentence sits at the outermost level, whatever controls the names hold.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NodeId } from '../../../shared/model/ids.js';
import { priorityShiftSignal } from '../../../shared/model/signals.js';
import { isolatedText, sentenceParts } from '../../../shared/text/bidi-isolation.js';
import { namedControlText } from '../../../shared/text/control-characters.js';
import { describeRooms } from '../../../renderer/src/host/host-view.js';
import { undoneMoveWords } from '../../../renderer/src/outline/labels.js';
import { explicitStacks } from '../../shared/text/bidi-levels.js';

const kr = 'kr' as NodeId;
const FSI = '\u2068';
const PDI = '\u2069';

/** Our own words of `sentence` (outside the isolates `sentenceParts` finds) each at the outermost level. */
function expectOurWordsOutermost(sentence: string, names: readonly string[]) {
  const stackAt = explicitStacks(sentence);
  const chars = [...sentence];
  let depth = 0;
  chars.forEach((char, index) => {
    // Inside an isolate a name may do as it likes; everything else of the sentence must be at level ''.
    if (depth === 0 && char !== FSI) expect(stackAt[index], `character ${index} (${JSON.stringify(char)}) of ${JSON.stringify(sentence)}`).toBe('');
    if ('\u2066\u2067\u2068'.includes(char)) depth += 1;
    else if (char === PDI && depth > 0) depth -= 1;
  });
  // The renderer finds each name again (as <bdi>), its text intact but for unbalanced controls.
  const isolated = sentenceParts(sentence).filter((part) => part.isolated).map((part) => part.text);
  expect(isolated).toEqual(names.map((name) => isolatedText(name).slice(1, -1)));
}

const hostileName = fc.array(fc.constantFrom('a', 'ب', ' ', '1', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200f'), { minLength: 1, maxLength: 16 }).map((chars) => chars.join(''));

describe('names in sentences built as one string', () => {
  it('a priority shift ("Changed since “…”"): no review point name reorders the words after it (property)', () => {
    fc.assert(fc.property(hostileName, (name) => {
      const node = { kind: 'key_result' as const, parent: 'o', title: 'KR', target: 10, weight: null, priority: null, owner: null };
      const changed = priorityShiftSignal(kr, { ...node, target: 20 }, { at: 0, name, nodes: { kr: node } }, 1)!;
      expectOurWordsOutermost(changed.message, [name]);
      const added = priorityShiftSignal(kr, node, { at: 0, name, nodes: {} }, 1)!;
      expectOurWordsOutermost(added.message, [name]);
    }), { numRuns: 500 });
  });

  it('the host screen\'s "Has open" cell: no plan name reorders the names after it (property)', () => {
    fc.assert(fc.property(fc.array(hostileName, { minLength: 1, maxLength: 3 }), (names) => {
      const plans = names.map((name, index) => ({ id: `p${index}`, name })) as unknown as Parameters<typeof describeRooms>[1];
      expectOurWordsOutermost(describeRooms(names.map((_, index) => `p${index}`), plans), names);
    }), { numRuns: 500 });
  });

  it('a move a loop undid: no person\'s name or title reorders the explanation (property)', () => {
    fc.assert(fc.property(hostileName, hostileName, (person, title) => {
      const node = { displaced: true, parent: 'p', undoneMove: { by: 'ben', parent: 'q', at: 0 } } as unknown as Parameters<typeof undoneMoveWords>[0];
      const words = undoneMoveWords(node, 'ada', () => person, () => title)!;
      expectOurWordsOutermost(words.badge, [person]);
      // A title is shown with its control characters named, an override among them (review40b F9): "RLO" in letters.
      const shownTitle = namedControlText(title);
      expectOurWordsOutermost(words.explanation, [person, shownTitle, person, shownTitle]);
    }), { numRuns: 500 });
  });

  it('an RLO left open in a name: the old sentence ran reversed to its end, the isolated one does not', () => {
    const name = 'Q1\u2069\u202eevil';
    expect(explicitStacks(`Changed since “${name}”: target`).at(-1)).toBe('e');
    const node = { kind: 'key_result' as const, parent: 'o', title: 'KR', target: 10, weight: null, priority: null, owner: null };
    const message = priorityShiftSignal(kr, { ...node, target: 20 }, { at: 0, name, nodes: { kr: node } }, 1)!.message;
    expect(message).toBe('Changed since “\u2068Q1\u202eevil\u202c\u2069”: target');
    expect(explicitStacks(message).at(-1)).toBe('');
  });
});
