// Base64url without padding (RFC 4648 §5), written out so shared/ needs neither Buffer nor atob.

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const lookup = new Map<string, number>([...alphabet].map((char, index) => [char, index]));

/** Encodes bytes as base64url without padding. */
export function encodeBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i]!;
    const b1 = i + 1 < bytes.length ? bytes[i + 1]! : 0;
    const b2 = i + 2 < bytes.length ? bytes[i + 2]! : 0;
    out += alphabet[b0 >> 2]! + alphabet[((b0 & 3) << 4) | (b1 >> 4)]!;
    if (i + 1 < bytes.length) out += alphabet[((b1 & 15) << 2) | (b2 >> 6)]!;
    if (i + 2 < bytes.length) out += alphabet[b2 & 63]!;
  }
  return out;
}

/**
 * Decodes unpadded base64url. Returns null for any character outside the alphabet, an impossible
 * length, or non-zero trailing bits (so every byte string has exactly one accepted spelling).
 */
export function decodeBase64Url(text: string): Uint8Array | null {
  if (text.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let index = 0;
  for (const char of text) {
    const sextet = lookup.get(char);
    if (sextet === undefined) return null;
    value = (value << 6) | sextet;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[index++] = (value >> bits) & 0xff;
    }
  }
  if ((value & ((1 << bits) - 1)) !== 0) return null;
  return out;
}
