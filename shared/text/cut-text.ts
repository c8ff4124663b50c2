/**
 * Text as a person counts it. The length limits count code points, not UTF-16 units (which made "🎯"
 * two characters, so a title of 499 letters and an emoji was refused as 501) and not graphemes:
 * - a code point count is the same in every client and every release — grapheme rules change with the
 *   Unicode version of the ICU a runtime ships (Node's and Chromium's differ), and a limit two peers
 *   check must agree on what fits;
 * - it bounds what is stored: one grapheme can hold any number of code points (a ZWJ chain, a letter
 *   under a thousand combining marks), so a limit in graphemes would not limit the size;
 * - for what people write — letters, CJK (supplementary planes too), single emoji — a code point is a
 *   character on screen. A flag or a family emoji counts 2–7, the price of the two points above.
 * Where text is shortened it is cut between graphemes, so nothing on screen is half kept.
 */

/** The number of characters (code points) the length limits count; a lone surrogate counts as one. */
export function characterCount(text: string): number {
  let count = text.length;
  for (let index = 0; index < text.length - 1; index += 1) {
    const code = text.charCodeAt(index);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) { count -= 1; index += 1; }
    }
  }
  return count;
}

/** Whether `text` has more characters (code points) than `limit`; quick for text far under it. */
export function isOverLimit(text: string, limit: number): boolean {
  // A code point is one or two units, so the unit count bounds the character count from both sides.
  if (text.length <= limit) return false;
  if (text.length > 2 * limit) return true;
  return characterCount(text) > limit;
}

/**
 * The longest start of `text` of at most `limit` characters (code points) that ends between two
 * graphemes: an emoji's halves, a flag's two letters, a ZWJ family, a letter and its accents are kept
 * or dropped together. `text` itself when it fits.
 */
export function cutText(text: string, limit: number): string {
  return cutTextNear(text, limit, CUT_WINDOW);
}

/**
 * How far before the cut (UTF-16 units) graphemes are looked for. Only the graphemes around the cut
 * decide it, and segmenting the whole text does not scale: V8's `Intl.Segmenter` iterator slows down
 * with the text's length, so cutting a 200,000-character description (a peer's, in a plan file) took
 * nearly three minutes, and 100,000 letters three seconds (usercheck17). Longer clusters than this
 * (a letter under hundreds of accents) fall back to segmenting from the start.
 */
const CUT_WINDOW = 1024;

/** `cutText` looking for grapheme boundaries within `window` units before the cut (exported for its property test). */
export function cutTextNear(text: string, limit: number, window: number): string {
  if (!isOverLimit(text, limit)) return text;
  // `end`: the unit offset just after the limit-th code point (a lone surrogate counts as one, as characterCount does).
  let end = 0;
  for (let count = 0; count < limit; count++) end += isPairAt(text, end) ? 2 : 1;
  const segmenter = graphemeSegmenter();
  if (!segmenter) return text.slice(0, end);
  // Segment from a point `window` units back, moved back past any regional indicators (a flag's halves
  // pair up from the start of their run) and off a low surrogate, up to a little past the cut.
  let from = Math.max(0, end - window);
  while (from > 0 && (isLowSurrogateAt(text, from) || isRegionalIndicatorBefore(text, from))) from -= isRegionalIndicatorBefore(text, from) ? 2 : 1;
  // Boundaries in the window's first half are not trusted (its start may fall inside a cluster, and a
  // ZWJ there reads as a break before the emoji after it); the cut needs one in the second half.
  const trusted = from === 0 ? 0 : Math.ceil(window / 2);
  let kept = -1;
  for (const { index } of segmenter.segment(text.slice(from, Math.min(text.length, end + 64)))) {
    if (from + index > end) break;
    if (index >= trusted) kept = from + index;
  }
  if (kept >= 0) return text.slice(0, kept);
  // No boundary within the window: a cluster longer than it. Segment from the start, as always.
  let whole = 0;
  let characters = 0;
  for (const grapheme of graphemesOf(text)) {
    characters += characterCount(grapheme);
    if (characters > limit) break;
    whole += grapheme.length;
  }
  return text.slice(0, whole);
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;
/** True when a surrogate pair starts at `at`. */
const isPairAt = (text: string, at: number) => at + 1 < text.length && isHighSurrogate(text.charCodeAt(at)) && isLowSurrogate(text.charCodeAt(at + 1));
/** True when `at` falls between the halves of a surrogate pair. */
const isLowSurrogateAt = (text: string, at: number) => at > 0 && isLowSurrogate(text.charCodeAt(at)) && isHighSurrogate(text.charCodeAt(at - 1));
/** True when the code point just before `at` is a regional indicator (U+1F1E6–U+1F1FF: \uD83C\uDDE6–\uDDFF). */
const isRegionalIndicatorBefore = (text: string, at: number) => at >= 2 && text.charCodeAt(at - 2) === 0xd83c && text.charCodeAt(at - 1) >= 0xdde6 && text.charCodeAt(at - 1) <= 0xddff;

/**
 * `text` as shown where it may hold at most `limit` characters: itself when it fits, else cut between
 * graphemes to `limit - 1` characters and ended with "…", so the cut is seen. For text stored past its
 * limit by a writer that skipped the checks (a peer's own client, an old file).
 */
export function shownWithin(text: string, limit: number): string {
  return isOverLimit(text, limit) ? `${cutText(text, limit - 1)}…` : text;
}

/** The graphemes of `text` one at a time (code points where `Intl.Segmenter` is missing), so a cut stops early. */
function* graphemesOf(text: string): Generator<string> {
  const segmenter = graphemeSegmenter();
  if (!segmenter) { yield* text; return; }
  for (const { segment } of segmenter.segment(text)) yield segment;
}

// One segmenter for the process: building one costs far more than segmenting a card title. Built on
// first use, not when the module is evaluated: the page's entry evaluates this module (the painter
// checks stored titles' lengths) before it starts reading the first screen, and most checks never
// segment (a title shorter than its limit in UTF-16 units is within it).
let graphemes: Intl.Segmenter | null | undefined;
function graphemeSegmenter(): Intl.Segmenter | null {
  if (graphemes === undefined) graphemes = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : null;
  return graphemes;
}

/**
 * The offsets (UTF-16 units) at which `text` may be cut without splitting what a reader sees as one
 * character: a flag, a skin-toned or ZWJ emoji ("👨‍👩‍👧"), a letter with its combining accents. Ascending,
 * starting after the first grapheme and ending with `text.length`. Where `Intl.Segmenter` is missing,
 * code-point boundaries.
 */
export function graphemeEnds(text: string): number[] {
  const ends: number[] = [];
  const segmenter = graphemeSegmenter();
  if (segmenter) {
    for (const { index, segment } of segmenter.segment(text)) ends.push(index + segment.length);
    return ends;
  }
  let end = 0;
  for (const codePoint of text) ends.push(end += codePoint.length);
  return ends;
}
