import type { DirectoryEntry } from '../../../shared/workspace/directory.js';
import type { PlanEntry } from '../library/plan-library.js';
import { sameServer } from '../sync/server-connections.js';
import { isolatedText } from '../../../shared/text/bidi-isolation.js';

/** Where a copy was shared when its plan was taken out of the workspace (PlanEntry.takenOut). */
export type TakenOutRecord = NonNullable<PlanEntry['takenOut']>;

/** "1 change" / "4 changes". */
function changes(count: number): string {
  return count === 1 ? '1 change' : `${count} changes`;
}

/**
 * The library entry of a copy whose plan was taken out of its workspace: on this device only, with
 * where it was shared, by whom it was taken out and how many of this device's changes had not reached
 * the server (read before its sync stopped).
 */
export function keptOnThisDevice(entry: PlanEntry, record: TakenOutRecord): PlanEntry {
  const { workspace: _left, ...onThisDevice } = entry;
  return { ...onThisDevice, takenOut: record };
}

/**
 * What the person is told when their copy of a plan is taken out of its workspace. Changes this device
 * had not sent then never reached anyone: the notice says so (the waiting count leaves the status, which
 * would otherwise read as "sent"), where they are, and what would share them.
 */
export function takenOutNotice(name: string, record: TakenOutRecord): string {
  const who = record.by ? ` by ${isolatedText(record.by)}` : '';
  const workspace = isolatedText(record.workspace);
  const told = `"${isolatedText(name)}" was taken out of workspace ${workspace}${who}. Your copy stays on this device only.`;
  if (record.unsent === 0) return told;
  const asker = record.by ? `Ask ${isolatedText(record.by)}` : 'Ask someone in the workspace';
  return `${told} Your ${changes(record.unsent)} made offline ${record.unsent === 1 ? 'was' : 'were'} not shared before it was taken out; they stay in your copy on this device. ${asker} to move the plan into ${workspace} again: you can then share your copy there again.`;
}

/**
 * Whether `entry` is a copy taken out of `workspace` on `server` (the same server by the join rules:
 * scheme, host and path) that is now on this device only: the same plan, where it came from.
 */
export function takenOutFrom(entry: PlanEntry | undefined, workspace: string, server: string): entry is PlanEntry & { takenOut: TakenOutRecord } {
  return entry !== undefined && entry.workspace === undefined && entry.takenOut !== undefined
    && entry.takenOut.workspace === workspace && sameServer(entry.takenOut.server, server);
}

/** What the person is told when a plan their copy was taken out of is listed in that workspace again. */
export function listedAgainNotice(name: string, record: TakenOutRecord): string {
  const unsent = record.unsent > 0 ? ` Your ${changes(record.unsent)} made offline before it was taken out ${record.unsent === 1 ? 'has' : 'have'} not reached the others yet.` : '';
  return `"${isolatedText(name)}" is in workspace ${isolatedText(record.workspace)} again.${unsent} Share your copy there again? What you changed since it was taken out goes too; the copies merge, nothing is lost.`;
}

/** The entry of a copy shared in its workspace again: synced there, the taken-out record dropped. */
export function sharedAgain(entry: PlanEntry, workspace: string): PlanEntry {
  const { takenOut: _record, ...rest } = entry;
  return { ...rest, workspace };
}

/**
 * Why a copy cannot be shared in `workspace` again now (a sentence for the person), or null when it can:
 * its plan must be listed there, and not taken out since. The offer to share again stays on screen until
 * pressed, and listing a plan again restores it for everyone: an old offer pressed after someone took the
 * plan out again put it back in the workspace with no word (review39a F3).
 */
export function notSharedAgainBecause(name: string, workspace: string, listed: DirectoryEntry | null): string | null {
  if (listed && listed.removed === null) return null;
  if (listed?.removed) return takenOutAgainNotice(name, workspace, listed.removed.by);
  return `"${isolatedText(name)}" is not in workspace ${isolatedText(workspace)} now. Your copy stays on this device only.`;
}

/** What the person is told when a plan their copy was offered to go back to is taken out of the workspace again. */
export function takenOutAgainNotice(name: string, workspace: string, by: string | null): string {
  const who = by ? ` by ${isolatedText(by)}` : '';
  return `"${isolatedText(name)}" was taken out of workspace ${isolatedText(workspace)} again${who}. Your copy stays on this device only.`;
}
