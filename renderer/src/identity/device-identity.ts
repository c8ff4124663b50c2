import { z } from 'zod';
import { readStored, writeStored, type KeyValueStore } from '../library/key-value-store.js';
import { characterCount, isOverLimit } from '../../../shared/text/cut-text.js';
import { controlCharacterRefusal } from '../../../shared/text/control-characters.js';
import { invisibleTextProblem } from '../../../shared/text/invisible-text.js';

/** Presence colours: distinct, readable on white, and never the health colours' pure red/green. */
/** Presence colours; each carries white initials at 4.5:1 or more (WCAG AA for the avatars' small text). */
export const presenceColours = ['#3b6fd8', '#a24bd1', '#b0560f', '#0f7a7a', '#c23f7a', '#5a6b2f', '#6a4ae8', '#b5502a'] as const;

/** WCAG's relative luminance of a `#rrggbb` colour. */
function luminance(colour: string): number {
  const channel = (at: number) => {
    const value = parseInt(colour.slice(at, at + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** WCAG's contrast ratio of two `#rrggbb` colours. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/**
 * The initials' colour on an avatar of `colour`: white where it reads at 4.5:1, else black. Another
 * person's colour comes from their presence (any `#rrggbb` they choose or an older app drew), so it
 * is not trusted to suit white; one of white and black always reaches 4.5:1.
 */
export function inkOn(colour: string): '#ffffff' | '#000000' {
  return contrastRatio(colour, '#ffffff') >= 4.5 ? '#ffffff' : '#000000';
}

/** The longest name of "Who are you?": what peers' presence takes (sync/presence.ts). */
export const IDENTITY_NAME_LIMIT = 80;

/**
 * A name of at most IDENTITY_NAME_LIMIT characters as every limit of the app counts them (code points,
 * shared/text/cut-text.ts): 80 emoji are 80 characters, not 160 UTF-16 units (they were refused at 40).
 * The identity, peers' presence (sync/presence.ts) and the host's list of who is connected count alike.
 */
export const identityName = () => z.string().refine((name) => name.length > 0 && !isOverLimit(name, IDENTITY_NAME_LIMIT), `must be 1–${IDENTITY_NAME_LIMIT} characters`);

/**
 * Why a name cannot be this device's, or null; checked before anything is written (the dialog added
 * the person to the plan, limit 200, before the identity was refused "That name or colour cannot be
 * used.", limit 80, and added them again on each Save). Counted in characters (code points), as the
 * schema and peers count.
 */
export function identityNameProblem(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed.length === 0) return 'Enter your name.';
  if (isOverLimit(trimmed, IDENTITY_NAME_LIMIT)) {
    const count = characterCount(trimmed);
    return `Your name can be at most ${IDENTITY_NAME_LIMIT} characters; this one is ${count}. Shorten it by ${count - IDENTITY_NAME_LIMIT} to save.`;
  }
  const control = controlCharacterRefusal(trimmed);
  if (control) return `Your name ${control}; delete it to save.`;
  const invisible = invisibleTextProblem(trimmed);
  if (invisible) return `Your name ${invisible}: type one that shows.`;
  return null;
}

/** Who uses the app on this device: shown to others in presence and recorded on check-ins. */
export const deviceIdentitySchema = z.lazy(() => z.object({
  name: z.string().trim().pipe(identityName()),
  colour: z.string().regex(/^#[0-9a-fA-F]{6}$/),
  /** For each plan, the person in it that this device acts as. */
  personByPlan: z.record(z.string(), z.string()),
  /**
   * The names the device went by before `name`, latest first, at most FORMER_NAMES_KEPT (leftovers40): a
   * check-in signed before the device chose who it is carries the name it had then, and My work counts it.
   */
  formerNames: z.array(z.string()).optional(),
}));
export type DeviceIdentity = z.infer<typeof deviceIdentitySchema>;

/** How many earlier names of a device are kept: enough for a few renames, bounded in storage. */
export const FORMER_NAMES_KEPT = 8;

/** The names the device went by before it is renamed from `current` to `name` (latest first, bounded, without `name`). */
export function formerNamesAfter(current: DeviceIdentity | null, name: string): string[] {
  const names = current ? [current.name, ...(current.formerNames ?? [])] : [];
  const kept: string[] = [];
  for (const earlier of names) if (earlier.trim() !== '' && earlier !== name && !kept.includes(earlier)) kept.push(earlier);
  return kept.slice(0, FORMER_NAMES_KEPT);
}

/** Every name check-ins from this device may be signed with before it chose who it is: its name, then its former ones. */
export function deviceNames(identity: DeviceIdentity | null): string[] {
  return identity ? [identity.name, ...(identity.formerNames ?? []).slice(0, FORMER_NAMES_KEPT)] : [];
}

const identityKey = 'throughline:identity:v1';

/** Reads the stored identity, or null when "who am I" was never answered on this device. */
export function readIdentity(store: KeyValueStore): DeviceIdentity | null {
  return readStored(store, identityKey, deviceIdentitySchema.nullable(), null);
}

/** Validates and stores the identity; throws a message naming the problem when it is invalid. */
export function writeIdentity(store: KeyValueStore, identity: DeviceIdentity): DeviceIdentity {
  const parsed = deviceIdentitySchema.safeParse(identity);
  if (!parsed.success) throw new Error(identityNameProblem(identity.name) ?? 'That colour cannot be used.');
  writeStored(store, identityKey, parsed.data);
  return parsed.data;
}

/** A stable colour for a name, for people who have not chosen one. */
export function colourForName(name: string): string {
  let hash = 0;
  for (let i = 0; i < name.length; i++) hash = (hash * 31 + name.charCodeAt(i)) >>> 0;
  return presenceColours[hash % presenceColours.length] ?? presenceColours[0];
}

/** Up to two initials for an avatar. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  // The first character (code point) of a word, never half an emoji: "🎯🎯" gave a lone surrogate, drawn "�".
  const lead = (word: string | undefined) => (word === undefined ? '' : String.fromCodePoint(word.codePointAt(0)!));
  const first = lead(words[0]);
  const last = words.length > 1 ? lead(words[words.length - 1]) : '';
  return (first + last).toUpperCase();
}
