import { useLayoutEffect } from 'react';
import type { FirstScreen } from '../../../shared/model/first-screen.js';
import { handOverPaintedFirstScreen } from '../first-screen-painter/first-screen-painter.js';
import { percent } from '../outline/labels.js';
import { PlanHealthChip } from './PlanHealthChip.js';
import { Sentence } from '../text/Isolated.js';

/** The pulse's figures as last stored, shown (marked "updating…") while the plan loads. */
export function FirstScreenPulse({ firstScreen }: { firstScreen: FirstScreen }) {
  const { summary, pulse } = firstScreen;
  // The page's entry may have painted these figures already (first-screen-painter.ts): this replaces them before a frame shows both.
  useLayoutEffect(() => { handOverPaintedFirstScreen(firstScreen.planId); }, [firstScreen.planId]);
  return (
    <div className="pulse" aria-busy="true" data-first-screen="true">
      <div className="pulse-head">
        <div>
          <h2>Execution pulse</h2>
          <p className="updating-mark" role="status">Updating… <span className="muted">figures as last stored on this device</span></p>
        </div>
        <div className="pulse-overall">
          <PlanHealthChip health={summary.health} items={firstScreen.rowCount} />
          <span className="numeric">{summary.progress === null ? '—' : percent(summary.progress)} overall progress</span>
        </div>
      </div>
      {pulse
        ? <ul className="pulse-grid" aria-label="Pulse questions">
          {pulse.map((question) => (
            <li key={question.id}>
              <div className={`pulse-card tone-${question.tone}`}>
                <span className="pulse-question">{question.question}</span>
                <span className="pulse-figure numeric">{question.figure}</span>
                <span className="pulse-counted">{question.counted}</span>
                <span className="pulse-detail"><Sentence text={question.detail} /></span>
              </div>
            </li>
          ))}
        </ul>
        : <p className="muted">The pulse's figures appear when the plan has loaded.</p>}
    </div>
  );
}
