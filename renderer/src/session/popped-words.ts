import type { PlanIndex, PoppedSteps } from '../../../shared/model/index.js';
import { undoStepWords } from './undo-words.js';

/**
 * The notice after an undo or redo, from what the press did (PlanUndoManager.lastPop), not from the top
 * step before it: Yjs passes over a step whose changes others have all replaced and takes the one below,
 * and the notice named the step passed over (review39a F1). The step passed over is named too, so the
 * person knows why it stayed as it is.
 */
export function poppedNotice(verb: 'Undid' | 'Redid', popped: PoppedSteps, index: Pick<PlanIndex, 'title'> | null): string {
  const passed = popped.passedOver;
  const left = passed.length === 0 ? ''
    : passed.length === 1 ? ` ${capitalised(undoStepWords(passed[0]!, index))} had already been changed by someone else, so it was left as it is.`
      : ` ${passed.length} newer steps had already been changed by someone else, so they were left as they are.`;
  if (popped.step === null) return `Nothing to ${verb === 'Undid' ? 'undo' : 'redo'}:${left}`;
  return `${verb} ${undoStepWords(popped.step, index)}.${left}`;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
