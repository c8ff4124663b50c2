/**
 * The one rule by which the app's searches compare text (the outline's Find, "Find an item to link",
 * Find a person, the pickers, the command palette): compatibility-decomposed (full-width "Ａｄａ" is
 * "Ada", "ﬁ" is "fi"), accents and other marks dropped ("munchen" finds "München", "cafe" "Café"),
 * invisible format characters dropped (zero-width spaces, joiners, soft hyphens, direction marks), runs
 * of white space one space, lower case. The marks go before the case: a Turkish keyboard's "İ" is "I"
 * plus a dot above, whose lower case kept the dot, so "istanbul" missed "İstanbul".
 */
export function foldForSearch(text: string): string {
  return text.normalize('NFKD').replace(/[\p{M}\p{Cf}]+/gu, '').replace(/\s+/gu, ' ').toLowerCase();
}

/** True when `text` holds what was typed, folded (nothing typed: true). */
export function textHolds(text: string, typed: string): boolean {
  const wanted = foldForSearch(typed).trim();
  return wanted === '' || foldForSearch(text).includes(wanted);
}
