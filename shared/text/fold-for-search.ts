/**
 * The marks a search ignores (review35 F4): accents, not letters. After NFKD, the combining diacritics
 * shared by scripts (Unicode Script=Inherited: U+0300–036F and the other diacritic blocks, where the
 * accents of Latin, Greek and Cyrillic letters land — "München", "İstanbul", "Café", "Ποιότητα", "ёлка"),
 * the few marks of those three scripts themselves (Cyrillic titlo), and the optional vowel points and
 * cantillation of Arabic and Hebrew (harakat, niqqud: mostly not written, so a search typed without them
 * finds text written with them; the hamza of أ إ is Inherited too, so "ا" finds them, as Arabic search
 * commonly does). Kept: every other script's marks, which spell the word — the vowel signs of Devanagari,
 * Bengali, Tamil, Thai and the other Brahmic scripts ("काम" is not "कम") — and the kana voicing marks,
 * Inherited but letters' parts ("が" is not "か").
 */
const ignoredMarks = /(?:(?![\u3099\u309A])(?=\p{M})[\p{Script=Inherited}\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Arabic}\p{Script=Hebrew}]|\p{Cf})+/gu;

/**
 * The one rule by which the app's searches compare text (the outline's Find, "Find an item to link",
 * Find a person, the pickers, the command palette): compatibility-decomposed (full-width "Ａｄａ" is
 * "Ada", "ﬁ" is "fi"), accents dropped but not the vowel signs of other scripts (ignoredMarks: "munchen"
 * finds "München", "cafe" "Café", "काम" does not find "कम"), invisible format characters dropped
 * (zero-width spaces, joiners, soft hyphens, direction marks), runs of white space one space, lower
 * case. The marks go before the case: a Turkish keyboard's "İ" is "I" plus a dot above, whose lower case
 * kept the dot, so "istanbul" missed "İstanbul".
 */
export function foldForSearch(text: string): string {
  return text.normalize('NFKD').replace(ignoredMarks, '').replace(/\s+/gu, ' ').toLowerCase();
}

/** True when `text` holds what was typed, folded (nothing typed: true). */
export function textHolds(text: string, typed: string): boolean {
  const wanted = foldForSearch(typed).trim();
  return wanted === '' || foldForSearch(text).includes(wanted);
}
