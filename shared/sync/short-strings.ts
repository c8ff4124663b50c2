/**
 * Reading the short strings of a Yjs update without a call into the browser per string, and each
 * repeated one once.
 *
 * lib0 (Yjs's encoding library) reads every string of an update, every map key included, with one
 * `TextDecoder.decode` call. In Chromium each call crosses into Blink (about 1.2 µs for a 12-byte key
 * against 0.12 µs in plain JavaScript) and returns an external string held by a weak handle. Opening
 * the 100,000-node plan reads millions of such strings for a few dozen distinct map keys: `decode`
 * was the largest share of every apply slice, and the garbage collector's work over millions of
 * separate strings (weak-handle callbacks, the clear phase of major GCs) made tasks of 120–380 ms
 * (docs/benchmarks.md, "Opening 100k, seventh run"). Reading short ASCII strings in JavaScript alone
 * made the load shorter but left every string a separate object in V8's heap, and brought one task
 * of 1.0–1.6 s; so the reader here reads in JavaScript only the short strings it keeps in a small
 * table, and returns that same string when the same bytes come again ("Opening 100k, eighth run").
 * Only when switched on (internedStringsKey): see there why it is off.
 *
 * Anything longer, or not ASCII, still goes to the decoder lib0 would have used, through lib0's own
 * bounds-checked view, so the result (string, position, error) is always the one lib0 gives.
 */

/** lib0's decoder: the bytes and the position of the next byte to read. */
export interface ByteDecoder {
  arr: Uint8Array;
  pos: number;
}

/** What the reader needs of lib0: its var-uint reader, its bounds-checked view, its UTF-8 decoder. */
export interface Lib0StringParts {
  readVarUint(decoder: ByteDecoder): number;
  readUint8Array(decoder: ByteDecoder, length: number): Uint8Array;
  utf8: { decode(bytes: Uint8Array): string };
  /** ASCII strings up to this many bytes (internedMaxBytes to asciiInJsMaxBytes) are read in JavaScript; internedMaxBytes unless said. */
  inJsMaxBytes?: number;
}

/**
 * The longest ASCII string the reader can read in JavaScript (with `inJsMaxBytes`; by default only
 * the table's strings are). Reading the longer ones (titles, ids, notes) in JavaScript made young
 * objects with their characters in V8's heap, one per string read: scavenges took 1.65× as long and
 * 2 of 3 opens of the 100,000-node plan had one task of 1.0–1.3 s, which reading them natively
 * (characters kept by Blink) did not (docs/benchmarks.md, "Opening 100k, eighth run").
 */
export const asciiInJsMaxBytes = 128;
/**
 * ASCII strings up to this many bytes are kept in the table: map keys, status values, ids. Titles
 * and notes are longer and mostly unique, so keeping them would only push keys out.
 */
export const internedMaxBytes = 32;
/** Slots of the table (a power of two). Each holds one string; a new string replaces the slot's old one. */
export const internedSlots = 4096;

/**
 * The table slot of the string in `bytes[start, end)`: FNV-1a over the bytes, folded to the table's
 * size; -1 when a byte is past ASCII (those strings are not kept). One pass for both.
 */
export function internedSlot(bytes: Uint8Array, start: number, end: number): number {
  let hash = 0x811c9dc5;
  let any = 0;
  for (let at = start; at < end; at++) {
    const byte = bytes[at]!;
    any |= byte;
    hash = Math.imul(hash ^ byte, 0x01000193);
  }
  return any < 0x80 ? (hash ^ (hash >>> 15)) & (internedSlots - 1) : -1;
}

/** lib0's `readVarString` (a var-uint length, then that many UTF-8 bytes). */
export type VarStringReader = (decoder: ByteDecoder) => string;

/**
 * A `readVarString` that returns the same string object each time it reads the same short ASCII
 * bytes (checked character by character against the bytes, so a hash collision only costs a fresh
 * read) and hands everything else to lib0's decoder (with `inJsMaxBytes`, longer ASCII strings are
 * read in JavaScript too).
 * A table hit allocates nothing and never calls the native decoder.
 */
