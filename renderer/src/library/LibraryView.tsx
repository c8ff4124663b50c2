import { OpenPlanFileButton } from '../files/OpenPlanFileButton.js';
import { useEffect, useRef, useState } from 'react';
import { useViewLanding } from '../shell/view-landing.js';
import { desktopApi } from '../bridge/host.js';
import { memoryStorageReason } from '../persistence/memory-storage.js';
import { useControllers } from '../session/controller-context.js';
import { useAppStore } from '../store/app-store.js';
import { HostedWorkspaces } from '../host/HostedWorkspaces.js';
import { LocalPlanRow } from './LocalPlanRow.js';
import { WorkspaceSection } from './WorkspaceSection.js';

/** Where "New plan" puts a plan: the value of the "Where" select. */
const thisDevice = '';

/**
 * The start page: the joined workspaces with their plans, then the plans on this device only, kept
 * clearly apart. "New plan" creates in the workspace the user is in by default.
 */
export function LibraryView() {
  const { app, library } = useControllers();
  const plans = useAppStore((state) => state.plans);
  const workspaces = useAppStore((state) => state.workspaces);
  const openDialog = useAppStore((state) => state.openDialog);
  const notify = useAppStore((state) => state.notify);
  const [newName, setNewName] = useState('');
  const [about, setAbout] = useState('');
  const editable = workspaces.filter((listing) => listing.role !== 'viewer').map((listing) => listing.workspace);
  const [where, setWhere] = useState<string | null>(null);
  // "Go to all plans" from the palette or the menu: the plan's page went with the focus (leftovers45a).
  const heading = useRef<HTMLHeadingElement>(null);
  useViewLanding('library', heading);
  // New plans go where the user is: the first workspace they can edit, unless they chose otherwise.
  const target = where ?? editable[0] ?? thisDevice;
  useEffect(() => {
    const host = desktopApi();
    host.appVersion().then((version) => setAbout(`Throughline ${version} · ${host.host === 'electron' ? 'desktop app' : 'browser mode'}`), () => setAbout(''));
  }, []);

  const create = () => {
    library.createPlan(newName || 'Untitled plan', target === thisDevice ? undefined : target).then(
      () => setNewName(''),
      (error: unknown) => notify({ text: error instanceof Error ? error.message : String(error), tone: 'error' }),
    );
  };

  const joined = new Set(workspaces.map((listing) => listing.workspace));
  const localOnly = plans.filter((entry) => !entry.workspace || !joined.has(entry.workspace));
  return (
    <section className="library" aria-labelledby="library-title">
      <div className="library-head">
        <div>
          <h2 id="library-title" ref={heading} tabIndex={-1}>Plans</h2>
          <p className="muted">{memoryStorageReason() === null
            ? 'Every plan is stored on this device and works offline. Plans in a workspace sync with everyone in it.'
            : 'This browser stores nothing on this device: plans are kept in this window until it closes. Plans in a workspace sync with everyone in it while you are connected.'}</p>
        </div>
        <div className="library-actions">
          <button type="button" className="button" onClick={() => { library.openSamplePlan().catch((error: unknown) => notify({ text: String(error), tone: 'error' })); }}>Open sample plan</button>
          <button type="button" className="button" onClick={() => openDialog('join')}>Join a workspace</button>
          <OpenPlanFileButton />
          {desktopApi().host === 'electron' && <button type="button" className="button" onClick={() => app.showWorkshop()}>Host a workshop…</button>}
        </div>
      </div>
      <HostedWorkspaces />
      <form className="new-plan card" onSubmit={(event) => { event.preventDefault(); create(); }}>
        <label htmlFor="new-plan-name" className="visually-hidden">New plan name</label>
        <input id="new-plan-name" className="input" placeholder="Name a new plan, e.g. FY2027 strategy" value={newName} onChange={(event) => setNewName(event.target.value)} />
        {editable.length > 0 && (
          <>
            <label htmlFor="new-plan-where" className="visually-hidden">Where the new plan goes</label>
            <select id="new-plan-where" className="input select" value={target} onChange={(event) => setWhere(event.target.value)}>
              {editable.map((workspace) => <option key={workspace} value={workspace}>In workspace {workspace}</option>)}
              <option value={thisDevice}>On this device only</option>
            </select>
          </>
        )}
        <button type="submit" className="button primary">New plan</button>
      </form>
      {workspaces.map((listing) => (
        <WorkspaceSection key={listing.workspace} listing={listing} localPlans={plans.filter((entry) => entry.workspace === listing.workspace)} />
      ))}
      {localOnly.length === 0 && workspaces.length === 0 ? (
        <div className="empty-state card">
          <h2>No plans yet</h2>
          <p>Create a plan, open the sample company to look around, or join a workshop with the link you were given.</p>
        </div>
      ) : localOnly.length > 0 && (
        <section className="card device-plans" aria-labelledby="device-plans-title">
          <h3 id="device-plans-title" className="device-plans-title">On this device only</h3>
          <ul className="plan-list" aria-label="Plans on this device">
            {localOnly.map((entry) => <LocalPlanRow key={entry.id} entry={entry} moveTargets={entry.workspace ? [] : editable} />)}
          </ul>
        </section>
      )}
      {about && <p className="library-about muted">{about}</p>}
    </section>
  );
}
