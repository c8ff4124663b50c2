import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import {
  asciiInJsMaxBytes, internedMaxBytes, internedSlot, internedSlots, internedStringReader, internedStringsKey, internedStringsWorkerSuffix, longStringsInJsKey, withInternedStrings, type VarStringReader,
} from '../../../shared/sync/short-strings.js';

/** lib0's own decoder (the one its `readVarString` uses), counting its calls. */
function countingUtf8() {
  const native = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const utf8 = { calls: 0, decode: (bytes: Uint8Array) => { utf8.calls++; return native.decode(bytes); } };
  return utf8;
}
const newReader = (utf8 = countingUtf8(), inJsMaxBytes?: number): VarStringReader => internedStringReader({ readVarUint: decoding.readVarUint, readUint8Array: decoding.readUint8Array, utf8, ...(inJsMaxBytes === undefined ? {} : { inJsMaxBytes }) });

/** Encodes `strings` one after another as lib0 does (a var-uint length, then the UTF-8 bytes). */
function encoded(strings: readonly string[]): Uint8Array {
  const encoder = encoding.createEncoder();
  for (const string of strings) encoding.writeVarString(encoder, string);
  return encoding.toUint8Array(encoder);
}

/** Raw byte strings (not necessarily UTF-8), each behind its var-uint length, as lib0 frames them. */
function framed(byteStrings: readonly Uint8Array[], lengthPastEnd: number | null): Uint8Array {
  const encoder = encoding.createEncoder();
  for (const bytes of byteStrings) encoding.writeVarUint8Array(encoder, bytes);
  if (lengthPastEnd !== null) encoding.writeVarUint(encoder, lengthPastEnd);
  return encoding.toUint8Array(encoder);
}

type Step = { read: string } | { failed: unknown };
/** Reads strings until the end or the first error; each step with the position after it. */
function readAll(bytes: Uint8Array, read: (decoder: decoding.Decoder) => string): { step: Step; pos: number }[] {
  const decoder = decoding.createDecoder(bytes);
  const steps: { step: Step; pos: number }[] = [];
  while (decoder.pos < bytes.length) {
    try {
      steps.push({ step: { read: read(decoder) }, pos: decoder.pos });
    } catch (error) {
      steps.push({ step: { failed: error }, pos: decoder.pos });
      break;
    }
  }
  return steps;
}

/** Pairs of different ASCII strings of one length that land in the same table slot (a hash collision). */
const collidingPairs: [string, string][] = (() => {
  const bySlot = new Map<number, string>();
  const pairs: [string, string][] = [];
  for (let n = 0; pairs.length < 20; n++) {
    const text = `k${n.toString(36)}`.padEnd(8, '_');
    const bytes = new TextEncoder().encode(text);
    const slot = internedSlot(bytes, 0, bytes.length);
    const other = bySlot.get(slot);
    if (other !== undefined && other.length === text.length) pairs.push([other, text]);
    else bySlot.set(slot, text);
  }
  return pairs;
})();

const ascii = (minLength: number, maxLength: number) => fc.uint8Array({ min: 0, max: 0x7f, minLength, maxLength });
/** Byte strings across the reader's thresholds: ASCII short and long, UTF-8, arbitrary (often invalid) bytes, colliding ones. */
const byteString = fc.oneof(
  fc.constantFrom(...collidingPairs.flat()).map((text) => new TextEncoder().encode(text)),
  ascii(0, internedMaxBytes + 2),
  ascii(internedMaxBytes - 2, internedMaxBytes + 2),
  ascii(asciiInJsMaxBytes - 2, asciiInJsMaxBytes + 2),
  fc.string({ unit: 'grapheme', maxLength: 20 }).map((text) => new TextEncoder().encode(text)),
  fc.string({ unit: 'binary', maxLength: 40 }).map((text) => new TextEncoder().encode(text)),
  fc.uint8Array({ maxLength: 40 }),
  fc.uint8Array({ minLength: asciiInJsMaxBytes - 2, maxLength: asciiInJsMaxBytes + 2 }),
);
/**
 * A buffer of framed strings drawn (with repeats, so the same bytes come at different offsets) from a
 * small pool, maybe ending in a length past the end, inside a larger buffer with bytes either side
 * (rows and parts are views of larger buffers: a length past the view must fail even though the
 * buffer goes on).
 */
const framedBuffer = fc.record({
  pool: fc.array(byteString, { minLength: 1, maxLength: 8 }),
  picks: fc.array(fc.nat(), { maxLength: 30 }),
  lengthPastEnd: fc.option(fc.integer({ min: 1, max: 200 })),
  before: fc.uint8Array({ maxLength: 8 }),
  after: fc.uint8Array({ maxLength: 200 }),
}).map(({ pool, picks, lengthPastEnd, before, after }) => {
  const inner = framed(picks.map((pick) => pool[pick % pool.length]!), lengthPastEnd);
  const buffer = new Uint8Array(before.length + inner.length + after.length);
  buffer.set(before);
  buffer.set(inner, before.length);
  buffer.set(after, before.length + inner.length);
  return buffer.subarray(before.length, before.length + inner.length);
});

