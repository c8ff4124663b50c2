import type { StateCreator } from 'zustand/vanilla';
import type { AppState, PlanSlice } from './app-state.js';

export type { OpenState, PlanSlice } from './app-state.js';

export const createPlanSlice: StateCreator<AppState, [], [], PlanSlice> = (set) => ({
  plan: null,
  planVersion: 0,
  changedIds: new Set(),
  openState: { kind: 'closed' },
  readOnlyReason: null,
  firstScreen: null,
  setFirstScreen: (firstScreen) => set({ firstScreen }),
  setPlan: (plan, openState) => set((state) => ({ plan, openState, planVersion: state.planVersion + 1, changedIds: new Set(), firstScreen: null })),
  setOpenState: (openState) => set({ openState }),
  planChanged: (changedIds) => set((state) => ({ planVersion: state.planVersion + 1, changedIds })),
  setReadOnlyReason: (readOnlyReason) => set({ readOnlyReason }),
});
