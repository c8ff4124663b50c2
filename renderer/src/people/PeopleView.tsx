import { PeopleSection } from './PeopleSection.js';
import { PeriodsSection } from './PeriodsSection.js';
import { TeamsSection } from './TeamsSection.js';

/** People, teams and periods of the plan. */
export function PeopleView() {
  return (
    <div className="people-view">
      <h2>People &amp; teams</h2>
      <PeopleSection />
      <div className="people-columns">
        <TeamsSection />
        <PeriodsSection />
      </div>
    </div>
  );
}
