import { KIND_LABELS, ROOT_ID, kindsAllowedAt, type EditLostToKind, type NodeKind, type NodeView } from '../../../shared/model/index.js';
import { useControllers } from '../session/controller-context.js';
import { useAppStore } from '../store/app-store.js';
import { Isolated } from '../text/Isolated.js';
import { fieldSpecs } from './field-specs.js';
import type { Directory } from './FieldEditor.js';
import { readableValue } from './FieldConflicts.js';

const withArticle = (kind: NodeKind) => `${/^[aeiou]/i.test(KIND_LABELS[kind]) ? 'an' : 'a'} ${KIND_LABELS[kind]}`;

/**
 * Field edits made at the same time as the change that gave this item its kind, of fields that kind does
 * not have (edits-lost-to-kind.ts; review33 F4): "Ben set the target to 4 while Ada made this a KPI, which
 * has no target." Offered to put back ("Make it a key result again with target 4", where that kind can
 * stand here now) or to let go ("Keep it a KPI without it"); either settles it for everyone.
 */
export function EditsLostToKind({ node, directory, readOnly }: { node: NodeView; directory: Directory; readOnly: boolean }) {
  const { app } = useControllers();
  const plan = useAppStore((state) => state.plan);
  if (node.editsLostToKind.length === 0 || !plan) return null;
  const parentKind = node.parent === ROOT_ID ? ROOT_ID : plan.index.node(node.parent)?.kind ?? ROOT_ID;
  const allowed = new Set(kindsAllowedAt(parentKind, node.childIds.flatMap((id) => plan.index.node(id)?.kind ?? [])));
  const byName = (by: string) => directory.person(by)?.name ?? by;
  const fieldName = (edit: EditLostToKind) => fieldSpecs[edit.field].label.toLowerCase();
  const value = (edit: EditLostToKind) => readableValue(edit.field, edit.value, directory);
  return (
    <section className="edits-lost-to-kind" aria-label="Edits lost to the change of kind">
      <ul className="lost-edits">
        {node.editsLostToKind.map((edit) => (
          <li key={edit.editId}>
            <p className="lost-edit-note">
              <Isolated text={byName(edit.by)} /> set the {fieldName(edit)} to “<Isolated text={value(edit)} />” while <Isolated text={byName(edit.kindBy)} /> made
              it {withArticle(node.kind)}, which has no {fieldName(edit)}.
            </p>
            {!readOnly && edit.restoreKind !== null && allowed.has(edit.restoreKind) && (
              <button type="button" className="text-conflict" onClick={() => app.run((current) => current.restoreEditLostToKind(node.id, edit.editId))}>
                Make it {withArticle(edit.restoreKind)} again with {fieldName(edit)} {value(edit)}
              </button>
            )}
          </li>
        ))}
        {!readOnly && allowed.has(node.kind) && (
          <li>
            <button type="button" className="text-conflict" onClick={() => app.run((current) => current.changeKind(node.id, node.kind))}>
              Keep it {withArticle(node.kind)} without {node.editsLostToKind.length === 1 ? 'it' : 'them'}
            </button>
          </li>
        )}
      </ul>
    </section>
  );
}
