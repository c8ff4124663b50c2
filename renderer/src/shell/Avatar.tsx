import { initials, inkOn } from '../identity/device-identity.js';

/**
 * A round avatar with a person's initials in their colour. `decorative` when the words are said
 * elsewhere (an outline row's description), so screen readers do not hear the person twice.
 */
export function Avatar({ name, colour, large = false, label, decorative = false }: { name: string; colour: string; large?: boolean; label?: string; decorative?: boolean }) {
  const spoken = decorative ? { 'aria-hidden': true } : { 'aria-label': label ?? name, role: 'img' };
  return (
    <span className={large ? 'avatar large' : 'avatar'} style={{ background: colour, color: /^#[0-9a-fA-F]{6}$/.test(colour) ? inkOn(colour) : undefined }} title={label ?? name} {...spoken}>
      {initials(name)}
    </span>
  );
}
