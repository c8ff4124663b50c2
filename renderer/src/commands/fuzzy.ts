/**
 * Fuzzy matching for the command palette: every character of the query appears in the label in
 * order (case- and accent-insensitive). Matches at word starts and in a row score higher, so "ni" finds
 * "New item" before "Outline: indent".
 */
/** Text as the palette compares it: the app's one search rule (shared/text/fold-for-search.ts). */
export { foldForSearch } from '../../../shared/text/fold-for-search.js';
import { foldForSearch } from '../../../shared/text/fold-for-search.js';
import { smallest } from '../../../shared/collections/long-lists.js';

const wordSeparator = /[\s:&/(-]/;

/** The letters of the query in order in the label, scored; null when they are not all there. */
function scatteredScore(q: string, text: string): number | null {
  let score = 0;
  let from = 0;
  let previous = -2;
  for (const char of q) {
    if (char === ' ') continue;
    const at = text.indexOf(char, from);
    if (at < 0) return null;
    const wordStart = at === 0 || wordSeparator.test(text[at - 1]!);
    score += 1 + (wordStart ? 3 : 0) + (at === previous + 1 ? 2 : 0);
    previous = at;
    from = at + 1;
  }
  return score;
}

/**
 * Each typed word found whole in the label adds to its score, most where a word of the label starts
 * with it. Scattered letters score at most 6 a letter, a word at a word start 8 and more, so "png"
 * puts "Export … as PNG" before "Present … again" (P…n…g), whose letters only happen to be there.
 */
function wordBonus(q: string, text: string): number {
  let bonus = 0;
  for (const word of q.split(' ')) {
    if (word === '') continue;
    let at = text.indexOf(word);
    if (at < 0) continue;
    let atWordStart = false;
    for (; at >= 0 && !atWordStart; at = text.indexOf(word, at + 1)) atWordStart = at === 0 || wordSeparator.test(text[at - 1]!);
    bonus += word.length * (atWordStart ? 5 : 2);
  }
  return bonus;
}

/** The query with two neighbouring letters of one word swapped, each way ("exprot" → "export"). */
function transpositions(q: string): string[] {
  const variants: string[] = [];
  for (let i = 0; i + 1 < q.length && i < 40; i++) {
    if (q[i] === q[i + 1] || q[i] === ' ' || q[i + 1] === ' ') continue;
    variants.push(q.slice(0, i) + q[i + 1] + q[i] + q.slice(i + 2));
  }
  return variants;
}

export function fuzzyScore(query: string, label: string): number | null {
  const q = foldForSearch(query.trim()).replace(/\s+/g, ' ');
  if (q === '') return 0;
  const text = foldForSearch(label);
  // Shorter labels win ties: the query covers more of them.
  const exact = scatteredScore(q, text);
  if (exact !== null) return exact + wordBonus(q, text) - text.length / 100;
  // Typos, below every label matching as typed: first where each typed word begins a word of the label
  // with at most one typo ("exprot pgn"), then a quick typist's swapped letters anywhere (scattered).
  const typo = typoScore(q, text);
  if (typo !== null) return typo;
  let best: number | null = null;
  for (const variant of transpositions(q)) {
    const score = scatteredScore(variant, text);
    if (score !== null && (best === null || score > best)) best = score;
  }
  return best === null ? null : best - q.length - text.length / 100 - 200;
}

/** Optimal string alignment distance, stopping early past 1 (all the typo match needs to know). */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let previous2: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, previous2[j - 2]! + 1);
      row.push(best);
    }
    if (smallest(row) > 1) return false;
    previous2 = previous;
    previous = row;
  }
  return previous[b.length]! <= 1;
}

/** Whether a typed word is a label word's beginning with at most one typo (a letter wrong, missing, extra or swapped). */
function wordWithTypo(typed: string, word: string): boolean {
  if (word.startsWith(typed)) return true;
  // Three letters with one wrong would match too much ("pgn" is "png" swapped, "xyz" nothing).
  if (typed.length < 4) return typed.length === 3 && [...typed].sort().join('') === [...word.slice(0, 3)].sort().join('');
  return [typed.length - 1, typed.length, typed.length + 1].some((length) => length <= word.length && withinOneEdit(typed, word.slice(0, length)));
}

/**
 * A typo in each of several words ("inport spredsheet", "exprot pgn"): every typed word begins a word
 * of the label with at most one typo. Scored between -100 and -50: below every match as typed (0 and up).
 */
function typoScore(q: string, text: string): number | null {
  const typed = q.split(' ').filter((word) => word !== '');
  const words = text.split(/[^\p{L}\p{N}]+/u).filter((word) => word !== '');
  if (typed.some((word) => !words.some((candidate) => wordWithTypo(word, candidate)))) return null;
  return -100 + typed.join('').length - text.length / 100;
}

/** Items whose label matches the query, best first (stable for equal scores). */
export function fuzzyFilter<T>(items: readonly T[], query: string, label: (item: T) => string): T[] {
  const scored: { item: T; score: number; order: number }[] = [];
  items.forEach((item, order) => {
    const score = fuzzyScore(query, label(item));
    if (score !== null) scored.push({ item, score, order });
  });
  if (query.trim() === '') return scored.map((entry) => entry.item);
  return scored.sort((a, b) => b.score - a.score || a.order - b.order).map((entry) => entry.item);
}
