/**
 * A bounds-checked reader for lib0-encoded frames. lib0's own decoder trusts its input (a length past
 * the end yields a short array, a truncated varInt yields 0): every read here checks the bytes that
 * are left first and throws a DecodeError naming what was cut short.
 */

/** An incoming frame that is not valid protocol; `message` says where it broke. */
export class DecodeError extends Error {
  override readonly name = 'DecodeError';
}

// Exactly lib0's decoder: invalid UTF-8 throws, and a leading BOM is kept (it counts in a string's length).
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export class ByteReader {
  private position = 0;

  constructor(private readonly bytes: Uint8Array) {}

  /** Bytes not read yet. */
  get remaining(): number {
    return this.bytes.length - this.position;
  }

  get atEnd(): boolean {
    return this.position === this.bytes.length;
  }

  uint8(what: string): number {
    if (this.position >= this.bytes.length) throw new DecodeError(`truncated: ${what} missing`);
    return this.bytes[this.position++]!;
  }

  /** lib0 varUint: 7 bits per byte, low bits first; refuses values above 2^53 − 1. */
  varUint(what: string): number {
    let value = 0;
    let multiplier = 1;
    for (;;) {
      if (this.position >= this.bytes.length) throw new DecodeError(`truncated: ${what} (a varUint) is cut short`);
      const byte = this.bytes[this.position++]!;
      value += (byte & 0x7f) * multiplier;
      if (value > Number.MAX_SAFE_INTEGER) throw new DecodeError(`${what} is larger than 2^53 − 1`);
      if (byte < 0x80) return value;
      multiplier *= 128;
    }
  }

  /** lib0 varInt: first byte carries continuation, sign and 6 bits; then 7 bits per byte. */
  varInt(what: string): number {
    const first = this.uint8(what);
    const sign = (first & 0x40) !== 0 ? -1 : 1;
    let value = first & 0x3f;
    let multiplier = 64;
    if ((first & 0x80) === 0) return sign * value;
    for (;;) {
      if (this.position >= this.bytes.length) throw new DecodeError(`truncated: ${what} (a varInt) is cut short`);
      const byte = this.bytes[this.position++]!;
      value += (byte & 0x7f) * multiplier;
      if (value > Number.MAX_SAFE_INTEGER) throw new DecodeError(`${what} is larger than 2^53 − 1`);
      if (byte < 0x80) return sign * value;
      multiplier *= 128;
    }
  }

  /** Exactly `length` bytes (a view, not a copy). */
  take(length: number, what: string): Uint8Array {
    if (length > this.remaining) throw new DecodeError(`${what} claims ${length} bytes but only ${this.remaining} remain`);
    const view = this.bytes.subarray(this.position, this.position + length);
    this.position += length;
    return view;
  }

  /** A varUint length followed by that many bytes. */
  varBytes(what: string): Uint8Array {
    return this.take(this.varUint(`length of ${what}`), what);
  }

  /** A varUint length followed by UTF-8 bytes, decoded as lib0 decodes them. */
  varString(what: string): string {
    const bytes = this.varBytes(what);
    try {
      return utf8.decode(bytes);
    } catch {
      throw new DecodeError(`${what} is not valid UTF-8`);
    }
  }

  skip(length: number, what: string): void {
    this.take(length, what);
  }
}
