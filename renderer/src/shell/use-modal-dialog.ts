import { useEffect, useState, type RefObject } from 'react';
import { Emitter } from '../../../shared/lifecycle/disposable.js';

/** Fires when a modal dialog opened or closed: the command registry greys out the desktop menu's commands meanwhile. */
export const modalDialogChanged = new Emitter<void>();

/**
 * Shows a `<dialog>` as a modal while the component is mounted, and gives the focus back to what had
 * it when the dialog opened once it closes.
 *
 * React has already removed the dialog from the page when the effect's cleanup closes it, so the
 * browser's own return of focus to the opener never happens and the focus falls to `<body>`: a
 * keyboard user lost their place (the outline's keys stopped working until they clicked). The opener
 * is read while rendering, because a field inside the dialog may take the focus (autoFocus) before any
 * effect runs; it gets the focus back unless something else took it meanwhile or it left the page.
 */
export function useModalDialog(ref: RefObject<HTMLDialogElement | null>): void {
  const [opener] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    modalDialogChanged.fire();
    return () => {
      dialog?.close();
      modalDialogChanged.fire();
      const lost = document.activeElement === null || document.activeElement === document.body;
      if (lost && opener?.isConnected) opener.focus();
    };
  }, [ref, opener]);
}
