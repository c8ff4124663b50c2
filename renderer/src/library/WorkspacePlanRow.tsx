import { useControllers } from '../session/controller-context.js';
import { useAppStore } from '../store/app-store.js';
import type { PlanEntry } from './plan-library.js';

/** One plan of a joined workspace: open it (fetched from the server the first time), or copy it out. */
export function WorkspacePlanRow({ workspace, id, name, local }: { workspace: string; id: string; name: string; local: PlanEntry | undefined }) {
  const { library } = useControllers();
  const notify = useAppStore((state) => state.notify);
  const fail = (error: unknown) => notify({ text: error instanceof Error ? error.message : String(error), tone: 'error' });
  return (
    <li className="plan-row" aria-label={name}>
      <div className="plan-main">
        <a className="plan-open" href={`#/plan/${id}/outline`} onClick={(event) => { event.preventDefault(); library.openWorkspacePlan(workspace, id, name); }}>{name}</a>
        <span className="plan-meta">
          <span className="badge synced">In workspace {workspace}</span>
          <span className="muted">{local ? `Opened here ${new Date(local.openedAt).toLocaleString()}` : 'Not opened on this device yet'}</span>
        </span>
      </div>
      <div className="plan-actions">
        {local && (
          <button type="button" className="button small ghost"
            onClick={() => { library.duplicatePlan(id).then(() => notify({ text: `Copied "${name}" to this device only.`, tone: 'info' }), fail); }}>
            Copy to this device
          </button>
        )}
      </div>
    </li>
  );
}
