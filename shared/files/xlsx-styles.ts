/**
 * What an XLSX cell's style (its `s`, an index into xl/styles.xml's cellXfs) says about its number:
 * a date (Excel stores dates as serial day numbers), a percentage (Excel stores a typed `45%` as
 * 0.45), an amount in a currency (`"$"#,##0.00`, `#,##0.00 [$€-407]`: review37a F10, the unit a CSV
 * of the same sheet keeps as `$800,000`), or a plain number. Read once per workbook, so the sheet's one pass looks each cell's
 * style up in an array.
 */
import { attribute, unescapeXml } from './xlsx-xml.js';
import { currencyOfFormat } from './currency.js';

/** How a number cell of a given style reads; `currency` is the sign or code its format shows. */
export type NumberStyle = 'number' | 'date' | 'percent' | { readonly currency: string };

/** Excel's built-in percent formats: 9 is `0%`, 10 is `0.00%`. */
const BUILT_IN_PERCENT_FORMATS = [9, 10];

/**
 * Built-in formats that show dates or times: 14–22 and 45–47 everywhere, 27–36 and 50–58 in East
 * Asian locales, 71–81 in Thai ones (the ids read-excel-file, which read our workbooks before, knew).
 */
const BUILT_IN_DATE_FORMATS = [14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81];

/** Whether a number format code shows a percentage: a `%` outside quoted text, `\` escapes, `[…]`, `_x` and `*x`. */
export function isPercentFormat(formatCode: string): boolean {
  return /%/.test(formatCode.replace(/"[^"]*"?|\\.|[_*]./g, '').replace(/\[[^\]]*\]?/g, ''));
}

const DATE_TOKENS = new Set(['s', 'ss', 'm', 'mm', 'h', 'hh', 'am', 'pm', 'a', 'p', 'd', 'dd', 'ddd', 'dddd', 'aaa', 'aaaa', 'aaaaa', 'mmm', 'mmmm', 'mmmmm', 'y', 'yy', 'yyyy', 'e', 'ee', 'eeee']);

/**
 * Whether a custom number format code shows a date or time (`dd/mm/yyyy`, `mmm d`, `[h]:mm`): one of
 * its sections is made of date and time tokens only, once quoted text, escapes, `[…]` and the `;@`
 * text section are dropped (read-excel-file's rule, so workbooks read as they did).
 */
export function isDateFormat(formatCode: string): boolean {
  const code = formatCode.toLowerCase().replace(/;@$/, '').replace(/\\./g, ' ');
  return code.split(';').some((section) => {
    const tokens = section.replace(/"[^"]*"/g, ' ')
      .replace(/(\[?[smhd]{1,2}\]?)[.,]00?0?/g, '$1')
      .replace(/\[([smhd]{1,2})\]/g, '$1')
      .replace(/\[[^\]]*\]/g, '')
      .split(/[^a-z0#?%]+/).filter(Boolean);
    return tokens.length > 0 && tokens.every((token) => DATE_TOKENS.has(token));
  });
}

/**
 * The number style of each cellXfs entry of xl/styles.xml, by index. A cellXfs `xf` without its own
 * `numFmtId` takes its base style's (cellStyleXfs, through `xfId`). Custom formats (`numFmt`) may
 * redefine a built-in id's code: the custom code decides.
 */
export function readNumberStyles(stylesXml: string): NumberStyle[] {
  const formats = new Map<number, NumberStyle>();
  for (const id of BUILT_IN_DATE_FORMATS) formats.set(id, 'date');
  for (const id of BUILT_IN_PERCENT_FORMATS) formats.set(id, 'percent');
  for (const tag of stylesXml.match(/<(?:\w+:)?numFmt\b[^>]*>/g) ?? []) {
    const id = Number(attribute(tag, 'numFmtId')), code = attribute(tag, 'formatCode');
    if (code === null || !Number.isInteger(id)) continue;
    const text = unescapeXml(code);
    // A date first: `mm:ss.0%` is no format anyone uses; a built-in date id keeps its meaning (as before).
    if (BUILT_IN_DATE_FORMATS.includes(id) || isDateFormat(text)) formats.set(id, 'date');
    else if (isPercentFormat(text)) formats.set(id, 'percent');
    else { const currency = currencyOfFormat(text); formats.set(id, currency === null ? 'number' : { currency }); }
  }
  const formatIds = (section: string) => (section.match(/<(?:\w+:)?xf\b[^>]*>/g) ?? []).map((tag) => ({ numFmtId: attribute(tag, 'numFmtId'), xfId: attribute(tag, 'xfId') }));
  const base = formatIds(sectionOf(stylesXml, 'cellStyleXfs'));
  return formatIds(sectionOf(stylesXml, 'cellXfs')).map(({ numFmtId, xfId }) => {
    const id = numFmtId ?? (xfId !== null ? base[Number(xfId)]?.numFmtId ?? null : null);
    return id === null ? 'number' : formats.get(Number(id)) ?? 'number';
  });
}

/** A cellXfs or cellStyleXfs `xf`, self-closed or holding its `<alignment>` (and `<protection>`). */
const XF_ELEMENT = /<(?:\w+:)?xf\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?xf>)/g;

/**
 * The alignment indent of each cellXfs entry of xl/styles.xml, by index: Excel's "Increase Indent" (and
 * LibreOffice's indent) is `<alignment indent="N"/>` inside the cell's `xf`, N steps of about three spaces'
 * width. An `xf` with no alignment of its own takes its base style's (cellStyleXfs, through `xfId`); 0 for none.
 */
export function readAlignmentIndents(stylesXml: string): number[] {
  const indents = (section: string) => [...section.matchAll(XF_ELEMENT)].map(([, attributes, body]) => {
    const alignment = /<(?:\w+:)?alignment\b[^>]*>/.exec(body ?? '')?.[0];
    return { indent: alignment === undefined ? null : wholeSteps(attribute(alignment, 'indent')), xfId: attribute(attributes!, 'xfId') };
  });
  const base = indents(sectionOf(stylesXml, 'cellStyleXfs'));
  return indents(sectionOf(stylesXml, 'cellXfs')).map(({ indent, xfId }) => indent ?? (xfId === null ? 0 : base[Number(xfId)]?.indent ?? 0));
}

/** An indent attribute's steps: a whole number above 0, else 0 (absent, or a value no writer makes). */
function wholeSteps(value: string | null): number {
  const steps = Number(value ?? 0);
  return Number.isInteger(steps) && steps > 0 ? steps : 0;
}

/** The inside of the first `<name>…</name>` of xl/styles.xml (its cellXfs, its cellStyleXfs), or ''. */
function sectionOf(stylesXml: string, name: string): string {
  return new RegExp(`<(?:\\w+:)?${name}\\b[^>]*>([\\s\\S]*?)<\\/(?:\\w+:)?${name}>`).exec(stylesXml)?.[1] ?? '';
}
