import { useState } from 'react';
import { isWorkspaceId } from '../../../shared/model/ids.js';
import { parseJoinHash, parseServerAddress, type JoinRequest } from '../sync/join-link.js';

/** Reads a pasted join link, or a server address + workspace + token typed by hand. */
export function readServerForm(link: string, server: string, workspace: string, token: string): { request: JoinRequest } | { problem: string } {
  if (link.trim().length > 0) {
    const hashAt = link.indexOf('#');
    const parsed = parseJoinHash(hashAt >= 0 ? link.slice(hashAt) : `#${link.trim()}`);
    if (parsed.kind === 'join') return { request: parsed.request };
    if (parsed.kind === 'invalid') return { problem: parsed.problem };
    return { problem: 'That is not a join link. A join link contains "#join?server=…".' };
  }
  const address = parseServerAddress(server);
  if ('problem' in address) return address;
  // Typed by a person: the workspace id is checked here, where it enters.
  const workspaceId = workspace.trim();
  if (!isWorkspaceId(workspaceId)) return { problem: 'The workspace is 1–64 letters, digits, "-" or "_".' };
  if (token.trim().length === 0) return { problem: 'Paste the token the host gave you.' };
  return { request: { server: address.server, workspace: workspaceId, token: token.trim() } };
}

export interface ServerFormState {
  link: string;
  server: string;
  workspace: string;
  token: string;
}

/** The fields of "join a server": a link, or the three parts by hand. */
export function ServerFields({ value, onChange, error }: { value: ServerFormState; onChange: (value: ServerFormState) => void; error: string | null }) {
  const [byHand, setByHand] = useState(false);
  return (
    <>
      {!byHand && (
        <div className="field">
          <label htmlFor="join-link">Join link</label>
          <input id="join-link" className="input" value={value.link} placeholder="http://…#join?server=…&workspace=…&token=…" autoFocus
            aria-invalid={error ? true : undefined} onChange={(event) => onChange({ ...value, link: event.target.value })} />
          <button type="button" className="button ghost small" onClick={() => { setByHand(true); onChange({ ...value, link: '' }); }}>Enter server address and token instead</button>
        </div>
      )}
      {byHand && (
        <>
          <div className="field">
            <label htmlFor="join-server">Server address</label>
            <input id="join-server" className="input" value={value.server} placeholder="ws://192.168.1.20:4455" autoFocus onChange={(event) => onChange({ ...value, server: event.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="join-workspace">Workspace</label>
            <input id="join-workspace" className="input" value={value.workspace} onChange={(event) => onChange({ ...value, workspace: event.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="join-token">Token</label>
            <input id="join-token" className="input" value={value.token} onChange={(event) => onChange({ ...value, token: event.target.value })} />
          </div>
        </>
      )}
      {error && <span className="field-error" role="alert">{error}</span>}
    </>
  );
}

export const emptyServerForm: ServerFormState = { link: '', server: '', workspace: '', token: '' };
