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
import { changedSpan, headsOf, renameKey, renamesOf, type TextField } from './renames.js';
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

  /** Replaces a node's title (a rename); refuses a title longer than the limit, never cuts it. */
  setTitle(id: NodeId, title: string): void { this.replace(id, 'title', title); }

  /** Replaces a node's description, like setTitle. */
  setDescription(id: NodeId, description: string): void { this.replace(id, 'description', description); }

  /** Resolves a rename conflict on a field by choosing the text it shows (one of the conflicting ones, or any). */
  pickText(id: NodeId, field: TextField, text: string): void { this.replace(id, field, text, true); }

  private replace(id: string, field: TextField, next: string, always = false): void {
    this.writer.assertWritable();
    const limit = TEXT_LIMITS[field];
    const name = field === 'title' ? 'setTitle' : 'setDescription';
    if (typeof next !== 'string') throw new PlanError('invalid-input', `${name}: the ${field} must be text, got ${describe(next)}`);
    if (next.length > limit) throw new PlanError('too-long', `${name}: the ${field} is ${next.length} characters long; the limit is ${limit}. Shorten it by ${next.length - limit}.`);
    this.rules.liveRecord(id);
    const text = this.textOf(id, field);
    const current = text.toString();
    const heads = headsOf(renamesOf(this.writer.types.renames, id, field));
    if (current === next && !(always || heads.length > 1)) return;
    const span = changedSpan(current, next);
    const editId = this.writer.freshId();
    const { at, by } = this.writer.stamp();
    this.nodes.writeNode(id, () => {
      if (span.end > span.start) text.delete(span.start, span.end - span.start);
      if (span.insert.length > 0) text.insert(span.start, span.insert);
      // The records this rename replaces go: a field keeps one unless renames were concurrent.
      for (const head of heads) this.writer.types.renames.delete(head.key);
      this.writer.types.renames.set(renameKey(id, field, editId), {
        after: heads.map((head) => head.editId), start: span.start, end: span.end, baseLength: current.length, next, by, at,
      });
    });
  }

  private textOf(id: string, key: TextField): Y.Text {
    const node = this.writer.types.nodes.get(id);
    const text = node?.get(key);
    if (!(text instanceof Y.Text)) throw new PlanError('unknown-node', `no node ${describe(id)} with a ${key} in this plan`);
    return text;
  }
}
