import { useEffect } from 'react';
import type { CommandRegistry } from './registry.js';

/** True when a keyboard event happens in a text field, where typing and the browser's own undo apply. */
export function inTextField(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || target.matches('input, textarea, select'));
}

/** Sends the window's keys (outside text fields and keys a surface already took) to the registry. */
export function useWindowKeys(registry: CommandRegistry): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || inTextField(event.target)) return;
      if (registry.handleKey(event, 'window')) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [registry]);
}
