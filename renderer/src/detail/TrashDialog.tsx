import { KIND_LABELS, type NodeKind, type NodeId } from '../../../shared/model/index.js';
import { useControllers } from '../session/controller-context.js';
import { Dialog } from '../shell/Dialog.js';
import { formatPlanDayTime, plural } from '../outline/labels.js';
import { appStore, useAppStore } from '../store/app-store.js';
import { Isolated, IsolatedList } from '../text/Isolated.js';
import { isolatedText } from '../../../shared/text/bidi-isolation.js';
import { editedFieldNames } from './field-specs.js';

/** Deleted items of the plan: restore one (with what was deleted with it), or purge it for good. */
export function TrashDialog({ onClose }: { onClose: () => void }) {
  const { app } = useControllers();
  const plan = useAppStore((state) => state.plan);
  useAppStore((state) => state.planVersion);
  const readOnly = useAppStore((state) => state.readOnlyReason !== null);
  const select = useAppStore((state) => state.select);
  if (!plan) return null;
  const deleted = plan.index.deletedNodes();
  // Check-ins made in a deleted item after it was deleted (offline, or at the same moment): no figure counts them.
  const arrivedSince = new Map<string, { count: number; blockers: number }>();
  for (const entry of plan.index.checkInsOnDeletedWork()) {
    const sum = arrivedSince.get(entry.deletedId) ?? { count: 0, blockers: 0 };
    arrivedSince.set(entry.deletedId, { count: sum.count + entry.count, blockers: sum.blockers + entry.blockers });
  }
  // Renames and field edits made in a deleted item after it was deleted: hidden with it.
  const editedSince = new Map<string, { count: number; people: string[] }>();
  for (const entry of plan.index.editsOnDeletedWork()) {
    const sum = editedSince.get(entry.deletedId) ?? { count: 0, people: [] };
    editedSince.set(entry.deletedId, { count: sum.count + entry.count, people: [...new Set([...sum.people, ...entry.people])] });
  }
  // Names found by id (PlanIndex.person): a company's 10,000 people were copied into a map on every render.
  const people = { get: (id: string) => plan.index.person(id)?.name };
  // Check-ins by others that a deleted item holds (an undo keeps a node someone checked in on): say whose.
  const held = plan.index.checkInsHeldByOthers();
  // Nodes an undo of their create took away before someone's check-in on them arrived.
  const removed = plan.index.checkInsOnRemovedWork();
  // …and those someone renamed or edited (offline) before the undo reached them: the edits went with the node.
  const removedEdits = plan.index.editsOnRemovedWork();
  // Names and titles are other people's text: each in its own bidi isolate inside the sentence.
  const nameOf = (by: string) => people.get(by) ?? by;
  const restoreRemoved = (id: NodeId) => { if (app.run((current) => current.restoreRemovedNode(id)).ok) select(id); };
  const restore = (id: NodeId) => {
    const result = app.run((current) => current.restoreNode(id));
    if (!result.ok) return;
    select(id);
    if (result.value.length > 0) {
      const names = result.value.map((ancestor) => `${KIND_LABELS[plan.index.structure().records.get(ancestor)?.kind ?? 'task']} “${isolatedText(plan.index.title(ancestor) || 'Untitled')}”`);
      appStore.getState().notify({ text: `Restored “${isolatedText(plan.index.title(id) || 'Untitled')}” with the ${names.join(' and the ')} it sits in, deleted after it.`, tone: 'info' });
    }
  };
  return (
    <Dialog title="Deleted items" onClose={onClose} actions={<button type="button" className="button" onClick={onClose}>Close</button>}>
      <p className="muted">Deleting keeps an item (and what was under it) here until it is purged. Restoring an item whose parent was deleted after it restores that parent too, so it shows at once. Purging removes it from the plan for everyone; its check-ins stay in the history.</p>
      {deleted.length === 0 && removed.length === 0 && removedEdits.length === 0 && <p className="faint">Nothing has been deleted.</p>}
      <ul className="trash-list" aria-label="Deleted items">
        {deleted.map((item) => (
          <li key={item.id}>
            <span className={`kind-tag kind-${item.kind}`}>{KIND_LABELS[item.kind as NodeKind] ?? item.kind}</span>
            <span className="trash-title"><Isolated text={item.title || 'Untitled'} /></span>
            <span className="faint">{formatPlanDayTime(item.at, plan.index.timeZone)} by <Isolated text={people.get(item.by) ?? item.by} /></span>
            {arrivedSince.has(item.id) && (
              <span className="trash-arrived">{`${plural(arrivedSince.get(item.id)!.count, 'check-in')} since${arrivedSince.get(item.id)!.blockers > 0 ? ` (${plural(arrivedSince.get(item.id)!.blockers, 'blocker')})` : ''}`}</span>
            )}
            {held.has(item.id) && (
              <span className="trash-arrived">holds {plural(held.get(item.id)!.count, 'check-in')} by <IsolatedList texts={held.get(item.id)!.people.map(nameOf)} />: restoring brings {held.get(item.id)!.count === 1 ? 'it' : 'them'} back</span>
            )}
            {editedSince.has(item.id) && (
              <span className="trash-arrived">{plural(editedSince.get(item.id)!.count, 'edit')} since, by <IsolatedList texts={editedSince.get(item.id)!.people.map(nameOf)} /></span>
            )}
            <span className="row-spacer" />
            {!readOnly && (
              <>
                <button type="button" className="button small" onClick={() => restore(item.id)}>Restore</button>
                <button type="button" className="button small ghost danger" onClick={() => app.run((current) => current.purgeNode(item.id))}>Purge</button>
              </>
            )}
          </li>
        ))}
      </ul>
      {removed.length > 0 && (
        <>
          <h3>Check-ins on items an undo removed</h3>
          <p className="muted">Someone checked in on these while the person who added them undid it; the check-ins arrived after the undo, so nothing else shows them. Restoring brings the item back with them, for everyone.</p>
          <ul className="trash-list" aria-label="Check-ins on removed items">
            {removed.map((entry) => (
              <li key={entry.nodeId}>
                <RemovedByUndo content={entry.content} removedBy={nameOf(entry.content.removed.by)} timeZone={plan.index.timeZone} />
                <span className="trash-arrived">{plural(entry.count, 'check-in')} by <IsolatedList texts={entry.people.map(nameOf)} />{entry.blockers > 0 ? ` (${plural(entry.blockers, 'blocker')})` : ''}</span>
                <span className="row-spacer" />
                {!readOnly && <button type="button" className="button small" onClick={() => restoreRemoved(entry.nodeId)}>Restore</button>}
              </li>
            ))}
          </ul>
        </>
      )}
      {removedEdits.length > 0 && (
        <>
          <h3>Edits on items an undo removed</h3>
          <p className="muted">Someone renamed or edited these while the person who added them undid it; the edits arrived after the undo and went with the item. Restoring brings the item back as they left it, for everyone.</p>
          <ul className="trash-list" aria-label="Edits on removed items">
            {removedEdits.map((entry) => (
              <li key={entry.nodeId}>
                <RemovedByUndo content={entry.content} removedBy={nameOf(entry.content.removed.by)} timeZone={plan.index.timeZone} />
                <span className="trash-arrived">
                  {entry.renamedTo !== null && <>renamed to “<Isolated text={entry.renamedTo || 'Untitled'} />”{entry.fields.length > 0 ? ', ' : ''}</>}
                  {entry.fields.length > 0 && <>{editedFieldNames(entry.fields)} changed</>} by <IsolatedList texts={entry.people.map(nameOf)} />
                </span>
                <span className="row-spacer" />
                {!readOnly && <button type="button" className="button small" onClick={() => restoreRemoved(entry.nodeId)}>Restore</button>}
              </li>
            ))}
          </ul>
        </>
      )}
    </Dialog>
  );
}

/** The head of a row for an item an undo removed: its kind, its title, and whose undo removed it when. */
function RemovedByUndo({ content, removedBy, timeZone }: { content: { kind: NodeKind; title: string; removed: { at: number } }; removedBy: string; timeZone: string }) {
  return (
    <>
      <span className={`kind-tag kind-${content.kind}`}>{KIND_LABELS[content.kind]}</span>
      <span className="trash-title"><Isolated text={content.title || 'Untitled'} /></span>
      <span className="faint">removed by an undo of <Isolated text={removedBy} /> at {formatPlanDayTime(content.removed.at, timeZone)}</span>
    </>
  );
}
