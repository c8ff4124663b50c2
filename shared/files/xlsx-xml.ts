/**
 * The little XML an XLSX reader needs, by pattern rather than a DOM: the parts are machine-written
 * (no comments or CDATA in the places read), and a 20,000-row sheet is read in one pass over its text.
 */

/** One compiled pattern per attribute name: the sheet's pass looks at every cell of up to 20,000 rows. */
const ATTRIBUTE_PATTERNS = new Map<string, RegExp>();

/** The value of attribute `name` in a start tag (as written: not unescaped), or null. */
export function attribute(tag: string, name: string): string | null {
  let pattern = ATTRIBUTE_PATTERNS.get(name);
  if (!pattern) { pattern = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`); ATTRIBUTE_PATTERNS.set(name, pattern); }
  const match = pattern.exec(tag);
  return match ? match[1] ?? match[2]! : null;
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = { quot: '"', apos: "'", lt: '<', gt: '>', amp: '&' };

/** Text or an attribute value with XML's entities and character references decoded. */
export function unescapeXml(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(quot|apos|lt|gt|amp|#x[0-9a-f]+|#\d+);/gi, (_, name: string) => {
    const named = NAMED_ENTITIES[name.toLowerCase()];
    if (named !== undefined) return named;
    const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
    return code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

/**
 * Decodes XLSX's own `_xHHHH_` escapes (ECMA-376 ST_Xstring), which carry characters XML 1.0 cannot
 * (a tab, a vertical tab); `_x005F_` escapes the underscore, so matches never overlap.
 */
export function unescapeXlsxString(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

/**
 * The text of a string item (`<si>` of sharedStrings.xml, `<is>` of an inline string): its `<t>`
 * runs joined, phonetic readings (`<rPh>`, furigana) left out.
 */
export function stringItemText(itemXml: string): string {
  const withoutPhonetic = itemXml.includes('rPh') ? itemXml.replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, '') : itemXml;
  let text = '';
  // A self-closed `<t/>` (an empty run) is matched first, so it is not taken for the open tag of the next run.
  for (const [, body] of withoutPhonetic.matchAll(/<(?:\w+:)?t(?:\s[^>]*?)?\/>|<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>/g)) text += body ?? '';
  return unescapeXlsxString(unescapeXml(text));
}
