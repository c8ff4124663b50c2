/**
 * Whether text is an e-mail address as people have them: a local part, "@", and a domain of at least
 * two dot-separated labels. Letters of any script count (RFC 6531/IDNA: "ben@münchen.de",
 * "josé@firma.de" are delivered today); zod's `z.email()` took ASCII only and refused them.
 * Spaces, control characters, a second "@", empty labels and a label starting or ending with "-" are
 * refused; at most 254 characters (the SMTP path limit).
 */
const localPart = /^[\p{L}\p{M}\p{N}!#$%&'*+/=?^_`{|}~-]+(?:\.[\p{L}\p{M}\p{N}!#$%&'*+/=?^_`{|}~-]+)*$/u;
const domainLabel = /^[\p{L}\p{M}\p{N}](?:[\p{L}\p{M}\p{N}-]{0,61}[\p{L}\p{M}\p{N}])?$/u;

export const EMAIL_LIMIT = 254;

export function isEmailAddress(text: string): boolean {
  if (text.length > EMAIL_LIMIT) return false;
  const at = text.lastIndexOf('@');
  if (at <= 0 || at === text.length - 1) return false;
  const local = text.slice(0, at);
  const domain = text.slice(at + 1);
  if (local.length > 64 || !localPart.test(local)) return false;
  const labels = domain.split('.');
  return labels.length >= 2 && labels.every((label) => domainLabel.test(label)) && !/^\p{N}+$/u.test(labels[labels.length - 1]!);
}
