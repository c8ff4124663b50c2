import '../host/host.css';
import './workshop.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import { parseWorkspaceId } from '../../../shared/model/ids.js';
import { workshopServer, type WorkshopStatus } from '../../../shared/bridge/workshop.js';
import { desktopApi } from '../bridge/host.js';
import { HostPanel } from '../host/HostPanel.js';
import { useControllers } from '../session/controller-context.js';
import { useAppStore } from '../store/app-store.js';
import { BridgeHostClient } from './bridge-host-client.js';
import { keepWorkshopPlans } from './keep-workshop-plans.js';
import { useWorkshop } from './use-workshop.js';

type Hosting = Extract<WorkshopStatus, { state: 'hosting' }>;

/**
 * Plan ▸ Host a workshop (`#/workshop`): the desktop app runs the sync server on the LAN. Stopped: pick
 * the address participants can reach (the default route's first) and start. Hosting: where it runs, the
 * host screen (links with QR codes, who joined, revoke), opening the plans here too, and stopping —
 * after which everyone keeps the plans on their own device.
 */
export function WorkshopScreen() {
  const { app } = useControllers();
  const workshop = useWorkshop();
  const { status } = workshop;
  const back = <p><a className="button ghost" href="#/" onClick={(event) => { event.preventDefault(); app.navigate({ kind: 'library' }); }}>← Back to plans</a></p>;
  return (
    <div className="host-screen workshop-screen">
      <div className="host-screen-nav">{back}</div>
      <h2 className="workshop-title">Host a workshop</h2>
      {workshop.problem && <p className="host-problem" role="alert">{workshop.problem}</p>}
      {status === null && <p className="muted" role="status">Asking the app…</p>}
      {status?.state === 'stopped' && <StartWorkshop status={status} busy={workshop.busy} onStart={workshop.start} />}
      {status?.state === 'hosting' && <RunningWorkshop status={status} busy={workshop.busy} onStop={workshop.stop} onMove={workshop.start} />}
    </div>
  );
}

function StartWorkshop({ status, busy, onStart }: { status: Extract<WorkshopStatus, { state: 'stopped' }>; busy: boolean; onStart: (address: string | undefined) => void }) {
  const [address, setAddress] = useState<string>(status.addresses.find((candidate) => candidate.preferred)?.address ?? '');
  return (
    <section className="card host-section" aria-labelledby="workshop-start-title">
      <h3 id="workshop-start-title">Run the workshop from this computer</h3>
      <p className="muted">People in the room join from their app or a browser with a link you hand out. Their changes and yours are kept on this computer and on each of theirs; when you stop, everyone keeps the plans.</p>
      {status.problem && <p className="host-problem" role="alert">{status.problem}</p>}
      {status.addresses.length > 0 && (
        <form className="host-mint" onSubmit={(event) => { event.preventDefault(); onStart(address || undefined); }}>
          <div className="field">
            <label htmlFor="workshop-address">Participants reach this computer at</label>
            <select id="workshop-address" className="input select" value={address} onChange={(event) => setAddress(event.target.value)}>
              {status.addresses.map((candidate) => (
                <option key={`${candidate.interfaceName}-${candidate.address}`} value={candidate.address}>
                  {candidate.address} ({candidate.interfaceName}{candidate.preferred ? ', the network this computer is online through' : ''})
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button primary" disabled={busy}>{busy ? 'Starting…' : 'Start hosting'}</button>
        </form>
      )}
    </section>
  );
}

function RunningWorkshop({ status, busy, onStop, onMove }: { status: Hosting; busy: boolean; onStop: () => void; onMove: (address: string) => void }) {
  const { app } = useControllers();
  const notify = useAppStore((state) => state.notify);
  const joined = useAppStore((state) => state.workspaces.some((listing) => listing.workspace === status.workspace));
  const client = useMemo(() => new BridgeHostClient(desktopApi()), []);
  const [joining, setJoining] = useState(false);
  // The host opens the plans with an editor link of their own, so revoking anyone else never cuts them off.
  const openPlansHere = () => {
    setJoining(true);
    client.mintLink(status.workspace, { role: 'editor', ttlSeconds: 30 * 86_400 }).then(
      (link) => {
        app.join({ server: workshopServer(status), workspace: parseWorkspaceId(status.workspace), token: link.token });
        // To the plans: the workshop's appear there once the join is checked; this screen stays in the menu.
        app.navigate({ kind: 'library' });
      },
      (error: unknown) => notify({ text: error instanceof Error ? error.message : String(error), tone: 'error' }),
    ).finally(() => setJoining(false));
  };
  // Moved to another address or port ("Host on … instead", or the last port refused): the host's own plans
  // follow, instead of staying connected to an address nothing answers any more (leftovers46b).
  // Run for a new address or workspace only, not for each poll's new status object.
  const latest = useRef(status);
  latest.current = status;
  const { hostUrl, workspace } = status;
  useEffect(() => {
    const now = latest.current;
    app.followWorkshop(now).catch((error: unknown) => notify({ text: `Your workshop plans could not follow the workshop to ${now.address}: ${error instanceof Error ? error.message : String(error)}`, tone: 'error' }));
  }, [app, notify, hostUrl, workspace]);
  const listing = useAppStore((state) => state.workspaces.find((candidate) => candidate.workspace === status.workspace));
  const [keeping, setKeeping] = useState(false);
  // Everyone keeps the plans: participants have them already; the host gets what they did not have open.
  const stop = () => {
    const connection = app.connections.forWorkspace(status.workspace);
    const plans = (listing?.plans ?? []).map((plan) => plan.id);
    if (!connection || plans.length === 0) { onStop(); return; }
    setKeeping(true);
    keepWorkshopPlans(plans, connection).then(({ missed }) => {
      if (missed.length > 0) notify({ text: `${missed.length} of the workshop's plans could not be brought to this computer before stopping; they stay in the workshop's storage for next time.`, tone: 'error' });
    }, (error: unknown) => notify({ text: `The workshop's plans could not all be kept here: ${error instanceof Error ? error.message : String(error)}`, tone: 'error' }))
      .finally(() => { setKeeping(false); onStop(); });
  };
  return (
    <>
      <section className="card host-section workshop-running" aria-labelledby="workshop-running-title">
        <h3 id="workshop-running-title">Hosting on {status.address}, port {status.port}</h3>
        <p className="muted">Keep this computer awake and on this network while the workshop runs. Browsers open the links below from this computer.</p>
        {status.problem && <p className="host-problem" role="alert">{status.problem}</p>}
        {status.newAddress && (
          <p><button type="button" className="button primary" disabled={busy || keeping} onClick={() => onMove(status.newAddress!)}>{busy ? 'Moving…' : `Host on ${status.newAddress} instead`}</button></p>
        )}
        <div className="workshop-actions">
          {joined
            ? <button type="button" className="button" onClick={() => app.navigate({ kind: 'library' })}>Go to the workshop's plans</button>
            : <button type="button" className="button" disabled={joining} onClick={openPlansHere}>Open the workshop's plans on this computer</button>}
          <button type="button" className="button danger" disabled={busy || keeping} onClick={stop}>{keeping ? 'Keeping the plans here…' : busy ? 'Stopping…' : 'Stop hosting'}</button>
        </div>
      </section>
      <HostPanel serverUrl={status.hostUrl} workspace={status.workspace} appUrl={status.hostUrl} client={client} />
    </>
  );
}
