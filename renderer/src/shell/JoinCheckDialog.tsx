import { useControllers } from '../session/controller-context.js';
import type { JoinAttempt } from '../store/app-state.js';
import { Dialog } from './Dialog.js';

/**
 * A join link being checked with its server: "Checking…", then, if the server refuses the link or
 * does not answer (within 10 s), why, with Retry and Cancel. Nothing is saved until the check passes.
 */
export function JoinCheckDialog({ attempt }: { attempt: JoinAttempt }) {
  const { app } = useControllers();
  const { request } = attempt;
  const where = request.plan ? `a plan of workspace “${request.workspace}”` : `workspace “${request.workspace}”`;
  return (
    <Dialog title={attempt.phase === 'checking' ? 'Joining…' : 'Could not join'} onClose={() => app.joining.cancelJoin()}
      actions={attempt.phase === 'checking'
        ? <button type="button" className="button" onClick={() => app.joining.cancelJoin()}>Cancel</button>
        : <><button type="button" className="button" onClick={() => app.joining.cancelJoin()}>Cancel</button><button type="button" className="button primary" onClick={() => app.joining.retryJoin()}>Retry</button></>}>
      {attempt.phase === 'checking'
        ? <p role="status">Checking the link to {where} with {request.server}…</p>
        : <p role="alert">{attempt.message}</p>}
    </Dialog>
  );
}
