import { useControllers } from '../session/controller-context.js';
import { Dialog } from '../shell/Dialog.js';
import { useAppStore } from '../store/app-store.js';
import type { AnyCommand, SurfaceName } from './command.js';
import { currentView } from './registry.js';

const surfaceTitles: Record<SurfaceName, string> = {
  window: 'Anywhere in the window',
  outline: 'In the outline',
  canvas: 'On the canvas',
  canvasFind: 'In the Find field, on the canvas',
  checkInForm: 'In the check-in form',
};

/** The keyboard help (?): every key of this view, grouped by where it is heard, from the registry. */
export function KeyboardHelp({ onClose }: { onClose: () => void }) {
  const { commands: registry } = useControllers();
  const view = useAppStore(currentView);
  useAppStore((state) => state.readOnlyReason);
  // A command is listed wherever its keys are heard: F3 in the Find field and anywhere in the window (alsoHeard).
  const groups = new Map<SurfaceName, AnyCommand[]>();
  for (const command of registry.forView(view)) {
    for (const surface of registry.surfacesOf(command.id)) {
      if (registry.keyLabels(command.id, surface).length > 0) groups.set(surface, [...(groups.get(surface) ?? []), command]);
    }
  }

  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose} actions={<button type="button" className="button primary" onClick={onClose}>Close</button>}>
      {[...groups].map(([surface, commands]) => (
        <section key={surface} aria-labelledby={`keys-${surface}`} className="keyboard-help-group">
          <h3 id={`keys-${surface}`}>{surfaceTitles[surface] ?? surface}</h3>
          <dl className="keyboard-help">
            {commands.map((command) => {
              const availability = registry.availability(command);
              return (
                <div key={command.id} className="keyboard-help-row" data-disabled={!availability.enabled || undefined}>
                  <dt>{registry.keyLabels(command.id, surface).map((key) => <kbd key={key}>{key}</kbd>)}</dt>
                  <dd>{command.label}{command.writes && !availability.enabled && <span className="command-reason"> — {availability.reason}</span>}</dd>
                </div>
              );
            })}
          </dl>
        </section>
      ))}
    </Dialog>
  );
}
