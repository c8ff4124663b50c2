import { initials } from '../identity/device-identity.js';

/** A round avatar with a person's initials in their colour. */
export function Avatar({ name, colour, large = false, label }: { name: string; colour: string; large?: boolean; label?: string }) {
  return (
    <span className={large ? 'avatar large' : 'avatar'} style={{ background: colour }} title={label ?? name} aria-label={label ?? name} role="img">
      {initials(name)}
    </span>
  );
}
