import { Sentence } from '../text/Isolated.js';
import { isolatedText } from '../../../shared/text/bidi-isolation.js';
import { appStore, useAppStore } from '../store/app-store.js';
import { cardTitleText } from './card-painter.js';
import type { FollowState } from './use-follow.js';

/**
 * The line over the canvas while following someone: whom, how to stop (the arrows are theirs: review40b
 * F10), the moment of the plan they show when this window shows another (F3), and, while the reader
 * types in the details, that the follow waits for them and where the presenter went (F1).
 */
export function FollowStatus({ follow }: { follow: FollowState }) {
  const plan = useAppStore((state) => state.plan);
  useAppStore((state) => state.planVersion);
  const { leader, paused, otherMoment } = follow;
  if (!leader) return null;
  const name = isolatedText(leader.user.name);
  const titleOf = (id: string | null) => {
    if (id === null) return 'no card';
    const title = plan?.index.node(id) ? plan.index.title(id) : null;
    return title === null ? 'a card not in the plan shown here' : `“${isolatedText(cardTitleText(title) || 'Untitled')}”`;
  };
  let text: string;
  let action: { label: string; run: () => void } | null = null;
  if (paused) {
    const moves: string[] = [];
    if (paused.asOfMoved) moves.push(paused.asOf ? `shows the plan as of “${isolatedText(paused.asOf.label)}”` : 'is back to the plan as it is now');
    if (paused.selectionMoved) moves.push(`moved to ${titleOf(paused.selection)}`);
    // A refused value still in a field, the reader out of it (review41 item 3): not typing; it is not saved, and catching up leaves it.
    const fields = paused.refused.map((value) => value.field.charAt(0).toLowerCase() + value.field.slice(1));
    const refusedFields = fields.length === 1 ? `your ${fields[0]}` : `your ${fields.slice(0, -1).join(', ')} and ${fields.at(-1)}`;
    text = paused.refused.length > 0
      ? `Following paused: ${refusedFields} ${fields.length === 1 ? 'was' : 'were'} not saved — ${name} ${moves.join(' and ')}. Correct ${fields.length === 1 ? 'it' : 'them'}, or Catch up and keep what was saved before.`
      : `Following paused while you type — ${name} ${moves.join(' and ')}. What you type stays where you typed it.`;
    action = { label: 'Catch up', run: follow.catchUp };
  } else if (otherMoment === 'now') {
    text = `${name} is showing the plan as it is now; you are looking at an earlier moment.`;
    action = { label: 'Back to now with them', run: follow.showLeaderMoment };
  } else if (otherMoment) {
    text = otherMoment.available
      ? `${name} is showing the plan as of “${isolatedText(otherMoment.label)}”; you are looking at another moment.`
      : `${name} is showing the plan as of “${isolatedText(otherMoment.label)}”, which has not reached this device yet.`;
    if (otherMoment.available) action = { label: `Show it as of “${otherMoment.label}”`, run: follow.showLeaderMoment };
  } else {
    text = leader.asOf
      ? `Following ${name}, who shows the plan as of “${isolatedText(leader.asOf.label)}”. Press Escape on the canvas, or Stop following, to look around on your own.`
      : `Following ${name}. Press Escape on the canvas, or Stop following, to look around on your own.`;
  }
  return (
    <div className={`follow-status${paused ? ' paused' : ''}`} data-testid="follow-status">
      <p role="status"><Sentence text={text} /></p>
      {action && <button type="button" className="button small" onClick={action.run}>{action.label}</button>}
      {paused && <button type="button" className="button small ghost" onClick={() => appStore.getState().follow(null)}>Stop following</button>}
    </div>
  );
}
