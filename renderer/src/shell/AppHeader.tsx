import { FileMenu } from '../files/FileMenu.js';
import { useControllers } from '../session/controller-context.js';
import { useAppStore } from '../store/app-store.js';
import { planViews, viewLabels } from '../store/ui-slice.js';
import { Avatar } from './Avatar.js';
import { PresenceAvatars } from './PresenceAvatars.js';
import { SyncStatusPill } from './SyncStatusPill.js';

/**
 * The header's ↶/↷: the registry's Undo and Redo, disabled with its reason when there is nothing to take
 * back, their keys as this platform writes them (⌘Z on a Mac, Ctrl+Z elsewhere).
 */
function UndoButton({ id, symbol }: { id: 'edit.undo' | 'edit.redo'; symbol: string }) {
  const { commands, app } = useControllers();
  const command = commands.get(id);
  if (!command) return null;
  // The header is never inside a dialog: what it shows once the dialog closes is what counts (the click
  // itself goes through the whole gate).
  const availability = commands.availability(command, { fromDialog: true });
  const keys = commands.keyLabels(id).join(' or ');
  // Named by its step (review38b F4): "Undo the due date of “Open a Munich office” (Ctrl+Z)".
  const step = availability.enabled ? app.nextStepWords(id === 'edit.undo' ? 'undo' : 'redo') : null;
  const title = `${command.label}${step ? ` ${step}` : ''}${keys ? ` (${keys})` : ''}${availability.enabled ? '' : `: ${availability.reason.replace(/\.$/, '').toLowerCase()}`}`;
  return <button type="button" className="button small" onClick={() => commands.performById(id, 'button')} disabled={!availability.enabled} aria-label={command.label} title={title}>{symbol}</button>;
}

/** The top bar: product, plan name, views, undo/redo, sync status, presence, sharing and identity. */
export function AppHeader() {
  const { app } = useControllers();
  const openState = useAppStore((state) => state.openState);
  const view = useAppStore((state) => state.view);
  const identity = useAppStore((state) => state.identity);
  const openDialog = useAppStore((state) => state.openDialog);
  const planName = useAppStore((state) => (state.plan ? state.plan.index.summary().name : null));
  useAppStore((state) => state.planVersion);
  const readOnly = useAppStore((state) => state.readOnlyReason !== null);
  const isOpen = openState.kind === 'open';
  // While a plan opens from its stored first screen, its name and views are already there.
  const firstScreenName = useAppStore((state) => (state.openState.kind === 'opening' && state.firstScreen?.planId === state.openState.planId ? state.firstScreen.name : null));
  const showsPlan = isOpen || firstScreenName !== null;

  return (
    <header className="app-header">
      <a href="#/" className="brand-link" aria-label="All plans" title="All plans">
        <img src="./icon.svg" alt="" />
      </a>
      <h1>Throughline</h1>
      {showsPlan && <span className="plan-name" title={planName ?? firstScreenName ?? ''}>{planName ?? firstScreenName}</span>}
      {showsPlan && openState.kind !== 'closed' && openState.kind !== 'failed' && (
        <nav className="view-tabs" aria-label="Views">
          {planViews.map((name) => (
            <a key={name} href={`#/plan/${openState.planId}/${name}`} aria-current={view === name ? 'page' : undefined}
              onClick={(event) => { event.preventDefault(); app.setView(name); }}>
              {viewLabels[name]}
            </a>
          ))}
        </nav>
      )}
      <span className="spacer" />
      {isOpen && (
        <>
          {!readOnly && (
            <>
              <UndoButton id="edit.undo" symbol="↶" />
              <UndoButton id="edit.redo" symbol="↷" />
            </>
          )}
          <FileMenu />
          <SyncStatusPill />
          <PresenceAvatars />
          <button type="button" className="button small" onClick={() => openDialog('share')}>Share</button>
        </>
      )}
      <button type="button" className="identity-chip" onClick={() => openDialog('identity')} aria-label={identity ? `You are ${identity.name}: change` : 'Who are you? Set your name'}>
        {identity ? <Avatar name={identity.name} colour={identity.colour} /> : <span className="avatar" style={{ background: '#5b6477' }}>?</span>}
        <span>{identity ? identity.name : 'Who am I?'}</span>
      </button>
    </header>
  );
}
