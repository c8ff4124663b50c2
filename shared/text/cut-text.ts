/**
 * The first `limit` UTF-16 code units of `text` (the unit the model's length limits count), cut at a
 * code-point boundary: an emoji's two halves are kept or dropped together, never left as a lone surrogate.
 */
export function cutText(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const code = text.charCodeAt(limit - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit);
}

// One segmenter for the process: building one costs far more than segmenting a card title.
const graphemes = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : null;

/**
 * The offsets (UTF-16 units) at which `text` may be cut without splitting what a reader sees as one
 * character: a flag, a skin-toned or ZWJ emoji ("👨‍👩‍👧"), a letter with its combining accents. Ascending,
 * starting after the first grapheme and ending with `text.length`. Where `Intl.Segmenter` is missing,
 * code-point boundaries (the cut `cutText` makes).
 */
export function graphemeEnds(text: string): number[] {
  const ends: number[] = [];
  if (graphemes) {
    for (const { index, segment } of graphemes.segment(text)) ends.push(index + segment.length);
    return ends;
  }
  let end = 0;
  for (const codePoint of text) ends.push(end += codePoint.length);
  return ends;
}
