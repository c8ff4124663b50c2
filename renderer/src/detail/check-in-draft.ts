import type { MaterialisedTree, NodeId } from '../../../shared/model/index.js';
import type { AppController } from '../session/app-controller.js';
import type { StoreApi } from 'zustand/vanilla';
import type { AppState, CheckInDraft } from '../store/app-state.js';
import { isolatedText } from '../../../shared/text/bidi-isolation.js';
import { optionLabels } from './field-specs.js';
import { runInItsPlan } from '../session/in-its-plan.js';

export type { CheckInDraft } from '../store/app-state.js';

/** The form as it opens: nothing typed, no confidence given. */
export const EMPTY_CHECK_IN_DRAFT: CheckInDraft = { value: '', noValue: false, confidence: '', status: '', note: '', blocker: false, told: false };

/** True when the form holds nothing at all (a space typed first is something: it is the start of a note). */
export function isBlankDraft(draft: CheckInDraft): boolean {
  return draft.value === '' && !draft.noValue && draft.confidence === '' && draft.status === '' && draft.note === '' && !draft.blocker && (draft.clears?.length ?? 0) === 0;
}

/**
 * Writes what the person changed in the check-in form of node `id` into that node's draft (dropped
 * when the form holds nothing again). A change is news: the draft's node going away is told again.
 */
export function changeCheckInDraft(store: StoreApi<AppState>, id: NodeId, patch: Partial<Omit<CheckInDraft, 'told'>>): void {
  const next = { ...(store.getState().checkInDrafts.get(id) ?? EMPTY_CHECK_IN_DRAFT), ...patch, told: false };
  store.getState().setCheckInDraft(id, isBlankDraft(next) ? null : next);
}

/** True when a draft says anything worth telling about: whitespace alone is not. */
export function saysSomething(draft: CheckInDraft): boolean {
  return draft.value.trim() !== '' || draft.noValue || draft.confidence !== '' || draft.status !== '' || draft.note.trim() !== '' || draft.blocker || (draft.clears?.length ?? 0) > 0;
}

/** What a draft holds, in words, names and typed text isolated: "value 70 k€, confidence 4/10, note “…”, a blocker". */
export function draftInWords(draft: CheckInDraft, unit: string | undefined): string {
  const parts: string[] = [];
  if (draft.noValue) parts.push('no new value');
  else if (draft.value.trim() !== '') parts.push(`value ${isolatedText(draft.value.trim())}${unit ? ` ${isolatedText(unit)}` : ''}`);
  if (draft.confidence !== '') parts.push(`confidence ${draft.confidence}/10`);
  if (draft.status !== '') parts.push(`status ${optionLabels[draft.status] ?? draft.status}`);
  if (draft.note.trim() !== '') parts.push(`note “${isolatedText(draft.note.trim())}”`);
  if (draft.blocker) parts.push('a blocker');
  const clears = draft.clears?.length ?? 0;
  if (clears > 0) parts.push(clears === 1 ? 'clears a blocker' : `clears ${clears} blockers`);
  return parts.join(', ');
}

/** What is known of a node a check-in was being written on, once it is gone from the plan. */
export interface GoneNode {
  /** Its title as the person last saw it. */
  title: string;
  unit: string | undefined;
  /** Who deleted it, when it was deleted itself (not inside a deleted node, not removed by an undo). */
  deletedBy: string | null;
  /** The acting person on this device. */
  me: string;
  /** A person's name by id (the plan's person, else the id, as the review and Deleted items name people). */
  nameOf: (id: string) => string;
}

/**
 * The notice for a check-in being written on a node that went away, or null when there is nothing to
 * tell (nothing typed, or told already). Restorable when the node itself was deleted: one inside a
 * deleted node comes back with that node (Deleted items), and its draft shows again when it does.
 */
export function goneNodeDraftNotice(draft: CheckInDraft | undefined, gone: GoneNode): { text: string; restorable: boolean } | null {
  if (!draft || draft.told || !saysSomething(draft)) return null;
  const by = gone.deletedBy === null ? '' : ` by ${gone.deletedBy === gone.me ? 'you' : isolatedText(gone.nameOf(gone.deletedBy))}`;
  const name = isolatedText(gone.title || 'Untitled');
  return {
    text: `“${name}” was deleted${by} while you wrote a check-in on it. It was not added; what you wrote is kept: ${draftInWords(draft, gone.unit)}.`,
    restorable: gone.deletedBy !== null,
  };
}

