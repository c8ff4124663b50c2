import { useRef, type ReactNode } from 'react';
import { useModalDialog } from './use-modal-dialog.js';

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
  useModalDialog(ref);
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
