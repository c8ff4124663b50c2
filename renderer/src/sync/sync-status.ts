/** Where a plan's sync stands, as shown in the always-visible status. */
export type SyncPhase =
  /** Kept on this device only: no server joined for its workspace. */
  | { kind: 'local' }
  | { kind: 'connecting' }
  | { kind: 'synced' }
  /** The browser has no network, or the server does not answer; edits wait locally. */
  | { kind: 'offline'; because: 'no-network' | 'server-unreachable' }
  /** The server will not take this device's token; the plan stays usable locally. */
  | { kind: 'refused'; reason: string };

export interface SyncStatus {
  phase: SyncPhase;
  /** Local changes not yet confirmed by the server. */
  pendingChanges: number;
  /** The role the token grants; viewers get a read-only UI. */
  role: 'editor' | 'viewer' | null;
  /** Set when the server said this client may not write (the protocol's permission-denied). */
  permissionDenied: string | null;
}

export const localStatus: SyncStatus = { phase: { kind: 'local' }, pendingChanges: 0, role: null, permissionDenied: null };

/** The one-line label of the status pill. */
export function statusLabel(status: SyncStatus): string {
  const waiting = status.pendingChanges === 1 ? '1 local change waiting' : `${status.pendingChanges} local changes waiting`;
  switch (status.phase.kind) {
    case 'local': return 'On this device only';
    case 'connecting': return status.pendingChanges > 0 ? `Connecting · ${waiting}` : 'Connecting…';
    case 'synced': return status.role === 'viewer' ? 'Synced · view only' : 'Synced';
    case 'offline': return status.pendingChanges > 0 ? `Offline · ${waiting}` : 'Offline';
    case 'refused': return status.pendingChanges > 0 ? `Not syncing · ${waiting}` : 'Not syncing';
  }
}

/** A sentence explaining the status (tooltip and the sync panel). */
export function statusExplanation(status: SyncStatus): string {
  switch (status.phase.kind) {
    case 'local': return 'This plan is stored in this browser only. Join a server to share it.';
    case 'connecting': return 'Connecting to the sync server. You can keep working; changes are saved on this device.';
    case 'synced': return status.role === 'viewer'
      ? 'Up to date with the server. Your token lets you view this plan, not change it.'
      : 'Up to date with the server. Your changes reach everyone in the plan as you make them.';
    case 'offline': return status.phase.because === 'no-network'
      ? 'This device has no network. Your changes are saved here and will sync when the network is back.'
      : 'The sync server does not answer. Your changes are saved here and will sync when it is back.';
    case 'refused': return `${status.phase.reason} The plan stays usable on this device; your changes are kept here.`;
  }
}
