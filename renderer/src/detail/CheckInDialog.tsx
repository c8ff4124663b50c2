import { KIND_LABELS } from '../../../shared/model/index.js';
import { Dialog } from '../shell/Dialog.js';
import { useAppStore } from '../store/app-store.js';
import { CheckInForm } from './CheckInForm.js';

/** The check-in form for the selected node, from "My work" and "check-ins due". */
export function CheckInDialog({ onClose }: { onClose: () => void }) {
  const plan = useAppStore((state) => state.plan);
  const selectedId = useAppStore((state) => state.selectedId);
  const node = selectedId ? plan?.index.node(selectedId) : undefined;
  if (!node) return null;
  return (
    <Dialog title={`Check in: ${node.title || 'Untitled'}`} onClose={onClose}
      actions={<button type="button" className="button" onClick={onClose}>Close</button>}>
      <p className="muted">{KIND_LABELS[node.kind]}{node.value !== null ? ` · current value ${node.value}${node.fields.unit ? ` ${node.fields.unit}` : ''}` : ''}</p>
      <CheckInForm node={node} onDone={onClose} />
    </Dialog>
  );
}
