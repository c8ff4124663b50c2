import { useState } from 'react';
import { useControllers } from '../session/controller-context.js';
import { ShareLinkField } from '../shell/ShareLinkField.js';
import { SyncStatusText } from '../shell/SyncStatusPill.js';
import { statusExplanation } from '../sync/sync-status.js';
import type { PlanEntry } from './plan-library.js';
import type { WorkspaceListing } from './workspace-directory.js';
import { WorkspacePlanRow } from './WorkspacePlanRow.js';
import { naturalCompare } from '../outline/labels.js';

/**
 * A joined workspace: its plans as its directory lists them (and any plan this device put there that
 * the directory has not confirmed yet), its sync status, and its link to share.
 */
export function WorkspaceSection({ listing, localPlans }: { listing: WorkspaceListing; localPlans: readonly PlanEntry[] }) {
  const { app } = useControllers();
  const [sharing, setSharing] = useState(false);
  const headingId = `workspace-${listing.workspace}`;
  const byId = new Map(localPlans.map((entry) => [entry.id, entry]));
  const rows = listing.plans.map((entry) => ({ id: entry.id, name: entry.name }));
  const listed = new Set(rows.map((row) => row.id));
  for (const entry of localPlans) if (!listed.has(entry.id)) rows.push({ id: entry.id, name: entry.name });
  rows.sort((a, b) => naturalCompare(a.name, b.name) || a.id.localeCompare(b.id));
  const link = sharing ? app.joining.workspaceLink(listing.workspace) : null;
  return (
    <section className="workspace card" aria-labelledby={headingId}>
      <div className="workspace-head">
        <div>
          <h3 id={headingId}>Workspace “{listing.workspace}”</h3>
          <p className="muted" title={statusExplanation(listing.status)}>
            {listing.server} · {listing.role === 'viewer' ? 'view only' : 'you can edit'} · <span data-testid={`workspace-status-${listing.workspace}`}><SyncStatusText status={listing.status} /></span>
          </p>
        </div>
        <button type="button" className="button small" aria-expanded={sharing} onClick={() => setSharing(!sharing)}>Share workspace</button>
      </div>
      {listing.status.phase.kind === 'refused' && <p className="workspace-refused" role="alert">Not syncing. {statusExplanation(listing.status)}</p>}
      {link && <ShareLinkField label="Workspace link" link={link} hint={`Opens every plan of workspace "${listing.workspace}".`} />}
      {rows.length === 0 ? (
        <p className="muted workspace-empty">{listing.status.phase.kind !== 'synced' ? 'Fetching the list of plans…' : 'No plans in this workspace yet.'}</p>
      ) : (
        <ul className="plan-list" aria-label={`Plans in workspace ${listing.workspace}`}>
          {rows.map((row) => (
            <WorkspacePlanRow key={row.id} workspace={listing.workspace} id={row.id} name={row.name} local={byId.get(row.id)}
              listed={listed.has(row.id)} canEdit={listing.role === 'editor'} />
          ))}
        </ul>
      )}
    </section>
  );
}
