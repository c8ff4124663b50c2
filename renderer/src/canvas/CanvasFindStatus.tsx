import { plural } from '../outline/labels.js';
import type { MatchesOnCanvas } from './find-matches.js';

export interface CanvasFindStatusProps {
  find: MatchesOnCanvas | null;
  /** Selects the next (1) or previous (-1) match, opening the closed cards above it. */
  onStep(direction: 1 | -1): void;
}

/**
 * Where the find's matches are on the canvas (fix41b, F3): how many, how many of them are inside closed cards
 * (each such card says how many it holds), and previous / next, which open the cards above a match and select
 * it. Matches inside closed cards are counted, as the outline counts them: its rows open to show every match.
 */
export function CanvasFindStatus({ find, onStep }: CanvasFindStatusProps) {
  if (!find) return null;
  const parts = [find.total === 0 ? 'No match' : plural(find.total, 'match', 'matches')];
  if (find.hidden > 0) parts.push(`${find.hidden.toLocaleString()} inside ${plural(find.closedCards, 'closed card')}`);
  if (find.outside > 0) parts.push(`${find.outside.toLocaleString()} outside the focus`);
  const reachable = find.total - find.outside;
  return (
    <span className="canvas-find-status">
      <span role="status" data-testid="canvas-find-status">{parts.join(' · ')}</span>
      <button type="button" className="button small ghost" aria-label="Previous match" disabled={reachable === 0} onClick={() => onStep(-1)}>Previous</button>
      <button type="button" className="button small ghost" aria-label="Next match" disabled={reachable === 0} onClick={() => onStep(1)}>Next</button>
    </span>
  );
}
