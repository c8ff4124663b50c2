import type { StateCreator } from 'zustand/vanilla';
import type { Plan } from '../../../shared/model/plan.js';
import type { AppState } from './app-store.js';

/** Where opening the current plan stands. */
export type OpenState =
  | { kind: 'closed' }
  | { kind: 'opening'; planId: string; detail: string }
  | { kind: 'open'; planId: string }
  | { kind: 'failed'; planId: string; message: string };

export interface PlanSlice {
  /** The open plan: its operations and its PlanIndex (the derived views). */
  plan: Plan | null;
  /** Bumped whenever the index's views changed, so components re-read them. */
  planVersion: number;
  /** Ids whose view changed in the last refresh (rows re-render only for these). */
  changedIds: ReadonlySet<string>;
  openState: OpenState;
  /** Why the plan cannot be edited here (viewer token, newer schema), or null. */
  readOnlyReason: string | null;
  setPlan(plan: Plan | null, openState: OpenState): void;
  setOpenState(openState: OpenState): void;
  planChanged(changedIds: ReadonlySet<string>): void;
  setReadOnlyReason(reason: string | null): void;
}

export const createPlanSlice: StateCreator<AppState, [], [], PlanSlice> = (set) => ({
  plan: null,
  planVersion: 0,
  changedIds: new Set(),
  openState: { kind: 'closed' },
  readOnlyReason: null,
  setPlan: (plan, openState) => set((state) => ({ plan, openState, planVersion: state.planVersion + 1, changedIds: new Set() })),
  setOpenState: (openState) => set({ openState }),
  planChanged: (changedIds) => set((state) => ({ planVersion: state.planVersion + 1, changedIds })),
  setReadOnlyReason: (readOnlyReason) => set({ readOnlyReason }),
});
