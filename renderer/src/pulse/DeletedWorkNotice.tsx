import { KIND_LABELS, type CheckInsOnDeletedWork, type CheckInsOnPurgedWork, type CheckInsOnRemovedWork, type EditsOnDeletedWork, type EditsOnRemovedWork, type NodeId, type Plan } from '../../../shared/model/index.js';
import { useControllers } from '../session/controller-context.js';
import { useAppStore } from '../store/app-store.js';
import { formatPlanDayTime, plural } from '../outline/labels.js';
import { editedFieldNames } from '../detail/field-specs.js';
import { Isolated, IsolatedList } from '../text/Isolated.js';

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** What arrived on one hidden node: its check-ins and its edits since the deletion (either may be absent). */
interface ArrivedWork {
  nodeId: NodeId;
  deletedId: NodeId;
  deletedAt: number;
  deletedBy: string;
  checkIns: CheckInsOnDeletedWork | null;
  edits: EditsOnDeletedWork | null;
  latestAt: number;
  latestBy: string;
}

/** Check-ins and edits on deleted work, one entry per hidden node, latest first. */
export function arrivedOnDeletedWork(plan: Plan): ArrivedWork[] {
  const byNode = new Map<NodeId, ArrivedWork>();
  const entry = (from: CheckInsOnDeletedWork | EditsOnDeletedWork): ArrivedWork => {
    let found = byNode.get(from.nodeId);
    if (!found) {
      found = { nodeId: from.nodeId, deletedId: from.deletedId, deletedAt: from.deletedAt, deletedBy: from.deletedBy, checkIns: null, edits: null, latestAt: from.latestAt, latestBy: from.latestBy };
      byNode.set(from.nodeId, found);
    } else if (from.latestAt > found.latestAt) {
      found.latestAt = from.latestAt;
      found.latestBy = from.latestBy;
    }
    return found;
  };
  for (const checkIns of plan.index.checkInsOnDeletedWork()) entry(checkIns).checkIns = checkIns;
  for (const edits of plan.index.editsOnDeletedWork()) entry(edits).edits = edits;
  return [...byNode.values()].sort((a, b) => b.latestAt - a.latestAt || (a.nodeId < b.nodeId ? -1 : 1));
}

/** "1 check-in, a blocker, 2 edits (title, status)": what arrived on one hidden node. */
function whatArrived(work: ArrivedWork): string {
  const parts: string[] = [];
  if (work.checkIns) {
    parts.push(plural(work.checkIns.count, 'check-in'));
    if (work.checkIns.blockers > 0) parts.push(work.checkIns.blockers === 1 ? 'a blocker' : `${work.checkIns.blockers} blockers`);
  }
  if (work.edits) parts.push(`${plural(work.edits.count, 'edit')} (${editedFieldNames(work.edits.fields)})`);
  return parts.join(', ');
}

/** "2 check-ins, a blocker": the check-ins made on a node an undo removed. */
function whatCheckedIn(entry: CheckInsOnRemovedWork | CheckInsOnPurgedWork): string {
  return [plural(entry.count, 'check-in'), ...(entry.blockers > 0 ? [entry.blockers === 1 ? 'a blocker' : `${entry.blockers} blockers`] : [])].join(', ');
}

/** "Ben Guest renamed key result “A” to “B” and changed its target": the edits made on a node an undo removed. */
function EditsSentence({ entry, name }: { entry: EditsOnRemovedWork; name: (id: string) => string }) {
  const kind = KIND_LABELS[entry.content.kind];
  const who = <IsolatedList texts={entry.people.map(name)} joiner=" and " />;
  const kept = <Isolated text={entry.content.title || 'Untitled'} />;
  const fields = editedFieldNames(entry.fields);
  if (entry.renamedTo === null) return <>{who} changed the {fields} of {kind} “{kept}”</>;
  return <>{who} renamed {kind} “{kept}” to “<Isolated text={entry.renamedTo || 'Untitled'} />”{entry.fields.length > 0 ? <> and changed its {fields}</> : null}</>;
}

/**
 * "Restore key result “…”": the title is someone's text, so it is isolated (an override in it would
 * otherwise reverse the closing quote after it). The label sits in one inline span: the button is a
 * flex box, and a `<bdi>` straight inside it would be a flex item of its own, which splits the button's
 * accessible name ("Restore key result “ Q1 ”"); inside the span it is inline and the name stays whole.
 */
function RestoreButton({ kind, title, onClick }: { kind: string; title: string; onClick: () => void }) {
  return (
    <button type="button" className="button small" onClick={onClick}>
      <span>Restore {kind} “<Isolated text={title || 'Untitled'} />”</span>
    </button>
  );
}

/**
 * Work that arrived on deleted items (a blocker reported, a task renamed or its status changed,
 * offline, on a task whose initiative someone deleted meanwhile): hidden with the deletion, so no
 * figure of the pulse counts it and no view shows it. Said here, with the restore that brings it
 * back, rather than left for someone to find in Deleted items.
 */
