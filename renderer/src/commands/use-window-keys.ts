import { useEffect } from 'react';
import type { CommandRegistry } from './registry.js';

/** True when a keyboard event happens in a text field, where typing and the browser's own undo apply. */
export function inTextField(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || target.matches('input, textarea, select'));
}

/**
 * True for an Escape in a field whose Escape means nothing once its list is closed: a select, or a picker
 * (a combobox: DirectoryPicker). There it is the window's, as on the canvas: while presenting, the first
 * Escape closes the open list (the picker stops the key; a select's popup never sends it to the page) and
 * the next stops presenting, as Escape in Find leaves for the canvas first (leftovers46b). Typing fields keep
 * their Escape (a search field clears its words).
 */
export function escapeForTheWindow(event: KeyboardEvent): boolean {
  const target = event.target;
  return event.key === 'Escape' && target instanceof HTMLElement && target.matches('select, input[role="combobox"]');
}

/**
 * True while a dialog is open. Every dialog of the app is modal: the page behind it is out of reach,
 * so a window key must not act there either. The check-in form's "?" on its Add button replaced the
 * form with the keyboard help (the one dialog slot), and its Ctrl+Z undid a plan edit nobody could see.
 */
export function inDialog(target: EventTarget | null): boolean {
  if (target instanceof Element && target.closest('dialog') !== null) return true;
  return document.querySelector('dialog[open]') !== null;
}

/** Sends the window's keys (outside text fields, dialogs and keys a surface already took) to the registry. */
export function useWindowKeys(registry: CommandRegistry): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || (inTextField(event.target) && !escapeForTheWindow(event)) || inDialog(event.target)) return;
      if (registry.handleKey(event, 'window')) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [registry]);
}
