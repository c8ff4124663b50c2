import { useEffect } from 'react';
import { LibraryView } from './library/LibraryView.js';
import { useControllers } from './session/controller-context.js';
import { AppHeader } from './shell/AppHeader.js';
import { Dialogs } from './shell/Dialogs.js';
import { Notices } from './shell/Notices.js';
import { PlanBanners } from './shell/PlanBanners.js';
import { PlanViews } from './shell/PlanViews.js';
import { useAppStore } from './store/app-store.js';

/** True when a keyboard event happens in a text field, where the browser's own undo applies. */
function inTextField(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || target.matches('input, textarea, select'));
}

/** The application shell: header with plan, views, sync and presence; the current view; dialogs. */
export function App() {
  const { app } = useControllers();
  const openState = useAppStore((state) => state.openState);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || inTextField(event.target)) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) { event.preventDefault(); app.undo(); }
      else if ((key === 'z' && event.shiftKey) || key === 'y') { event.preventDefault(); app.redo(); }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [app]);

  return (
    <div className="app-shell" data-testid="app-shell">
      <AppHeader />
      {openState.kind === 'open' && <PlanBanners />}
      <main className="app-main">
        {openState.kind === 'closed' && <LibraryView />}
        {openState.kind === 'opening' && (
          <div className="empty-state" role="status" aria-busy="true"><h2>Opening plan</h2><p>{openState.detail}</p></div>
        )}
        {openState.kind === 'failed' && (
          <div className="empty-state" role="alert">
            <h2>This plan could not be opened</h2>
            <p>{openState.message}</p>
            <p><button type="button" className="button" onClick={() => app.navigate({ kind: 'library' })}>Back to plans</button></p>
          </div>
        )}
        {openState.kind === 'open' && <PlanViews />}
      </main>
      <Dialogs />
      <Notices />
    </div>
  );
}
