import { ShownTitle } from '../outline/ShownText.js';
import { useMemo, useRef } from 'react';
import { useViewLanding } from '../shell/view-landing.js';
import { KIND_LABELS, TASK_STATUSES, shownName, type NodeView } from '../../../shared/model/index.js';
import { optionLabels } from '../detail/field-specs.js';
import { daysFrom, formatCalendarDate, healthLabel, plural } from '../outline/labels.js';
import { PeriodChoice } from '../pulse/PeriodChoice.js';
import { useControllers } from '../session/controller-context.js';
import { useAppStore } from '../store/app-store.js';
import { myWork } from './my-work.js';
import { deviceNames } from '../identity/device-identity.js';
import { removedByName } from '../../../shared/model/removed.js';

function NodeLink({ node }: { node: NodeView }) {
  const { app } = useControllers();
  return (
    <button type="button" className="link-button" onClick={() => app.showInOutline(node.id)}>
      <ShownTitle text={node.title} />
    </button>
  );
}

/** The current person's tasks, blockers and due check-ins. */
export function MyWorkView() {
  const { app } = useControllers();
  const plan = useAppStore((state) => state.plan);
  const planVersion = useAppStore((state) => state.planVersion);
  const identity = useAppStore((state) => state.identity);
  const readOnly = useAppStore((state) => state.readOnlyReason !== null);
  const openDialog = useAppStore((state) => state.openDialog);
  const select = useAppStore((state) => state.select);
  // The outline's period filter, shared with the pulse (review46b F6).
  const period = useAppStore((state) => state.filters.period);
  const personId = app.currentPersonId();
  // Check-ins this device signed with its name before it was linked to the person count as theirs (review39b
  // F5), with any name it had before a rename (leftovers40: renamed before linking, the older name was lost).
  const signedAs = useMemo(() => deviceNames(identity), [identity]);
  const work = useMemo(() => { void planVersion; return plan && personId ? myWork(plan.index, personId, Date.now(), signedAs, period) : null; }, [plan, planVersion, personId, signedAs, period]);
  const heading = useRef<HTMLHeadingElement>(null);
  useViewLanding('mywork', heading, plan !== null);
  if (!plan) return null;
  const person = personId ? plan.index.person(personId) : undefined;
  if (!work || !person) {
    return (
      <div className="mywork">
        <div className="empty-state card">
          <h2 ref={heading} tabIndex={-1}>Whose work?</h2>
          <p>{identity ? `Tell the plan which of its people you are, ${identity.name}.` : 'Tell the plan who you are.'} My work then lists your tasks, blockers and the check-ins you owe.</p>
          <p><button type="button" className="button primary" onClick={() => openDialog('identity')}>Choose who I am</button></p>
        </div>
      </div>
    );
  }
  const checkIn = (node: NodeView) => { select(node.id); openDialog('checkin'); };
  return (
    <div className="mywork">
      <h2 ref={heading} tabIndex={-1}>My work <span className="faint">— <bdi>{shownName(person)}</bdi></span></h2>
      <p className="mywork-period">
        <PeriodChoice plan={plan} planVersion={planVersion} />
        {period !== '' && <span className="muted">{work.outsidePeriod === 0 ? 'Nothing of yours lies outside this period.' : `${plural(work.outsidePeriod, 'more entry', 'more entries')} of yours outside this period: choose “Any period” to see them.`}</span>}
      </p>
      {person.removed && (
        // review38b F6: the list went on as "Carla" after Carla was removed, and nothing said so.
        <p className="mywork-removed" role="status">
          <span><bdi>{person.name}</bdi>, who you are in this plan, was removed{person.removed.by ? <> by <bdi>{person.removed.by === person.id ? 'you' : removedByName(plan.index, person.removed)}</bdi></> : null}.</span>
          {!readOnly && <button type="button" className="button small" onClick={() => app.run((current) => current.restorePerson(person.id))}>Restore {person.name}</button>}
          <button type="button" className="button small" onClick={() => openDialog('identity')}>Choose who I am</button>
        </p>
      )}
      <section className="card mywork-section" aria-label="Check-ins due">
        <h3>Check-ins due <span className="faint">({work.checkInsDue.length})</span></h3>
        {work.checkInsDue.length === 0 && <p className="muted">{period === '' ? 'All caught up: every key result, KPI and initiative you own has a recent check-in.' : 'All caught up in this period: every key result, KPI and initiative of it you own has a recent check-in.'}</p>}
        <ul className="work-list">
          {work.checkInsDue.map(({ node, lastAt }) => (
            <li key={node.id}>
              <span className={`kind-tag kind-${node.kind}`}>{KIND_LABELS[node.kind]}</span>
              <NodeLink node={node} />
              <span className="faint">{lastAt === null ? 'never checked in' : `last check-in ${daysFrom(lastAt, Date.now(), plan.index.timeZone)}`}</span>
              <span className="row-spacer" />
              {!readOnly && <button type="button" className="button small primary" onClick={() => checkIn(node)}>Check in</button>}
            </li>
          ))}
        </ul>
      </section>
      <section className="card mywork-section" aria-label="My tasks">
        <h3>My tasks <span className="faint">({work.tasks.length})</span></h3>
        {work.tasks.length === 0 && <p className="muted">{period === '' ? 'No open tasks assigned to you.' : 'No open tasks assigned to you in this period.'}</p>}
        <ul className="work-list">
          {work.tasks.map((node) => (
            <li key={node.id}>
              <span className={`health-dot health-${node.health}`} role="img" aria-label={healthLabel[node.health]} />
              <NodeLink node={node} />
              <span className="faint">in <ShownTitle text={plan.index.title(node.parent)} /></span>
              {node.fields.dueDate && <span className="faint">· due {formatCalendarDate(node.fields.dueDate)}</span>}
              <span className="row-spacer" />
              <select className="select compact" aria-label={`Status of ${node.title || 'task'}`} value={node.fields.status ?? ''} disabled={readOnly}
                onChange={(event) => app.run((current) => current.updateNode(node.id, { status: (event.target.value || null) as NodeView['fields']['status'] | null }))}>
                <option value="">Not set</option>
                {TASK_STATUSES.map((status) => <option key={status} value={status}>{optionLabels[status]}</option>)}
              </select>
            </li>
          ))}
        </ul>
      </section>
      <section className="card mywork-section" aria-label="My blockers">
        <h3>Blockers <span className="faint">({work.blockers.length})</span></h3>
        {work.blockers.length === 0 && <p className="muted">{period === '' ? 'Nothing of yours is blocked.' : 'Nothing of yours in this period is blocked.'}</p>}
        <ul className="work-list">
          {work.blockers.map(({ node, checkIn }) => (
            <li key={`${node.id}-${checkIn?.id ?? 'status'}`}>
              <span className="signal-badge signal-blocked">Blocked</span>
              <NodeLink node={node} />
              <span className="muted">{checkIn ? checkIn.note || 'raised in a check-in' : node.fields.blockedReason ?? 'status is blocked'}</span>
              <span className="row-spacer" />
              <span className="faint">{checkIn ? daysFrom(checkIn.at, Date.now(), plan.index.timeZone) : node.fields.blockedSince ? `since ${daysFrom(node.fields.blockedSince, Date.now(), plan.index.timeZone)}` : ''}</span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
