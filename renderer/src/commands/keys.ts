/**
 * Key chords as data: "Mod+Shift+z", "Alt+ArrowDown", "?". `Mod` is Cmd on macOS and Ctrl elsewhere.
 * A chord matches a key event when its key and its modifiers are exactly those pressed (a typed
 * punctuation character such as "?" ignores Shift, which the layout may need to type it).
 *
 * The key is the last part, a `KeyboardEvent.key` value. "+" separates the parts, so the plus key
 * itself is written "Plus" (or "+" alone, or last after a "+": "Mod++"); "Minus", "Equal" and
 * "Space" name "-", "=" and " " for readability.
 */

export type Platform = 'mac' | 'other';

/** A parsed chord. */
export interface Chord {
  key: string;
  ctrl: boolean;
  meta: boolean;
  alt: boolean;
  shift: boolean;
  /** True for "?"-like keys whose Shift state depends on the keyboard layout. */
  anyShift: boolean;
}

/** The part of a keyboard event a chord is matched against (DOM and React events both have it). */
export interface KeyInput {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  /** The physical key (`KeyZ`), for letter chords pressed on a non-Latin layout. */
  code?: string;
}

const modifierNames = new Set(['Mod', 'Ctrl', 'Meta', 'Alt', 'Shift']);

/** Keys named in words, because "+" is the separator or a bare " " is hard to read. */
const namedKeys: Readonly<Record<string, string>> = { Plus: '+', Minus: '-', Equal: '=', Space: ' ' };

/** Splits a chord's text into its modifiers and its key ("Mod++" is Mod and the plus key). */
function splitChord(text: string): { modifiers: string[]; key: string | undefined } {
  if (text === '+') return { modifiers: [], key: '+' };
  if (text.endsWith('++')) return { modifiers: text.slice(0, -2).split('+'), key: '+' };
  const parts = text.split('+');
  const last = parts.pop();
  return { modifiers: parts, key: last === undefined ? undefined : (namedKeys[last] ?? last) };
}

/** Parses a chord for a platform; throws on a chord that names no key (a registry bug). */
export function parseChord(text: string, platform: Platform): Chord {
  const { modifiers: parts, key } = splitChord(text);
  if (!key || modifierNames.has(key) || parts.some((part) => !modifierNames.has(part))) throw new Error(`The key chord "${text}" is not of the form "Mod+Shift+k" (the plus key is "Plus").`);
  const has = (name: string) => parts.includes(name);
  const punctuation = key.length === 1 && !/[a-z0-9]/i.test(key);
  return {
    key: key.length === 1 ? key.toLowerCase() : key,
    ctrl: has('Ctrl') || (has('Mod') && platform === 'other'),
    meta: has('Meta') || (has('Mod') && platform === 'mac'),
    alt: has('Alt'),
    shift: has('Shift'),
    anyShift: punctuation,
  };
}

/**
 * The key an event is matched on: its `key`, except a letter outside ASCII on a letter key (`KeyZ`):
 * then the Latin letter of that key. On a Russian, Greek, Hebrew or Arabic layout Ctrl+Z gives the
 * key "я", so no letter chord (undo, the palette's Mod+K) worked for those people; their layouts keep
 * the Latin letters on the same keys, as the shortcuts printed beside the commands assume. Latin
 * layouts (AZERTY's "z" is on KeyW) keep their own letter; non-ASCII letters on other keys
 * (AZERTY's "é" on Digit2, German "ö") are matched as typed.
 */
function matchedKey(event: KeyInput): string {
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  if (key.length !== 1 || key.charCodeAt(0) < 0x80 || !event.code) return key;
  const latin = /^Key([A-Z])$/.exec(event.code);
  return latin && /\p{L}/u.test(key) ? latin[1]!.toLowerCase() : key;
}

/** True when the event is exactly this chord. */
export function chordMatches(chord: Chord, event: KeyInput): boolean {
  const key = matchedKey(event);
  return key === chord.key && event.ctrlKey === chord.ctrl && event.metaKey === chord.meta && event.altKey === chord.alt
    && (chord.anyShift || event.shiftKey === chord.shift);
}

/** The event a person makes by pressing the chord (tests use it to prove every binding is reachable). */
export function chordEvent(chord: Chord): KeyInput {
  return { key: chord.shift && chord.key.length === 1 ? chord.key.toUpperCase() : chord.key, ctrlKey: chord.ctrl, metaKey: chord.meta, altKey: chord.alt, shiftKey: chord.shift };
}

/** A stable text for comparing chords ("two commands share a binding"). */
export function chordId(chord: Chord): string {
  return `${chord.ctrl ? 'C' : ''}${chord.meta ? 'M' : ''}${chord.alt ? 'A' : ''}${chord.shift && !chord.anyShift ? 'S' : ''}+${chord.key}`;
}

const keyLabels: Record<string, string> = {
  ArrowUp: '↑', ArrowDown: '↓', ArrowLeft: '←', ArrowRight: '→', Enter: 'Enter', Delete: 'Del', Backspace: 'Backspace', Insert: 'Ins', Escape: 'Esc', ' ': 'Space',
};

/** How a chord is shown to people on their platform: "⇧⌘Z" on a Mac, "Ctrl+Shift+Z" elsewhere. */
export function formatChord(chord: Chord, platform: Platform): string {
  const key = keyLabels[chord.key] ?? (chord.key.length === 1 ? chord.key.toUpperCase() : chord.key);
  const shift = chord.shift && !chord.anyShift;
  if (platform === 'mac') return `${chord.ctrl ? '⌃' : ''}${chord.alt ? '⌥' : ''}${shift ? '⇧' : ''}${chord.meta ? '⌘' : ''}${key}`;
  const modified = chord.ctrl || chord.meta || chord.alt || shift;
  // "Ctrl++" reads as a typo: with modifiers the plus key is spelt out.
  return [chord.ctrl && 'Ctrl', chord.meta && 'Meta', chord.alt && 'Alt', shift && 'Shift', modified && key === '+' ? 'Plus' : key].filter(Boolean).join('+');
}

const acceleratorKeys: Record<string, string> = { ArrowUp: 'Up', ArrowDown: 'Down', ArrowLeft: 'Left', ArrowRight: 'Right', Enter: 'Return', Escape: 'Esc', '+': 'Plus', ' ': 'Space' };

/** The chord as an Electron menu accelerator ("CmdOrCtrl+Shift+Z", "CmdOrCtrl+Plus"), from the platform-neutral text. */
export function acceleratorOf(text: string): string {
  const { modifiers: parts, key = '' } = splitChord(text);
  const modifiers = parts.map((part) => (part === 'Mod' ? 'CmdOrCtrl' : part === 'Meta' ? 'Command' : part === 'Ctrl' ? 'Control' : part));
  return [...modifiers, acceleratorKeys[key] ?? (key.length === 1 ? key.toUpperCase() : key)].join('+');
}

/** This browser's platform, for bindings and labels. */
export function detectPlatform(): Platform {
  return /Mac|iPhone|iPad/.test(navigator.platform) ? 'mac' : 'other';
}
