import * as Y from 'yjs';
import { canonicalTimeZone, openPlan } from '../../../shared/model/index.js';
import { viewerTimeZone } from '../outline/labels.js';
import { checkName, LibraryError } from '../library/plan-library.js';
import { appendStoredUpdate, deleteLocalCopy, readStoredPlan, storeNewLocalCopy } from '../persistence/plan-storage.js';
import { storedPartBytes } from '../persistence/update-work.js';
import { splitDocumentDifference } from '../../../shared/sync/index.js';
import { importLegacyReviewPoint, setBaselineReviewPoint } from '../../../shared/model/history/index.js';
import { uploadPlan } from '../sync/plan-upload.js';
import { uploadStoredCopy } from './stored-copy-upload.js';
import { sharedAgain } from './taken-out.js';
import { forgetClosingMarkers } from './client-id-lease.js';
import { newPlanId, type AppController } from './app-controller.js';
import { parsePlanId, type PlanId } from '../../../shared/model/ids.js';

/** An empty doc's state vector (no clients): the difference from it is the whole document. */
const emptyStateVector = new Uint8Array([0]);

/**
 * Stores a built document as a new plan of this device and lists it (the doc is destroyed): one path
 * for a new plan, the sample, a copy and a plan opened from a file.
 */
export async function storeNewPlan(app: AppController, doc: Y.Doc, name: string, entry: { workspace?: string; openedAt?: number; inParts?: boolean } = {}): Promise<PlanId> {
  const id = newPlanId();
  // `inParts`: stored as the parts compaction would make (plan-storage.ts storeNewLocalCopy), so that
  // neither the open nor the first compaction starts the update worker to cut one whole-plan row.
  if (entry.inParts) await storeNewLocalCopy(id, splitDocumentDifference(doc, emptyStateVector, storedPartBytes));
  else await appendStoredUpdate(id, Y.encodeStateAsUpdate(doc));
  doc.destroy();
  const now = Date.now();
  app.library.put({ id, name, createdAt: now, openedAt: entry.openedAt ?? now, ...(entry.workspace ? { workspace: entry.workspace } : {}) });
  app.refreshLibrary();
  return id;
}

/**
 * The zone a plan made here counts its days in: its creator's (zone.ts). A runtime reporting a zone it
 * cannot compute in gives null, and the plan stays in UTC rather than fail to be made.
 */
export function creatorTimeZone(): string | null {
  return canonicalTimeZone(viewerTimeZone());
}

/** Plan library actions: create, open the sample, duplicate, rename and delete plans on this device. */
export class LibraryActions {
  constructor(private readonly app: AppController) {}

  /**
   * Creates an empty plan and opens it: in `workspace` when given (listed there at once, so the others
   * see it as soon as this device syncs, offline too), else on this device only. Its first state is
   * written locally before it opens, so it opens at once even with the server out of reach.
   */
  async createPlan(name: string, workspace?: string): Promise<void> {
    const unique = this.app.library.uniqueName(checkName(name));
    const doc = new Y.Doc();
    // A new plan counts its days in its creator's zone; anyone in it can change that. A spreadsheet
    // opened with no plan open is imported into a plan made here, so it takes the same zone.
    const created = openPlan(doc, this.app.ctx, { name: unique });
    const zone = creatorTimeZone();
    if (zone !== null) created.setTimeZone(zone);
    const id = await storeNewPlan(this.app, doc, unique, workspace ? { workspace } : {});
    if (workspace) this.app.workspaces.list(workspace, id, unique);
    this.app.navigate({ kind: 'plan', planId: id, view: 'outline' });
  }

  /** Opens a plan listed in a joined workspace (its entry here is made when it is new to this device). */
  openWorkspacePlan(workspace: string, listedId: string, name: string): void {
    // The directory is a boundary (synced from others): its plan id is checked (and branded) here.
    const planId = parsePlanId(listedId);
    const existing = this.app.library.get(planId);
    if (!existing || existing.workspace !== workspace) {
      const now = Date.now();
      this.app.library.put({ id: planId, name: existing?.name ?? name, createdAt: existing?.createdAt ?? now, openedAt: now, workspace });
      this.app.refreshLibrary();
    }
    this.app.navigate({ kind: 'plan', planId, view: 'outline' });
  }

  /**
   * Moves a plan of this device into a joined workspace, in one action: listed there, and its document
   * sent to the server now (or when it is next opened, if the server is out of reach).
   */
  async moveToWorkspace(entryId: string, workspace: string): Promise<void> {
    const planId = parsePlanId(entryId);
    const entry = this.app.library.get(planId);
    if (!entry) throw new LibraryError(`No plan with id "${planId}" on this device.`);
    const connection = this.app.connections.forWorkspace(workspace);
    if (!connection) throw new LibraryError(`This device has not joined workspace "${workspace}".`);
    this.app.library.put(sharedAgain(entry, workspace));
    this.app.workspaces.list(workspace, planId, entry.name);
    this.app.refreshLibrary();
    if (this.app.planId === planId) {
      await this.app.openPlan(planId);
      return;
    }
    await this.upload(planId);
  }

  /** Sends a workspace plan's stored copy to its server and keeps what the server had. */
  private async upload(planId: string): Promise<void> {
    const workspace = this.app.library.get(planId)?.workspace;
    const connection = workspace ? this.app.connections.forWorkspace(workspace) : undefined;
    if (connection) await uploadStoredCopy(planId, connection);
  }

