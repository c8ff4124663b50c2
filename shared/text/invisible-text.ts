/**
 * Text that shows nothing. A title of three spaces, or of zero-width spaces (U+200B), word joiners
 * (U+2060) or a byte-order mark (U+FEFF), looks like an empty line, cannot be told from another such
 * title, and (unlike an empty one) is not shown as "Untitled". Such one-line text is refused when
 * typed, with the characters named; an empty title stays allowed (a fresh outline line).
 *
 * Invisible here: Unicode White_Space, Default_Ignorable_Code_Point (zero-width spaces and joiners,
 * fillers such as U+3164, variation selectors, bidi marks) and the blank Braille pattern U+2800.
 */
import { codePointName } from './control-characters.js';

const INVISIBLE = /^[\p{White_Space}\p{Default_Ignorable_Code_Point}\u2800]+$/u;

/** True when `text` is not empty and every character in it is invisible. */
export function isInvisibleOnly(text: string): boolean {
  return text.length > 0 && INVISIBLE.test(text);
}

/**
 * Why non-empty `text` shows nothing, or null (empty text, or text with a visible character):
 * `is only spaces, which show nothing` or `is only invisible characters (U+200B, U+2060), which show nothing`.
 */
export function invisibleTextProblem(text: string): string | null {
  if (!isInvisibleOnly(text)) return null;
  const hidden = new Set<string>();
  let spaces = false;
  for (const char of text) {
    // The spaces a person types (plain, no-break, ideographic) are called spaces; the rest are named.
    if (char === ' ' || char === '\u00a0' || char === '\u3000') spaces = true;
    else hidden.add(codePointName(char));
  }
  const named = [...hidden].slice(0, 5).join(', ') + (hidden.size > 5 ? ', …' : '');
  if (hidden.size === 0) return 'is only spaces, which show nothing';
  return `is only ${spaces ? 'spaces and ' : ''}invisible characters (${named}), which show nothing`;
}
