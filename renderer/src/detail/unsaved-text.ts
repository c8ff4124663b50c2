import type { NodeId } from '../../../shared/model/index.js';
import type { AppController } from '../session/app-controller.js';
import { appStore } from '../store/app-store.js';
import { isolatedText } from '../../../shared/text/bidi-isolation.js';
import { runInItsPlan } from '../session/in-its-plan.js';

/** A title or description typed in the details and not yet saved when its field went away. */
export interface UnsavedText {
  id: NodeId;
  field: 'title' | 'description';
  /** What the person typed (as it would be saved). */
  text: string;
  /** The text they started from (a concurrent rename stays a conflict to pick, as on blur). */
  base: string;
  /** The node's title as they last saw it, to name it. */
  title: string;
}

/**
 * Saves words typed in the details whose field is going away before they were saved: the node was
 * deleted by someone else (the selection then clears), or the selection moved without the field
 * losing focus (following a presenter). A field saves on blur, which neither case fires, so the
 * words vanished without a trace. A live node takes them as a blur would; a deleted one cannot
 * (the model refuses writes to deleted nodes), so they are kept in a notice that stays until
 * dismissed, with a button that restores the node with them.
 */
export function keepUnsavedText(app: AppController, unsaved: UnsavedText): void {
  if (!app.plan) return; // the plan itself was closed: nothing to write to
  const write = (plan: NonNullable<AppController['plan']>) => {
    if (unsaved.field === 'title') plan.setTitle(unsaved.id, unsaved.text, unsaved.base);
    else plan.setDescription(unsaved.id, unsaved.text, unsaved.base);
  };
  const saved = app.run(write, { quiet: true });
  if (saved.ok) return;
  const name = isolatedText(unsaved.title || 'Untitled');
  const deleted = app.plan.index.node(unsaved.id) === undefined;
  const why = deleted ? `“${name}” was deleted by someone else while you typed its ${unsaved.field}` : `Your ${unsaved.field} of “${name}” was not saved (${saved.message})`;
  const planId = app.planId;
  const keep = () => appStore.getState().notify({
    text: `${why}. What you typed is kept here: “${isolatedText(unsaved.text)}”`,
    tone: 'error',
    persistent: true,
    // Restored in the item's own plan, opened first if another is shown (review40a F3); kept again if that fails.
    action: deleted ? {
      label: `Restore it with your ${unsaved.field}`,
      run: () => runInItsPlan(app, planId, (plan) => { plan.restoreNode(unsaved.id); write(plan); }, { done: () => appStore.getState().select(unsaved.id), failed: keep }),
    } : undefined,
  });
  keep();
}
