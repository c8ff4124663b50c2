/** Per-user undo/redo: a Y.UndoManager that tracks only this plan's local origin. */
import * as Y from 'yjs';
import type { Plan } from './plan.js';

/**
 * Creates an undo manager for the local user's changes to nodes, links, people, teams, periods and
 * settings. Check-ins are left out on purpose: history is never rewritten, a wrong check-in is
 * corrected by a new one. Remote changes are never undone (they have another origin).
 */
export function createUndoManager(plan: Plan, options: { captureTimeout?: number } = {}): Y.UndoManager {
  const { meta, nodes, people, teams, periods, links, purged, renames, fieldEdits } = plan.types;
  return new Y.UndoManager([meta, nodes, people, teams, periods, links, purged, renames, fieldEdits], {
    trackedOrigins: new Set([plan.origin]),
    captureTimeout: options.captureTimeout ?? 500,
  });
}
