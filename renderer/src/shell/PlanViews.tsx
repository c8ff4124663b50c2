import { lazy, useEffect, useRef } from 'react';
import { OutlineView } from '../outline/OutlineView.js';
import { useAppStore } from '../store/app-store.js';
import { LazyPart } from './LazyPart.js';
import { PartBoundary } from './PartBoundary.js';
import { viewShown } from './view-landing.js';

// Only the outline is on the first screen: the other views (the canvas with D3, review with the
// plan's history…) are separate chunks, loaded the first time they are shown.
const CanvasView = lazy(() => import('../canvas/CanvasView.js').then((module) => ({ default: module.CanvasView })));
const PulseView = lazy(() => import('../pulse/PulseView.js').then((module) => ({ default: module.PulseView })));
const ReviewView = lazy(() => import('../review/ReviewView.js').then((module) => ({ default: module.ReviewView })));
const MyWorkView = lazy(() => import('../mywork/MyWorkView.js').then((module) => ({ default: module.MyWorkView })));
const PeopleView = lazy(() => import('../people/PeopleView.js').then((module) => ({ default: module.PeopleView })));

/** The view of the open plan chosen in the header; each view's failure stays its own (keyed: a failed view does not follow the person to the next). */
export function PlanViews() {
  const view = useAppStore((state) => state.view);
  const shownView = useRef(view);
  useEffect(() => {
    if (shownView.current === view) return;
    shownView.current = view;
    viewShown(view);
    // A view changed from the keyboard (the palette, a shortcut) takes the focused element with the old
    // view, leaving the focus on the page's body: Tab would start again from the top, and a screen
    // reader says nothing. Put it on the new view's tab instead, where Tab goes on into the view.
    if (document.activeElement === null || document.activeElement === document.body) {
      document.querySelector<HTMLElement>('nav[aria-label="Views"] a[aria-current="page"]')?.focus();
    }
  }, [view]);
  switch (view) {
    case 'outline': return <PartBoundary key={view} what="the outline" className="empty-state lazy-part"><OutlineView /></PartBoundary>;
    case 'canvas': return <LazyPart key={view} what="the canvas"><CanvasView /></LazyPart>;
    case 'pulse': return <LazyPart key={view} what="the pulse"><PulseView /></LazyPart>;
    case 'review': return <LazyPart key={view} what="the review"><ReviewView /></LazyPart>;
    case 'mywork': return <LazyPart key={view} what="my work"><MyWorkView /></LazyPart>;
    case 'people': return <LazyPart key={view} what="people and teams"><PeopleView /></LazyPart>;
  }
}
