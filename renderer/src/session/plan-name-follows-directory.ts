import type { WorkspaceListing } from '../library/workspace-directory.js';

/**
 * Why a plan's name lives in two places, and which one wins. A workspace plan's name is written in its
 * workspace's directory (the list everyone sees, synced as long as the app is open) and in the plan's own
 * document (the header, files, exports; synced only while someone has the plan open). Both are
 * last-writer-wins registers, but in two documents with different Yjs client ids: two people renaming a
 * plan at once could see the list keep one name and the plan the other (usercheck22: "Porto offsite" in
 * the list, "Lisbon offsite" at the top of the plan). So the directory decides: a device with the plan
 * open writes the listed name into the plan when they differ, and never the plan's name into the list
 * (a rename writes the list itself, before the plan).
 */

/** Origin of writing the listed name into the open plan: no one's edit, so Ctrl+Z does not take it back. */
export const listedNameOrigin = { edit: 'plan name from the workspace list' } as const;

/**
 * The name the open plan should take from the list of the joined workspace that lists it, or null when
 * it already has it (or no workspace this person may write to lists it, or that list is not in step with
 * its server). Plan ids are random, so at
 * most one workspace lists a plan.
 */
export function listedNameToTake(planId: string, planName: string, listings: readonly WorkspaceListing[]): string | null {
  for (const listing of listings) {
    const listed = listing.plans.find((plan) => plan.id === planId);
    // Only a list in step with the server decides: a copy still catching up (just back online) would
    // write its stale name over a newer rename the plan already holds.
    if (listed) return listing.role === 'viewer' || listing.status.phase.kind !== 'synced' || listed.name === planName ? null : listed.name;
  }
  return null;
}

/** True when the list of `workspace` (joined here) names the plan: its name there is the one everyone sees. */
export function isListed(planId: string, workspace: string, listings: readonly WorkspaceListing[]): boolean {
  return listings.some((listing) => listing.workspace === workspace && listing.plans.some((plan) => plan.id === planId));
}
