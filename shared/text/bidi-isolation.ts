/**
 * Other people's names and titles sit inside our sentences ("This link is also used by …: they lose
 * access too."). A right-to-left override (U+202E) in a name, left open, reverses every character after
 * it up to the end of the paragraph: the sentence around the name reads backwards. So wherever a
 * person-supplied name or title is shown in running text it is isolated (`<bdi>`, `Isolated` in the
 * renderer), which also keeps a right-to-left name from reordering the punctuation and numbers beside it.
 *
 * Isolation alone is not enough: browsers draw an isolating element by putting the isolate characters
 * (FSI … PDI) round its text, so a stray pop-directional-isolate (U+2069) in the name closes the
 * element's isolate early, and an override after it leaks again. `balancedBidiText` therefore drops the
 * closers that close nothing opened inside the text and closes what the text leaves open. Bidi controls
 * that balance are kept: right-to-left writers use them (control-characters.ts).
 */

const EMBEDDINGS = new Set(['\u202a', '\u202b', '\u202d', '\u202e']); // LRE, RLE, LRO, RLO
const ISOLATES = new Set(['\u2066', '\u2067', '\u2068']); // LRI, RLI, FSI
const PDF = '\u202c';
const PDI = '\u2069';
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/u;

/**
 * `text` whose bidi controls close only what they open inside it, and close all of it by its end:
 * unmatched PDF / PDI dropped, unclosed embeddings and isolates closed. Unchanged when already balanced.
 */
export function balancedBidiText(text: string): string {
  if (!BIDI_CONTROL.test(text)) return text;
  // What is open, innermost last: 'e' an embedding or override, 'i' an isolate.
  const open: Array<'e' | 'i'> = [];
  let out = '';
  for (const char of text) {
    if (EMBEDDINGS.has(char)) {
      open.push('e');
    } else if (ISOLATES.has(char)) {
      open.push('i');
    } else if (char === PDF) {
      // A PDF closes the innermost embedding, never across an isolate (UAX #9, X7).
      if (open.at(-1) !== 'e') continue;
      open.pop();
    } else if (char === PDI) {
      // A PDI closes the innermost isolate and every embedding inside it (X6a); with none open here it
      // would close the isolate round the text.
      const isolate = open.lastIndexOf('i');
      if (isolate < 0) continue;
      // Close the embeddings inside the isolate explicitly, so the text reads the same to any reader.
      out += PDF.repeat(open.length - isolate - 1);
      open.length = isolate;
    }
    out += char;
  }
  for (let index = open.length - 1; index >= 0; index -= 1) out += open[index] === 'i' ? PDI : PDF;
  return out;
}
