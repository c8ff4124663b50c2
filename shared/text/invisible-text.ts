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

/**
 * Free text that shows nothing is no text. Per field, what a person expects (one rule for the UI,
 * import and file open, applied by the model in shared/):
 * - a title, and the name of a plan, person, team, period or review point, identifies a thing: one
 *   of only spaces or invisible characters is refused with the characters named (an empty title
 *   stays allowed and reads "Untitled");
 * - a description, a check-in note, a unit, a horizon and a blocked reason say something or
 *   nothing: one that shows nothing is kept as none (an empty description or note, a cleared field),
 *   as an emptied field already is. A blocked reason of zero-width spaces is no reason, and a
 *   check-in whose only content was such a note is refused as empty.
 */
export function showsNothing(text: string): boolean {
  return text.length === 0 || INVISIBLE.test(text);
}

/** `text`, or '' when it shows nothing (free text: see showsNothing). */
export function freeTextAsKept(text: string): string {
  return showsNothing(text) ? '' : text;
}
