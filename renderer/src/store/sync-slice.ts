import type { StateCreator } from 'zustand/vanilla';
import type { Peer } from '../sync/presence.js';
import { localStatus, type SyncStatus } from '../sync/sync-status.js';
import type { AppState } from './app-store.js';

export interface SyncSlice {
  syncStatus: SyncStatus;
  peers: readonly Peer[];
  setSyncStatus(status: SyncStatus): void;
  setPeers(peers: readonly Peer[]): void;
}

export const createSyncSlice: StateCreator<AppState, [], [], SyncSlice> = (set) => ({
  syncStatus: localStatus,
  peers: [],
  setSyncStatus: (syncStatus) => set({ syncStatus }),
  setPeers: (peers) => set({ peers }),
});
