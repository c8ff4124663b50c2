import type { StateCreator } from 'zustand/vanilla';
import type { AppState, LibrarySlice } from './app-state.js';

export type { LibrarySlice } from './app-state.js';

export const createLibrarySlice: StateCreator<AppState, [], [], LibrarySlice> = (set) => ({
  plans: [],
  setPlans: (plans) => set({ plans }),
});