/**
 * Tells the person that the node they were writing a check-in on is gone (deleted by someone else,
 * or by themselves, while the form was open): the check-in was not added, and what they wrote is
 * named in a notice that stays until dismissed. The draft stays with the node, so "Restore it to
 * finish your check-in" brings the node back with the form as they left it; nothing is added unasked.
 * The form shows in the details and in the check-in dialog at once: the draft's `told` makes it once.
 */
export function tellCheckInDraftOfGoneNode(app: AppController, id: NodeId, seen: { title: string; unit: string | undefined }): void {
  const plan = app.plan;
  if (!plan || plan.index.node(id)) return; // the plan was closed, or the node is still there (the selection moved)
  const store = app.store.getState();
  const draft = store.checkInDrafts.get(id);
  // Names found by id (PlanIndex.person): a company's 10,000 people were copied into a map on every render.
  const people = { get: (id: string) => plan.index.person(id)?.name };
  const deletion = plan.index.deletedNodes().find((deleted) => deleted.id === id);
  const notice = goneNodeDraftNotice(draft, { ...seen, deletedBy: deletion?.by ?? null, me: app.actor(), nameOf: (by) => people.get(by) ?? by });
  if (!draft || !notice) return;
  store.setCheckInDraft(id, { ...draft, told: true });
  const planId = app.planId;
  store.notify({
    text: notice.text,
    tone: 'error',
    persistent: true,
    // Restored in the item's own plan, opened first if another is shown (review40a F3).
    action: notice.restorable ? {
      label: 'Restore it to finish your check-in',
      run: () => runInItsPlan(app, planId, (current) => { current.restoreNode(id); }, { done: () => app.store.getState().select(id), failed: () => undefined }),
    } : undefined,
  });
}

/**
 * Tells of every draft on a node of the open plan that is now deleted (itself, or inside a deleted
 * node), whether or not its form is shown. The form tells only as it goes away: a draft left on an
 * item while the person had another one selected was deleted by someone else without a word, and
 * was found again only by chance, after a restore (usercheck18). A draft whose node is live again
 * is told again should it go again. Drafts of other plans (one list serves every plan) and of purged
 * nodes are not this plan's to judge: the plan holds no record of them.
 */
export function tellCheckInDraftsOfGoneNodes(app: AppController): void {
  const plan = app.plan;
  if (!plan) return;
  const store = app.store.getState();
  if (store.checkInDrafts.size === 0) return;
  const structure = plan.index.structure();
  const { gone, back } = draftsByPlace(store.checkInDrafts, structure);
  for (const id of back) store.setCheckInDraft(id, { ...store.checkInDrafts.get(id)!, told: false });
  for (const id of gone) tellCheckInDraftOfGoneNode(app, id, { title: plan.index.title(id), unit: structure.records.get(id)!.fields.unit });
}

/**
 * Of the drafts, those on nodes of this plan that are deleted (itself or inside a deleted node) and
 * not told yet, and those told whose node is live again. Nodes the plan holds no record of (another
 * plan's, or purged) are in neither.
 */
export function draftsByPlace(drafts: ReadonlyMap<NodeId, CheckInDraft>, structure: { tree: Pick<MaterialisedTree, 'parent' | 'hidden'>; records: ReadonlyMap<string, unknown> }): { gone: NodeId[]; back: NodeId[] } {
  const gone: NodeId[] = [];
  const back: NodeId[] = [];
  for (const [id, draft] of drafts) {
    if (!structure.records.has(id)) continue;
    if (structure.tree.parent.has(id)) { if (draft.told) back.push(id); }
    else if (structure.tree.hidden.has(id) && !draft.told && saysSomething(draft)) gone.push(id);
  }
  return { gone, back };
}

/** Runs `tellCheckInDraftsOfGoneNodes` now and on every change of the open plan; returns the unsubscribe. */
export function watchCheckInDraftsOfGoneNodes(app: AppController): () => void {
  tellCheckInDraftsOfGoneNodes(app);
  return app.store.subscribe((state, previous) => {
    if (state.planVersion !== previous.planVersion) tellCheckInDraftsOfGoneNodes(app);
  });
}
