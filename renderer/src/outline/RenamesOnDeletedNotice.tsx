import { useEffect, useRef } from 'react';
import { isolatedText } from '../../../shared/text/bidi-isolation.js';
import { joinedAnd } from '../../../shared/text/joined.js';
import { actorName } from '../review/actor-name.js';
import { useControllers } from '../session/controller-context.js';
import { appStore, useAppStore } from '../store/app-store.js';
import { renamesOnDeletedWork, type RenamesOnDeleted } from './renames-on-deleted.js';
import { goesWhenSettled } from './use-outline-commands.js';
import { runInItsPlan } from '../session/in-its-plan.js';

/**
 * Tells this person, once per deletion, that items they renamed (offline, or while the deletion was on
 * its way) were deleted by someone else meanwhile, as the rename editor tells them online (review39b
 * F10). The notice stays (the title is theirs, kept only on the hidden item); it goes when they restore,
 * or when anyone restores or purges the deleted item in its plan (goesWhenSettled). Deletions already
 * there when the plan opens are not told: the pulse and Deleted items list them, and a reopened plan
 * should not nag again.
 */
export function RenamesOnDeletedNotice() {
  const { app } = useControllers();
  const plan = useAppStore((state) => state.plan);
  const planVersion = useAppStore((state) => state.planVersion);
  const told = useRef<{ plan: unknown; keys: Set<string> } | null>(null);
  useEffect(() => {
    if (!plan) return;
    const found = renamesOnDeletedWork(plan.index, app.actor());
    if (told.current?.plan !== plan) {
      told.current = { plan, keys: new Set(found.map((group) => group.key)) };
      return;
    }
    const store = appStore.getState();
    const planId = app.planId;
    for (const group of found) {
      if (told.current.keys.has(group.key)) continue;
      told.current.keys.add(group.key);
      // It goes when the deleted item is restored or purged in this plan, and stays meanwhile in
      // other plans and the library; its button restores in this plan (review40a F3: it was dismissed
      // only while this component lived on the same plan, and restored in whatever plan was open).
      const notice = store.notify({ tone: 'error', persistent: true, text: noticeText(group, (id) => actorName(plan.index, id)), action: {
        label: group.renamed.length === 1 ? 'Restore it with your title' : 'Restore them with your titles',
        run: () => runInItsPlan(app, planId, (latest) => { latest.restoreNode(group.deletedId); }, { done: () => appStore.getState().select(group.renamed[0]!.nodeId), failed: () => undefined }),
      } });
      goesWhenSettled(app, group.deletedId, notice, planId);
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
