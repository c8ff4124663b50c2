import type { StateCreator } from 'zustand/vanilla';
import type { AppState, LibrarySlice } from './app-state.js';

export type { LibrarySlice } from './app-state.js';

export const createLibrarySlice: StateCreator<AppState, [], [], LibrarySlice> = (set) => ({
  plans: [],
  workspaces: [],
  joinAttempt: null,
  setPlans: (plans) => set({ plans }),
  setWorkspaces: (workspaces) => set({ workspaces }),
  setJoinAttempt: (joinAttempt) => set({ joinAttempt }),
});
