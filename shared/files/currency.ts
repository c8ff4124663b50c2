/**
 * Currencies as spreadsheets write them beside a number: a sign (`$`, `€`, `£`, `₹`, `US$`, `R$`) or
 * an ISO 4217 code (`USD 100`, `100 EUR`, `CHF 1'234.50`), in a cell's text (cell-values.ts
 * readNumber) or in an XLSX cell's number format (`"$"#,##0.00`, `#,##0.00 [$€-407]`, `£#,##0`,
 * xlsx-styles.ts). The unit an imported key result gets is the sign or code as written.
 */

/**
 * The ISO 4217 codes of currencies in use (funds, metals and test codes left out), which a person
 * writes before or after an amount. Only these, in capitals: "100 KPI" or "ABC 5" is no amount.
 */
export const ISO_CURRENCY_CODES: ReadonlySet<string> = new Set((
  'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF CLP CNY '
  + 'COP CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HRK HTG HUF IDR '
  + 'ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP '
  + 'MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG '
  + 'SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VED VES VND VUV '
  + 'WST XAF XCD XOF XPF YER ZAR ZMW ZWL').split(' '));

/** A currency sign: any Unicode currency symbol (`$ € £ ¥ ₹ ₩ ₽ ₺ ₪ ¢`), or a dollar or real with its country's letters (`US$`, `C$`, `HK$`, `R$`). */
const SIGN = String.raw`(?:[A-Z]{1,2}\$|\p{Sc})`;
const LEADING_SIGN = new RegExp(`^${SIGN}`, 'u');
const TRAILING_SIGN = new RegExp(`${SIGN}$`, 'u');
const WHOLE_SIGN = new RegExp(`^${SIGN}$`, 'u');

/** The currency sign `text` starts with, or null. */
export function leadingCurrencySign(text: string): string | null {
  return LEADING_SIGN.exec(text)?.[0] ?? null;
}

/** The currency sign `text` ends with, or null. */
export function trailingCurrencySign(text: string): string | null {
  return TRAILING_SIGN.exec(text)?.[0] ?? null;
}

/** The ISO currency code `text` starts with (`USD100`), or null. */
export function leadingCurrencyCode(text: string): string | null {
  const code = text.slice(0, 3);
  return ISO_CURRENCY_CODES.has(code) ? code : null;
}

/** The ISO currency code `text` ends with (`100EUR`, `1.2MUSD`), or null. */
export function trailingCurrencyCode(text: string): string | null {
  const code = text.slice(-3);
  return text.length > 3 && ISO_CURRENCY_CODES.has(code) ? code : null;
}

/** Whether `text` is, whole, a currency sign or an ISO currency code (what a number format's literal names). */
export function isCurrency(text: string): boolean {
  return WHOLE_SIGN.test(text) || ISO_CURRENCY_CODES.has(text);
}

/**
 * The currency an XLSX number format shows with its number, or null: from the first section (the
 * positive numbers'), the symbol of a `[$€-407]` locale tag (`[$-409]` names a locale, no symbol), a
 * quoted literal that is a sign or an ISO code (`"$"`, `"CHF "`, `" EUR"`), or a sign written bare or
 * escaped (`£#,##0`, `\€#,##0`, `$#,##0_)`). Excel's built-in currency formats (5–8, 42, 44) show the
 * computer's own currency, which the file does not name: they stay plain numbers.
 */
export function currencyOfFormat(formatCode: string): string | null {
  // Excel keeps a format code of at most 255 characters; a longer one is no spreadsheet's (and `[$` repeated
  // over megabytes would take the tag pattern quadratic time).
  if (formatCode.length > MAX_FORMAT_CODE) return null;
  const section = formatSection(formatCode);
  for (const [, tag] of section.matchAll(/\[\$([^\]-]*)(?:-[0-9A-Fa-f]+)?\]/g)) {
    const symbol = tag!.trim();
    if (symbol !== '') return symbol;
  }
  for (const [, literal] of section.matchAll(/"([^"]*)"/g)) {
    const text = literal!.trim();
    if (isCurrency(text)) return text;
  }
  // Bare or escaped signs, once quoted text, `[…]` tags and the `_x` / `*x` padding (`_)` is a space as wide as `)`) are out.
  const bare = section.replace(/"[^"]*"?/g, ' ').replace(/\[[^\]]*\]?/g, ' ').replace(/[_*]./g, ' ').replace(/\\/g, '');
  return new RegExp(SIGN, 'u').exec(bare)?.[0] ?? null;
}

/** The longest number format code Excel accepts. */
const MAX_FORMAT_CODE = 255;

/** The first section of a number format (`;` outside quotes and `[…]` separates positive, negative, zero and text). */
function formatSection(formatCode: string): string {
  let quoted = false, bracket = false;
  for (let index = 0; index < formatCode.length; index++) {
    const char = formatCode[index]!;
    if (char === '\\' && !quoted) { index += 1; continue; }
    if (char === '"' && !bracket) quoted = !quoted;
    else if (char === '[' && !quoted) bracket = true;
    else if (char === ']' && !quoted) bracket = false;
    else if (char === ';' && !quoted && !bracket) return formatCode.slice(0, index);
  }
  return formatCode;
}
