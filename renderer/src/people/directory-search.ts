/**
 * Finding a person or a team among a company's thousands as someone types (DirectoryPicker).
 *
 * 1. Text is compared folded: compatibility-decomposed (full-width "Ａｄａ" is "Ada"), marks and
 *    invisible format characters (right-to-left overrides, zero-width joiners) dropped, lower case.
 * 2. A choice matches when every typed word is in its name or its note (a person's e-mail and team,
 *    a team's path). Path separators typed as "›", ">" or "/" only separate words ("sales > emea").
 * 3. Matches are ranked: the name as typed; the name starting with it; a word of the name starting
 *    with it; every typed word starting a word somewhere; every typed word anywhere. Within a rank,
 *    the order given (people by name, teams in their hierarchy).
 * 4. At most `limit` are returned, with the count of the others ("N more — keep typing").
 * 5. Nothing typed: the current choice first, then the first ones in the order given.
 */
import { foldForSearch } from '../../../shared/text/fold-for-search.js';

/** One person or team as a picker offers it. */
export interface DirectoryChoice {
  id: string;
  name: string;
  /** Shown under the name and matched too: a person's team and e-mail, a team's path. */
  note: string;
}

/** A choice with its text folded once, when the picker opens, not on every keystroke. */
export interface PreparedChoice<C extends DirectoryChoice = DirectoryChoice> {
  readonly choice: C;
  readonly name: string;
  /** The folded name and note, on separate lines so a word never runs from one into the other. */
  readonly text: string;
}

export interface DirectorySearchResult<C extends DirectoryChoice = DirectoryChoice> {
  readonly shown: readonly C[];
  /** How many more match than are shown. */
  readonly more: number;
}

/** How many a picker lists at once: enough to pick from, few enough to read and render at once. */
export const SHOWN_AT_MOST = 50;

/** Text as the pickers compare it: width, accents, case and invisible format characters do not count. */
export function foldForMatch(text: string): string {
  return foldForSearch(text).trim();
}

/**
 * The words of what was typed, folded; path separators only separate, unless they are all that was
 * typed (a team named "/" is found by typing "/").
 */
export function typedWords(typed: string): string[] {
  const folded = foldForMatch(typed);
  const words = folded.split(/[\s›>/]+/u).filter((word) => word !== '');
  return words.length === 0 && folded !== '' ? [folded] : words;
}

/** Folds each choice's text once. */
export function prepareChoices<C extends DirectoryChoice>(choices: readonly C[]): PreparedChoice<C>[] {
  return choices.map((choice) => {
    const name = foldForMatch(choice.name);
    return { choice, name, text: `${name}\n${foldForMatch(choice.note)}` };
  });
}

const letterOrDigit = /[\p{L}\p{N}]/u;

/** Whether `word` occurs in `text` where a word of it starts. */
function atWordStart(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if (at === 0 || !letterOrDigit.test(text[at - 1]!)) return true;
  }
  return false;
}

/** The rank of a match (0 best), or null when the choice does not match (rules 2 and 3). */
function rankOf(prepared: PreparedChoice, query: string, words: readonly string[]): number | null {
  if (!words.every((word) => prepared.text.includes(word))) return null;
  if (prepared.name === query) return 0;
  if (prepared.name.startsWith(query)) return 1;
  if (atWordStart(prepared.name, query)) return 2;
  return words.every((word) => atWordStart(prepared.text, word)) ? 3 : 4;
}

const RANKS = 5;

/** The choices matching what was typed, best first, at most `limit` of them (rules 3–5). */
export function searchDirectory<C extends DirectoryChoice>(
  prepared: readonly PreparedChoice<C>[], typed: string, options: { currentId?: string; limit?: number } = {},
): DirectorySearchResult<C> {
  const limit = Math.max(0, options.limit ?? SHOWN_AT_MOST);
  const words = typedWords(typed);
  if (words.length === 0) return firstOnes(prepared, options.currentId, limit);
  const query = foldForMatch(typed);
  const ranked: C[][] = Array.from({ length: RANKS }, () => []);
  let matching = 0;
  for (const item of prepared) {
    const rank = rankOf(item, query, words);
    if (rank === null) continue;
    matching++;
    // Only as many of each rank as could be shown: 10,000 matches of "e" are counted, not kept.
    if (ranked[rank]!.length < limit) ranked[rank]!.push(item.choice);
  }
  const shown = ranked.flat().slice(0, limit);
  return { shown, more: matching - shown.length };
}

/** Rule 5: the current choice, then the first ones. */
function firstOnes<C extends DirectoryChoice>(prepared: readonly PreparedChoice<C>[], currentId: string | undefined, limit: number): DirectorySearchResult<C> {
  const current = currentId ? prepared.find((item) => item.choice.id === currentId)?.choice : undefined;
  const shown: C[] = current && limit > 0 ? [current] : [];
  for (const item of prepared) {
    if (shown.length >= limit) break;
    if (item.choice !== current) shown.push(item.choice);
  }
  return { shown, more: prepared.length - shown.length };
}
