/**
 * Titles and descriptions. An editor bound to the Y.Text (typing) keeps every collaborator's
 * keystrokes; `setTitle` / `setDescription` are replacements: they write only the changed span and a
 * rename record, so two replacements of the same span made concurrently show one deterministic
 * winner and keep the other on the node as a conflict to pick (renames.ts, docs/data-model.md §5).
 */
import * as Y from 'yjs';
import { PlanError } from './errors.js';
import { describe } from './fields.js';
import { TEXT_LIMITS } from './inputs.js';
import { characterCount, isOverLimit } from '../text/cut-text.js';
import { controlCharacterProblem } from '../text/control-characters.js';
import { freeTextAsKept, invisibleTextProblem } from '../text/invisible-text.js';
import { changedSpan, headsOf, renameKey, renamesOf, resolveText, textIdentity, typedIntoAnotherCopy, type RenameRecord, type TextField } from './renames.js';
import type { NodeRules } from './node-rules.js';
import type { NodeOps } from './node-ops.js';
import type { PlanWriter } from './plan-writer.js';
import type { NodeId } from './ids.js';

export class TextOps {
  constructor(private readonly writer: PlanWriter, private readonly rules: NodeRules, private readonly nodes: NodeOps) {}

  /** The title's Y.Text (bind an editor to it; use `plan.origin` as its transaction origin for undo). */
  titleText(id: NodeId): Y.Text { return this.textOf(id, 'title'); }
  /** The description's Y.Text. */
  descriptionText(id: NodeId): Y.Text { return this.textOf(id, 'description'); }

  /**
   * Replaces a node's title (a rename); refuses a title longer than the limit, never cuts it.
   * `base` is the title the person saw when they started editing: when someone else renamed the node
   * meanwhile, this rename is concurrent with theirs (a conflict to pick), not a silent overwrite.
   */
  setTitle(id: NodeId, title: string, base?: string): void { this.replace(id, 'title', title, false, base); }

  /** Replaces a node's description, like setTitle. */
  setDescription(id: NodeId, description: string, base?: string): void { this.replace(id, 'description', description, false, base); }

  /** Resolves a rename conflict on a field by choosing the text it shows (one of the conflicting ones, or any). */
  pickText(id: NodeId, field: TextField, text: string): void { this.replace(id, field, text, true); }

  private replace(id: string, field: TextField, next: string, always = false, base?: string): void {
    this.writer.assertWritable();
    const limit = TEXT_LIMITS[field];
    if (typeof next !== 'string') throw new PlanError('invalid-input', `the ${field} must be text, got ${describe(next)}`);
    if (isOverLimit(next, limit)) {
      const length = characterCount(next);
      throw new PlanError('too-long', `the ${field} is ${length} characters long; the limit is ${limit}. Shorten it by ${length - limit}.`);
    }
    const control = controlCharacterProblem(next, field === 'description');
    if (control) throw new PlanError('invalid-input', `the ${field} ${control}.`);
    // A title of only spaces or zero-width characters looks empty but is not "Untitled": refused (empty stays allowed).
    const invisible = field === 'title' ? invisibleTextProblem(next) : null;
    if (invisible) throw new PlanError('invalid-input', `the ${field} ${invisible}; type a title or leave it empty.`);
    // A description that shows nothing is kept as none (invisible-text.ts): stored empty.
    if (field === 'description') next = freeTextAsKept(next);
    this.rules.liveRecord(id);
    const text = this.textOf(id, field);
    const current = text.toString();
    const records = renamesOf(this.writer.types.renames, id, field, this.writer.renameKeys.keysOf(id));
    const heads = headsOf(records);
    const textId = textIdentity(text);
    const shown = typeof base === 'string' ? resolveText(current, records, textId).text : current;
    if (typeof base === 'string' && base !== shown) {
      // Someone else renamed it to the very same text: nothing to add.
      if (next === shown) return;
      this.replaceFromStaleBase(id, field, text, heads, base, next);
      return;
    }
    // A lone head typed into another copy of the text is what the field shows: writing the text the copy
    // already holds must still replace that head.
    const headElsewhere = heads.length === 1 && typedIntoAnotherCopy(heads[0]!, textId);
    if (current === next && !(always || heads.length > 1 || headElsewhere)) return;
    const span = changedSpan(current, next);
    const editId = this.writer.freshId();
    const { at, by } = this.writer.stamp();
    this.nodes.writeNode(id, () => {
      if (span.end > span.start) text.delete(span.start, span.end - span.start);
      if (span.insert.length > 0) text.insert(span.start, span.insert);
      // The records this rename replaces go: a field keeps one unless renames were concurrent.
      for (const head of heads) this.writer.types.renames.delete(head.key);
      const key = renameKey(id, field, editId);
      this.writer.types.renames.set(key, {
        after: heads.map((head) => head.editId), start: span.start, end: span.end, baseLength: current.length, next, by, at, ...textField(text),
      });
      this.writer.renameKeys.written(key);
    });
  }

  /**
   * A rename typed over `base` while others renamed the field (the shown text is no longer `base`):
   * it replaces what `base` replaced (the current heads' `after`), so it stands beside those renames
   * as a concurrent head. Its span is measured on `base`; the text gets it too when it does not touch
   * what changed since (both edits then show merged), else the field shows one winner and the other
   * rename as a conflict to pick (renames.ts).
   */
  private replaceFromStaleBase(id: string, field: TextField, text: Y.Text, heads: readonly RenameRecord[], base: string, next: string): void {
    const current = text.toString();
    const span = changedSpan(base, next);
    const since = changedSpan(base, current);
    const sinceInserted = since.insert.length - (since.end - since.start);
    // Where the span lies in today's text: before what changed since, after it, or overlapping it.
    const before = span.end < since.start;
    const after = span.start > since.end;
    const target = before ? { start: span.start, end: span.end }
      : after ? { start: span.start + sinceInserted, end: span.end + sinceInserted }
      : null;
    const whole = changedSpan(current, next);
    const editId = this.writer.freshId();
    const { at, by } = this.writer.stamp();
    const seen = [...new Set(heads.flatMap((head) => head.after))];
    this.nodes.writeNode(id, () => {
      if (target) {
        if (target.end > target.start) text.delete(target.start, target.end - target.start);
        if (span.insert.length > 0) text.insert(target.start, span.insert);
      } else {
        if (whole.end > whole.start) text.delete(whole.start, whole.end - whole.start);
        if (whole.insert.length > 0) text.insert(whole.start, whole.insert);
      }
      const key = renameKey(id, field, editId);
      this.writer.types.renames.set(key, {
        after: seen, start: span.start, end: span.end, baseLength: base.length, next, by, at, ...textField(text),
      });
      this.writer.renameKeys.written(key);
    });
  }

  private textOf(id: string, key: TextField): Y.Text {
    const node = this.writer.types.nodes.get(id);
    const text = node?.get(key);
    if (!(text instanceof Y.Text)) throw new PlanError('unknown-node', `no item ${describe(id)} with a ${key} in this plan`);
    return text;
  }
}

/** The record's `text` field: the Y.Text it was typed into (renames.ts, `RenameRecord.text`). */
function textField(text: Y.Text): { text?: string } {
  const id = textIdentity(text);
  return id === undefined ? {} : { text: id };
}
