import type { StateCreator } from 'zustand/vanilla';
import type { PlanEntry } from '../library/plan-library.js';
import type { AppState } from './app-store.js';

export interface LibrarySlice {
  /** Plans on this device, most recently opened first. */
  plans: readonly PlanEntry[];
  setPlans(plans: readonly PlanEntry[]): void;
}

export const createLibrarySlice: StateCreator<AppState, [], [], LibrarySlice> = (set) => ({
  plans: [],
  setPlans: (plans) => set({ plans }),
});
