import * as Y from 'yjs';
import { openPlan } from '../../../shared/model/index.js';
import { checkName, LibraryError } from '../library/plan-library.js';
import { appendStoredUpdate, deleteLocalCopy, readStoredPlan } from '../persistence/plan-storage.js';
import { importLegacyReviewPoint, setBaselineReviewPoint } from '../../../shared/model/history/index.js';
import { newId, newPlanId, type AppController } from './app-controller.js';

/** Plan library actions: create, open the sample, duplicate, rename and delete plans on this device. */
export class LibraryActions {
  constructor(private readonly app: AppController) {}

  /** Creates an empty plan and opens it. */
  createPlan(name: string): void {
    const id = newPlanId();
    const now = Date.now();
    this.app.library.put({ id, name: this.app.library.uniqueName(checkName(name)), createdAt: now, openedAt: now });
    this.app.refreshLibrary();
    this.app.navigate({ kind: 'plan', planId: id, view: 'outline' });
  }

  /** Builds the sample company plan as a new local plan and opens it. */
  async openSamplePlan(): Promise<void> {
    const id = newPlanId();
    const doc = new Y.Doc({ gc: false });
    const name = this.app.library.uniqueName('Sample: Northwind 2027');
    // The sample's content is loaded only when asked for: it is a third of the bundle.
    const { buildSampleInto } = await import('../library/sample-plan.js');
    const reviewPoint = buildSampleInto(doc, this.app.ctx, name);
    // The sample's review point three weeks back is what it remembered of each node, not a snapshot.
    const history = { now: Date.now(), actor: this.app.ctx.actor };
    const reviewPointId = importLegacyReviewPoint(doc, reviewPoint, history);
    if (reviewPointId) setBaselineReviewPoint(doc, reviewPointId, history);
    await appendStoredUpdate(id, Y.encodeStateAsUpdate(doc));
    doc.destroy();
    const now = Date.now();
    this.app.library.put({ id, name, createdAt: now, openedAt: now });
    this.app.refreshLibrary();
    this.app.navigate({ kind: 'plan', planId: id, view: 'outline' });
  }

  /** Copies a plan into a new local plan ("Name (copy)"), not connected to any server. */
  async duplicatePlan(planId: string): Promise<string> {
    const source = this.app.library.get(planId);
    if (!source) throw new LibraryError(`No plan with id "${planId}" on this device.`);
    const stored = await readStoredPlan(planId);
    const doc = new Y.Doc({ gc: false });
    if (stored) Y.applyUpdate(doc, stored);
    const name = this.app.library.uniqueName(`${source.name} (copy)`);
    openPlan(doc, this.app.ctx, { name }).renamePlan(name);
    const id = newId();
    await appendStoredUpdate(id, Y.encodeStateAsUpdate(doc));
    doc.destroy();
    const now = Date.now();
    this.app.library.put({ id, name, createdAt: now, openedAt: now - 1 });
    this.app.refreshLibrary();
    return id;
  }

  /** Renames a plan: in its doc (the truth, synced to others) and in the library. */
  async renamePlan(planId: string, name: string): Promise<void> {
    const checked = checkName(name);
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
    this.app.library.rename(planId, checked);
    this.app.refreshLibrary();
  }

  /** Deletes a plan's local copy and its library entry (a synced plan stays on its server). */
  async deletePlan(planId: string): Promise<void> {
    if (this.app.planId === planId) await this.app.closePlan();
    await deleteLocalCopy(planId);
    this.app.storage.removeItem(`throughline:pending:${planId}`);
    // A review point the first milestone kept on this device, if it was never carried into the plan.
    this.app.storage.removeItem(`throughline:review-point:${planId}`);
    this.app.library.remove(planId);
    this.app.refreshLibrary();
  }
}
