import type { StateCreator } from 'zustand/vanilla';
import type { AppState, IdentitySlice } from './app-state.js';

export type { IdentitySlice } from './app-state.js';

export const createIdentitySlice: StateCreator<AppState, [], [], IdentitySlice> = (set) => ({
  identity: null,
  setIdentity: (identity) => set({ identity }),
});
