import { Fragment, useEffect, useRef, useState, type ReactNode } from 'react';
import type { TokenRole } from '../../../shared/sync/token.js';
import type { WorkspaceView } from '../../../shared/workspace/host-api.js';
import { IsolatedList, Sentence } from '../text/Isolated.js';
import { describeRooms, sinceLabel, type ConnectedDevice } from './host-view.js';

interface ConnectedPeopleProps {
  devices: readonly ConnectedDevice[];
  plans: WorkspaceView['plans'];
  loaded: boolean;
  /** The instance of the app showing this list (the host's own row), when known. */
  ownInstance?: string | null;
  /** Revokes the row's access: the link(s) it joined with and the personal link it holds. */
  onRevoke: (device: ConnectedDevice, who: string) => void;
  /** Gives the row a new role at once; `revokeLink` also revokes the link it joined with. */
  onChangeRole: (device: ConnectedDevice, role: TokenRole, who: string, revokeLink: boolean) => void;
}

/** Which row asks for a confirmation, and of what. */
interface Confirming {
  readonly key: string;
  readonly action: 'revoke' | 'make-viewer';
}

/**
 * Who is connected now, one row per participant, each with its role as a control ("Make editor" at
 * once; "Make viewer…" asks first, as it takes rights away) and "Revoke access". Revoking acts on the
 * link the participant joined with, so the confirmation names everyone else on that link: they lose
 * access too. Making someone a viewer says what it cannot guarantee: they may still hold their editor
 * link, and offers revoking it, naming whoever else it would cut off.
 */
export function ConnectedPeople({ devices, plans, loaded, ownInstance = null, onRevoke, onChangeRole }: ConnectedPeopleProps) {
  const [confirming, setConfirming] = useState<Confirming | null>(null);
  const confirmation = useRef<HTMLDivElement>(null);
  // The button that opened a confirmation is replaced by it: keyboard focus moves to its first choice.
  useEffect(() => { confirmation.current?.querySelector('button')?.focus(); }, [confirming]);
  const now = Date.now();
  const nameOf = (device: ConnectedDevice) => (device.names.length > 0 ? device.names.join(', ') : 'Someone not named yet');
  // Names are what participants announced: each shown in its own bidi isolate (Isolated).
  const shownName = (device: ConnectedDevice) => (device.names.length > 0 ? <IsolatedList texts={device.names} /> : 'Someone not named yet');
  const shownNames = (others: readonly ConnectedDevice[]): ReactNode => others.map((other, index) => <Fragment key={other.key}>{index > 0 ? ', ' : ''}{shownName(other)}</Fragment>);
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
              // Who else holds a link revoking this row's would revoke (the joined-with link is usually shared).
              const links = new Set([...device.joinedWithLinkIds, ...device.linkIds]);
              const sharing = devices.filter((other) => other.key !== device.key && [...other.linkIds, ...other.joinedWithLinkIds].some((link) => links.has(link)));
              const who = nameOf(device);
              const asking = confirming?.key === device.key ? confirming.action : null;
              const close = () => setConfirming(null);
              // The host's own app: making it a viewer would take away their own editing (the server refuses it too).
              const own = ownInstance !== null && device.instance === ownInstance;
              return (
                <tr key={device.key} aria-label={own ? `${who} (you, this window)` : who}>
                  <th scope="row">{shownName(device)}{own && <span className="muted"> (you, this window)</span>}</th>
                  <td>
                    <div className="host-role">
                      <span>{device.role === 'editor' ? 'Editor' : 'Viewer'}</span>
                      {device.role === 'viewer'
                        ? <button type="button" className="button small" onClick={() => { close(); onChangeRole(device, 'editor', who, false); }} aria-label={`Make editor: ${who}`}>Make editor</button>
                        : own ? <span className="muted">You host from here: you stay an editor</span>
                          : asking !== 'make-viewer' && <button type="button" className="button small" onClick={() => setConfirming({ key: device.key, action: 'make-viewer' })} aria-label={`Make viewer: ${who}…`}>Make viewer…</button>}
                    </div>
                  </td>
                  <td><Sentence text={describeRooms(device.rooms, plans)} /></td>
                  <td>{device.device || 'Unknown device'} · {device.ip}</td>
                  <td>{sinceLabel(device.since, now)}</td>
                  <td className="host-actions">
                    {asking === 'revoke' ? (
                      <div ref={confirmation} className="host-confirm" role="group" aria-label={`Confirm revoking ${who}`}>
                        <span>{sharing.length > 0
                          ? <>This link is also used by {shownNames(sharing)}: they lose access too.</>
                          : <>{shownName(device)} is disconnected at once.</>}</span>
                        <button type="button" className="button small danger" onClick={() => { close(); onRevoke(device, who); }}>Revoke access</button>
                        <button type="button" className="button small" onClick={close}>Keep</button>
                      </div>
                    ) : asking === 'make-viewer' ? (
                      <div ref={confirmation} className="host-confirm" role="group" aria-label={`Confirm making ${who} a viewer`}>
                        <span>{shownName(device)} can only look from now on, in every plan open.</span>
                        <span>{sharing.length > 0
                          ? <>They may keep the editor link they joined with, shared with {shownNames(sharing)}: with it they could come back as an editor. To be sure, revoke that link; that also disconnects {shownNames(sharing)}.</>
                          : <>If they keep a copy of the editor link they joined with, they could come back with it as an editor. To be sure, revoke that link too.</>}</span>
                        <button type="button" className="button small" onClick={() => { close(); onChangeRole(device, 'viewer', who, false); }}>Make viewer</button>
                        <button type="button" className="button small danger" onClick={() => { close(); onChangeRole(device, 'viewer', who, true); }}>Make viewer and revoke the link</button>
                        <button type="button" className="button small" onClick={close}>Keep as editor</button>
                      </div>
                    ) : (
                      <button type="button" className="button small" onClick={() => setConfirming({ key: device.key, action: 'revoke' })} aria-label={`Revoke access of ${who}`}>Revoke…</button>
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
