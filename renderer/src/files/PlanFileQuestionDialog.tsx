import { useMemo } from 'react';
import { useControllers } from '../session/controller-context.js';
import { useAppStore } from '../store/app-store.js';
import { isolatedText } from '../../../shared/text/bidi-isolation.js';
import { Dialog } from '../shell/Dialog.js';
import { FileActions } from './file-actions.js';
import type { UiSlice } from '../store/app-state.js';

/** How many of a file's warnings the dialog lists; the rest are counted. */
const LISTED = 50;

/** One list of what the file holds, the first LISTED shown and the rest counted. */
function Listed({ items, label }: { items: readonly string[]; label: string }) {
  return (
    <>
      <ul className="plan-file-warnings" aria-label={label}>
        {items.slice(0, LISTED).map((item, index) => <li key={index}>{item}</li>)}
      </ul>
      {items.length > LISTED && <p className="muted">{`…and ${(items.length - LISTED).toLocaleString()} more.`}</p>}
    </>
  );
}

/**
 * A plan file holding values the plan cannot keep as written, or parents that make a loop (an item its
 * own ancestor, which no plan can show): the person sees each one (node, field, value; the loop's items
 * and where the moved one opens) and decides. Cancel opens nothing and changes nothing; opening makes a
 * new plan as listed, and no plan already on the device is touched.
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
  const { warnings, loops } = question;
  const values = warnings.length === 1 ? 'a value' : `${warnings.length.toLocaleString()} values`;
  return (
    <Dialog title={`Open ${isolatedText(question.fileName)}?`} onClose={() => ask(null)}
      actions={<>
        <button type="button" className="button" onClick={() => ask(null)}>Cancel</button>
        <button type="button" className="button primary" onClick={() => { void open(); }}>{loops.length === 0 ? 'Open without them' : 'Open as listed'}</button>
      </>}>
      {loops.length === 0
        ? <p>{`This plan file holds ${values} the plan cannot keep as written. Open it as a new plan without ${warnings.length === 1 ? 'it' : 'them'} (control characters shown as signs), or cancel: nothing is opened or changed.`}</p>
        : <p>{`In this plan file, items' parents make ${loops.length === 1 ? 'a loop' : `${loops.length.toLocaleString()} loops`}: an item cannot be inside itself, so one item of each loop opens elsewhere, as listed.${warnings.length > 0 ? ` It also holds ${values} the plan cannot keep as written (left out; control characters shown as signs).` : ''} Open it as a new plan, or cancel: nothing is opened or changed.`}</p>}
      {loops.length > 0 && <Listed items={loops} label="Loops of parents" />}
      {warnings.length > 0 && <Listed items={warnings} label="Values not kept as written" />}
    </Dialog>
  );
}
