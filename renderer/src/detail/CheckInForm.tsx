import { useId, useState } from 'react';
import { CHECKIN_STATUSES, type CheckInInput, type NodeView } from '../../../shared/model/index.js';
import { useControllers } from '../session/controller-context.js';
import { optionLabels } from './field-specs.js';

/** The fast check-in form: value (for metrics), confidence, status, note and a blocker flag. */
export function CheckInForm({ node, onDone }: { node: NodeView; onDone?: () => void }) {
  const { app } = useControllers();
  const measured = node.kind === 'key_result' || node.kind === 'kpi';
  const [value, setValue] = useState('');
  const [confidence, setConfidence] = useState('7');
  const [status, setStatus] = useState('');
  const [note, setNote] = useState('');
  const [blocker, setBlocker] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  // The form shows in the detail panel and in the check-in dialog at once: ids must differ.
  const id = useId();

  const submit = () => {
    const input: CheckInInput = { blocker, note: note.trim() };
    if (measured && value.trim() !== '') {
      const number = Number(value.trim().replace(',', '.'));
      if (!Number.isFinite(number)) {
        setProblem(`"${value.trim()}" is not a number.`);
        return;
      }
      input.value = number;
    }
    if (confidence !== '') input.confidence = Number(confidence);
    if (status) input.status = status as NonNullable<CheckInInput['status']>;
    const result = app.run((plan) => plan.addCheckIn(node.id, input), { quiet: true });
    if (!result.ok) {
      setProblem(result.message);
      return;
    }
    setValue('');
    setNote('');
    setBlocker(false);
    setProblem(null);
    onDone?.();
  };

  return (
    <form className="checkin-form" aria-label="New check-in" onSubmit={(event) => { event.preventDefault(); submit(); }}>
      <div className="checkin-row">
        {measured && (
          <div className="field">
            <label htmlFor={`${id}-value`}>New value{node.fields.unit ? ` (${node.fields.unit})` : ''}</label>
            <input id={`${id}-value`} className="input" inputMode="decimal" value={value} placeholder={node.value === null ? '' : String(node.value)}
              aria-invalid={problem ? true : undefined} onChange={(event) => { setValue(event.target.value); setProblem(null); }} />
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-confidence`}>Confidence: {confidence === '' ? '—' : `${confidence}/10`}</label>
          <input id={`${id}-confidence`} type="range" min={0} max={10} step={1} value={confidence} onChange={(event) => setConfidence(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-status`}>Status</label>
          <select id={`${id}-status`} className="select" value={status} onChange={(event) => setStatus(event.target.value)}>
            <option value="">—</option>
            {CHECKIN_STATUSES.map((option) => <option key={option} value={option}>{optionLabels[option]}</option>)}
          </select>
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-note`}>Note</label>
        <textarea id={`${id}-note`} className="textarea" rows={2} value={note} placeholder="What moved, what is in the way?" onChange={(event) => setNote(event.target.value)} />
      </div>
      <div className="checkin-row end">
        <label className="checkbox-line"><input type="checkbox" checked={blocker} onChange={(event) => setBlocker(event.target.checked)} /> I am blocked</label>
        <span className="row-spacer" />
        {problem && <span className="field-error" role="alert">{problem}</span>}
        <button type="submit" className="button primary">Add check-in</button>
      </div>
    </form>
  );
}
