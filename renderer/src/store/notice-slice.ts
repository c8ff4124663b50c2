import type { StateCreator } from 'zustand/vanilla';
import type { AppState } from './app-store.js';

/** A short message at the bottom of the window, optionally with one action (e.g. "Undo"). */
export interface Notice {
  id: number;
  text: string;
  tone: 'info' | 'error';
  action?: { label: string; run: () => void };
}

export interface NoticeSlice {
  notices: readonly Notice[];
  /** Shows a notice and returns its id; at most three are shown, the oldest dropped first. */
  notify(notice: Omit<Notice, 'id'>): number;
  dismissNotice(id: number): void;
}

let nextNoticeId = 1;

export const createNoticeSlice: StateCreator<AppState, [], [], NoticeSlice> = (set) => ({
  notices: [],
  notify: (notice) => {
    const id = nextNoticeId++;
    set((state) => ({ notices: [...state.notices.slice(-2), { ...notice, id }] }));
    return id;
  },
  dismissNotice: (id) => set((state) => ({ notices: state.notices.filter((notice) => notice.id !== id) })),
});
