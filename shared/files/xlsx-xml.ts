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
  // One pass over the run and reading tags, in time linear in the item (the lazy `<t>([\s\S]*?)</t>` it
  // replaces looked for each unclosed run's end up to the end of the item: review39a F9).
  let text = '', phonetic = false, runStart = -1;
  for (const match of itemXml.matchAll(RUN_TAGS)) {
    const [tag, close, name, attributes] = match as unknown as [string, string, string, string];
    const selfClosed = attributes.endsWith('/');
    if (name === 'rPh') { if (!selfClosed) phonetic = close === ''; continue; }
    if (phonetic) continue;
    if (close === '/') {
      if (runStart >= 0) text += itemXml.slice(runStart, match.index);
      runStart = -1;
    } else if (runStart >= 0) throw new Error('a text run (<t>) in it is never closed');
    // A self-closed `<t/>` is an empty run, not the open tag of the next one.
    else if (!selfClosed) runStart = match.index + tag.length;
  }
  if (runStart >= 0) throw new Error('a text run (<t>) in it is never closed');
  return unescapeXlsxString(unescapeXml(text));
}

/** The open and close tags of a string item's text runs and phonetic readings, any namespace prefix. */
const RUN_TAGS = /<(\/?)(?:\w+:)?(t|rPh)(?=[\s/>])([^<>]*)>/g;

/**
 * The bodies of the elements `name` (any namespace prefix) in `xml`, in order, '' for a self-closed one.
 * One pass over their open and close tags, so the work grows with the length of `xml`: a lazy
 * `<si>([\s\S]*?)</si>` looked for each item's end up to the end of the part when none followed, and a
 * part of unclosed items cost the square of its length (469 kB kept the reader busy 9 s; review39a F9).
 * These elements do not nest, so one opened again before it closes is refused, naming which it is.
 */
export function elementBodies(xml: string, name: string, what: string): string[] {
  const tags = new RegExp(`<(/?)(?:\\w+:)?${name}(?=[\\s/>])([^<>]*)>`, 'g');
  const bodies: string[] = [];
  let bodyStart = -1;
  for (const match of xml.matchAll(tags)) {
    if (match[1] === '/') {
      // A close tag with nothing open is left alone, as the pattern before left it.
      if (bodyStart >= 0) bodies.push(xml.slice(bodyStart, match.index));
      bodyStart = -1;
    } else if (bodyStart >= 0) throw new Error(`${what} ${bodies.length + 1} is never closed (no </${name}> before the next <${name}>)`);
    else if (match[2]!.endsWith('/')) bodies.push('');
    else bodyStart = match.index + match[0].length;
  }
  if (bodyStart >= 0) throw new Error(`${what} ${bodies.length + 1} is never closed (no </${name}>)`);
  return bodies;
}
