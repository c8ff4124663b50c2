import { useControllers } from '../session/controller-context.js';
import type { JoinAttempt, JoinMoveQuestion } from '../store/app-state.js';
import { Dialog } from './Dialog.js';

/** How many of the workspace's plans the question names before "and N more". */
const namedPlans = 5;

/** The question a join link that would move something asks, in plain words naming both servers. */
function MoveQuestion({ question }: { question: JoinMoveQuestion }) {
  const { workspace, newServer, currentServer, workspacePlans, plan } = question;
  const shown = workspacePlans.slice(0, namedPlans).map((name) => `“${name}”`).join(', ');
  const more = workspacePlans.length > namedPlans ? ` and ${workspacePlans.length - namedPlans} more` : '';
  return (
    <div role="alert">
      {currentServer !== null && (
        <p>
          This link moves workspace “{workspace}” from <strong>{currentServer}</strong> to <strong>{newServer}</strong>.
          {workspacePlans.length > 0 ? <> Its plans on this device ({shown}{more}) would be sent to {newServer} from now on.</> : null}
        </p>
      )}
      {plan !== null && (
        <p>
          This link moves the plan “{plan.name}” {plan.from === null ? 'from this device only' : <>from workspace “{plan.from}”</>} into
          workspace “{workspace}” on <strong>{newServer}</strong>.
        </p>
      )}
      <p>Move only if you know and trust {newServer}. If you did not expect this link, keep things as they are.</p>
    </div>
  );
}

/**
 * The link names a plan this device's copy was taken out of, in the same workspace on the same server:
 * the copy can go back where it came from. A plain question, no warning about trusting a server.
 */
function ShareAgainQuestion({ name, workspace, server, by, unsent }: { name: string; workspace: string; server: string; by: string | null; unsent: number }) {
  const changes = unsent === 1 ? '1 change' : `${unsent} changes`;
  return (
    <div role="alert">
      <p>
        “{name}” was taken out of workspace “{workspace}”{by === null ? '' : <> by {by}</>}, and your copy has been on this device
        only since. This link names it in “{workspace}” on {server} again, where your copy came from.
      </p>
      {unsent > 0 && <p>Your {changes} made offline before it was taken out {unsent === 1 ? 'has' : 'have'} not reached the others yet.</p>}
      <p>Share your copy there again? What you changed since goes too; the copies merge, nothing is lost.</p>
    </div>
  );
}

/**
 * A join link being checked with its server: "Checking…", then, if the server refuses the link or
 * does not answer (within 10 s), why, with Retry and Cancel. Nothing is saved until the check passes.
 * A link that would move a workspace to another server, or a plan out of this device or another
 * workspace, asks first, naming both servers; keeping things as they are is the default button.
 */
export function JoinCheckDialog({ attempt }: { attempt: JoinAttempt }) {
  const { app } = useControllers();
  const { request } = attempt;
  const where = request.plan ? `a plan of workspace “${request.workspace}”` : `workspace “${request.workspace}”`;
  if (attempt.phase === 'confirm') {
    const { question } = attempt;
    if (question.currentServer === null && question.plan?.sharedAgain) {
      return (
        <Dialog title="Share your copy again?" onClose={() => app.joining.cancelJoin()}
          actions={<>
            <button type="button" className="button primary" autoFocus onClick={() => app.joining.confirmMove()}>Share it again</button>
            <button type="button" className="button" onClick={() => app.joining.cancelJoin()}>Keep it on this device only</button>
          </>}>
          <ShareAgainQuestion name={question.plan.name} workspace={question.workspace} server={question.newServer} {...question.plan.sharedAgain} />
        </Dialog>
      );
    }
    return (
      <Dialog title="Move to another server?" onClose={() => app.joining.cancelJoin()}
        actions={<>
          <button type="button" className="button primary" autoFocus onClick={() => app.joining.cancelJoin()}>Keep as it is</button>
          <button type="button" className="button" onClick={() => app.joining.confirmMove()}>Move to {attempt.question.newServer}</button>
        </>}>
        <MoveQuestion question={attempt.question} />
      </Dialog>
    );
  }
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
