import { useEffect, useRef } from 'react';
import { isolatedText } from '../../../shared/text/bidi-isolation.js';
import { joinedAnd } from '../../../shared/text/joined.js';
import { actorName } from '../review/actor-name.js';
import { useControllers } from '../session/controller-context.js';
import { appStore, useAppStore } from '../store/app-store.js';
import { renamesOnDeletedWork, type RenamesOnDeleted } from './renames-on-deleted.js';

/**
 * Tells this person, once per deletion, that items they renamed (offline, or while the deletion was on
 * its way) were deleted by someone else meanwhile, as the rename editor tells them online (review39b
 * F10). The notice stays (the title is theirs, kept only on the hidden item); it goes when they restore,
 * or when anyone restores or purges the deleted item. Deletions already there when the plan opens are
 * not told: the pulse and Deleted items list them, and a reopened plan should not nag again.
 */
export function RenamesOnDeletedNotice() {
  const { app } = useControllers();
  const plan = useAppStore((state) => state.plan);
  const planVersion = useAppStore((state) => state.planVersion);
  const told = useRef<{ plan: unknown; keys: Set<string>; shown: Map<string, number> } | null>(null);
  useEffect(() => {
    if (!plan) return;
    const found = renamesOnDeletedWork(plan.index, app.actor());
    if (told.current?.plan !== plan) {
      told.current = { plan, keys: new Set(found.map((group) => group.key)), shown: new Map() };
      return;
    }
    const store = appStore.getState();
    const current = new Set(found.map((group) => group.key));
    for (const [key, notice] of told.current.shown) {
      if (current.has(key)) continue;
      store.dismissNotice(notice);
      told.current.shown.delete(key);
    }
    for (const group of found) {
      if (told.current.keys.has(group.key)) continue;
      told.current.keys.add(group.key);
      told.current.shown.set(group.key, store.notify({ tone: 'error', persistent: true, text: noticeText(group, (id) => actorName(plan.index, id)), action: {
        label: group.renamed.length === 1 ? 'Restore it with your title' : 'Restore them with your titles',
        run: () => { if (app.run((latest) => latest.restoreNode(group.deletedId)).ok) appStore.getState().select(group.renamed[0]!.nodeId); },
      } }));
    }
  }, [app, plan, planVersion]);
  return null;
}

function noticeText(group: RenamesOnDeleted, name: (id: string) => string): string {
  const titles = joinedAnd(group.renamed.map((item) => `"${isolatedText(item.title || 'Untitled')}"`));
  const one = group.renamed.length === 1;
  const within = group.renamed.some((item) => item.nodeId === group.deletedId) ? '' : `, with "${isolatedText(group.deletedTitle || 'Untitled')}",`;
  return `${titles} ${one ? 'was' : 'were'} deleted by ${isolatedText(name(group.deletedBy))}${within} while you renamed ${one ? 'it' : 'them'}. Your ${one ? 'title is' : 'titles are'} kept with the deleted item.`;
}
