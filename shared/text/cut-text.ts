/**
 * The first `limit` UTF-16 code units of `text` (the unit the model's length limits count), cut at a
 * code-point boundary: an emoji's two halves are kept or dropped together, never left as a lone surrogate.
 */
export function cutText(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const code = text.charCodeAt(limit - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit);
}
