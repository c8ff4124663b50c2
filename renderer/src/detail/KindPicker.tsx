import { KIND_LABELS, ROOT_ID, fieldAllowed, kindsAllowedAt, type NodeKind, type NodeView } from '../../../shared/model/index.js';
import { useControllers } from '../session/controller-context.js';
import { appStore, useAppStore } from '../store/app-store.js';
import { fieldSpecs } from './field-specs.js';

/**
 * The node's kind, changeable to the kinds the cascade allows where it stands (under its parent, above
 * its children). Fields the new kind does not have are cleared by the model; the message names them,
 * so nothing is lost silently, and Undo brings them back.
 */
/** "a key result", "an initiative". */
const withArticle = (kind: NodeKind) => `${/^[aeiou]/i.test(KIND_LABELS[kind]) ? 'an' : 'a'} ${KIND_LABELS[kind]}`;

export function KindPicker({ node, readOnly }: { node: NodeView; readOnly: boolean }) {
  const { app } = useControllers();
  const plan = useAppStore((state) => state.plan);
  const parentKind = node.parent === ROOT_ID ? ROOT_ID : plan?.index.node(node.parent)?.kind ?? ROOT_ID;
  const childKinds = node.childIds.flatMap((id) => plan?.index.node(id)?.kind ?? []);
  const allowed = kindsAllowedAt(parentKind, childKinds);
  // A node a merge left where its kind does not belong (its "Out of place" signal) keeps its own kind listed,
  // so the picker shows what it is, and offers the kinds that would fit (review33 F3).
  const kinds = allowed.includes(node.kind) ? allowed : [node.kind, ...allowed];
  const tag = <span className={`kind-tag kind-${node.kind}`}>{KIND_LABELS[node.kind]}</span>;
  if (readOnly || allowed.length === 0 || kinds.length <= 1) return tag;

  const change = (kind: NodeKind) => {
    const cleared = Object.keys(node.fields).filter((field) => node.fields[field as keyof typeof node.fields] !== undefined && !fieldAllowed(kind, field));
    const result = app.run((current) => current.changeKind(node.id, kind));
    if (!result.ok) return;
    const names = cleared.map((field) => fieldSpecs[field as keyof typeof fieldSpecs]?.label ?? field);
    appStore.getState().notify({
      text: `Now ${withArticle(kind)}.${names.length > 0 ? ` Cleared what ${withArticle(kind)} does not have: ${names.join(', ')}.` : ''}`,
      tone: 'info',
      action: { label: 'Undo', run: () => app.undo() },
    });
  };
  return (
    <select className={`kind-picker kind-tag kind-${node.kind}`} aria-label="Kind" title="Change the kind (only the kinds allowed here are listed)"
      value={node.kind} onChange={(event) => change(event.target.value as NodeKind)}>
      {kinds.map((kind) => <option key={kind} value={kind}>{KIND_LABELS[kind]}</option>)}
    </select>
  );
}
