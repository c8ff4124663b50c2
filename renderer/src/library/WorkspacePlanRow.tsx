import { useState } from 'react';
import { useControllers } from '../session/controller-context.js';
import { useAppStore } from '../store/app-store.js';
import type { PlanEntry } from './plan-library.js';
import { formatDayTime } from '../outline/labels.js';
import { isolatedText } from '../../../shared/text/bidi-isolation.js';

interface WorkspacePlanRowProps {
  workspace: string;
  id: string;
  name: string;
  local: PlanEntry | undefined;
  /** Listed in the workspace's directory (not only put there by this device, unconfirmed yet). */
  listed: boolean;
  /** The user's link lets them change the workspace (editors may take a plan out of it). */
  canEdit: boolean;
}

/**
 * One plan of a joined workspace: open it (fetched from the server the first time), copy it out, or
 * take it out of the workspace for everyone, after a confirmation saying what that means.
 */
export function WorkspacePlanRow({ workspace, id, name, local, listed, canEdit }: WorkspacePlanRowProps) {
  const { app, library } = useControllers();
  const notify = useAppStore((state) => state.notify);
  const [confirming, setConfirming] = useState(false);
  const fail = (error: unknown) => notify({ text: error instanceof Error ? error.message : String(error), tone: 'error' });
  const remove = () => {
    setConfirming(false);
    try {
      app.workspaces.remove(workspace, id);
    } catch (error) {
      fail(error);
    }
  };
  return (
    <li className="plan-row" aria-label={name}>
      <div className="plan-main">
        <a className="plan-open" href={`#/plan/${id}/outline`} onClick={(event) => { event.preventDefault(); library.openWorkspacePlan(workspace, id, name); }}>{name}</a>
        <span className="plan-meta">
          <span className="badge synced">In workspace {workspace}</span>
          <span className="muted">{local ? `Opened here ${formatDayTime(local.openedAt)}` : 'Not opened on this device yet'}</span>
        </span>
        {confirming && (
          <div className="plan-confirm" role="group" aria-label={`Confirm taking ${name} out of the workspace`}>
            <p>Take “{name}” out of workspace {workspace}? It leaves everyone's list. Anyone who opened it keeps their copy, on their device only.</p>
            <div className="plan-actions">
              <button type="button" className="button small danger" onClick={remove}>Remove from workspace</button>
              <button type="button" className="button small" onClick={() => setConfirming(false)}>Keep it</button>
            </div>
          </div>
        )}
      </div>
      <div className="plan-actions">
        {local && (
          <button type="button" className="button small ghost"
            onClick={() => { library.duplicatePlan(id).then(() => notify({ text: `Copied "${isolatedText(name)}" to this device only.`, tone: 'info' }), fail); }}>
            Copy to this device
          </button>
        )}
        {listed && canEdit && !confirming && (
          <button type="button" className="button small ghost" aria-label={`Remove ${name} from the workspace`} onClick={() => setConfirming(true)}>Remove…</button>
        )}
      </div>
    </li>
  );
}
