import { useMemo } from 'react';
import type { Plan, NodeId } from '../../../shared/model/index.js';
import type { AppController } from '../session/app-controller.js';
import { useControllers } from '../session/controller-context.js';
import { appStore } from '../store/app-store.js';
import { indent, newChild, newKpi, newSibling, outdent, reorder, selectionAfterDelete, type CommandResult } from './outline-commands.js';
import { isolatedText } from '../../../shared/text/bidi-isolation.js';
import { keepUnsavedText } from '../detail/unsaved-text.js';
import { runInItsPlan } from '../session/in-its-plan.js';
import type { PlanId } from '../../../shared/model/ids.js';

/** The outline's edits, run through the controller: errors become notices, results move the selection. */
export type OutlineActions = ReturnType<typeof outlineActions>;

/** The outline's edits for one controller (the command registry and the toolbar both use them). */
export function outlineActions(app: AppController) {
  const perform = (command: (plan: Plan) => CommandResult): boolean => {
    const outcome = app.run(command);
    if (!outcome.ok) return false;
    const result = outcome.value;
    const state = appStore.getState();
    if (!result.ok) {
      state.notify({ text: result.message, tone: 'error' });
      return false;
    }
    // A line opened for its title shows even when the filters would hide it (review40b F7).
    if (result.edit) state.showAdded(result.select);
    state.select(result.select);
    state.startEditing(result.edit ? result.select : null);
    return true;
  };

  const remove = (id: NodeId) => {
    const plan = app.plan;
    if (!plan) return;
    const title = plan.index.title(id) || 'Untitled';
    const next = selectionAfterDelete(plan, id);
    const outcome = app.run((current) => current.deleteNode(id));
    if (!outcome.ok) return;
    const state = appStore.getState();
    state.select(next);
    state.notify({
      text: `Deleted "${title}".`,
      tone: 'info',
      action: { label: 'Undo', run: () => { if (app.run((current) => current.restoreNode(id)).ok) appStore.getState().select(id); } },
    });
  };

  /** `base`: the title the editor opened with, so a rename someone made meanwhile becomes a conflict, not lost. */
  const commitTitle = (id: NodeId, value: string, base?: string) => {
    const plan = app.plan;
    if (!plan) return;
    if (!plan.index.node(id)) {
      // Someone deleted it while this person was renaming it: their words stay one click from kept.
      const before = base ?? plan.index.title(id);
      if (value.trim() !== '' && value !== before) keepRenameOfDeleted(id, before, value);
      return;
    }
    // Refused (the host made this person a viewer while they typed, the server stopped taking their
    // changes): the words are kept in a notice that stays, as the details' fields keep theirs, not
    // dropped with the editor under a notice that only says why.
    const before = base ?? plan.index.title(id);
    if (plan.index.title(id) !== value) keepUnsavedText(app, { id, field: 'title', text: value, base: before, title: before });
  };

  const keepRenameOfDeleted = (id: NodeId, before: string, value: string, planId = app.planId) => {
    const notice = appStore.getState().notify({
      text: `"${isolatedText(before || 'Untitled')}" was deleted by someone else while you renamed it to "${isolatedText(value)}".`,
      tone: 'error',
      // It holds the only copy of what they typed: it stays until they dismiss it, in every plan and the
      // library, and its button restores the item in its own plan (review40a F3).
      persistent: true,
      action: {
        label: 'Restore it with your title',
        run: () => runInItsPlan(app, planId, (current) => { current.restoreNode(id); current.setTitle(id, value); }, {
          done: () => appStore.getState().select(id),
          failed: () => keepRenameOfDeleted(id, before, value, planId),
        }),
      },
    });
    goesWhenSettled(app, id, notice, planId);
  };

  return {
    newSibling: (id: NodeId | null) => perform((plan) => newSibling(plan, id)),
    newChild: (id: NodeId) => perform((plan) => newChild(plan, id)),
    newKpi: (id: NodeId | null) => perform((plan) => newKpi(plan, id)),
    indent: (id: NodeId) => perform((plan) => indent(plan, id)),
    outdent: (id: NodeId) => perform((plan) => outdent(plan, id)),
    reorder: (id: NodeId, delta: -1 | 1) => perform((plan) => reorder(plan, id, delta)),
    perform,
    remove,
    commitTitle,
  };
}

/**
 * A notice about a deleted item goes once the item is no longer deleted in its plan (`planId`, the plan
 * open when it was made): restored or purged, by anyone (review39b F11: the red notice stayed on every
 * view for the session, over the canvas's key hints). While another plan or the library is shown, the
 * item is not there to judge, and the notice stays (review40a F3: it went, with the only copy of the
 * typed title, as soon as another plan was opened). Its own action and ✕ dismiss it as any notice's do.
 */
export function goesWhenSettled(app: AppController, id: NodeId, notice: number, planId: PlanId | null = app.planId): void {
  const settled = () => {
    const plan = app.plan;
    if (!plan || planId === null || app.planId !== planId) return false;
    if (plan.index.node(id)) return true;
    return !plan.index.structure().records.has(id) && plan.index.removedNode(id) === null;
  };
  const stop = appStore.subscribe((state, previous) => {
    if (!state.notices.some((shown) => shown.id === notice)) { stop(); return; }
    if (state.planVersion === previous.planVersion && state.plan === previous.plan) return;
    if (!settled()) return;
    stop();
    state.dismissNotice(notice);
  });
}

/** The outline's edits in a component. */
export function useOutlineCommands(): OutlineActions {
  const { app } = useControllers();
  return useMemo(() => outlineActions(app), [app]);
}
