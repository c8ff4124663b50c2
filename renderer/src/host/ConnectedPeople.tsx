import { Fragment, useState } from 'react';
import type { WorkspaceView } from '../../../shared/workspace/host-api.js';
import { IsolatedList, Sentence } from '../text/Isolated.js';
import { describeRooms, sinceLabel, type ConnectedDevice } from './host-view.js';

interface ConnectedPeopleProps {
  devices: readonly ConnectedDevice[];
  plans: WorkspaceView['plans'];
  loaded: boolean;
  onRevoke: (linkId: string, who: string) => void;
}

/**
 * Who is connected now, one row per participant, each with "Revoke access". Revoking acts on the link the
 * participant joined with, so the confirmation names everyone else on that link: they lose access too.
 */
export function ConnectedPeople({ devices, plans, loaded, onRevoke }: ConnectedPeopleProps) {
  const [confirming, setConfirming] = useState<string | null>(null);
  const now = Date.now();
  const nameOf = (device: ConnectedDevice) => (device.names.length > 0 ? device.names.join(', ') : 'Someone not named yet');
  // Names are what participants announced: each shown in its own bidi isolate (Isolated).
  const shownName = (device: ConnectedDevice) => (device.names.length > 0 ? <IsolatedList texts={device.names} /> : 'Someone not named yet');
  return (
    <section className="card host-section" aria-labelledby="host-connected-title">
      <h3 id="host-connected-title">Connected now</h3>
      {!loaded ? <p className="muted">Reading who is connected…</p> : devices.length === 0 ? <p className="muted">Nobody is connected right now.</p> : (
        <table className="host-table">
          <thead>
            <tr><th scope="col">Person</th><th scope="col">Role</th><th scope="col">Has open</th><th scope="col">Device</th><th scope="col">Since</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr>
          </thead>
          <tbody>
            {devices.map((device) => {
              const sharing = devices.filter((other) => other.linkId === device.linkId && other.key !== device.key);
              const who = nameOf(device);
              return (
                <tr key={device.key} aria-label={who}>
                  <th scope="row">{shownName(device)}</th>
                  <td>{device.role === 'editor' ? 'Editor' : 'Viewer'}</td>
                  <td><Sentence text={describeRooms(device.rooms, plans)} /></td>
                  <td>{device.device || 'Unknown device'} · {device.ip}</td>
                  <td>{sinceLabel(device.since, now)}</td>
                  <td className="host-actions">
                    {confirming === device.key ? (
                      <div className="host-confirm" role="group" aria-label={`Confirm revoking ${who}`}>
                        <span>{sharing.length > 0
                          ? <>This link is also used by {sharing.map((other, index) => <Fragment key={other.key}>{index > 0 ? ', ' : ''}{shownName(other)}</Fragment>)}: they lose access too.</>
                          : <>{shownName(device)} is disconnected at once.</>}</span>
                        <button type="button" className="button small danger" onClick={() => { setConfirming(null); onRevoke(device.linkId, who); }}>Revoke access</button>
                        <button type="button" className="button small" onClick={() => setConfirming(null)}>Keep</button>
                      </div>
                    ) : (
                      <button type="button" className="button small" onClick={() => setConfirming(device.key)} aria-label={`Revoke access of ${who}`}>Revoke…</button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
