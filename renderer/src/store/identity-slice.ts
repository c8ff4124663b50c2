import type { StateCreator } from 'zustand/vanilla';
import type { DeviceIdentity } from '../identity/device-identity.js';
import type { AppState } from './app-store.js';

export interface IdentitySlice {
  /** Who uses this device, or null until "who am I" is answered. */
  identity: DeviceIdentity | null;
  setIdentity(identity: DeviceIdentity | null): void;
}

export const createIdentitySlice: StateCreator<AppState, [], [], IdentitySlice> = (set) => ({
  identity: null,
  setIdentity: (identity) => set({ identity }),
});
