/**
 * The rules of a plan's name, one place for the library on this device and the workspace directory
 * that others see: a typed name is refused with a message; a name from elsewhere (a file, another
 * device, an older version) is never refused but shown so that it can be told apart and renamed.
 * Lengths count characters (code points), as node titles do (cut-text.ts).
 */
import { controlCharacterRefusal, visibleText } from './control-characters.js';
import { cutText, isOverLimit } from './cut-text.js';
import { invisibleTextProblem, isInvisibleOnly } from './invisible-text.js';

export const maxPlanNameLength = 200;

/** Why a typed plan name (already trimmed) cannot be used, or null when it can. */
export function planNameProblem(trimmed: string): string | null {
  if (trimmed.length === 0) return 'A plan needs a name.';
  if (isOverLimit(trimmed, maxPlanNameLength)) return `A plan name can be at most ${maxPlanNameLength} characters.`;
  const control = controlCharacterRefusal(trimmed);
  if (control) return `The plan name ${control}; delete it.`;
  const invisible = invisibleTextProblem(trimmed);
  return invisible ? `The plan name ${invisible}: type a name that shows.` : null;
}

/**
 * A plan name from elsewhere as it is kept and shown: control characters as signs, trimmed, cut to
 * the limit between graphemes; a name that shows nothing (only spaces or zero-width characters)
 * gives way to `fallback`.
 */
export function shownPlanName(name: string, fallback = 'Untitled plan'): string {
  const shown = cutText(visibleText(name).trim(), maxPlanNameLength);
  return shown === '' || isInvisibleOnly(shown) ? fallback : shown;
}
