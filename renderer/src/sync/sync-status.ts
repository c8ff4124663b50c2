import { memoryStorageReason } from '../persistence/memory-storage.js';

/** Where a plan's (or a workspace list's) sync stands, as shown in the always-visible status. */
export type SyncPhase =
  /** Kept on this device only: no server joined for its workspace. */
  | { kind: 'local' }
  | { kind: 'connecting' }
  | { kind: 'synced' }
  /** The device has no network (the browser says so); edits wait locally. */
  | { kind: 'offline' }
  /**
   * The network is up but the server does not answer; the client tries again at `retryAt`
   * (milliseconds since the epoch). `busy` when the server answered that it turns joins away.
   */
  | { kind: 'unreachable'; retryAt: number; busy?: boolean }
  /**
   * The server will not take this device's changes; the plan stays usable locally. With `retryAt` the
   * refusal is for a while (the server cannot store changes: a full disk) and the next try is then.
   * `closed`: the server's close code and reason when it closed the connection for good (4400–4499).
   */
  | { kind: 'refused'; reason: string; retryAt?: number; closed?: { code: number; reason: string } };

export interface SyncStatus {
  phase: SyncPhase;
  /** The user's own edits not yet confirmed by the server (one command, one typed run = one edit). */
  pendingChanges: number;
  /** The role the token grants; viewers get a read-only UI. */
  role: 'editor' | 'viewer' | null;
  /** Set when the server said this client may not write (the protocol's permission-denied). */
  permissionDenied: string | null;
}

export const localStatus: SyncStatus = { phase: { kind: 'local' }, pendingChanges: 0, role: null, permissionDenied: null };

/** Whole seconds until `retryAt`, at least 1 while a retry is ahead (0 once it is due). */
export function secondsUntil(retryAt: number, now: number): number {
  return retryAt <= now ? 0 : Math.ceil((retryAt - now) / 1000);
}

/** "retrying in 4 s", or "retrying now" once the attempt is due. */
function retrying(retryAt: number, now: number): string {
  const seconds = secondsUntil(retryAt, now);
  return seconds === 0 ? 'retrying now' : `retrying in ${seconds} s`;
}

/** "1 local change waiting" / "3 local changes waiting". */
export function waitingLabel(count: number): string {
  return count === 1 ? '1 local change waiting' : `${count} local changes waiting`;
}

/**
 * Changes made offline that never reached the server before the plan was taken out of its workspace
 * (takenout38's `takenOut.unsent`): "1 change never shared" / "4 changes never shared". Not "waiting":
 * nothing sends them while the plan is on this device only (leftovers39: the pill dropped the count, which
 * read as "sent").
 */
export function notSharedLabel(count: number): string {
  return count === 1 ? '1 change never shared' : `${count} changes never shared`;
}

/**
 * Where this window keeps a plan's changes, in the status's words. When the browser stores nothing (a private
 * window: memory-storage.ts) they live in this window's memory, and "saved on this device" would promise what a
 * reload takes away (fix46a).
 */
function keptIn(): { only: string; saved: string; kept: string } {
  return memoryStorageReason() === null
    ? { only: 'On this device only', saved: 'saved on this device', kept: 'saved here' }
    : { only: 'In this window only', saved: 'kept only in this window until it is closed or reloaded', kept: 'kept only in this window until it is closed or reloaded' };
}

/** The pill's label for a plan kept on this device only, naming changes a take-out left unshared. */
export function localLabel(notShared: number): string {
  const { only } = keptIn();
  return notShared > 0 ? `${only} · ${notSharedLabel(notShared)}` : only;
}

/**
 * The pill's shown words for the same, short enough for the header at 1280 px (polish39: "On this device
 * only · 4 changes never shared" cut the plan's name to "Offsit…"): "Only here · 4 unsent". The pill's
 * accessible name keeps localLabel's words, and its title the whole explanation.
 */
export function shortLocalLabel(notShared: number): string {
  return notShared > 0 ? `Only here · ${notShared} unsent` : keptIn().only;
}

/** The explanation for a plan taken out of `workspace` with changes never shared. */
export function takenOutExplanation(notShared: number, workspace: string): string {
  return `This plan is stored on this device only: it was taken out of workspace ${workspace} before ${notShared === 1 ? '1 change' : `${notShared} changes`} made here offline reached it. They stay in this copy; once the plan is in ${workspace} again you can share your copy there again.`;
}

/** The one-line label of the status pill; `now` drives the retry countdown. */
export function statusLabel(status: SyncStatus, now: number = Date.now(), notShared = 0): string {
  const withWaiting = (label: string) => (status.pendingChanges > 0 ? `${label} · ${waitingLabel(status.pendingChanges)}` : label);
  switch (status.phase.kind) {
    case 'local': return localLabel(notShared);
    case 'connecting': return withWaiting('Connecting…');
    case 'synced':
      // A refused change is in this device's copy only: "Synced" alone would say the copies agree.
      if (status.permissionDenied !== null) return status.role === 'viewer' ? 'View only · your change was not shared' : 'Your change was not shared';
      return status.role === 'viewer' ? 'Synced · view only' : 'Synced';
    case 'offline': return withWaiting('Offline');
    case 'unreachable': return withWaiting(`${status.phase.busy ? 'Server busy' : 'Server unreachable'} — ${retrying(status.phase.retryAt, now)}`);
    case 'refused': return withWaiting(status.phase.retryAt === undefined ? 'Not syncing' : `Server cannot save — ${retrying(status.phase.retryAt, now)}`);
  }
}

/** A sentence explaining the status (tooltip and the sync panel). */
export function statusExplanation(status: SyncStatus): string {
  const { saved, kept } = keptIn();
  switch (status.phase.kind) {
    case 'local': return memoryStorageReason() === null
      ? 'This plan is stored on this device only. Move it into a workspace to share it.'
      : 'This browser stores nothing on this device, so this plan and its changes are kept only in this window until it is closed or reloaded. Move it into a workspace to share it.';
    case 'connecting': return `Connecting to the sync server. You can keep working; changes are ${saved}.`;
    case 'synced':
      if (status.permissionDenied !== null) {
        return `The server refused a change you made, so this device's copy differs from everyone else's: the change is here only. The rest is up to date with the server.${status.role === 'viewer' ? ' Your link lets you view, not change.' : ''}`;
      }
      return status.role === 'viewer'
        ? 'Up to date with the server. Your link lets you view, not change.'
        : 'Up to date with the server. Your changes reach everyone as you make them.';
    case 'offline': return `This device has no network. Your changes are ${kept} and sync when the network is back.`;
    case 'unreachable': return status.phase.busy
      ? `The sync server is turning connections away for a moment. Your changes are ${kept}; this device keeps trying.`
      : `The network is up, but the sync server does not answer (it may be stopped, or on another network). Your changes are ${kept}; this device keeps trying.`;
    case 'refused': return `${status.phase.reason} The plan stays usable on this device; your changes are ${memoryStorageReason() === null ? 'kept here' : kept}.`;
  }
}
