// review40a F3: the "deleted by someone else while you renamed it to …" notice holds the only copy of the
// typed title. It went as soon as another plan (or the library) was opened, taking "another plan" for
// "restored or purged". It now stays until dismissed, or until the item is restored or purged in its own
// plan. Driven on the app's real store; `app` stands for the controller by what goesWhenSettled reads of
// it (which plan is open), as opening plans needs IndexedDB (the e2e rename-on-deleted drives the real one).
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT_ID, openPlan, type NodeId, type Plan } from '../../../shared/model/index.js';
import { parsePlanId, type PlanId } from '../../../shared/model/ids.js';
import { goesWhenSettled } from '../../../renderer/src/outline/use-outline-commands.js';
import { appStore } from '../../../renderer/src/store/app-store.js';
import type { AppController } from '../../../renderer/src/session/app-controller.js';
import { newPlan } from '../../shared/model/support.js';

const shown = (notice: number) => appStore.getState().notices.some((candidate) => candidate.id === notice);

/** Shows `plan` (or the library, null) as the app does: the controller's open plan and the store's. */
function show(app: { plan: Plan | null; planId: PlanId | null }, plan: Plan | null, planId: PlanId | null): void {
  app.plan = plan;
  app.planId = planId;
  appStore.setState((state) => ({ plan: plan as never, planVersion: state.planVersion + 1 }));
}

function deletedWhileRenamed() {
  const first = newPlan();
  const strategy = first.plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Grow' });
  const objective: NodeId = first.plan.createNode({ kind: 'objective', parent: strategy, title: 'Hire country manager' });
  first.plan.deleteNode(objective);
  const firstId = parsePlanId('p-first');
  const app = { plan: null as Plan | null, planId: null as PlanId | null };
  show(app, first.plan, firstId);
  const notice = appStore.getState().notify({ text: '"Hire country manager" was deleted by someone else while you renamed it to "Hire DACH country manager".', tone: 'error', persistent: true });
  goesWhenSettled(app as unknown as AppController, objective, notice);
  return { first, firstId, objective, app, notice };
}

afterEach(() => appStore.setState({ notices: [], plan: null }));

describe('the notice keeping a title typed on an item deleted meanwhile (review40a F3)', () => {
  it('stays while another plan or the library is open, and when its plan is opened again with the item still deleted', () => {
    const { first, firstId, objective, app, notice } = deletedWhileRenamed();
    first.plan.setTitle(first.plan.createNode({ kind: 'strategy', parent: ROOT_ID, title: 'Keep' }), 'Keep customers');
    show(app, first.plan, firstId); // a change in the same plan
    expect(shown(notice)).toBe(true);
    const second = newPlan({ prefix: 'x' });
    show(app, second.plan, parsePlanId('p-second'));
    expect(shown(notice)).toBe(true);
    show(app, null, null); // the library
    expect(shown(notice)).toBe(true);
    // Back in its plan (opened again: another Plan on the same doc), the item still deleted.
    show(app, openPlan(first.doc, first.ctx), firstId);
    expect(shown(notice)).toBe(true);
    expect(app.plan!.index.node(objective)).toBeUndefined();
  });

  it('goes when the item is restored in its plan, seen when that plan is open again', () => {
    const { first, firstId, objective, app, notice } = deletedWhileRenamed();
    show(app, newPlan({ prefix: 'x' }).plan, parsePlanId('p-second'));
    first.plan.restoreNode(objective); // someone restores it while this person is in another plan
    show(app, null, null);
    expect(shown(notice)).toBe(true);
    show(app, openPlan(first.doc, first.ctx), firstId);
    expect(shown(notice)).toBe(false);
  });

  it('goes when the item is purged in its plan', () => {
    const { first, firstId, objective, app, notice } = deletedWhileRenamed();
    first.plan.purgeNode(objective);
    show(app, first.plan, firstId);
    expect(shown(notice)).toBe(false);
  });
});
