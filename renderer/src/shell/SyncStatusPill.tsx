import { useAppStore } from '../store/app-store.js';
import { statusExplanation, statusLabel } from '../sync/sync-status.js';

/** The always-visible sync status; a click opens sharing and connection details. */
export function SyncStatusPill() {
  const status = useAppStore((state) => state.syncStatus);
  const openDialog = useAppStore((state) => state.openDialog);
  return (
    <button
      type="button"
      className="sync-pill"
      data-phase={status.phase.kind}
      title={statusExplanation(status)}
      aria-label={`Sync status: ${statusLabel(status)}`}
      onClick={() => openDialog(status.phase.kind === 'local' ? 'join' : 'share')}
    >
      <span role="status">{statusLabel(status)}</span>
    </button>
  );
}
