// The byte-order mark was sniffed twice, in the CSV reader (read-table.ts decodeCsvText) and the plan file's
// reader (plan-file-text.ts): one sniffing now (byte-order-mark.ts), both readers using it, so a file saved
// as "Unicode" or "CSV UTF-8" reads the same wherever it is opened.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byteOrderMark } from '../../../shared/files/byte-order-mark.js';
import { planFileText } from '../../../shared/files/plan-file-text.js';
import { decodeCsvText } from '../../../shared/files/index.js';

/** `text` as `encoding`'s bytes, with its mark. */
function withMark(text: string, encoding: 'utf-8' | 'utf-16le' | 'utf-16be'): Uint8Array {
  if (encoding === 'utf-8') return new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
  const bytes = [encoding === 'utf-16le' ? 0xff : 0xfe, encoding === 'utf-16le' ? 0xfe : 0xff];
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    if (encoding === 'utf-16le') bytes.push(unit & 0xff, unit >> 8); else bytes.push(unit >> 8, unit & 0xff);
  }
  return new Uint8Array(bytes);
}

describe('the byte-order mark, sniffed once for CSV and plan files', () => {
  it('names the three marks and their lengths, and nothing else', () => {
    expect(byteOrderMark(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))).toEqual({ encoding: 'utf-8', length: 3 });
    expect(byteOrderMark(new Uint8Array([0xff, 0xfe, 0x41, 0]))).toEqual({ encoding: 'utf-16le', length: 2 });
    expect(byteOrderMark(new Uint8Array([0xfe, 0xff, 0, 0x41]))).toEqual({ encoding: 'utf-16be', length: 2 });
    for (const bytes of [[], [0xef, 0xbb], [0x41, 0x42], [0xef, 0xbb, 0xbe], [0xfe], [0xff, 0xff]]) expect(byteOrderMark(new Uint8Array(bytes))).toBeNull();
  });

  it('property: a CSV and a plan file of the same text and mark read as that text, without the mark', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'Z', 'ü', 'ß', '€', '😀', ',', '"', '\n', '{', ' '), maxLength: 40 }).filter((t) => !t.includes('\u0000'));
    fc.assert(fc.property(text, fc.constantFrom('utf-8', 'utf-16le', 'utf-16be') as fc.Arbitrary<'utf-8' | 'utf-16le' | 'utf-16be'>, (written, encoding) => {
      const bytes = withMark(written, encoding);
      const csv = decodeCsvText(bytes), plan = planFileText(bytes);
      expect(csv).toEqual({ ok: true, text: written });
      expect(plan).toEqual({ ok: true, text: written });
    }), { numRuns: 300 });
  });
});
