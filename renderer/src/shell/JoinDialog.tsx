import { useState } from 'react';
import { useControllers } from '../session/controller-context.js';
import { useAppStore } from '../store/app-store.js';
import { Dialog } from './Dialog.js';
import { emptyServerForm, readServerForm, ServerFields } from './ServerForm.js';

/**
 * Join a sync server. From the library, a link opens its plan. With a plan open that is not on a
 * server yet, the plan is shared into that workspace.
 */
export function JoinDialog({ onClose }: { onClose: () => void }) {
  const { app } = useControllers();
  const planOpen = useAppStore((state) => state.openState.kind === 'open');
  const [form, setForm] = useState(emptyServerForm);
  const [error, setError] = useState<string | null>(null);

  const submit = () => {
    const result = readServerForm(form.link, form.server, form.workspace, form.token);
    if ('problem' in result) {
      setError(result.problem);
      return;
    }
    onClose();
    if (planOpen && !result.request.plan) void app.connectOpenPlan(result.request.server, result.request.workspace, result.request.token);
    else app.join(result.request);
  };

  return (
    <Dialog title={planOpen ? 'Sync this plan with a server' : 'Join a workspace'} onClose={onClose} onSubmit={submit}
      actions={<><button type="button" className="button" onClick={onClose}>Cancel</button><button type="submit" className="button primary">{planOpen ? 'Connect' : 'Join'}</button></>}>
      <p className="muted">
        {planOpen
          ? 'Paste the join link or the server address and token the workshop host gave you. This plan keeps working offline and syncs whenever the server is reachable.'
          : 'Paste the link the workshop host gave you: a workspace link lists all its plans, a plan link opens one. The link is checked with its server before anything is saved.'}
      </p>
      <ServerFields value={form} onChange={(value) => { setForm(value); setError(null); }} error={error} />
    </Dialog>
  );
}
