import { OpenPlanFileButton } from '../files/OpenPlanFileButton.js';
import { useEffect, useState } from 'react';
import { desktopApi } from '../bridge/host.js';
import { useControllers } from '../session/controller-context.js';
import { useAppStore } from '../store/app-store.js';
import type { PlanEntry } from './plan-library.js';

function PlanRow({ entry }: { entry: PlanEntry }) {
  const { app, library } = useControllers();
  const notify = useAppStore((state) => state.notify);
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(entry.name);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const fail = (error: unknown) => notify({ text: error instanceof Error ? error.message : String(error), tone: 'error' });

  const saveName = () => {
    setRenaming(false);
    if (name.trim() === entry.name) return;
    library.renamePlan(entry.id, name).catch((error: unknown) => { setName(entry.name); fail(error); });
  };

  return (
    <li className="plan-row" aria-label={entry.name}>
      <div className="plan-main">
        {renaming ? (
          <input className="input" aria-label="Plan name" value={name} autoFocus onChange={(event) => setName(event.target.value)}
            onBlur={saveName} onKeyDown={(event) => { if (event.key === 'Enter') saveName(); if (event.key === 'Escape') { setName(entry.name); setRenaming(false); } }} />
        ) : (
          <a className="plan-open" href={`#/plan/${entry.id}/outline`}>{entry.name}</a>
        )}
        <span className="plan-meta">
          {entry.workspace ? <span className="badge synced">Syncs in {entry.workspace}</span> : <span className="badge">This device only</span>}
          <span className="faint">Opened {new Date(entry.openedAt).toLocaleString()}</span>
        </span>
      </div>
      <div className="plan-actions">
        {confirmDelete ? (
          <>
            <span className="muted">Delete this plan from this device?</span>
            <button type="button" className="button small danger" onClick={() => { library.deletePlan(entry.id).catch(fail); }}>Delete</button>
            <button type="button" className="button small" onClick={() => setConfirmDelete(false)}>Keep</button>
          </>
        ) : (
          <>
            <button type="button" className="button small ghost" onClick={() => setRenaming(true)}>Rename</button>
            <button type="button" className="button small ghost" onClick={() => { library.duplicatePlan(entry.id).then(() => notify({ text: `Duplicated "${entry.name}".`, tone: 'info' }), fail); }}>Duplicate</button>
            <button type="button" className="button small ghost danger" onClick={() => setConfirmDelete(true)}>Delete</button>
          </>
        )}
      </div>
      {app.planId === entry.id && <span className="visually-hidden">open</span>}
    </li>
  );
}

/** The plans on this device: create, open, rename, duplicate, delete; the sample plan; joining. */
export function LibraryView() {
  const { library } = useControllers();
  const plans = useAppStore((state) => state.plans);
  const openDialog = useAppStore((state) => state.openDialog);
  const notify = useAppStore((state) => state.notify);
  const [newName, setNewName] = useState('');
  const [about, setAbout] = useState('');
  useEffect(() => {
    const host = desktopApi();
    host.appVersion().then((version) => setAbout(`Throughline ${version} · ${host.host === 'electron' ? 'desktop app' : 'browser mode'}`), () => setAbout(''));
  }, []);

  const create = () => {
    try {
      library.createPlan(newName || 'Untitled plan');
      setNewName('');
    } catch (error) {
      notify({ text: error instanceof Error ? error.message : String(error), tone: 'error' });
    }
  };

  return (
    <section className="library" aria-labelledby="library-title">
      <div className="library-head">
        <div>
          <h2 id="library-title">Plans</h2>
          <p className="muted">Plans are stored on this device and work offline. Join a server to edit one together.</p>
        </div>
        <div className="library-actions">
          <button type="button" className="button" onClick={() => { library.openSamplePlan().catch((error: unknown) => notify({ text: String(error), tone: 'error' })); }}>Open sample plan</button>
          <button type="button" className="button" onClick={() => openDialog('join')}>Join a server</button>
          <OpenPlanFileButton />
        </div>
      </div>
      <form className="new-plan card" onSubmit={(event) => { event.preventDefault(); create(); }}>
        <label htmlFor="new-plan-name" className="visually-hidden">New plan name</label>
        <input id="new-plan-name" className="input" placeholder="Name a new plan, e.g. FY2027 strategy" value={newName} onChange={(event) => setNewName(event.target.value)} />
        <button type="submit" className="button primary">New plan</button>
      </form>
      {plans.length === 0 ? (
        <div className="empty-state card">
          <h2>No plans yet</h2>
          <p>Create a plan, open the sample company to look around, or join a workshop with the link you were given.</p>
        </div>
      ) : (
        <ul className="plan-list card" aria-label="Plans on this device">
          {plans.map((entry) => <PlanRow key={entry.id} entry={entry} />)}
        </ul>
      )}
      {about && <p className="library-about faint">{about}</p>}
    </section>
  );
}
