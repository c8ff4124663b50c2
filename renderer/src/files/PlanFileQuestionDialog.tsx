import { useMemo } from 'react';
import { useControllers } from '../session/controller-context.js';
import { useAppStore } from '../store/app-store.js';
import { Dialog } from '../shell/Dialog.js';
import { FileActions } from './file-actions.js';
import type { UiSlice } from '../store/app-state.js';

/** How many of a file's warnings the dialog lists; the rest are counted. */
const LISTED = 50;

/**
 * A plan file holding values the plan cannot keep as written: the person sees each one (node, field,
 * value) and decides. Cancel opens nothing and changes nothing; opening makes a new plan without them.
 */
export function PlanFileQuestionDialog({ question }: { question: NonNullable<UiSlice['planFileQuestion']> }) {
  const { app } = useControllers();
  const ask = useAppStore((state) => state.askAboutPlanFile);
  const notify = useAppStore((state) => state.notify);
  const actions = useMemo(() => new FileActions(app), [app]);
  const open = async () => {
    ask(null);
    const result = await actions.openPlanFile(question.fileName, question.text, true);
    if (!result.ok && result.message !== null) notify({ text: result.message, tone: 'error' });
  };
  const { warnings } = question;
  return (
    <Dialog title={`Open ${question.fileName}?`} onClose={() => ask(null)}
      actions={<>
        <button type="button" className="button" onClick={() => ask(null)}>Cancel</button>
        <button type="button" className="button primary" onClick={() => { void open(); }}>Open without them</button>
      </>}>
      <p>{`This plan file holds ${warnings.length === 1 ? 'a value' : `${warnings.length.toLocaleString()} values`} the plan cannot keep as written. Open it as a new plan without ${warnings.length === 1 ? 'it' : 'them'} (control characters shown as signs), or cancel: nothing is opened or changed.`}</p>
      <ul className="plan-file-warnings" aria-label="Values not kept as written">
        {warnings.slice(0, LISTED).map((warning, index) => <li key={index}>{warning}</li>)}
      </ul>
      {warnings.length > LISTED && <p className="muted">{`…and ${(warnings.length - LISTED).toLocaleString()} more.`}</p>}
    </Dialog>
  );
}
