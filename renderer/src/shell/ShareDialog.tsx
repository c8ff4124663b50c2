import { useState } from 'react';
import { useControllers } from '../session/controller-context.js';
import { useAppStore } from '../store/app-store.js';
import { statusExplanation, statusLabel } from '../sync/sync-status.js';
import { Dialog } from './Dialog.js';
import { emptyServerForm, readServerForm, ServerFields } from './ServerForm.js';
import { ShareLinkField } from './ShareLinkField.js';

/**
 * Sharing: for a plan in a workspace, both links (the workspace's plan list, and this plan), each
 * copyable in one click and as a QR code for the people in the room. A plan on this device only is
 * moved into a joined workspace in one click, or connected with a link the host gave.
 */
export function ShareDialog({ onClose }: { onClose: () => void }) {
  const { app, library } = useControllers();
  const status = useAppStore((state) => state.syncStatus);
  const workspaces = useAppStore((state) => state.workspaces);
  const links = app.joining.shareLinks();
  const [form, setForm] = useState(emptyServerForm);
  const [error, setError] = useState<string | null>(null);
  const notify = useAppStore((state) => state.notify);

  const connect = () => {
    const result = readServerForm(form.link, form.server, form.workspace, form.token);
    if ('problem' in result) {
      setError(result.problem);
      return;
    }
    onClose();
    void app.connectOpenPlan(result.request.server, result.request.workspace, result.request.token);
  };

  if (links) {
    const access = links.role === 'viewer' ? 'view' : 'edit';
    return (
      <Dialog title="Share this plan" onClose={onClose}
        actions={<button type="button" className="button primary" onClick={onClose}>Done</button>}>
        <p><strong>{statusLabel(status)}.</strong> <span className="muted">{statusExplanation(status)}</span></p>
        <ShareLinkField label="Workspace link" link={links.workspaceLink}
          hint={`Opens every plan of workspace "${links.workspace}". Whoever has it can ${access}, like you.`} />
        <ShareLinkField label="Plan link" link={links.planLink} hint="Opens this plan directly." />
        <p className="field-hint muted">Send links only to people in this workshop. The host can mint view-only links and revoke any link.</p>
      </Dialog>
    );
  }
  const planId = app.planId;
  const targets = workspaces.filter((listing) => listing.role !== 'viewer');
  return (
    <Dialog title="Share this plan" onClose={onClose} onSubmit={connect}
      actions={<><button type="button" className="button" onClick={onClose}>Cancel</button><button type="submit" className="button primary">Connect</button></>}>
      <p className="muted">This plan is stored on this device only.</p>
      {planId && targets.length > 0 && (
        <div className="share-move">
          {targets.map((listing) => (
            <button key={listing.workspace} type="button" className="button"
              onClick={() => { onClose(); library.moveToWorkspace(planId, listing.workspace).catch((caught: unknown) => notify({ text: caught instanceof Error ? caught.message : String(caught), tone: 'error' })); }}>
              Move into workspace “{listing.workspace}”
            </button>
          ))}
        </div>
      )}
      <p className="muted">Or connect it with the link a workshop host gave you:</p>
      <ServerFields value={form} onChange={(value) => { setForm(value); setError(null); }} error={error} />
    </Dialog>
  );
}
