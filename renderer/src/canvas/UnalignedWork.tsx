import { ShownTitle } from '../outline/ShownText.js';
import { useAppStore } from '../store/app-store.js';
import type { NodeId } from '../../../shared/model/index.js';

/** Active work with no path to a key result or objective, listed apart from the cascade. */
export function UnalignedWork({ items }: { items: readonly { id: NodeId; kind: string; title: string }[] }) {
  const select = useAppStore((state) => state.select);
  const selectedId = useAppStore((state) => state.selectedId);
  return (
    <aside className="unaligned-work" aria-label="Unaligned work">
      <h3>Unaligned work ({items.length})</h3>
      {items.length === 0 ? <p>All active work leads to a key result or objective.</p> : (
        <ul>
          {items.slice(0, 100).map((item) => (
            <li key={item.id}>
              <button type="button" className="link-button" aria-current={item.id === selectedId ? 'true' : undefined} onClick={() => select(item.id)}>
                <span className="unaligned-kind">{item.kind}</span> <ShownTitle text={item.title} />
              </button>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
