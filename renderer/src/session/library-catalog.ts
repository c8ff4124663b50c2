import type { StoreApi } from 'zustand/vanilla';
import type { KeyValueStore } from '../library/key-value-store.js';
import { Emitter } from '../../../shared/lifecycle/disposable.js';
import { PlanLibrary, type PlanEntry } from '../library/plan-library.js';
import type { AppState } from '../store/app-state.js';

/** The plan library of this device, kept in step with the store's list of plans. */
export class LibraryCatalog {
  readonly library: PlanLibrary;
  private readonly renamedEmitter = new Emitter<PlanEntry>();
  /** A plan's name changed (in its doc, here or on another device): its workspace directory follows. */
  readonly renamed = this.renamedEmitter.event;

  constructor(private readonly store: StoreApi<AppState>, storage: KeyValueStore) {
    this.library = new PlanLibrary(storage);
  }

  /** Shows the library's current list. */
  refresh(): void {
    this.store.getState().setPlans(this.library.list());
  }

  /** The entry of a plan about to open (created when a link named a plan unknown here), touched. */
  entryForOpening(planId: string, now: number): PlanEntry {
    const entry = this.library.get(planId) ?? this.library.put({ id: planId, name: 'Shared plan', createdAt: now, openedAt: now });
    this.library.touch(planId, now);
    this.refresh();
    return entry;
  }

  /** The plan's name lives in the doc; the library keeps a copy to list plans without opening them. */
  keepName(planId: string, name: string): void {
    const entry = this.library.get(planId);
    if (entry && name && entry.name !== name) {
      this.renamedEmitter.fire(this.library.rename(planId, name));
      this.refresh();
    }
  }
}
