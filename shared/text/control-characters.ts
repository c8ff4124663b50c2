/**
 * Control characters in text people read: C0 (U+0000–U+001F), DEL (U+007F) and C1 (U+0080–U+009F).
 * They show as nothing or as a box, so a title holding a NUL or a BEL looks like another title and
 * cannot be found by what it seems to say. Typed ones are refused with the character named; read
 * from a file they are replaced by a visible sign with a warning; stored ones (another client's, an
 * older version's) show visibly too. Tab and line breaks are text in multi-line fields (a
 * description, a note), control characters in one-line fields (a title, a name).
 *
 * The two bidirectional overrides, LEFT-TO-RIGHT OVERRIDE (U+202D) and RIGHT-TO-LEFT OVERRIDE (U+202E),
 * are treated as control characters too (review40b F9, "Trojan Source"): an override forces every
 * character after it into one direction whatever its own, so "Cut costs ‮%01 yb" shows as "Cut costs by
 * 10%": the text reads as something it does not say, inside its isolated run as much as anywhere. No
 * writer needs one in a title, a name or a description; Unicode itself (UAX #9, "Markup and Formatting
 * Issues") keeps them for rare display cases, and what right-to-left writers do use is kept as text:
 * - the marks LRM, RLM and ALM (U+200E, U+200F, U+061C), which place punctuation and numbers;
 * - the isolates LRI, RLI, FSI and PDI (U+2066–U+2069), the recommended way to embed text of the other
 *   direction (a Latin product name in Hebrew);
 * - the embeddings LRE, RLE and PDF (U+202A–U+202C), which older editors and keyboards still write for
 *   the same purpose: they change the direction of a run's neutral characters, never the order of its
 *   letters, so a word still reads as itself.
 * Titles and names shown inside our sentences are isolated with their controls balanced (bidi-isolation.ts),
 * so what is kept cannot reorder our words either.
 */

// \p{Cc} is exactly C0, DEL and C1; U+202D and U+202E are the bidirectional overrides.
const SINGLE_LINE = /[\p{Cc}\u202d\u202e]/u;
const MULTI_LINE = /(?![\t\n\r])[\p{Cc}\u202d\u202e]/u;
/** A single-line field's characters to replace, a Windows line break as one. */
const SINGLE_LINE_ALL = /\r\n|[\p{Cc}\u202d\u202e]/gu;

/** The bidirectional overrides by code point name, as messages call them. */
const OVERRIDES: Readonly<Record<string, string>> = { 'U+202D': 'a left-to-right override', 'U+202E': 'a right-to-left override' };

/** True when `name` (`U+202E`) is one of the bidirectional overrides. */
export function isBidiOverride(name: string): boolean {
  return name in OVERRIDES;
}

