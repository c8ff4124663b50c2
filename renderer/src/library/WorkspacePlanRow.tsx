import { useState } from 'react';
import { useControllers } from '../session/controller-context.js';
import { useAppStore } from '../store/app-store.js';
import type { PlanEntry } from './plan-library.js';
import { formatDayTime } from '../outline/labels.js';
import { isolatedText } from '../../../shared/text/bidi-isolation.js';
import { isComposingKey } from '../text/composing';

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
 * One plan of a joined workspace: open it (fetched from the server the first time), rename it for
 * everyone in the workspace, copy it out, or take it out of the workspace for everyone, after a
 * confirmation saying what that means.
 */
export function WorkspacePlanRow({ workspace, id, name, local, listed, canEdit }: WorkspacePlanRowProps) {
  const { app, library } = useControllers();
  const notify = useAppStore((state) => state.notify);
  const [confirming, setConfirming] = useState(false);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [nameProblem, setNameProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const fail = (error: unknown) => notify({ text: error instanceof Error ? error.message : String(error), tone: 'error' });
  const remove = () => {
    setConfirming(false);
    try {
      app.workspaces.remove(workspace, id);
    } catch (error) {
      fail(error);
    }
  };
  // As on this device's plans: a refused name stays as typed with the reason beside it until fixed or
  // Escape; a plan not on this device yet is fetched first (it may take a moment, or fail offline).
  const saveName = () => {
    if (renaming === null || saving) return;
    if (renaming.trim() === name) { setRenaming(null); setNameProblem(null); return; }
    setSaving(true);
    library.renameWorkspacePlan(workspace, id, renaming).then(
      () => { setSaving(false); setRenaming(null); setNameProblem(null); },
      (error: unknown) => { setSaving(false); setNameProblem(error instanceof Error ? error.message : String(error)); },
    );
  };
  const cancelRename = () => { setRenaming(null); setNameProblem(null); };
  return (
    <li className="plan-row" aria-label={name}>
      <div className="plan-main">
        {renaming === null ? (
          <a className="plan-open" href={`#/plan/${id}/outline`} onClick={(event) => { event.preventDefault(); library.openWorkspacePlan(workspace, id, name); }}>{name}</a>
        ) : (
          <span className="plan-rename">
            <input className="input" aria-label="Plan name" value={renaming} autoFocus aria-invalid={nameProblem ? true : undefined}
              aria-describedby={nameProblem ? `plan-name-problem-${id}` : undefined} aria-busy={saving || undefined}
              onChange={(event) => { setRenaming(event.target.value); setNameProblem(null); }}
              onBlur={saveName} onKeyDown={(event) => { if (isComposingKey(event)) return; if (event.key === 'Enter') saveName(); if (event.key === 'Escape') cancelRename(); }} />
            {nameProblem && <span id={`plan-name-problem-${id}`} className="field-error" role="alert">{nameProblem}</span>}
          </span>
        )}
        <span className="plan-meta">
          <span className="badge synced">In workspace {workspace}</span>
          <span className="muted">{local?.openedAt !== undefined ? `Opened here ${formatDayTime(local.openedAt)}` : 'Not opened on this device yet'}</span>
        </span>
        {confirming && (
          <div className="plan-confirm" role="group" aria-label={`Confirm taking ${name} out of the workspace`}>
            <p>Take “{name}” out of workspace {workspace}? It leaves everyone's list and the server stops sharing it: its links no longer open it, and whoever has it open stops syncing. Anyone who opened it keeps their copy, on their device only. The server keeps what it has (not deleted); moving a copy into the workspace again shares it again.</p>
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
        {listed && canEdit && !confirming && renaming === null && (
          <button type="button" className="button small ghost" aria-label={`Rename ${name}`} onClick={() => setRenaming(name)}>Rename</button>
        )}
        {listed && canEdit && !confirming && (
          <button type="button" className="button small ghost" aria-label={`Remove ${name} from the workspace`} onClick={() => setConfirming(true)}>Remove…</button>
        )}
      </div>
    </li>
  );
}
