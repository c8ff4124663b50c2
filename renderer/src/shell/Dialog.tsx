import { useEffect, useRef, useState, type ReactNode } from 'react';

interface DialogProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  actions: ReactNode;
  /** Called on submit (Enter in a field, or the submit button); without it the dialog holds no form. */
  onSubmit?: () => void;
}

/** A modal dialog on the native <dialog> element: focus trapping and Escape come from the browser. */
export function Dialog({ title, onClose, children, actions, onSubmit }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  // What had the focus when the dialog opened, read while rendering: a field inside the dialog may take
  // the focus (autoFocus) before any effect runs.
  const [opener] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      dialog?.close();
      // React has already removed the dialog from the page when this runs, so the browser's own return
      // of focus to the opener does not happen and the focus falls to <body>: a keyboard user lost their
      // place (the outline's keys stopped working until they clicked). Give it back unless something
      // else took it meanwhile.
      const lost = document.activeElement === null || document.activeElement === document.body;
      if (lost && opener?.isConnected) opener.focus();
    };
  }, [opener]);
  return (
    <dialog ref={ref} className="dialog" aria-label={title} onCancel={(event) => { event.preventDefault(); onClose(); }}>
      {onSubmit ? (
        <form method="dialog" onSubmit={(event) => { event.preventDefault(); onSubmit(); }}>
          <div className="dialog-body"><h2>{title}</h2>{children}</div>
          <div className="dialog-actions">{actions}</div>
        </form>
      ) : (
        <>
          <div className="dialog-body"><h2>{title}</h2>{children}</div>
          <div className="dialog-actions">{actions}</div>
        </>
      )}
    </dialog>
  );
}
