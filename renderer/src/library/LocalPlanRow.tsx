import { useState } from 'react';
import { useControllers } from '../session/controller-context.js';
import { useAppStore } from '../store/app-store.js';
import type { PlanEntry } from './plan-library.js';
import { formatDayTime } from '../outline/labels.js';
import { isolatedText } from '../../../shared/text/bidi-isolation.js';
import { isComposingKey } from '../text/composing';

/** A plan kept on this device only: open, rename, duplicate, delete, or move into a joined workspace. */
export function LocalPlanRow({ entry, moveTargets }: { entry: PlanEntry; moveTargets: readonly string[] }) {
  const { library } = useControllers();
  const notify = useAppStore((state) => state.notify);
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(entry.name);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const fail = (error: unknown) => notify({ text: error instanceof Error ? error.message : String(error), tone: 'error' });

  const [nameProblem, setNameProblem] = useState<string | null>(null);
  // A refused name stays as typed, with the reason beside it, until it is fixed or Escape cancels.
  const saveName = () => {
    if (name.trim() === entry.name) { setRenaming(false); setNameProblem(null); return; }
    library.renamePlan(entry.id, name).then(
      () => { setRenaming(false); setNameProblem(null); },
      (error: unknown) => setNameProblem(error instanceof Error ? error.message : String(error)),
    );
  };
  const cancelRename = () => { setName(entry.name); setNameProblem(null); setRenaming(false); };

  return (
    <li className="plan-row" aria-label={entry.name}>
      <div className="plan-main">
        {renaming ? (
          <span className="plan-rename">
            <input className="input" aria-label="Plan name" value={name} autoFocus aria-invalid={nameProblem ? true : undefined}
              aria-describedby={nameProblem ? `plan-name-problem-${entry.id}` : undefined}
              onChange={(event) => { setName(event.target.value); setNameProblem(null); }}
              onBlur={saveName} onKeyDown={(event) => { if (isComposingKey(event)) return; if (event.key === 'Enter') saveName(); if (event.key === 'Escape') cancelRename(); }} />
            {nameProblem && <span id={`plan-name-problem-${entry.id}`} className="field-error" role="alert">{nameProblem}</span>}
          </span>
        ) : (
          <a className="plan-open" href={`#/plan/${entry.id}/outline`}>{entry.name}</a>
        )}
        <span className="plan-meta">
          {entry.workspace ? <span className="badge">From workspace {entry.workspace} (not joined on this device)</span> : <span className="badge">This device only</span>}
          <span className="muted">{entry.openedAt !== undefined ? `Opened ${formatDayTime(entry.openedAt)}` : 'Not opened on this device yet'}</span>
        </span>
      </div>
      <div className="plan-actions">
        {confirmDelete ? (
          <>
            <span className="muted">Delete this plan from this device?</span>
            <button type="button" className="button small danger" onClick={() => { library.deletePlan(entry.id).catch(fail); }}>Delete</button>
            <button type="button" className="button small" onClick={() => setConfirmDelete(false)}>Keep</button>
          </>
        ) : (
          <>
            {moveTargets.map((workspace) => (
              <button key={workspace} type="button" className="button small"
                onClick={() => { library.moveToWorkspace(entry.id, workspace).then(() => notify({ text: `Moved "${isolatedText(entry.name)}" into workspace "${isolatedText(workspace)}".`, tone: 'info' }), fail); }}>
                Move to {workspace}
              </button>
            ))}
            <button type="button" className="button small ghost" onClick={() => setRenaming(true)}>Rename</button>
            <button type="button" className="button small ghost" onClick={() => { library.duplicatePlan(entry.id).then(() => notify({ text: `Duplicated "${isolatedText(entry.name)}".`, tone: 'info' }), fail); }}>Duplicate</button>
            <button type="button" className="button small ghost danger" onClick={() => setConfirmDelete(true)}>Delete</button>
          </>
        )}
      </div>
    </li>
  );
}
