/**
 * Whether the person is in the middle of an edit in the details panel: a field or form of the panel
 * has the focus, or a field holds words not yet saved. Following a presenter must not move the
 * selection under them then (review40b F1: the half-typed description was saved on one item and the
 * rest typed into the next one; a check-in note lost its second half): the follow waits until they
 * finish, and says so (use-cascade-canvas.ts).
 */
const unsaved = new Set<string>();
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

/** True while the person is typing in the details: a field has the focus, or holds unsaved words. */
export function typingInDetails(): boolean {
  return unsaved.size > 0 || focusInDetails();
}

function changed(): void {
  for (const listener of [...listeners]) listener();
}

/** The focus moved: told once it has landed (on focusout the next element is not focused yet). */
function focusMoved(): void {
  window.clearTimeout(pending);
  pending = window.setTimeout(changed, 0);
}

/** A field of the details says whether it holds words not yet saved (`key` names the field). */
export function markUnsaved(key: string, holding: boolean): void {
  const had = unsaved.has(key);
  if (holding === had) return;
  if (holding) unsaved.add(key);
  else unsaved.delete(key);
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
