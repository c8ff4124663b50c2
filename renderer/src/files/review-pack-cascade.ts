import type { PlanIndex } from '../../../shared/model/index.js';
import { defaultLayoutOptions, layoutCascade } from '../canvas/cascade-layout.js';
import { snapshotFromIndex } from '../canvas/cascade-snapshot.js';
import { cascadeSvg } from '../canvas/cascade-svg.js';
import { standardTheme } from '../canvas/palette.js';

/**
 * The cascade picture for the review pack: the canvas's own SVG export of the whole plan (not what a
 * window happens to show), strategies and objectives, laid out left to right — key results and below are counted on their objective's card
 * ("+N below"), so the picture stays readable on a printed page. A data: URL, which the pack's
 * script-free document allows as an image and nothing else.
 */
export function reviewPackCascadeImage(index: PlanIndex, planName: string): string {
  const snapshot = snapshotFromIndex(index);
  const layout = layoutCascade(snapshot, { ...defaultLayoutOptions, orientation: 'left-right', collapseDepth: 2 });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(cascadeSvg(snapshot, layout, standardTheme, `${planName} — cascade`))}`;
}
