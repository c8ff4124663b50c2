import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useModalDialog } from '../shell/use-modal-dialog.js';
import { useControllers } from '../session/controller-context.js';
import { useAppStore } from '../store/app-store.js';
import type { AnyCommand } from './command.js';
import { fuzzyFilter } from './fuzzy.js';
import { currentView } from './registry.js';
import { isComposingKey } from '../text/composing';

/**
 * The command palette (Ctrl/Cmd+K): a search field over the labels of the commands of this view,
 * fuzzy matched; Enter runs the highlighted one. Commands that cannot run now are listed disabled,
 * with the reason (a viewer sees "You are a viewer…" next to every change).
 */
export function CommandPalette({ onClose }: { onClose: () => void }) {
  const { commands: registry } = useControllers();
  const view = useAppStore(currentView);
  useAppStore((state) => state.readOnlyReason);
  useAppStore((state) => state.selectedId);
  const dialogRef = useRef<HTMLDialogElement>(null);
  useModalDialog(dialogRef);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const candidates = useMemo(() => registry.forView(view).filter((command) => command.palette !== false), [registry, view]);
  const shown = fuzzyFilter(candidates, query, (command) => command.label);
  const activeIndex = Math.min(active, Math.max(0, shown.length - 1));

  const run = (command: AnyCommand) => {
    // The palette is the open dialog: its own commands are not "behind" it.
    if (!registry.availability(command, { fromDialog: true }).enabled) return;
    onClose();
    // After the dialog has closed and given focus back, so the command acts where the person was.
    queueMicrotask(() => registry.perform(command, 'palette', { fromDialog: true }));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (isComposingKey(event)) return;
    if (event.key === 'ArrowDown') { event.preventDefault(); setActive((activeIndex + 1) % Math.max(1, shown.length)); }
    else if (event.key === 'ArrowUp') { event.preventDefault(); setActive((activeIndex - 1 + shown.length) % Math.max(1, shown.length)); }
    else if (event.key === 'Enter') { event.preventDefault(); const command = shown[activeIndex]; if (command) run(command); }
  };

  return (
    <dialog ref={dialogRef}
      className="dialog command-palette" aria-label="Command palette" onCancel={(event) => { event.preventDefault(); onClose(); }}>
      <div className="dialog-body">
        <h2 className="visually-hidden">Command palette</h2>
        <input className="input" type="text" role="combobox" aria-label="Search commands" placeholder="Type a command…" autoFocus
          aria-expanded="true" aria-controls="command-palette-list" aria-autocomplete="list"
          aria-activedescendant={shown[activeIndex] ? `command-${shown[activeIndex].id}` : undefined}
          value={query} onChange={(event) => { setQuery(event.target.value); setActive(0); }} onKeyDown={onKeyDown} />
        <ul id="command-palette-list" role="listbox" aria-label="Commands" className="command-list">
          {shown.map((command, index) => {
            const availability = registry.availability(command, { fromDialog: true });
            const keys = registry.keyLabels(command.id);
            return (
              <li key={command.id} id={`command-${command.id}`} role="option" aria-selected={index === activeIndex} aria-disabled={!availability.enabled}
                className="command-option" onMouseMove={() => setActive(index)} onClick={() => run(command)}>
                <span className="command-label">{command.label}</span>
                {!availability.enabled && <span className="command-reason">{availability.reason}</span>}
                {keys.length > 0 && <span className="command-keys">{keys.map((key) => <kbd key={key}>{key}</kbd>)}</span>}
              </li>
            );
          })}
          {shown.length === 0 && <li role="option" aria-disabled="true" aria-selected="false" className="command-option">No command matches “{query}”.</li>}
        </ul>
      </div>
    </dialog>
  );
}