  /** Builds the sample company plan as a new local plan and opens it. */
  async openSamplePlan(): Promise<void> {
    const doc = new Y.Doc({ gc: false });
    const name = this.app.library.uniqueName('Sample: Northwind 2027');
    // The sample's content is loaded only when asked for: it is a third of the bundle.
    const { buildSampleInto } = await import('../library/sample-plan.js');
    // Like a new plan, the sample counts its days in its creator's zone.
    const reviewPoint = buildSampleInto(doc, this.app.ctx, name, creatorTimeZone());
    // The sample's review point three weeks back is what it remembered of each node, not a snapshot.
    const history = { now: Date.now(), actor: this.app.ctx.actor };
    const reviewPointId = importLegacyReviewPoint(doc, reviewPoint, history);
    if (reviewPointId) setBaselineReviewPoint(doc, reviewPointId, history);
    const id = await storeNewPlan(this.app, doc, name, { inParts: true });
    this.app.navigate({ kind: 'plan', planId: id, view: 'outline' });
  }

  /** Copies a plan into a new local plan ("Name (copy)", or another `suffix`), not connected to any server. */
  async duplicatePlan(planId: string, suffix = 'copy'): Promise<string> {
    const source = this.app.library.get(planId);
    if (!source) throw new LibraryError(`No plan with id "${planId}" on this device.`);
    const stored = await readStoredPlan(planId);
    const doc = new Y.Doc({ gc: false });
    if (stored) Y.applyUpdate(doc, stored);
    const name = this.app.library.uniqueName(`${source.name} (${suffix})`);
    openPlan(doc, this.app.ctx, { name }).renamePlan(name);
    // Listed just behind the plan it copies, which stays the most recently opened.
    return storeNewPlan(this.app, doc, name, { openedAt: Date.now() - 1 });
  }

  /** Renames a plan: in its doc (the truth, synced to others) and in the library. */
  async renamePlan(planId: string, name: string): Promise<void> {
    const checked = checkName(name);
    // The workspace's list first: it decides the name of a plan it lists (plan-name-follows-directory.ts).
    const workspace = this.app.library.get(planId)?.workspace;
    if (workspace) this.app.workspaces.rename(workspace, planId, checked);
    if (this.app.planId === planId) {
      this.app.run((plan) => plan.renamePlan(checked));
    } else {
      const stored = await readStoredPlan(planId);
      const doc = new Y.Doc({ gc: false });
      if (stored) Y.applyUpdate(doc, stored);
      const before = Y.encodeStateVector(doc);
      openPlan(doc, this.app.ctx, { name: checked }).renamePlan(checked);
      await appendStoredUpdate(planId, Y.encodeStateAsUpdate(doc, before));
      doc.destroy();
    }
    const entry = this.app.library.rename(planId, checked);
    if (entry.workspace && this.app.planId !== planId) void this.upload(planId);
    this.app.refreshLibrary();
  }

  /**
   * Renames a plan from its workspace's list. A plan this device does not hold yet is fetched from the
   * server first and kept here, so the new name is written after the name it replaces: written on an
   * empty copy it would be concurrent with the plan's first name, and Yjs might keep that one instead.
   */
  async renameWorkspacePlan(workspace: string, listedId: string, name: string): Promise<void> {
    const checked = checkName(name);
    const planId = parsePlanId(listedId);
    if (!this.app.library.get(planId)) await this.fetchWorkspacePlan(workspace, planId);
    await this.renamePlan(planId, checked);
  }

  /** Stores the server's copy of a workspace plan on this device and lists it here (not opened). */
  private async fetchWorkspacePlan(workspace: string, planId: PlanId): Promise<void> {
    const connection = this.app.connections.forWorkspace(workspace);
    if (!connection) throw new LibraryError(`This device has not joined workspace "${workspace}".`);
    const listed = this.app.workspaces.directory(workspace)?.listing.plans.find((plan) => plan.id === planId);
    if (!listed) throw new LibraryError(`Workspace "${workspace}" no longer lists that plan.`);
    // Offline, the fetch could only wait out its timeout (15 s of nothing on screen): say so at once.
    if (!navigator.onLine) throw new LibraryError(`You are offline, and "${listed.name}" is not on this device yet: it can be renamed here once you are back online (or after opening it once while connected).`);
    const received = await uploadPlan(planId, Y.encodeStateAsUpdate(new Y.Doc()), connection);
    if (received === null) throw new LibraryError(`The server of workspace "${workspace}" cannot be reached: the plan is not on this device yet, so it cannot be renamed here until the server answers (or open it once while connected).`);
    if (received.byteLength <= 2) throw new LibraryError(`"${listed.name}" has not reached the server yet (whoever made it has not synced): rename it once it has.`);
    await appendStoredUpdate(planId, received);
    // Kept, not opened: the list must not say "Opened here" of a plan nobody opened on this device.
    this.app.library.put({ id: planId, name: listed.name, createdAt: Date.now(), workspace });
  }

  /** Deletes a plan's local copy and its library entry (a synced plan stays on its server). */
  async deletePlan(planId: string): Promise<void> {
    if (this.app.planId === planId) await this.app.closePlan();
    await deleteLocalCopy(planId);
    forgetClosingMarkers(planId);
    this.app.storage.removeItem(`throughline:pending:${planId}`);
    // A review point the first milestone kept on this device, if it was never carried into the plan.
    this.app.storage.removeItem(`throughline:review-point:${planId}`);
    this.app.library.remove(planId);
    this.app.refreshLibrary();
  }
}
