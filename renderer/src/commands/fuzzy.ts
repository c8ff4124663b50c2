/**
 * Fuzzy matching for the command palette: every character of the query appears in the label in
 * order (case- and accent-insensitive). Matches at word starts and in a row score higher, so "ni" finds
 * "New item" before "Outline: indent".
 */
/**
 * Text as the palette compares it: accents dropped and lower case. A Turkish keyboard's Shift+i
 * types `İ`, whose lower case is `i` plus a combining dot, so "İmport" found nothing; text pasted
 * from macOS arrives decomposed (`e` + `´`) and did not match a composed `é`.
 */
function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

export function fuzzyScore(query: string, label: string): number | null {
  const q = foldForSearch(query.trim());
  if (q === '') return 0;
  const text = foldForSearch(label);
  let score = 0;
  let from = 0;
  let previous = -2;
  for (const char of q) {
    if (char === ' ') continue;
    const at = text.indexOf(char, from);
    if (at < 0) return null;
    const wordStart = at === 0 || /[\s:&/(-]/.test(text[at - 1]!);
    score += 1 + (wordStart ? 3 : 0) + (at === previous + 1 ? 2 : 0);
    previous = at;
    from = at + 1;
  }
  // Shorter labels win ties: the query covers more of them.
  return score - text.length / 100;
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
