/**
 * Stored text (a title, a person's name, a unit, a blocker's reason) inside a line a file or a printed page
 * builds as one string: the review's Markdown (report.ts), the plan's Markdown export and the review pack.
 * The model refuses a bidirectional override typed today (fix41d), but a plan keeps what an older version, a
 * plan file or a stock y-websocket client stored, and such a file is read by people we never see: an override
 * left raw reverses the letters and figures after it up to the line's end ("0 → 8 customers‮ · now 3 · 38%"
 * reads "… %83 · 3 won"). So each stored text is named in letters where it holds a control character or an
 * override (`editableText`: ‹RLO›, the rename field's form, letters every font has) and isolated (FSI … PDI,
 * `isolatedText`), so nothing in it can reorder our words around it.
 */
import { isolatedText, sentenceParts } from './bidi-isolation.js';
import { editableText } from './control-characters.js';

/** Stored text as a file's line quotes it: controls and overrides named (‹RLO›), then isolated. */
export function isolatedStoredText(text: string): string {
  return isolatedText(editableText(text));
}

/**
 * Characters that can move text across its neighbours: right-to-left letters (Hebrew, Arabic, Syriac, Thaana,
 * N'Ko, Samaritan, Mandaic and their presentation forms; the supplementary right-to-left blocks) and bidi
 * controls. Text without any reads the same isolated or not.
 */
const MOVES_TEXT = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\u200f\u061c\u202a-\u202e\u2066-\u2069\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;

/**
 * Stored text as a line of a plain-text file (the plan's Markdown) quotes it: controls and overrides named;
 * isolated only where it holds something that could move the words around it, so a plain title is copied out
 * of the file without invisible characters round it.
 */
export function storedTextInLine(text: string): string {
  const named = editableText(text);
  return MOVES_TEXT.test(named) ? isolatedText(named) : named;
}

/**
 * A sentence of ours with stored texts isolated in it (`isolatedText`), each isolated text's controls and
 * overrides named and isolated again, our own words' named too (the closers balancing added are dropped).
 */
export function namedControlsInSentence(sentence: string): string {
  return sentenceParts(sentence).map((part) => (part.isolated ? isolatedStoredText(part.text) : editableText(part.text))).join('');
}
