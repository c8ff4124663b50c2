import { KIND_LABELS, type NodeId, type Plan } from '../../../shared/model/index.js';
import { useControllers } from '../session/controller-context.js';
import { useAppStore } from '../store/app-store.js';
import { formatDayTime, plural } from '../outline/labels.js';

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * Check-ins that arrived on deleted work (a blocker reported offline on a task whose initiative someone
 * deleted meanwhile): hidden with the deletion, so no figure of the pulse counts them. Said here, with
 * the restore that brings them back, rather than left for someone to find in Deleted items.
 */
export function DeletedWorkNotice({ plan }: { plan: Plan }) {
  const { app } = useControllers();
  const select = useAppStore((state) => state.select);
  const readOnly = useAppStore((state) => state.readOnlyReason !== null);
  const arrived = plan.index.checkInsOnDeletedWork();
  if (arrived.length === 0) return null;
  const people = new Map<string, string>(plan.index.people().map((person) => [person.id, person.name]));
  const name = (id: string) => people.get(id) ?? id;
  const titleOf = (id: NodeId) => `${KIND_LABELS[plan.index.structure().records.get(id)?.kind ?? 'task']} “${plan.index.title(id) || 'Untitled'}”`;
  const restore = (deletedId: NodeId, nodeId: NodeId) => {
    if (app.run((current) => current.restoreNode(deletedId)).ok) select(nodeId);
  };
  return (
    <section className="deleted-work card" aria-label="Check-ins on deleted work">
      <h3>Check-ins arrived on deleted work</h3>
      <p className="muted">These were made while the item was being deleted (offline, or at the same moment), so no figure of the pulse counts them. Restore the item to count them, or leave it deleted.</p>
      <ul>
        {arrived.map((entry) => (
          <li key={entry.nodeId}>
            <span>
              <strong>{capitalised(titleOf(entry.nodeId))}</strong>: {plural(entry.count, 'check-in')}
              {entry.blockers > 0 ? `, ${entry.blockers === 1 ? 'a blocker' : `${entry.blockers} blockers`}` : ''}, the latest by {name(entry.latestBy)} at {formatDayTime(entry.latestAt)}
              {' '}— {entry.deletedId === entry.nodeId ? 'deleted' : <>in {titleOf(entry.deletedId)}, deleted</>} by {name(entry.deletedBy)} at {formatDayTime(entry.deletedAt)}
            </span>
            {!readOnly && <button type="button" className="button small" onClick={() => restore(entry.deletedId, entry.nodeId)}>Restore {titleOf(entry.deletedId)}</button>}
          </li>
        ))}
      </ul>
    </section>
  );
}
