import { useEffect } from 'react';
import { KIND_LABELS } from '../../../shared/model/index.js';
import { isolatedText } from '../../../shared/text/bidi-isolation.js';
import { Dialog } from '../shell/Dialog.js';
import { useAppStore } from '../store/app-store.js';
import { CheckInForm } from './CheckInForm.js';

/** The check-in form for the selected node, from "My work" and "check-ins due". */
export function CheckInDialog({ onClose }: { onClose: () => void }) {
  const plan = useAppStore((state) => state.plan);
  const selectedId = useAppStore((state) => state.selectedId);
  const node = selectedId ? plan?.index.node(selectedId) : undefined;
  // The node went away under the dialog (deleted, by someone else too): the dialog closes, rather than
  // stay open unseen and show up on whatever is selected next. What was typed is kept (CheckInForm).
  const gone = node === undefined;
  useEffect(() => { if (gone) onClose(); }, [gone, onClose]);
  if (!node) return null;
  return (
    <Dialog title={`Check in: ${isolatedText(node.title || 'Untitled')}`} onClose={onClose}
      actions={<button type="button" className="button" onClick={onClose}>Close</button>}>
      <p className="muted">{KIND_LABELS[node.kind]}{node.value !== null ? ` · current value ${node.value}${node.fields.unit ? ` ${node.fields.unit}` : ''}` : ''}</p>
      {/* Keyed by node: what is typed belongs to the node it was started on, never to the next selected. */}
      <CheckInForm key={node.id} node={node} onDone={onClose} />
    </Dialog>
  );
}
