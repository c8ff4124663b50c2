/**
 * The byte-order mark a file's bytes start with, if any: the one sniffing of it that CSV import
 * (read-table.ts) and plan files (plan-file-text.ts) share, so both read a file Notepad saved as
 * "Unicode" (UTF-16 LE) or Excel saved as "CSV UTF-8" alike.
 */

/** An encoding a byte-order mark names, and how many bytes the mark takes. */
export interface ByteOrderMark {
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be';
  length: number;
}

/** The mark `bytes` start with (UTF-8 EF BB BF, UTF-16 LE FF FE, UTF-16 BE FE FF), or null. */
export function byteOrderMark(bytes: Uint8Array): ByteOrderMark | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}
