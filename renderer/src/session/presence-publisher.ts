import type { StoreApi } from 'zustand/vanilla';
import type { DisposableStore } from '../../../shared/lifecycle/disposable.js';
import { colourForName, formerNamesAfter, readIdentity, writeIdentity, type DeviceIdentity } from '../identity/device-identity.js';
import type { KeyValueStore } from '../library/key-value-store.js';
import type { AppState } from '../store/app-state.js';
import { appInstance } from './app-instance.js';
import type { PlanSessions } from './plan-sessions.js';
import type { PlanIndex } from '../../../shared/model/index.js';
import { reviewStore } from '../review/review-store.js';

/**
 * The person a device that chose `chosen` acts as now: one merged into another (two "Dana"s folded into
 * one, leftovers40) is that one, so the device goes on signing check-ins (a removed person cannot) and My
 * work lists hers.
 */
export function personActingAs(chosen: string, index: Pick<PlanIndex, 'personNow'> | undefined): string {
  return index?.personNow(chosen) ?? chosen;
}


/** Who uses this device (its identity, the person it acts as per plan) and what it shows others. */
export class PresencePublisher {
  constructor(private readonly store: StoreApi<AppState>, private readonly storage: KeyValueStore, private readonly sessions: () => PlanSessions) {}

  private get state(): AppState {
    return this.store.getState();
  }

  /** Reads the stored identity and publishes presence whenever selection, view or identity change. */
  start(disposables: DisposableStore): void {
    this.state.setIdentity(readIdentity(this.storage));
    disposables.defer(this.store.subscribe((state, previous) => {
      if (state.selectedId !== previous.selectedId || state.view !== previous.view || state.identity !== previous.identity
        || state.canvasViewport !== previous.canvasViewport || state.presenting !== previous.presenting
        // fix40c: a merge of "You in this plan" into another person arrived: others see whom this device acts as now.
        || (state.planVersion !== previous.planVersion && this.currentPersonId() !== this.publishedPerson)) this.publish();
    }));
    disposables.defer(reviewStore.subscribe((state, previous) => { if (state.asOf !== previous.asOf) this.publish(); }));
  }

  /** The person id last published in presence (`user.personId`), null when none (fix40c). */
  private publishedPerson: string | null = null;

  /** Who acts on this device: the person chosen in this plan, else the device's name. */
  actor(): string {
    const identity = this.state.identity;
    const planId = this.sessions().planId;
    const person = identity && planId ? identity.personByPlan[planId] : undefined;
    return (person !== undefined ? this.now(person) : undefined) ?? identity?.name ?? 'someone';
  }

  /** Stores who uses this device; `personId` ties them to a person of the open plan. */
  setIdentity(name: string, colour: string, personId: string | null): void {
    const current = this.state.identity;
    const personByPlan = { ...(current?.personByPlan ?? {}) };
    const planId = this.sessions().planId;
    if (planId) {
      if (personId) personByPlan[planId] = personId;
      else delete personByPlan[planId];
    }
    const formerNames = formerNamesAfter(current, name.trim());
    const identity: DeviceIdentity = writeIdentity(this.storage, { name: name.trim(), colour, personByPlan, ...(formerNames.length > 0 ? { formerNames } : {}) });
    this.state.setIdentity(identity);
  }

  /** The person of the open plan this device acts as, if chosen. */
  currentPersonId(): string | null {
    const planId = this.sessions().planId;
    const identity = this.state.identity;
    const person = planId && identity ? identity.personByPlan[planId] : undefined;
    return person !== undefined ? this.now(person) : null;
  }

  private now(person: string): string {
    return personActingAs(person, this.sessions().current?.plan?.index);
  }

  /** Shows others who this is, what they selected and which view they are in. */
  publish(): void {
    const session = this.sessions().current;
    if (!session) return;
    const identity = this.state.identity;
    const name = identity?.name ?? `Guest ${String(session.doc.clientID).slice(-3)}`;
    const personId = this.currentPersonId();
    this.publishedPerson = personId;
    session.setPresence({
      user: { name, colour: identity?.colour ?? colourForName(name), ...(personId ? { personId } : {}) },
      selection: this.state.selectedId,
      view: this.state.view,
      // The canvas's view and presentation mode: what a follower copies (SPEC §3 workshop).
      viewport: this.state.view === 'canvas' ? this.state.canvasViewport : null,
      presenting: this.state.view === 'canvas' && this.state.presenting,
      // The moment shown, when not now: a follower shows the same one (review40b F3).
      asOf: asOfPresence(),
      appInstance,
    });
  }
}

/** The moment the plan is shown as of, as presence carries it (no snapshot: followers have the plan's own). */
function asOfPresence(): { key: string; label: string; at: number } | null {
  const asOf = reviewStore.getState().asOf;
  return asOf ? { key: asOf.key, label: asOf.label, at: asOf.at } : null;
}