describe('the interned string reader', () => {
  it('reads exactly what lib0 reads (string or error, and position) for any framed bytes, the table kept across buffers', () => {
    // One reader for every run, as in the app: what earlier buffers left in the table must never leak into a read.
    const reader = newReader();
    const longInJs = newReader(countingUtf8(), asciiInJsMaxBytes);
    fc.assert(fc.property(framedBuffer, (bytes) => {
      const lib0 = readAll(bytes, decoding.readVarString);
      expect(readAll(bytes, reader)).toEqual(lib0);
      expect(readAll(bytes, longInJs)).toEqual(lib0);
    }), { numRuns: 1000 });
  });

  it('reads the new bytes when a buffer is changed after a read (a row buffer reused), never what the table kept', () => {
    const reader = newReader();
    fc.assert(fc.property(framedBuffer, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 0x7f })), { minLength: 1, maxLength: 8 }), (bytes, changes) => {
      const first = readAll(bytes, reader);
      const firstStrings = JSON.stringify(first.map(({ step }) => ('read' in step ? step.read : null)));
      for (const [at, byte] of changes) if (bytes.length > 0) bytes[at % bytes.length] = byte;
      expect(readAll(bytes, reader)).toEqual(readAll(bytes, decoding.readVarString));
      // The strings read before are values: changing the buffer did not change them.
      expect(JSON.stringify(first.map(({ step }) => ('read' in step ? step.read : null)))).toBe(firstStrings);
    }), { numRuns: 500 });
  });

  it('tells apart different strings that share a table slot (a hash collision), both ways, repeatedly', () => {
    const reader = newReader();
    for (const [one, other] of collidingPairs) {
      const sequence = [one, other, one, one, other, other, one];
      const bytes = encoded(sequence);
      expect(readAll(bytes, reader).map(({ step }) => step)).toEqual(sequence.map((read) => ({ read })));
    }
  });

  it('never calls the native decoder for the table\'s ASCII strings, read once or many times; calls it for the others', () => {
    const utf8 = countingUtf8();
    const reader = newReader(utf8);
    const keys = ['title', 'status', 'parent', 'owner', '', 'x'.repeat(internedMaxBytes)];
    const bytes = encoded(Array.from({ length: 200 }, (_, n) => keys[n % keys.length]!));
    expect(readAll(bytes, reader).every(({ step }, n) => 'read' in step && step.read === keys[n % keys.length])).toBe(true);
    expect(utf8.calls).toBe(0);
    readAll(encoded(['naïve', 'w'.repeat(internedMaxBytes + 1), 'naïve']), reader);
    expect(utf8.calls).toBe(3);
    // With longer strings read in JavaScript too, only the longest and the non-ASCII go to the decoder.
    const longInJs = countingUtf8();
    readAll(encoded(['title', 'w'.repeat(asciiInJsMaxBytes), 'z'.repeat(asciiInJsMaxBytes + 1), 'naïve']), newReader(longInJs, asciiInJsMaxBytes));
    expect(longInJs.calls).toBe(2);
  });

  it('keeps the table to its fixed size however many different strings it reads', () => {
    const reader = newReader();
    const strings = Array.from({ length: internedSlots * 4 }, (_, n) => `node-${n}`);
    expect(readAll(encoded(strings), reader).map(({ step }) => step)).toEqual(strings.map((read) => ({ read })));
    // Reading them again (most slots now hold later strings) still gives each one.
    expect(readAll(encoded(strings.slice().reverse()), reader).map(({ step }) => step)).toEqual(strings.slice().reverse().map((read) => ({ read })));
  });

  it('refuses bytes that are not UTF-8 and a length past the view with the very errors lib0 throws', () => {
    const reader = newReader();
    const bad = new Uint8Array([3, 0x61, 0xff, 0x62]);
    expect(readAll(bad, reader)).toEqual(readAll(bad, decoding.readVarString));
    expect(() => reader(decoding.createDecoder(bad))).toThrow(TypeError);
    const pastView = new Uint8Array([2, 0x61, 0x62, 0x63]).subarray(0, 2);
    const ours = readAll(pastView, reader);
    expect(ours).toEqual(readAll(pastView, decoding.readVarString));
    expect(ours[0]!.step).toHaveProperty('failed');
    expect(ours[0]!.pos).toBe(1);
  });
});

describe("lib0's decoding module as the build patches it", () => {
  const require = createRequire(import.meta.url);
  const decodingSource = readFileSync(path.resolve(path.dirname(require.resolve('lib0/decoding')), '..', 'decoding.js'), 'utf8');

  it('reads strings with lib0\'s own reader, and with the interned one only behind the benchmark switches (fails if lib0 changed the line)', () => {
    const patched = withInternedStrings(decodingSource, '/abs/short-strings.ts');
    expect(patched.startsWith('import { internedStringReader as internedStringReaderOf } from "/abs/short-strings.ts";\n')).toBe(true);
    expect(patched).toContain(`localStorage.getItem("${internedStringsKey}") === '1' : typeof self !== 'undefined' && typeof self.name === 'string' && self.name.endsWith("${internedStringsWorkerSuffix}")) || (typeof localStorage !== 'undefined' && localStorage.getItem("${longStringsInJsKey}") === '1') ? internedStringReaderOf({ readVarUint, readUint8Array, utf8: string.utf8TextDecoder, inJsMaxBytes: (typeof localStorage !== 'undefined' && localStorage.getItem("${longStringsInJsKey}") === '1') ? ${asciiInJsMaxBytes} : ${internedMaxBytes} }) : _readVarStringNative) : _readVarStringPolyfill`);
    expect(patched).not.toContain('? _readVarStringNative : _readVarStringPolyfill');
  });

  it('refuses a lib0 whose reader line it does not know, rather than building with the native reader unnoticed', () => {
    expect(() => withInternedStrings(decodingSource.replace('_readVarStringNative : _readVarStringPolyfill', '_readVarStringNative2 : _readVarStringPolyfill'), '/x.ts')).toThrow(/no longer contains/);
  });
});
