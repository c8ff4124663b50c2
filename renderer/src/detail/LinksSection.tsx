import { ShownTitle } from '../outline/ShownText.js';
import { useMemo, useState } from 'react';
import { KIND_LABELS, type LinkView, type NodeView, type NodeId } from '../../../shared/model/index.js';
import { useControllers } from '../session/controller-context.js';
import { useAppStore } from '../store/app-store.js';
import { foldForSearch } from '../../../shared/text/fold-for-search.js';

const outgoing = { contributes_to: 'Contributes to', depends_on: 'Depends on' } as const;
const incoming = { contributes_to: 'Contributed to by', depends_on: 'Needed by' } as const;

/** Links the tree cannot express, both ways, with a search to add one. */
export function LinksSection({ node, readOnly }: { node: NodeView; readOnly: boolean }) {
  const { app } = useControllers();
  const plan = useAppStore((state) => state.plan);
  const planVersion = useAppStore((state) => state.planVersion);
  const select = useAppStore((state) => state.select);
  const [type, setType] = useState<LinkView['type']>('contributes_to');
  const [query, setQuery] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const candidates = useMemo(() => {
    void planVersion;
    // Compared as Find in the outline and the palette compare (accents, case, invisible characters aside).
    const text = foldForSearch(query).trim();
    if (!plan || text.length < 2) return [];
    const found: { id: NodeId; title: string; kind: string }[] = [];
    for (const id of plan.index.walk()) {
      if (id === node.id) continue;
      const title = plan.index.title(id);
      if (foldForSearch(title).includes(text)) found.push({ id, title, kind: KIND_LABELS[plan.index.node(id)!.kind] });
      if (found.length >= 8) break;
    }
    return found;
  }, [plan, planVersion, query, node.id]);
  if (!plan) return null;
  const from = plan.index.linksFrom(node.id);
  const to = plan.index.linksTo(node.id);
  const title = (id: string) => plan.index.title(id) || 'Untitled';

  const add = (target: NodeId) => {
    const result = app.run((current) => current.link(node.id, type, target), { quiet: true });
    setProblem(result.ok ? null : result.message);
    if (result.ok) setQuery('');
  };

  return (
    <section className="detail-section" aria-label="Links">
      <h3>Links</h3>
      {from.length + to.length === 0 && <p className="faint">No links. Link an initiative to the key results it serves, or work to what it depends on.</p>}
      <ul className="link-list">
        {from.map((link) => (
          <li key={link.key}>
            <span className="link-type">{outgoing[link.type]}</span>
            <button type="button" className="link-button" onClick={() => select(link.to)}>{title(link.to)}</button>
            {!readOnly && <button type="button" className="button small ghost" aria-label={`Remove link to ${title(link.to)}`} onClick={() => app.run((current) => current.unlink(link.from, link.type, link.to))}>✕</button>}
          </li>
        ))}
        {to.map((link) => (
          <li key={link.key}>
            <span className="link-type">{incoming[link.type]}</span>
            <button type="button" className="link-button" onClick={() => select(link.from)}>{title(link.from)}</button>
          </li>
        ))}
      </ul>
      {!readOnly && (
        <div className="link-add">
          <select className="select" aria-label="Link type" value={type} onChange={(event) => setType(event.target.value as LinkView['type'])}>
            <option value="contributes_to">Contributes to</option>
            <option value="depends_on">Depends on</option>
          </select>
          <input className="input" aria-label="Find an item to link" placeholder="Find an item to link…" value={query} onChange={(event) => { setQuery(event.target.value); setProblem(null); }} />
          {candidates.length > 0 && (
            <ul className="link-candidates" aria-label="Matching items">
              {candidates.map((candidate) => (
                <li key={candidate.id}><button type="button" className="link-button" onClick={() => add(candidate.id)}><ShownTitle text={candidate.title} /> <span className="faint">· {candidate.kind}</span></button></li>
              ))}
            </ul>
          )}
          {problem && <span className="field-error" role="alert">{problem}</span>}
        </div>
      )}
    </section>
  );
}
