import { useMemo, useState } from 'react';
import { parseWorkspaceId } from '../../../shared/model/ids.js';
import { useControllers } from '../session/controller-context.js';
import { useAppStore } from '../store/app-store.js';
import { HostPanel } from './HostPanel.js';
import { HttpHostClient } from './host-client.js';
import { webSocketAddressOf } from './host-view.js';

/**
 * The host screen of the app (`#/host/<workspace>`): the HostPanel for a workspace whose host key this
 * device holds, and a way for the host to open the workspace's plans here too.
 */
export function HostScreen({ workspace }: { workspace: string }) {
  const { app } = useControllers();
  const workspaces = useAppStore((state) => state.workspaces);
  const notify = useAppStore((state) => state.notify);
  const hosting = app.hosting.forWorkspace(workspace);
  const [joining, setJoining] = useState(false);
  const serverUrl = hosting?.serverUrl, key = hosting?.key;
  // One client while the address and key stay: the panel reloads its list whenever its client changes.
  const client = useMemo(() => (serverUrl === undefined || key === undefined ? null : new HttpHostClient(serverUrl, key)), [serverUrl, key]);
  const back = <p><a className="button ghost" href="#/" onClick={(event) => { event.preventDefault(); app.navigate({ kind: 'library' }); }}>← Back to plans</a></p>;
  if (!hosting || !client) {
    return (
      <div className="empty-state" role="alert">
        <h2>This device does not host workspace “{workspace}”</h2>
        <p>Open the host link that <code>npm start</code> printed on the host's computer; it holds the key that lets this device manage the workspace.</p>
        {back}
      </div>
    );
  }
  const joined = workspaces.some((listing) => listing.workspace === workspace);
  // The host opens the plans with an editor link of their own, so revoking anyone else never cuts them off.
  const openPlansHere = () => {
    setJoining(true);
    client.mintLink(workspace, { role: 'editor', ttlSeconds: 30 * 86_400 }).then(
      (link) => {
        // To the library, where the join is checked and the workspace's plans then show.
        app.navigate({ kind: 'library' });
        app.join({ server: webSocketAddressOf(hosting.serverUrl), workspace: parseWorkspaceId(workspace), token: link.token });
      },
      (error: unknown) => notify({ text: error instanceof Error ? error.message : String(error), tone: 'error' }),
    ).finally(() => setJoining(false));
  };
  return (
    <div className="host-screen">
      <div className="host-screen-nav">
        {back}
        {!joined && <button type="button" className="button" disabled={joining} onClick={openPlansHere}>Open the workspace's plans on this device</button>}
      </div>
      <HostPanel serverUrl={hosting.serverUrl} workspace={workspace} client={client} />
    </div>
  );
}
