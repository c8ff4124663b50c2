import { DetailPanel } from '../detail/DetailPanel.js';
import { useAppStore } from '../store/app-store.js';
import { OutlineToolbar } from './OutlineToolbar.js';
import { OutlineTree } from './OutlineTree.js';

/** The outline editor with the selected node's details beside it. */
export function OutlineView() {
  const readOnly = useAppStore((state) => state.readOnlyReason !== null);
  return (
    <div className="outline-layout">
      <section className="outline-pane" aria-label="Outline">
        <OutlineToolbar />
        <OutlineTree />
        {!readOnly && <p id="outline-keys" className="outline-help faint">
          <kbd>Enter</kbd> new line · <kbd>Tab</kbd>/<kbd>Shift+Tab</kbd> level · <kbd>Ctrl+Enter</kbd> child · <kbd>F2</kbd> rename · <kbd>Alt+↑↓</kbd> move · <kbd>C</kbd> check in · <kbd>Del</kbd> delete · <kbd>Ctrl+Z</kbd> undo · <kbd>Esc</kbd> leave
        </p>}
      </section>
      <DetailPanel />
    </div>
  );
}