export function DeletedWorkNotice({ plan }: { plan: Plan }) {
  const { app } = useControllers();
  const select = useAppStore((state) => state.select);
  const readOnly = useAppStore((state) => state.readOnlyReason !== null);
  const arrived = arrivedOnDeletedWork(plan);
  const removed = plan.index.checkInsOnRemovedWork();
  const removedEdits = plan.index.editsOnRemovedWork();
  const purged = plan.index.checkInsOnPurgedWork();
  if (arrived.length === 0 && removed.length === 0 && removedEdits.length === 0 && purged.length === 0) return null;
  // Names found by id (PlanIndex.person): a company's 10,000 people were copied into a map on every render.
  const people = { get: (id: string) => plan.index.person(id)?.name };
  // Names and titles are other people's text: each in its own bidi isolate inside the sentence.
  const nameText = (id: string) => people.get(id) ?? id;
  const name = (id: string) => <Isolated text={nameText(id)} />;
  const kindOf = (id: NodeId) => KIND_LABELS[plan.index.structure().records.get(id)?.kind ?? 'task'];
  const titleOf = (id: NodeId, capital = false) => <>{capital ? capitalised(kindOf(id)) : kindOf(id)} “<Isolated text={plan.index.title(id) || 'Untitled'} />”</>;
  const restore = (deletedId: NodeId, nodeId: NodeId) => {
    if (app.run((current) => current.restoreNode(deletedId)).ok) select(nodeId);
  };
  // The restore brings a removed node back as the edits made on it since leave it: its button says so.
  const restoredTitle = (nodeId: NodeId, kept: string) => plan.index.removedNode(nodeId)?.title || kept || 'Untitled';
  const restoreRemoved = (nodeId: NodeId) => {
    if (app.run((current) => current.restoreRemovedNode(nodeId)).ok) select(nodeId);
  };
  return (
    <section className="deleted-work card" aria-label="Work on deleted items">
      <h3>Work arrived on deleted items</h3>
      <p className="muted">These were made while the item was being deleted (offline, or at the same moment), so nothing shows them: no figure of the pulse counts their check-ins, and their edits are hidden with the item. Restore the item to bring them back, or leave it deleted.</p>
      <ul>
        {arrived.map((entry) => (
          <li key={entry.nodeId}>
            <span>
              <strong>{titleOf(entry.nodeId, true)}</strong>: {whatArrived(entry)}, the latest by {name(entry.latestBy)} at {formatPlanDayTime(entry.latestAt, plan.index.timeZone)}
              {' '}— {entry.deletedId === entry.nodeId ? 'deleted' : <>in {titleOf(entry.deletedId)}, deleted</>} by {name(entry.deletedBy)} at {formatPlanDayTime(entry.deletedAt, plan.index.timeZone)}
            </span>
            {!readOnly && <RestoreButton onClick={() => restore(entry.deletedId, entry.nodeId)} kind={kindOf(entry.deletedId)} title={plan.index.title(entry.deletedId)} />}
          </li>
        ))}
        {removed.map((entry) => (
          <li key={entry.nodeId}>
            <span>
              <IsolatedList texts={entry.people.map(nameText)} joiner=" and " /> checked in on {KIND_LABELS[entry.content.kind]} “<Isolated text={entry.content.title || 'Untitled'} />”, which was removed by an undo of {name(entry.content.removed.by)}: {whatCheckedIn(entry)}, the latest at {formatPlanDayTime(entry.latestAt, plan.index.timeZone)}
            </span>
            {!readOnly && <RestoreButton onClick={() => restoreRemoved(entry.nodeId)} kind={KIND_LABELS[entry.content.kind]} title={restoredTitle(entry.nodeId, entry.content.title)} />}
          </li>
        ))}
        {removedEdits.map((entry) => (
          <li key={`edits-${entry.nodeId}`}>
            <span>
              <EditsSentence entry={entry} name={nameText} />, which was removed by an undo of {name(entry.content.removed.by)}: the latest at {formatPlanDayTime(entry.latestAt, plan.index.timeZone)}
            </span>
            {!readOnly && <RestoreButton onClick={() => restoreRemoved(entry.nodeId)} kind={KIND_LABELS[entry.content.kind]} title={entry.restored.title} />}
          </li>
        ))}
        {/* No restore: the purge took the node's fields and place; a kind and a title would rebuild another node. */}
        {purged.map((entry) => (
          <li key={`purged-${entry.nodeId}`}>
            <span>
              <IsolatedList texts={entry.people.map(nameText)} joiner=" and " /> checked in on {KIND_LABELS[entry.purge.kind]} “<Isolated text={entry.purge.title || 'Untitled'} />”, deleted for good by {name(entry.purge.by)} at {formatPlanDayTime(entry.purge.at, plan.index.timeZone)}: {whatCheckedIn(entry)}, the latest at {formatPlanDayTime(entry.latestAt, plan.index.timeZone)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
