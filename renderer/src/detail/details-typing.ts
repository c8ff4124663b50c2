/**
 * Whether the person is in the middle of an edit in the details panel: a field or form of the panel
 * has the focus, or a field holds words not yet saved. Following a presenter must not move the
 * selection under them then (review40b F1: the half-typed description was saved on one item and the
 * rest typed into the next one; a check-in note lost its second half): the follow waits until they
 * finish, and says so (use-cascade-canvas.ts).
 *
 * A value the field refused (02/30/2027 in a date, a number with 20 digits) is not typing once the person
 * has left the panel's fields (review41 item 3): it held the follow, said to be "while you type", until it was
 * fixed or Escape was pressed, though nobody was typing. It still holds the follow, as moving on drops it and
 * its message (the person may have clicked away at the very moment it was refused, never seeing why), but the
 * follow says it was not saved and offers to catch up (`refusedInDetails`).
 */
/** Each field holding unsaved words, with its refusal: the field's label and the message, or null while it is only typed. */
const unsaved = new Map<string, { field: string; problem: string } | null>();
const listeners = new Set<() => void>();
let listening = false;
let pending = 0;

/** The panel's fields (the check-in form's too): anything typed or chosen in. A button is no field: after "Add check-in" the follow goes on. */
const EDITING = 'input, textarea, select, [contenteditable="true"]';

/** True when the focused element is a field or form control of the details panel. */
function focusInDetails(): boolean {
  const active = typeof document === 'undefined' ? null : document.activeElement;
  if (!(active instanceof HTMLElement) || active.closest('.detail-panel') === null || !active.matches(EDITING)) return false;
  // A field nobody can type in (the plan as of a past moment, a viewer's) holds nothing.
  return !active.matches(':disabled') && !(active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement ? active.readOnly : false);
}

/** True while the person is typing in the details: a field has the focus, or holds unsaved words it has not refused. */
export function typingInDetails(): boolean {
  if (focusInDetails()) return true;
  for (const refusal of unsaved.values()) if (refusal === null) return true;
  return false;
}

/** A value a field of the details refused and still holds, unsaved: the field's label and why. */
export interface RefusedValue { field: string; problem: string }

/** The values refused and still held while the person is not typing (the focus is out of the panel's fields). */
export function refusedInDetails(): RefusedValue[] {
  if (typingInDetails()) return [];
  return [...unsaved.values()].filter((refusal): refusal is RefusedValue => refusal !== null);
}

function changed(): void {
  for (const listener of [...listeners]) listener();
}

/** The focus moved: told once it has landed (on focusout the next element is not focused yet). */
function focusMoved(): void {
  window.clearTimeout(pending);
  pending = window.setTimeout(changed, 0);
}

/**
 * A field of the details says whether it holds words not yet saved (`key` names the field) and, when it
 * refused them, its label and the message (`refused`).
 */
export function markUnsaved(key: string, holding: boolean, refused: RefusedValue | null = null): void {
  const before = unsaved.get(key);
  const next = holding ? refused : undefined;
  if (before === next || (before && next && before.field === next.field && before.problem === next.problem)) return;
  if (next === undefined) unsaved.delete(key);
  else unsaved.set(key, next);
  changed();
}

/** Calls `listener` whenever `typingInDetails()` may have changed; returns the way to stop. */
export function onDetailsTyping(listener: () => void): () => void {
  listeners.add(listener);
  if (!listening && typeof document !== 'undefined') {
    listening = true;
    document.addEventListener('focusin', focusMoved);
    document.addEventListener('focusout', focusMoved);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && listening) {
      listening = false;
      document.removeEventListener('focusin', focusMoved);
      document.removeEventListener('focusout', focusMoved);
      window.clearTimeout(pending);
    }
  };
}
