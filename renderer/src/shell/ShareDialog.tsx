import { useState } from 'react';
import { useControllers } from '../session/controller-context.js';
import { useAppStore } from '../store/app-store.js';
import { statusExplanation, statusLabel } from '../sync/sync-status.js';
import { Dialog } from './Dialog.js';
import { emptyServerForm, readServerForm, ServerFields } from './ServerForm.js';

/** Sharing: the join link of a synced plan, or connecting a local plan to a server. */
export function ShareDialog({ onClose }: { onClose: () => void }) {
  const { app } = useControllers();
  const status = useAppStore((state) => state.syncStatus);
  const link = app.shareLink();
  const [copied, setCopied] = useState(false);
  const [form, setForm] = useState(emptyServerForm);
  const [error, setError] = useState<string | null>(null);

  const copy = () => {
    if (!link) return;
    navigator.clipboard.writeText(link).then(() => setCopied(true), () => setCopied(false));
  };

  const connect = () => {
    const result = readServerForm(form.link, form.server, form.workspace, form.token);
    if ('problem' in result) {
      setError(result.problem);
      return;
    }
    onClose();
    void app.connectOpenPlan(result.request.server, result.request.workspace, result.request.token);
  };

  if (link) {
    return (
      <Dialog title="Share this plan" onClose={onClose}
        actions={<button type="button" className="button primary" onClick={onClose}>Done</button>}>
        <p><strong>{statusLabel(status)}.</strong> <span className="muted">{statusExplanation(status)}</span></p>
        <div className="field">
          <label htmlFor="share-link">Join link</label>
          <div className="copy-field">
            <input id="share-link" className="input" readOnly value={link} onFocus={(event) => event.target.select()} />
            <button type="button" className="button" onClick={copy}>{copied ? 'Copied' : 'Copy'}</button>
          </div>
          <span className="field-hint">Anyone with this link joins with your access. Send it only to people in this workshop.</span>
        </div>
      </Dialog>
    );
  }
  return (
    <Dialog title="Share this plan" onClose={onClose} onSubmit={connect}
      actions={<><button type="button" className="button" onClick={onClose}>Cancel</button><button type="submit" className="button primary">Connect</button></>}>
      <p className="muted">This plan is stored on this device only. Connect it to a sync server (a workshop host on your network, or your team's server) to edit it together.</p>
      <ServerFields value={form} onChange={(value) => { setForm(value); setError(null); }} error={error} />
    </Dialog>
  );
}
