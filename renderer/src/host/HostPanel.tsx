import './host.css';
import { useEffect, useState } from 'react';
import type { TokenRole } from '../../../shared/sync/token.js';
import { defaultLinkTtlSeconds, type MintedLinkAnswer, type RevokeAnswer, type WorkspaceView } from '../../../shared/workspace/host-api.js';
import { buildJoinLink } from '../sync/join-link.js';
import { ShareLinkField } from '../shell/ShareLinkField.js';
import { ConnectedPeople } from './ConnectedPeople.js';
import { HostApiError, type HostClient } from './host-client.js';
import { ownAppInstance } from './own-instance.js';
import { groupConnections, webSocketAddressOf, type ConnectedDevice } from './host-view.js';
import { formatDayTime } from '../outline/labels.js';
import { appendAll } from '../../../shared/collections/long-lists.js';

export interface HostPanelProps {
  /** The sync server's http(s) address, e.g. `http://127.0.0.1:4455`. */
  serverUrl: string;
  /** The workspace to host. */
  workspace: string;
  /** Base of the join links handed out (default: the sync server, which serves the web app). */
  appUrl?: string;
  /**
   * How the panel reaches the host API: HTTP with the host key in the browser (HostScreen), IPC in the
   * desktop app, whose main process adds the key so the page never holds it (WorkshopScreen).
   */
  client: HostClient;
  /** How often the list of who is connected is refreshed. */
  refreshMs?: number;
}

const lifetimes: readonly { label: string; seconds: number }[] = [
  { label: '8 hours', seconds: defaultLinkTtlSeconds },
  { label: '1 day', seconds: 86_400 },
  { label: '7 days', seconds: 7 * 86_400 },
  { label: '30 days', seconds: 30 * 86_400 },
];

/**
 * The host's screen for one workspace of the server they run: who is connected now (name, role, what
 * they have open, device, since when), new editor and viewer links with a QR code, making one person
 * an editor or a viewer at once, and revoking a link: its connections close at once and those people
 * are told the host revoked their link.
 */
