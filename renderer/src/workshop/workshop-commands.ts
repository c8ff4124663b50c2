/** Plan ▸ Host a workshop… in the command registry (the desktop menu, the palette and the library share it). */
import { desktopApi } from '../bridge/host.js';
import { allViews, defineCommand, type AnyCommand } from '../commands/command.js';

export const workshopCommands: readonly AnyCommand[] = [
  defineCommand({ id: 'plan.hostWorkshop', label: 'Host a workshop…', surface: 'window', views: allViews, menu: 'file',
    unavailable: () => (desktopApi().host === 'electron' ? null : 'Hosting a workshop needs the desktop app; in a browser, run the sync server and open its host link.'),
    perform: ({ app }) => app.showWorkshop() }),
];
