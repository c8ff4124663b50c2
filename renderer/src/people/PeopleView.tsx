import { useRef } from 'react';
import { useViewLanding } from '../shell/view-landing.js';
import { PeopleSection } from './PeopleSection.js';
import { PeriodsSection } from './PeriodsSection.js';
import { TeamsSection } from './TeamsSection.js';

/** People, teams and periods of the plan. */
export function PeopleView() {
  const heading = useRef<HTMLHeadingElement>(null);
  useViewLanding('people', heading);
  return (
    <div className="people-view">
      <h2 ref={heading} tabIndex={-1}>People &amp; teams</h2>
      <PeopleSection />
      <div className="people-columns">
        <TeamsSection />
        <PeriodsSection />
      </div>
    </div>
  );
}