export function HostPanel({ serverUrl, workspace, appUrl, client: api, refreshMs = 2_000 }: HostPanelProps) {
  const [view, setView] = useState<WorkspaceView | null>(null);
  // What went wrong reading the list (cleared by the next read that works) and with the host's last
  // action (kept until the next action: the list is read every two seconds, and a failed click's reason
  // was gone before anyone could read it).
  const [problem, setProblem] = useState<string | null>(null);
  const [actionProblem, setActionProblem] = useState<string | null>(null);
  const [role, setRole] = useState<TokenRole>('editor');
  const [ttl, setTtl] = useState(defaultLinkTtlSeconds);
  const [minted, setMinted] = useState<MintedLinkAnswer[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [refreshes, setRefreshes] = useState(0);
  // This app's own row (the host's): it is not offered "Make viewer…", and the server refuses it too.
  // Worked out in the page with a pure SHA-256, so it holds where Web Crypto is not given (plain http).
  const [ownInstance] = useState<string>(() => ownAppInstance());

  useEffect(() => {
    let current = true;
    const load = () => api.workspace(workspace).then(
      (next) => { if (current) { setView(next); setProblem(null); } },
      (error: unknown) => { if (current) setProblem(error instanceof Error ? error.message : String(error)); },
    );
    void load();
    const timer = setInterval(() => { void load(); }, refreshMs);
    return () => { current = false; clearInterval(timer); };
  }, [api, workspace, refreshMs, refreshes]);

  const fail = (error: unknown) => setActionProblem(error instanceof Error ? error.message : String(error));
  const mint = () => {
    setActionProblem(null);
    api.mintLink(workspace, { role, ttlSeconds: ttl }).then((link) => {
      setMinted((links) => [link, ...links]);
      setNotice(`New ${link.role} link created.`);
    }, fail);
  };
  const revoke = (linkId: string, who: string) => {
    setActionProblem(null);
    api.revoke(linkId).then((answer) => {
      const said = answer.closed > 0
        ? `Revoked ${who}: ${answer.closed === 1 ? '1 connection was' : `${answer.closed} connections were`} closed. That link no longer opens the workspace.`
        : `Revoked ${who}. That link no longer opens the workspace.`;
      setNotice([said, ...unknownLinkNotes([answer])].join(' '));
      setMinted((links) => links.filter((link) => link.linkId !== linkId));
      setRefreshes((count) => count + 1);
    }, fail);
  };

  /**
   * "Revoke…" on a row: the link(s) they joined with, and the personal link a role change handed them
   * (so they are disconnected now and cannot come back with either). The notice says what was revoked.
   */
  const revokeAccess = (device: ConnectedDevice, who: string) => {
    setActionProblem(null);
    const links = [...new Set([...device.joinedWithLinkIds, ...device.linkIds])];
    revokeAll(api, links).then((answers) => {
      const closed = answers.reduce((sum, answer) => sum + answer.closed, 0);
      setNotice(`Revoked ${who}${closed > 0 ? `: ${closedCount(closed)} closed` : ''}. ${describeRevocations(answers, device.joinedWithLinkIds)}`);
      setMinted((minted) => minted.filter((link) => !links.includes(link.linkId)));
      setRefreshes((count) => count + 1);
    }, fail);
  };

  /**
   * Gives one row a new role (an app by the instance the server bound its connections to, with the
   * row's connections, which must all be the app's; a client bound to none by its connections); with
   * `revokeLink`, the link(s) it joined with are revoked afterwards (the row itself is on its personal
   * link by then, when its app could be handed one). The notice says how many connections changed when
   * that is not what the row showed.
   */
  const changeRole = (device: ConnectedDevice, to: TokenRole, who: string, revokeLink: boolean) => {
    const participant = device.instance !== null ? { instance: device.instance, connections: [...device.connectionIds] } : { connections: [...device.connectionIds] };
    const fromHost = { hostInstance: ownInstance };
    setActionProblem(null);
    void api.changeRole(workspace, { role: to, ...participant, ...fromHost }).then(async (answer) => {
      const parts = [`${who} ${answer.changed === 0 ? 'was not changed' : `is now ${to === 'editor' ? 'an editor' : 'a viewer'}`}${answer.told > 0 || answer.changed === 0 ? '' : ' while connected (their app cannot be handed a link of the new role: when it reconnects, its own link decides)'}.`];
      if (answer.changed !== device.connections) parts.push(describeCountMismatch(answer.changed, device.connections));
      if (answer.revokedLinkIds.length > 0) parts.push('The personal link made for them before was revoked.');
      if (revokeLink) {
        const answers = await revokeAll(api, device.joinedWithLinkIds);
        const closed = answers.reduce((sum, answer) => sum + answer.closed, 0);
        parts.push(describeRevocations(answers, device.joinedWithLinkIds));
        if (closed > 0) parts.push(`${closedCount(closed)} closed.`);
        setMinted((minted) => minted.filter((link) => !device.joinedWithLinkIds.includes(link.linkId)));
      }
      setNotice(parts.join(' '));
      setRefreshes((count) => count + 1);
    }).catch((error: unknown) => {
      // The row was older than the list: an app that reloaded is a new app instance (a row of its own).
      if (error instanceof HostApiError && error.status === 404) {
        setActionProblem(`${who} is no longer connected as this row showed (their app may have reloaded or left). The list is brought up to date: use their row again.`);
        setRefreshes((count) => count + 1);
      } else fail(error);
    });
  };

  const server = webSocketAddressOf(serverUrl);
  const linkBase = appUrl ?? new URL('/', serverUrl).href;
  const joinLinkOf = (link: MintedLinkAnswer) => buildJoinLink(linkBase, { server, workspace, token: link.token });
  const devices: ConnectedDevice[] = view ? groupConnections(view) : [];
  const planCount = view ? view.plans.filter((plan) => plan.removed === null).length : 0;

  return (
    <section className="host-panel" aria-labelledby="host-panel-title">
      <div className="host-head">
        <h2 id="host-panel-title">Hosting workspace “{workspace}”</h2>
        <p className="muted">{serverUrl} · {view ? `${planCount === 1 ? '1 plan' : `${planCount} plans`} · ${devices.length === 1 ? '1 person connected' : `${devices.length} people connected`}` : 'Reading the workspace…'}</p>
      </div>
      {problem && <p className="host-problem" role="alert">{problem}</p>}
      {actionProblem && <p className="host-problem" role="alert">{actionProblem}</p>}
      <p className="visually-hidden" role="status" aria-live="polite">{notice ?? ''}</p>
      {notice && <p className="host-notice" aria-hidden="true">{notice}</p>}

      <section className="card host-section" aria-labelledby="host-invite-title">
        <h3 id="host-invite-title">Invite people</h3>
        <form className="host-mint" onSubmit={(event) => { event.preventDefault(); mint(); }}>
          <div className="field">
            <label htmlFor="host-role">They can</label>
            <select id="host-role" className="input select" value={role} onChange={(event) => setRole(event.target.value === 'viewer' ? 'viewer' : 'editor')}>
              <option value="editor">Edit the plans</option>
              <option value="viewer">Only view the plans</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="host-ttl">Link works for</label>
            <select id="host-ttl" className="input select" value={ttl} onChange={(event) => setTtl(Number(event.target.value))}>
              {lifetimes.map((lifetime) => <option key={lifetime.seconds} value={lifetime.seconds}>{lifetime.label}</option>)}
            </select>
          </div>
          <button type="submit" className="button primary">Create link</button>
        </form>
        {minted.map((link, index) => (
          <div key={link.linkId} className="host-minted">
            {index === 0
              ? <ShareLinkField label={`${link.role === 'editor' ? 'Editor' : 'Viewer'} link`} link={joinLinkOf(link)} hint={`Anyone with it can ${link.role === 'editor' ? 'edit' : 'view'} the workspace's plans until ${formatDayTime(link.expiresAt * 1000)}. Link ${link.linkId}.`} />
              : <p className="muted">Earlier {link.role} link {link.linkId}, until {formatDayTime(link.expiresAt * 1000)}</p>}
            <button type="button" className="button small danger" onClick={() => revoke(link.linkId, `link ${link.linkId}`)}>Revoke link {link.linkId}</button>
          </div>
        ))}
      </section>

      <ConnectedPeople devices={devices} plans={view?.plans ?? []} loaded={view !== null} ownInstance={ownInstance} onRevoke={revokeAccess} onChangeRole={changeRole} />
    </section>
  );
}

/** Revokes each link in turn (the host API takes one at a time). */
async function revokeAll(api: HostClient, links: readonly string[]): Promise<RevokeAnswer[]> {
  const answers: RevokeAnswer[] = [];
  for (const link of links) answers.push(await api.revoke(link));
  return answers;
}

/**
 * What revoking did, in the host's words, from the server's answers: a link the server says was
 * revoked before (`revoked: false`) is not called revoked now.
 */
export function describeRevocations(answers: readonly RevokeAnswer[], joinedWith: readonly string[]): string {
  const name = (answer: RevokeAnswer) => `${joinedWith.includes(answer.linkId) ? 'the link they joined with' : 'their personal link'} (${answer.linkId})`;
  const now = answers.filter((answer) => answer.revoked).map(name);
  const before = answers.filter((answer) => !answer.revoked).map(name);
  const parts: string[] = [];
  if (now.length > 0) parts.push(`Revoked ${now.join(' and ')}: ${now.length === 1 ? 'it no longer opens' : 'they no longer open'} the workspace.`);
  if (before.length > 0) parts.push(`${capitalise(before.join(' and '))} ${before.length === 1 ? 'was' : 'were'} already revoked.`);
  appendAll(parts, unknownLinkNotes(answers));
  return parts.join(' ');
}

/**
 * The server's word on a link it did not make (a mistyped id, a token signed elsewhere) or cannot tell
 * about (scaled out): the host is not left believing a real link was revoked (usercheck6 F7).
 */
export function unknownLinkNotes(answers: readonly RevokeAnswer[]): string[] {
  return answers.filter((answer) => answer.known !== true).map((answer) => `Careful: ${answer.note ?? `the server does not know link ${answer.linkId}.`}`);
}

const closedCount = (closed: number) => (closed === 1 ? '1 connection was' : `${closed} connections were`);

/** The role change reached another number of connections than the host's row showed. */
function describeCountMismatch(changed: number, shown: number): string {
  return changed > shown
    ? `That was ${changed} of their connections, not the ${shown} the list showed: the app opened more since (the list is brought up to date).`
    : `Only ${changed} of the ${shown} connections the list showed were still open to change (the others closed meanwhile).`;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