/** `U+0007` for a code point, as messages name characters. */
export function codePointName(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * The first control character in `text` that its field does not take, named (`U+0007`), or null.
 * `multiLine`: the field is a description or a note, where tab, line feed and carriage return are text.
 */
export function controlCharacterIn(text: string, multiLine = false): string | null {
  const found = (multiLine ? MULTI_LINE : SINGLE_LINE).exec(text);
  return found ? codePointName(found[0]) : null;
}

/**
 * The refusal of typed text holding a control character: `contains a control character (U+0007)`, or for
 * an override `contains a right-to-left override (U+202E), which shows the text after it in another order`.
 */
export function controlCharacterProblem(text: string, multiLine = false): string | null {
  const name = controlCharacterIn(text, multiLine);
  if (name === null) return null;
  return isBidiOverride(name) ? `contains ${OVERRIDES[name]} (${name}), which shows the text after it in another order` : `contains a control character (${name})`;
}

/**
 * The refusal as a field says it to a person: a control character `…, which does not show`; an override
 * says what it does instead (it shows, reordered).
 */
export function controlCharacterRefusal(text: string, multiLine = false): string | null {
  const problem = controlCharacterProblem(text, multiLine);
  if (problem === null) return null;
  return isBidiOverride(controlCharacterIn(text, multiLine)!) ? problem : `${problem}, which does not show`;
}

/**
 * `text` with every control character its field does not take replaced by a visible sign: C0 by its
 * Control Pictures symbol (U+0007 → ␇), DEL by ␡, C1 and an override by U+FFFD; in a one-line field a tab or a line
 * break (a multi-line spreadsheet cell) becomes a space. The names of what was replaced come with it,
 * so the caller can say so.
 */
export function replaceControlCharacters(text: string, multiLine = false): { text: string; replaced: string[] } {
  if (controlCharacterIn(text, multiLine) === null) return { text, replaced: [] };
  const replaced = new Set<string>();
  const out = text.replace(multiLine ? new RegExp(MULTI_LINE.source, 'gu') : SINGLE_LINE_ALL, (char) => {
    for (const one of char) replaced.add(codePointName(one));
    if (!multiLine && (char === '\t' || char === '\n' || char === '\r' || char === '\r\n')) return ' ';
    const code = char.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    if (code === 0x7f) return '\u2421';
    return '\ufffd';
  });
  return { text: out, replaced: [...replaced] };
}

/**
 * What a list of replaced characters is called in a warning: `a control character (U+0007)`, `a right-to-left
 * override (U+202E)`, `control characters (U+0000, U+0007)`.
 */
export function replacedCharactersText(replaced: readonly string[]): string {
  if (replaced.length !== 1) return `control characters (${replaced.join(', ')})`;
  return `${OVERRIDES[replaced[0]!] ?? 'a control character'} (${replaced[0]})`;
}

/** How stored text is shown: its control characters as visible signs (tab and line breaks kept where `multiLine`). */
export function visibleText(text: string, multiLine = false): string {
  return controlCharacterIn(text, multiLine) === null ? text : replaceControlCharacters(text, multiLine).text;
}

/** Signs that `visibleText` shows control characters as (C0 pictures, ␡, and U+FFFD for C1). */
const CONTROL_SIGNS = /[\u2400-\u241f\u2421\ufffd]/gu;

/**
 * Stored text cleaned of its control characters, for a person who asked for it (one click in the
 * rename field): `text` as stored has them removed; text edited from its visible form has their
 * signs removed. In a one-line field a tab or a line break becomes a space, as `visibleText` shows it.
 */
export function withoutControlCharacters(text: string, multiLine = false): string {
  const stored = text.replace(multiLine ? new RegExp(MULTI_LINE.source, 'gu') : SINGLE_LINE_ALL, (char) => (!multiLine && /^[\t\n\r]/.test(char) ? ' ' : ''));
  return stored.replace(CONTROL_SIGNS, '');
}

/** The C0 control characters' standard abbreviations (ISO 6429), U+0000 to U+001F. */
const C0_ABBREVIATIONS = [
  'NUL', 'SOH', 'STX', 'ETX', 'EOT', 'ENQ', 'ACK', 'BEL', 'BS', 'HT', 'LF', 'VT', 'FF', 'CR', 'SO', 'SI',
  'DLE', 'DC1', 'DC2', 'DC3', 'DC4', 'NAK', 'SYN', 'ETB', 'CAN', 'EM', 'SUB', 'ESC', 'FS', 'GS', 'RS', 'US',
] as const;

/**
 * A control character's short name, readable in any font (the Control Pictures signs are boxes in
 * many): `BEL` for U+0007, `DEL` for U+007F; a C1 character (no common abbreviation) by its code.
 */
export function controlCharacterAbbreviation(char: string): string {
  const code = char.codePointAt(0)!;
  if (code < 0x20) return C0_ABBREVIATIONS[code]!;
  if (code === 0x7f) return 'DEL';
  if (code === 0x202d) return 'LRO';
  if (code === 0x202e) return 'RLO';
  return codePointName(char);
}

/** The control character a Control Pictures sign stands for (␇ → U+0007, ␡ → DEL), or null. */
export function signedControl(char: string): string | null {
  const code = char.codePointAt(0)!;
  if (code >= 0x2400 && code <= 0x241f) return String.fromCharCode(code - 0x2400);
  return code === 0x2421 ? '\u007f' : null;
}

/** A piece of stored text as shown: plain text, or one control character its field does not take. */
export type ShownTextRun = { text: string } | { control: string; abbreviation: string; code: string };

/**
 * Stored text in runs for display: each control character its field does not take is a run of its
 * own (to be drawn as a named chip), everything else plain, as `visibleText` would show it (in a
 * one-line field a tab or a line break is a space). A chip stands apart from the words beside it by a
 * space, so its name reads as a word ("Win NUL DACH", not "WinNUL DACH") to the eye and to a screen
 * reader alike (`namedControlText`).
 */
export function shownTextRuns(text: string, multiLine = false): ShownTextRun[] {
  if (controlCharacterIn(text, multiLine) === null && !/[\u2400-\u241f\u2421]/u.test(text)) return text === '' ? [] : [{ text }];
  const runs: ShownTextRun[] = [];
  let plain = '';
  let afterControl = false;
  for (const char of multiLine ? text : text.replace(/\r\n/g, '\n')) {
    // A Control Pictures sign stored in place of its character (file open writes them) is named too.
    const stands = signedControl(char) ?? char;
    const control = (multiLine ? MULTI_LINE : SINGLE_LINE).test(stands);
    const shownChar = control && !multiLine && (char === '\t' || char === '\n' || char === '\r') ? ' ' : control ? null : char;
    if (shownChar === null) {
      if ((plain !== '' || afterControl) && !/\s$/u.test(plain)) plain += ' ';
      if (plain) runs.push({ text: plain });
      plain = '';
      runs.push({ control: char, abbreviation: controlCharacterAbbreviation(stands), code: codePointName(stands) });
      afterControl = true;
      continue;
    }
    if (afterControl && plain === '' && !/^\s/u.test(shownChar)) plain = ' ';
    afterControl = false;
    plain += shownChar;
  }
  if (plain) runs.push({ text: plain });
  return runs;
}

/** Stored text with each control character named in letters (`Win NUL DACH`): the words of `shownTextRuns`, for an accessible name. */
export function namedControlText(text: string, multiLine = false): string {
  return shownTextRuns(text, multiLine).map((run) => ('text' in run ? run.text : run.abbreviation)).join('');
}

/** The sign a stored control character is saved as once its text is edited (as `replaceControlCharacters` writes it). */
function signOf(char: string): string {
  if (signedControl(char) !== null) return char;
  const code = char.codePointAt(0)!;
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  return code === 0x7f ? '\u2421' : '\ufffd';
}

/** How a control character stands in a one-line editor: its name in single guillemets, `‹NUL›`. */
const editableName = (abbreviation: string) => `\u2039${abbreviation}\u203a`;

/**
 * Stored one-line text as its editor (an input, which cannot hold a chip) shows it: each control
 * character, or a Control Pictures sign stored in its place, as its name in single guillemets
 * (`Win‹NUL›DACH`): letters any font has, where the sign ␀ is an empty box in many (DejaVu), and the
 * same name the outline's chip shows. A tab or a line break is a space, as the row shows it. Nothing
 * else changes, so an edit saves exactly what the person sees (`fromEditableText`).
 */
export function editableText(text: string): string {
  if (controlCharacterIn(text) === null && !/[\u2400-\u241f\u2421]/u.test(text)) return text;
  let out = '';
  for (const char of text.replace(/\r\n/g, '\n')) {
    const stands = signedControl(char) ?? char;
    if (!SINGLE_LINE.test(stands)) out += char;
    else if (char === '\t' || char === '\n' || char === '\r') out += ' ';
    else out += editableName(controlCharacterAbbreviation(stands));
  }
  return out;
}

/**
 * Text edited from `editableText(stored)` as it is saved: each `‹NAME›` naming a control character
 * that `stored` held becomes that character's visible sign (what an edit of the stored text always
 * saved: the outline names the sign as the character, so the row reads the same), every other
 * character as typed. A `‹NAME›` the stored text did not hold is the person's own text, kept (one
 * case cannot be told apart: a title holding a NUL and also the text "‹NUL›" saves both as the sign).
 */
export function fromEditableText(edited: string, stored: string): string {
  const signs = new Map<string, string>();
  for (const char of stored.replace(/\r\n/g, '\n')) {
    const stands = signedControl(char) ?? char;
    if (SINGLE_LINE.test(stands) && char !== '\t' && char !== '\n' && char !== '\r') signs.set(editableName(controlCharacterAbbreviation(stands)), signOf(char));
  }
  if (signs.size === 0) return edited;
  return edited.replace(/\u2039(?:[A-Z0-9]{2,3}|U\+[0-9A-F]{4})\u203a/gu, (name) => signs.get(name) ?? name);
}
