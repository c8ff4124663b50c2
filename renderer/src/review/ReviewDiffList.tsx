import { useMemo } from 'react';
import { UNSEEN_BY_LATER, authorWords, describeChange, figureCauseWords, standingConflicts, type ReviewChange, type ReviewDiff, type ReviewPoint } from '../../../shared/model/history/index.js';
import { isNodeId } from '../../../shared/model/ids.js';
import { useControllers } from '../session/controller-context.js';
import { useAppStore } from '../store/app-store.js';
import { useReviewStore, type TimelineMoment } from './review-store.js';
import { Sentence } from '../text/Isolated.js';

const kindLabels: Record<ReviewChange['kind'], string> = {
  added: 'Added', removed: 'Removed', moved: 'Moved', retitled: 'Renamed', field: 'Changed', range: 'Changed', progress: 'Progress',
  health: 'Health', blocker: 'Blocker', 'check-ins': 'Check-ins', 'period-dates': 'Period',
};

/**
 * The diff grouped by strategy; each change leads to its node and names who made it. `live`: the
 * later side is the plan now, whose standing conflicts belong to the changes listed.
 */
export function ReviewDiffList({ diff, fromPoint, fromMoment, discussable, live }: { diff: ReviewDiff; fromPoint: ReviewPoint; fromMoment: TimelineMoment | null; discussable: boolean; live: boolean }) {
  const { review, app } = useControllers();
  const plan = useAppStore((state) => state.plan);
  const historyVersion = useReviewStore((state) => state.version);
  const discussed = useMemo(() => { void historyVersion; return review.discussed(fromPoint.id); }, [review, fromPoint.id, historyVersion]);
  const nodeTitle = (id: string) => (id === 'root' ? 'the top level' : plan?.index.title(id) || 'Untitled');
  const open = (change: ReviewChange) => {
    // Gone from the plan now: show it where it was, as of the review point (or day, or time) compared from.
    if (change.kind === 'removed' && fromMoment) review.showAsOf(fromMoment);
    // A change names a node as history recorded it: only an id that is a node id is selected.
    if (isNodeId(change.nodeId)) app.showInOutline(change.nodeId);
    else app.setView('outline');
  };
  const done = diff.changes.filter((change) => discussed.has(change.key)).length;
  if (diff.changes.length === 0) return <p className="muted">Nothing changed.</p>;
  return (
    <>
      <p className="muted" aria-live="polite">{diff.changes.length} change{diff.changes.length === 1 ? '' : 's'}{discussable ? ` · ${done} discussed` : ''}</p>
      {diff.partial && <p className="muted">This review point was kept on one device before review points were shared: only titles, places, targets, weights, priorities and owners are compared.</p>}
      {diff.unseenByLater && <p className="muted review-unseen">{UNSEEN_BY_LATER}</p>}
      {diff.groups.map((group) => (
        <section key={group.strategyId} className="review-group" aria-label={`Strategy: ${group.title || 'Untitled'}`}>
          <h4>{group.title || 'Untitled strategy'}</h4>
          <ul className="review-changes">
            {group.changes.map((change) => {
              const description = describeChange(change, nodeTitle, (actor) => review.nameOf(actor));
              const conflicts = live ? standingConflicts(change, plan?.index.node(change.nodeId), (actor) => review.nameOf(actor)) : [];
              const isDiscussed = discussed.has(change.key);
              // Every author of an item's check-ins, each name isolated (review40b F4).
              const authors = authorWords(change, (actor) => review.nameOf(actor));
              return (
                <li key={change.key} className={`review-change kind-${change.kind}${isDiscussed ? ' discussed' : ''}`} data-change-kind={change.kind}>
                  {/* Discussion marks are kept on a review point: none for a day or a time compared from. */}
                  {!discussable && <span className="change-no-mark" />}
                  {discussable && <input type="checkbox" checked={isDiscussed} aria-label={`Discussed: ${change.title || 'Untitled'}, ${[description, ...conflicts].join('; ')}`}
                    onChange={(event) => review.setDiscussed(fromPoint.id, change.key, event.target.checked)} />}
                  <span className="change-kind">{change.kind === 'added' && change.restored ? 'Restored' : kindLabels[change.kind]}</span>
                  <button type="button" className="link-button change-node" title={change.title || 'Untitled'} onClick={() => open(change)}>{change.title || 'Untitled'}</button>
                  <span className="change-what"><Sentence text={description} />{conflicts.map((conflict) => <span key={conflict} className="change-conflict"><Sentence text={conflict} /></span>)}</span>
                  <span className={`change-by${authors ? '' : ' change-cause'}`}>{authors ? <>by <Sentence text={authors} /></> : <Sentence text={figureCauseWords(change, nodeTitle, (actor) => review.nameOf(actor)) ?? 'author unknown'} />}</span>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </>
  );
}
