import { CanvasView } from '../canvas/CanvasView.js';
import { MyWorkView } from '../mywork/MyWorkView.js';
import { OutlineView } from '../outline/OutlineView.js';
import { PeopleView } from '../people/PeopleView.js';
import { PulseView } from '../pulse/PulseView.js';
import { ReviewView } from '../review/ReviewView.js';
import { useAppStore } from '../store/app-store.js';

/** The view of the open plan chosen in the header. */
export function PlanViews() {
  const view = useAppStore((state) => state.view);
  switch (view) {
    case 'outline': return <OutlineView />;
    case 'canvas': return <CanvasView />;
    case 'pulse': return <PulseView />;
    case 'review': return <ReviewView />;
    case 'mywork': return <MyWorkView />;
    case 'people': return <PeopleView />;
  }
}
