/**
 * What every part of a plan's operations shares: the doc, its top-level types, the host context, the
 * local origin, the index the operations validate against, and the few checks every write makes. The
 * parts (node operations, directory operations, text edits) each hold one PlanWriter as a member, so
 * each object has one name and each check one place.
 */
import type * as Y from 'yjs';
import { LocalOrigin, type PlanContext } from './context.js';
import { PlanError } from './errors.js';
import { describe } from './fields.js';
import { planTypes, type PlanTypes, type Stamp } from './doc.js';
import { isValidId } from './schema.js';
import { isStoredNodeId, type NodeId } from './ids.js';
import type { PlanIndex } from './plan-index.js';
import { RecordKeys } from './records-by-node.js';
import { renameKeyNode } from './renames.js';
import { fieldEditKeyNode } from './field-edits.js';

export class PlanWriter {
  /** Origin of this plan's local transactions; undo tracks only this origin. */
  readonly origin: LocalOrigin;
  readonly types: PlanTypes;
  /** The `renames` and `fieldEdits` keys by node: a write reads its node's records without a scan. */
  readonly renameKeys: RecordKeys;
  readonly fieldEditKeys: RecordKeys;

  constructor(
    readonly doc: Y.Doc,
    readonly ctx: PlanContext,
    readonly index: PlanIndex,
    /** Non-null when the plan is read-only, with the reason. */
    readonly readOnlyReason: string | null,
  ) {
    this.origin = new LocalOrigin(ctx.actor);
    this.types = planTypes(doc);
    this.renameKeys = new RecordKeys(this.types.renames, renameKeyNode);
    this.fieldEditKeys = new RecordKeys(this.types.fieldEdits, fieldEditKeyNode);
  }

  /** Throws 'read-only' when the doc was written by a newer Throughline. */
  assertWritable(): void {
    if (this.readOnlyReason !== null) throw new PlanError('read-only', this.readOnlyReason);
  }

  /** A fresh id from the host, checked once here: of valid form and not already a key of `existing`. */
  freshId(existing?: { has(key: string): boolean }): string {
    return this.fresh(isValidId, existing);
  }

  /** A fresh node id: as freshId, not yet a node, and typed as the NodeId it was checked to be. */
  freshNodeId(): NodeId {
    return this.fresh(isStoredNodeId, this.types.nodes);
  }

  private fresh<T extends string>(valid: (id: string) => id is T, existing?: { has(key: string): boolean }): T;
  private fresh(valid: (id: string) => boolean, existing?: { has(key: string): boolean }): string;
  private fresh(valid: (id: string) => boolean, existing?: { has(key: string): boolean }): string {
    const id = this.ctx.newId();
    if (!valid(id)) throw new PlanError('invalid-id', `a new id could not be made: ${describe(id)} is not a valid id`);
    if (existing?.has(id)) throw new PlanError('duplicate-id', `a new id could not be made: ${id} is taken already`);
    return id;
  }

  /** Who is acting, now. */
  stamp(): Stamp {
    return { at: this.ctx.now(), by: this.ctx.actor };
  }

  /** Runs `write` in one transaction with the local origin (so per-user undo sees it). */
  transact(write: () => void): void {
    this.doc.transact(write, this.origin);
  }
}