export function internedStringReader(lib0: Lib0StringParts): VarStringReader {
  const { readVarUint, readUint8Array, utf8 } = lib0;
  const inJsMaxBytes = Math.max(internedMaxBytes, Math.min(asciiInJsMaxBytes, lib0.inJsMaxBytes ?? internedMaxBytes));
  const table: string[] = new Array<string>(internedSlots).fill('');
  // One argument list per length, reused: no view or array per string read.
  const charCodes: number[][] = Array.from({ length: asciiInJsMaxBytes + 1 }, (_, length) => new Array<number>(length).fill(0));
  const asciiString = (bytes: Uint8Array, start: number, length: number): string => {
    const codes = charCodes[length]!;
    for (let at = 0; at < length; at++) codes[at] = bytes[start + at]!;
    // One flat string (a `+=` per character would build a chain of cons strings the heap keeps).
    return String.fromCharCode.apply(null, codes);
  };

  return (decoder) => {
    const length = readVarUint(decoder);
    const bytes = decoder.arr;
    const start = decoder.pos;
    const end = start + length;
    if (end <= bytes.length) {
      if (length === 0) return '';
      if (length > inJsMaxBytes) return utf8.decode(readUint8Array(decoder, length));
      if (length <= internedMaxBytes) {
        const slot = internedSlot(bytes, start, end);
        if (slot >= 0) {
          const kept = table[slot]!;
          decoder.pos = end;
          if (kept.length === length) {
            let at = 0;
            while (at < length && kept.charCodeAt(at) === bytes[start + at]) at++;
            if (at === length) return kept;
          }
          const read = asciiString(bytes, start, length);
          table[slot] = read;
          return read;
        }
      } else {
        let at = start;
        while (at < end && bytes[at]! < 0x80) at++;
        if (at === end) {
          decoder.pos = end;
          return asciiString(bytes, start, length);
        }
      }
    }
    return utf8.decode(readUint8Array(decoder, length));
  };
}

/**
 * The switch (localStorage, read once when lib0 loads) that turns the interned reader on; nothing in
 * the app sets it. **Off by default**: side by side with lib0's own reader it was at parity, not
 * better (six pairs of 100,000-node opens: interactive 0.97–1.0×, longest task 1.1×;
 * docs/benchmarks.md, "Opening 100k, eighth run"), so it stays a measured option
 * (`RENDERER_BENCH_BASELINE=interned-strings`). A worker has no localStorage: the page names its
 * update worker with `internedStringsWorkerSuffix` when the switch is on, so the worker reads as the page does.
 */
export const internedStringsKey = 'throughline:bench:interned-strings';
export const internedStringsWorkerSuffix = ' (interned strings)';
/**
 * A second benchmark switch (localStorage, page only) that turns the interned reader on with ASCII strings up to
 * `asciiInJsMaxBytes` are read in JavaScript too, not only the table's
 * (`RENDERER_BENCH_BASELINE=long-strings-in-js`), to measure again what that costs (see asciiInJsMaxBytes).
 */
export const longStringsInJsKey = 'throughline:bench:long-strings-in-js';

/** The line of lib0's decoding.js that picks its string reader (lib0 0.2.x). */
const lib0ReaderChoice = 'export const readVarString = string.utf8TextDecoder ? _readVarStringNative : _readVarStringPolyfill';

/**
 * lib0's `decoding.js` with `readVarString` able to be the interned reader (the build applies it;
 * `readerModule` is the module path that exports `internedStringReader`). Throws when lib0's code
 * no longer has the line it replaces: an upgraded lib0 must be looked at, not silently left native.
 */
export function withInternedStrings(decodingSource: string, readerModule: string): string {
  if (!decodingSource.includes(lib0ReaderChoice)) {
    throw new Error(`lib0's decoding.js no longer contains \`${lib0ReaderChoice}\`: check the short-string reader (shared/sync/short-strings.ts) against the new lib0.`);
  }
  // Both readers in one build, chosen when the module loads (see internedStringsKey).
  const internedSwitch = `(typeof localStorage !== 'undefined' ? localStorage.getItem(${JSON.stringify(internedStringsKey)}) === '1' : typeof self !== 'undefined' && typeof self.name === 'string' && self.name.endsWith(${JSON.stringify(internedStringsWorkerSuffix)}))`;
  const longSwitch = `(typeof localStorage !== 'undefined' && localStorage.getItem(${JSON.stringify(longStringsInJsKey)}) === '1')`;
  return `import { internedStringReader as internedStringReaderOf } from ${JSON.stringify(readerModule)};\n${decodingSource.replace(
    lib0ReaderChoice,
    `export const readVarString = string.utf8TextDecoder ? (${internedSwitch} || ${longSwitch} ? internedStringReaderOf({ readVarUint, readUint8Array, utf8: string.utf8TextDecoder, inJsMaxBytes: ${longSwitch} ? ${asciiInJsMaxBytes} : ${internedMaxBytes} }) : _readVarStringNative) : _readVarStringPolyfill`,
  )}`;
}
