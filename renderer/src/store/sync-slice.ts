import type { StateCreator } from 'zustand/vanilla';
import { localStatus } from '../sync/sync-status.js';
import type { AppState, SyncSlice } from './app-state.js';

export type { SyncSlice } from './app-state.js';

export const createSyncSlice: StateCreator<AppState, [], [], SyncSlice> = (set) => ({
  syncStatus: localStatus,
  peers: [],
  setSyncStatus: (syncStatus) => set({ syncStatus }),
  setPeers: (peers) => set({ peers }),
});
