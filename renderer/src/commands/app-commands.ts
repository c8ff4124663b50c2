import { planViews } from '../store/app-state.js';
import { viewLabels } from '../store/ui-slice.js';
import { landInView } from '../shell/view-landing.js';
import { allViews, defineCommand, planViewNames, type AnyCommand } from './command.js';

/** Commands of the whole window: undo/redo, the palette and help, going to views, sharing, identity. */
export const appCommands: readonly AnyCommand[] = [
  defineCommand({ id: 'edit.undo', label: 'Undo', surface: 'window', views: planViewNames, keys: { all: ['Mod+z'] }, writes: true, menu: 'edit', inTextField: 'undo',
    unavailable: ({ app }) => (app.canUndo() ? null : 'Nothing to undo.'),
    perform: ({ app }) => app.undo() }),
  defineCommand({ id: 'edit.redo', label: 'Redo', surface: 'window', views: planViewNames, keys: { all: ['Mod+Shift+z', 'Mod+y'] }, writes: true, menu: 'edit', inTextField: 'redo',
    unavailable: ({ app }) => (app.canRedo() ? null : 'Nothing to redo.'),
    perform: ({ app }) => app.redo() }),
  defineCommand({ id: 'app.commandPalette', label: 'Command palette…', surface: 'window', views: allViews, keys: { all: ['Mod+k'] }, palette: false, menu: 'view',
    perform: ({ state }) => state.openDialog('palette') }),
  defineCommand({ id: 'app.keyboardHelp', label: 'Keyboard shortcuts', surface: 'window', views: allViews, keys: { all: ['?'] }, menu: 'help', hint: 'all keys',
    perform: ({ state }) => state.openDialog('keyboard-help') }),
  ...planViews.map((view) => defineCommand({
    id: `view.${view}`, label: `Go to ${viewLabels[view]}`, surface: 'window', views: planViewNames, menu: 'view',
    unavailable: ({ state }) => (state.view === view ? `${viewLabels[view]} is already shown.` : null),
    // The view's keyboard surface takes the focus once drawn (the canvas: review43a F6), not the tab the view change leaves it on.
    perform: ({ app }) => { landInView(view); app.setView(view); },
  })),
  defineCommand({ id: 'app.allPlans', label: 'Go to all plans', surface: 'window', views: planViewNames, menu: 'file',
    perform: ({ app }) => { landInView('library'); app.navigate({ kind: 'library' }); } }),
  defineCommand({ id: 'plan.share', label: 'Share this plan…', surface: 'window', views: planViewNames, menu: 'file',
    perform: ({ state }) => state.openDialog('share') }),
  defineCommand({ id: 'app.identity', label: 'Who am I…', surface: 'window', views: allViews, menu: 'file',
    perform: ({ state }) => state.openDialog('identity') }),
];
