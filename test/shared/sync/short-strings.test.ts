import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { asciiFirstMaxBytes, asciiFirstStringsKey, readVarStringAsciiFirst, withAsciiFirstStrings } from '../../../shared/sync/short-strings.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const read = (decoder: decoding.Decoder) => readVarStringAsciiFirst(decoder, decoding.readVarUint, utf8);

/** Encodes `strings` one after another as lib0 does (a var-uint length, then the UTF-8 bytes). */
function encoded(strings: readonly string[]): Uint8Array {
  const encoder = encoding.createEncoder();
  for (const string of strings) encoding.writeVarString(encoder, string);
  return encoding.toUint8Array(encoder);
}

describe('short strings read in JavaScript', () => {
  it('reads what lib0 reads, at the same position, for any strings (ASCII, not ASCII, short, long)', () => {
    const strings = fc.oneof(fc.string({ maxLength: 20 }), fc.string({ unit: 'grapheme', maxLength: 20 }), fc.string({ minLength: 100, maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 140 }));
    fc.assert(fc.property(fc.array(strings, { maxLength: 30 }), (list) => {
      const bytes = encoded(list);
      const ours = decoding.createDecoder(bytes);
      const lib0 = decoding.createDecoder(bytes);
      for (const expected of list) {
        const got = read(ours);
        expect(got).toBe(decoding.readVarString(lib0));
        expect(got).toBe(expected);
        expect(ours.pos).toBe(lib0.pos);
      }
    }), { numRuns: 300 });
  });

  it('reads a string inside a larger buffer (a view at an offset, as IndexedDB rows and parts are)', () => {
    const inner = encoded(['id', 'title: Grow revenue', 'naïve', 'x'.repeat(asciiFirstMaxBytes + 1)]);
    const buffer = new Uint8Array(inner.byteLength + 10);
    buffer.set(inner, 7);
    const decoder = decoding.createDecoder(buffer.subarray(7, 7 + inner.byteLength));
    expect([read(decoder), read(decoder), read(decoder), read(decoder)]).toEqual(['id', 'title: Grow revenue', 'naïve', 'x'.repeat(asciiFirstMaxBytes + 1)]);
    expect(decoder.pos).toBe(inner.byteLength);
  });

  it('refuses bytes that are not UTF-8 as lib0 does, and a length past the end', () => {
    const bad = new Uint8Array([3, 0x61, 0xff, 0x62]);
    expect(() => read(decoding.createDecoder(bad))).toThrow(TypeError);
    expect(() => decoding.readVarString(decoding.createDecoder(bad))).toThrow(TypeError);
    expect(() => read(decoding.createDecoder(new Uint8Array([9, 0x61])))).toThrow(RangeError);
  });
});

describe("lib0's decoding module as the build patches it", () => {
  const require = createRequire(import.meta.url);
  const decodingSource = readFileSync(path.resolve(path.dirname(require.resolve('lib0/decoding')), '..', 'decoding.js'), 'utf8');

  it('puts the ASCII-first reader behind its switch in the installed lib0 (fails if lib0 changed the line)', () => {
    const patched = withAsciiFirstStrings(decodingSource, '/abs/short-strings.ts');
    expect(patched.startsWith('import { readVarStringAsciiFirst as readVarStringAsciiFirstOf } from "/abs/short-strings.ts";\n')).toBe(true);
    // The ASCII-first reader only behind its switch; lib0's own reader otherwise.
    expect(patched).toContain(`localStorage.getItem("${asciiFirstStringsKey}") === '1' ? (decoder) => readVarStringAsciiFirstOf(decoder, readVarUint, string.utf8TextDecoder) : _readVarStringNative) : _readVarStringPolyfill`);
    expect(patched).not.toContain('? _readVarStringNative : _readVarStringPolyfill');
  });

  it('refuses a lib0 whose reader line it does not know, rather than building with the native reader unnoticed', () => {
    expect(() => withAsciiFirstStrings(decodingSource.replace('_readVarStringNative : _readVarStringPolyfill', '_readVarStringNative2 : _readVarStringPolyfill'), '/x.ts')).toThrow(/no longer contains/);
  });
});
