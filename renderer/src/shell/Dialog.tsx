import { useRef, type ReactNode } from 'react';
import { sentenceParts } from '../../../shared/text/bidi-isolation.js';
import { Sentence } from '../text/Isolated.js';
import { useModalDialog } from './use-modal-dialog.js';

interface DialogProps {
  /** The heading; a name or title in it is put in with `isolatedText`, so it is shown in its own isolate. */
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
  // The dialog's name reads as the heading reads, without the isolate's invisible marks.
  const label = sentenceParts(title).map((part) => part.text).join('');
  const heading = <h2><Sentence text={title} /></h2>;
  return (
    <dialog ref={ref} className="dialog" aria-label={label} onCancel={(event) => { event.preventDefault(); onClose(); }}>
      {onSubmit ? (
        <form method="dialog" onSubmit={(event) => { event.preventDefault(); onSubmit(); }}>
          <div className="dialog-body">{heading}{children}</div>
          <div className="dialog-actions">{actions}</div>
        </form>
      ) : (
        <>
          <div className="dialog-body">{heading}{children}</div>
          <div className="dialog-actions">{actions}</div>
        </>
      )}
    </dialog>
  );
}
