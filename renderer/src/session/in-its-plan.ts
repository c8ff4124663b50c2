import type { Plan } from '../../../shared/model/index.js';
import type { PlanId } from '../../../shared/model/ids.js';
import type { AppController } from './app-controller.js';
import type { OperationResult } from './plan-operations.js';

/**
 * Runs a notice's action on the plan the notice is about (review40a F3). A notice that keeps what
 * someone typed stays while they open another plan or the library, and its button ("Restore it with
 * your title") restored by id in whatever plan was open then: refused there, and the notice, the only
 * copy of their words, went with the press. With another plan (or none) open, this opens its plan
 * first, then runs; `failed` runs when it could not be opened or the operation was refused, so the
 * caller can keep the words in a notice again.
 */
export function runInItsPlan(app: AppController, planId: PlanId | null, operation: (plan: Plan) => void, outcome: { done: () => void; failed: () => void }): void {
  const finish = (result: OperationResult<void> | null) => (result?.ok ? outcome.done() : outcome.failed());
  if (planId === null) { finish(null); return; }
  if (app.planId === planId && app.plan) { finish(app.run(operation)); return; }
  // The plan shown now stays open until the address changes: only another plan opened after this one
  // started opening (the person went elsewhere meanwhile) or a failed open gives up.
  let started = false;
  const stop = app.store.subscribe((state) => {
    const open = state.openState;
    if (open.kind !== 'open' || open.planId === planId) started = true;
    if (!started || open.kind === 'opening' || open.kind === 'closed') return;
    stop();
    if (open.kind === 'open' && open.planId === planId && app.planId === planId && app.plan) finish(app.run(operation));
    else finish(null);
  });
  app.navigate({ kind: 'plan', planId, view: app.store.getState().view });
}
