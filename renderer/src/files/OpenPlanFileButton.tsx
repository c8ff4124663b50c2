import { useMemo, useRef } from 'react';
import { MAX_PLAN_FILE_BYTES, PLAN_FILE_EXTENSION } from '../../../shared/files/plan-file.js';
import { planFileText } from '../../../shared/files/plan-file-text.js';
import { useControllers } from '../session/controller-context.js';
import { useAppStore } from '../store/app-store.js';
import { FileActions } from './file-actions.js';

/** "Open plan file…" in the library: a `.throughline` file becomes a new plan on this device. */
export function OpenPlanFileButton() {
  const { app } = useControllers();
  const notify = useAppStore((state) => state.notify);
  const actions = useMemo(() => new FileActions(app), [app]);
  const input = useRef<HTMLInputElement>(null);
  const open = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_PLAN_FILE_BYTES) { notify({ text: `${file.name} is larger than ${MAX_PLAN_FILE_BYTES / 1024 / 1024} MB: not a plan file this app wrote.`, tone: 'error' }); return; }
    // Read strictly: File.text() turned a damaged byte into U+FFFD in the plan without a word (review42c F6).
    const read = planFileText(new Uint8Array(await file.arrayBuffer()));
    const result = read.ok ? await actions.openPlanFile(file.name, read.text) : { ok: false as const, message: `${file.name}: ${read.problem.message}` };
    if (!result.ok && result.message !== null) notify({ text: result.message, tone: 'error' });
    if (input.current) input.current.value = '';
  };
  return (
    <>
      <button type="button" className="button" onClick={() => input.current?.click()}>Open plan file…</button>
      <input ref={input} type="file" hidden aria-label="Plan file to open" accept={`${PLAN_FILE_EXTENSION},application/json`}
        onChange={(event) => { void open(event.target.files?.[0]); }} />
    </>
  );
}
