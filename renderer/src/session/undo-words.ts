import type { PlanIndex, UndoStep } from '../../../shared/model/index.js';
import { isolatedText } from '../../../shared/text/bidi-isolation.js';
import { joinedAnd } from '../../../shared/text/joined.js';
import { fieldSpecs } from '../detail/field-specs.js';

/** What the person calls the parts of an item a step can change (field names as the detail panel labels them). */
const PART_WORDS: Readonly<Record<string, string>> = { title: 'title', description: 'description', kind: 'kind' };

function partWord(change: string): string | null {
  if (change in PART_WORDS) return PART_WORDS[change]!;
  const spec = (fieldSpecs as Readonly<Record<string, { label: string } | undefined>>)[change];
  return spec ? spec.label.replace(/ \(%\)$/, '').toLowerCase() : null;
}

/** Up to how many items a step's words name one by one; more are counted. */
const NAMED_ITEMS = 3;

/**
 * A step of the undo history in words, to follow "Undid" or "Undo would take back" (undo38; review38b F4: an
 * undo took back a due date with no word of it): "the due date of “Open a Munich office”", "adding “Sign
 * the lease”", "changes to “Hire”, “Lease” and “Open”", "changes to 4 items", "a change in People & teams". Titles as shown now, or as the step saw
 * them for an item gone since; each in its own bidi isolate.
 */
export function undoStepWords(step: UndoStep | null, index: Pick<PlanIndex, 'title'> | null): string {
  if (!step || (step.nodes.length === 0 && step.others.length === 0)) return 'your last change';
  const titleOf = (node: UndoStep['nodes'][number]) => {
    const shown = index?.title(node.id) ?? '';
    return `“${isolatedText(shown.trim() !== '' ? shown : node.title.trim() !== '' ? node.title : 'Untitled')}”`;
  };
  if (step.nodes.length === 1) {
    const node = step.nodes[0]!;
    const title = titleOf(node);
    const has = (change: string) => node.changes.includes(change);
    if (has('created')) return `adding ${title}`;
    if (has('removed')) return `taking ${title} out of the plan`;
    if (has('deleted')) return `deleting ${title}`;
    if (has('restored')) return `restoring ${title}`;
    const parts = node.changes.map(partWord).filter((word): word is string => word !== null);
    if (has('moved')) return parts.length > 0 ? `moving ${title} and its ${joinedAnd(parts)}` : `moving ${title}`;
    if (parts.length > 0) return `the ${joinedAnd(parts)} of ${title}`;
    return `a change to ${title}`;
  }
  if (step.nodes.length > 1) {
    const all = (change: string) => step.nodes.every((node) => node.changes.includes(change));
    const count = step.nodes.length;
    // A few items are named ("changes to “Hire”, “Lease” and “Open”"): "changes to 3 items" said not which (leftovers39).
    const items = count <= NAMED_ITEMS ? joinedAnd(step.nodes.map(titleOf)) : `${count} items`;
    if (all('created')) return `adding ${items}`;
    if (all('deleted')) return `deleting ${items}`;
    if (all('restored')) return `restoring ${items}`;
    return `changes to ${items}`;
  }
  const other = step.others[0]!;
  return other === 'people' || other === 'teams' ? 'a change in People & teams'
    : other === 'periods' ? 'a change to the plan’s periods'
      : other === 'links' ? 'a change to the links between items'
        : 'a change to the plan’s settings';
}
