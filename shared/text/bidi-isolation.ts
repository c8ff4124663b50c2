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

const FSI = '\u2068';

/**
 * `text` as a bidi isolate inside a sentence built as one string (a notice, a signal's message, an
 * aria-label, a button's name): FSI, the text with its controls balanced, PDI. A browser, a screen reader
 * or a copy-paste reads it as `<bdi>` reads: no override, stray PDI or right-to-left name in it can
 * reorder the words around it.
 */
export function isolatedText(text: string): string {
  return FSI + balancedBidiText(text) + PDI;
}

/** A run of a sentence: our words, or one isolated name or title (`isolatedText`) without its FSI and PDI. */
export interface SentencePart { text: string; isolated: boolean }

/**
 * A sentence built with `isolatedText` split into our words and the isolated texts in it, so the
 * renderer can show each isolate as `<bdi>` (the page's text then holds no isolate characters). An FSI
 * left open (not ours) stays plain text.
 */
export function sentenceParts(sentence: string): SentencePart[] {
  if (!sentence.includes(FSI)) return [{ text: sentence, isolated: false }];
  const parts: SentencePart[] = [];
  let plainFrom = 0;
  let index = 0;
  while (index < sentence.length) {
    if (sentence[index] !== FSI) { index += 1; continue; }
    // The PDI that closes this FSI: isolates opened inside it are closed inside it.
    let depth = 0;
    let close = -1;
    for (let at = index + 1; at < sentence.length; at += 1) {
      const char = sentence[at]!;
      if (ISOLATES.has(char)) depth += 1;
      else if (char === PDI) {
        if (depth === 0) { close = at; break; }
        depth -= 1;
      }
    }
    if (close < 0) break;
    if (index > plainFrom) parts.push({ text: sentence.slice(plainFrom, index), isolated: false });
    parts.push({ text: sentence.slice(index + 1, close), isolated: true });
    index = close + 1;
    plainFrom = index;
  }
  if (plainFrom < sentence.length) parts.push({ text: sentence.slice(plainFrom), isolated: false });
  return parts;
}

/** Letters of the scripts written right to left (Unicode bidi classes R and AL). */
const rightToLeftLetter = /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}\p{Script=Hanifi_Rohingya}]/u;

/**
 * The direction `dir="auto"` gives `text` (the first strong letter's, Unicode rules P2–P3), or null when it has
 * no letter: for text drawn where no browser lays it out, such as the canvas's cards.
 */
export function firstStrongDirection(text: string): 'ltr' | 'rtl' | null {
  const letter = /\p{L}/u.exec(text);
  if (letter === null) return null;
  return rightToLeftLetter.test(letter[0]) ? 'rtl' : 'ltr';
}
