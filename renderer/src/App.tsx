import { useWindowKeys } from './commands/use-window-keys.js';
import { HostScreen } from './host/HostScreen.js';
import { WorkshopScreen } from './workshop/WorkshopScreen.js';
import { LibraryView } from './library/LibraryView.js';
import { useControllers } from './session/controller-context.js';
import { AppHeader } from './shell/AppHeader.js';
import { Dialogs } from './shell/Dialogs.js';
import { Notices } from './shell/Notices.js';
import { RemovedSelfNotice } from './identity/RemovedSelfNotice.js';
import { RenamesOnDeletedNotice } from './outline/RenamesOnDeletedNotice.js';
import { PlanBanners } from './shell/PlanBanners.js';
import { PlanViews } from './shell/PlanViews.js';
import { FirstScreenView } from './shell/FirstScreenView.js';
import { useLiveViewsBehind } from './shell/use-live-views-behind.js';
import { useAppStore } from './store/app-store.js';
import { dismissPaintedFirstScreen } from './first-screen-painter/first-screen-painter.js';
import { useLayoutEffect } from 'react';

/** The application shell: header with plan, views, sync and presence; the current view; dialogs. */
export function App() {
  const { app, commands } = useControllers();
  // The live views of an opened plan are rendered behind its stored first screen (use-live-views-behind.ts).
  const { openState, firstScreen } = useLiveViewsBehind({
    openState: useAppStore((state) => state.openState),
    firstScreen: useAppStore((state) => state.firstScreen),
  });
  const hostScreen = useAppStore((state) => state.hostScreen);
  const workshopScreen = useAppStore((state) => state.workshopScreen);
  // Undo/redo, the palette (Ctrl/Cmd+K) and the keyboard help (?) come from the command registry.
  useWindowKeys(commands);
  // The first screen painted by the page's entry gives way to the app's first screen (which takes it
  // over), and to anything else the app shows once the plan is open or could not be opened.
  useLayoutEffect(() => {
    if (openState.kind === 'open' || openState.kind === 'failed') dismissPaintedFirstScreen();
  }, [openState.kind]);

  return (
    <div className="app-shell" data-testid="app-shell">
      <AppHeader />
      {openState.kind === 'open' && <PlanBanners />}
      <main className="app-main">
        {openState.kind === 'closed' && (workshopScreen ? <WorkshopScreen /> : hostScreen === null ? <LibraryView /> : <HostScreen workspace={hostScreen} />)}
        {openState.kind === 'opening' && firstScreen?.planId === openState.planId && <FirstScreenView firstScreen={firstScreen} detail={openState.detail} />}
        {openState.kind === 'opening' && firstScreen?.planId !== openState.planId && (
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
      {openState.kind === 'open' && <RemovedSelfNotice />}
      {openState.kind === 'open' && <RenamesOnDeletedNotice />}
    </div>
  );
}
