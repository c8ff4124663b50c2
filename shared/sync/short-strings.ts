/**
 * Reading the short strings of a Yjs update without a call into the browser per string.
 *
 * lib0 (Yjs's encoding library) reads every string of an update, every map key included, with one
 * `TextDecoder.decode` call. In Chromium each call crosses into Blink and wraps its argument (a view
 * of the update) in Blink objects: about 1.2 µs for a 12-byte key against 0.12 µs in plain
 * JavaScript, plus millions of wrappers for the garbage collector. Opening the 100,000-node plan reads
 * millions of such strings (keys, ids, titles): `decode` was the largest share of every apply slice,
 * and the wrappers' weak-handle callbacks made tasks of 120–320 ms (docs/benchmarks.md, "Opening
 * 100k, seventh run"). Short ASCII strings can therefore be read here in JavaScript; anything longer,
 * or not ASCII, still goes to the decoder lib0 would have used, so the result is the same string.
 * Only when switched on (asciiFirstStringsKey): see there why it is off.
 */

/** lib0's decoder: the bytes and the position of the next byte to read. */
export interface ByteDecoder {
  arr: Uint8Array;
  pos: number;
}

/** Strings up to this many bytes are read in JavaScript when they are ASCII (longer: the native decoder is as fast). */
export const asciiFirstMaxBytes = 128;

/**
 * lib0's `readVarString` (a var-uint length, then that many UTF-8 bytes), reading a short ASCII
 * string in JavaScript and handing anything else to `utf8` exactly as lib0 does (a view of the
 * decoder's buffer, so out-of-range lengths fail as they did).
 */
export function readVarStringAsciiFirst(decoder: ByteDecoder, readVarUint: (decoder: ByteDecoder) => number, utf8: { decode(bytes: Uint8Array): string }): string {
  const length = readVarUint(decoder);
  const bytes = decoder.arr;
  const start = decoder.pos;
  const end = start + length;
  if (length <= asciiFirstMaxBytes && end <= bytes.length) {
    let at = start;
    while (at < end && bytes[at]! < 0x80) at++;
    if (at === end) {
      decoder.pos = end;
      // One flat string (a `+=` per character would build a chain of cons strings the heap keeps).
      return String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[]);
    }
  }
  const view = new Uint8Array(bytes.buffer, bytes.byteOffset + start, length);
  decoder.pos = end;
  return utf8.decode(view);
}

/**
 * The switch (localStorage, read once when lib0 loads) that turns the ASCII-first reader on; nothing in
 * the app sets it. Off by default: side by side it shortened the 100k open (live outline 0.77×) but
 * brought one task of 1.4–1.6 s (likely a major GC over the strings now in V8's heap: docs/benchmarks.md,
 * "Opening 100k, seventh run"), so it stays a measured option until that task is understood.
 */
export const asciiFirstStringsKey = 'throughline:bench:ascii-first-strings';

/** The line of lib0's decoding.js that picks its string reader (lib0 0.2.x). */
const lib0ReaderChoice = 'export const readVarString = string.utf8TextDecoder ? _readVarStringNative : _readVarStringPolyfill';

/**
 * lib0's `decoding.js` with `readVarString` able to read short ASCII strings first (the build applies it;
 * `readerModule` is the module path that exports `readVarStringAsciiFirst`). Throws when lib0's code
 * no longer has the line it replaces: an upgraded lib0 must be looked at, not silently left native.
 */
export function withAsciiFirstStrings(decodingSource: string, readerModule: string): string {
  if (!decodingSource.includes(lib0ReaderChoice)) {
    throw new Error(`lib0's decoding.js no longer contains \`${lib0ReaderChoice}\`: check the short-string reader (shared/sync/short-strings.ts) against the new lib0.`);
  }
  // Both readers in one build, chosen when the module loads (see asciiFirstStringsKey).
  const asciiFirstSwitch = `typeof localStorage !== 'undefined' && localStorage.getItem(${JSON.stringify(asciiFirstStringsKey)}) === '1'`;
  return `import { readVarStringAsciiFirst as readVarStringAsciiFirstOf } from ${JSON.stringify(readerModule)};\n${decodingSource.replace(
    lib0ReaderChoice,
    `export const readVarString = string.utf8TextDecoder ? (${asciiFirstSwitch} ? (decoder) => readVarStringAsciiFirstOf(decoder, readVarUint, string.utf8TextDecoder) : _readVarStringNative) : _readVarStringPolyfill`,
  )}`;
}
