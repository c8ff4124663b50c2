import { useEffect, useState } from 'react';
import { useAppStore } from '../store/app-store.js';
import { shortLocalLabel, statusExplanation, statusLabel, takenOutExplanation, waitingLabel, type SyncStatus } from '../sync/sync-status.js';
import type { AppState } from '../store/app-state.js';

/**
 * The open plan's record of being taken out of its workspace, when changes made offline before it were
 * never shared: the pill keeps counting them (leftovers39), as the notice does (takenout38).
 */
const takenOutUnshared = (state: AppState) => {
  const open = state.openState;
  if (open.kind !== 'open') return null;
  const entry = state.plans.find((plan) => plan.id === open.planId);
  return entry?.takenOut && entry.takenOut.unsent > 0 && !entry.workspace ? entry.takenOut : null;
};

/** The current time, ticking every second while `ticking` (for "retrying in N s"). */
export function useSecondTicks(ticking: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return undefined;
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), 1_000);
    return () => window.clearInterval(timer);
  }, [ticking]);
  return now;
}

/** A status label that counts down to the next attempt while the server is unreachable. */
export function SyncStatusText({ status, notShared = 0 }: { status: SyncStatus; notShared?: number }) {
  const now = useSecondTicks(status.phase.kind === 'unreachable' || (status.phase.kind === 'refused' && status.phase.retryAt !== undefined));
  // The count of changes never shared in short words; the pill's accessible name says them in full.
  return <>{status.phase.kind === 'local' && notShared > 0 ? shortLocalLabel(notShared) : statusLabel(status, now, notShared)}</>;
}

/** The always-visible sync status; a click opens sharing and connection details. */
export function SyncStatusPill() {
  const status = useAppStore((state) => state.syncStatus);
  const openDialog = useAppStore((state) => state.openDialog);
  const takenOut = useAppStore(takenOutUnshared);
  const notShared = status.phase.kind === 'local' ? takenOut?.unsent ?? 0 : 0;
  // The accessible name does not tick (a screen reader would re-read it every second).
  const waiting = status.pendingChanges > 0 ? ` · ${waitingLabel(status.pendingChanges)}` : '';
  const name = status.phase.kind === 'unreachable'
    ? `${status.phase.busy ? 'Server busy' : 'Server unreachable'}${waiting}`
    : status.phase.kind === 'refused' && status.phase.retryAt !== undefined ? `Server cannot save${waiting}`
      // Begins with the words shown (label in name), then says them in full.
      : status.phase.kind === 'local' && notShared > 0 ? `${shortLocalLabel(notShared)}: ${statusLabel(status, Date.now(), notShared)}`
        : statusLabel(status, Date.now(), notShared);
  return (
    <button
      type="button"
      className="sync-pill"
      data-phase={status.phase.kind}
      data-change-refused={status.permissionDenied !== null ? 'true' : undefined}
      title={notShared > 0 && takenOut ? takenOutExplanation(notShared, takenOut.workspace) : statusExplanation(status)}
      aria-label={`Sync status: ${name}`}
      onClick={() => openDialog(status.phase.kind === 'local' ? 'join' : 'share')}
    >
      <span role="status" aria-live="off"><SyncStatusText status={status} notShared={notShared} /></span>
    </button>
  );
}
