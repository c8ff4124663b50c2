// review40b F10: keyboard zoom zoomed around the screen's centre and pushed the selected card off the
// screen. `zoomKeeping` zooms around the selected card and keeps it whole on screen where it fits.
import { describe, expect, it } from 'vitest';
import { zoomKeeping, type View } from '../../../renderer/src/canvas/viewport.js';
import { presenceStateSchema } from '../../../renderer/src/sync/presence.js';

const extent = [0.002, 4] as const;
const card = { x: 900, y: 300, width: 180, height: 60 };
const screen = { width: 1000, height: 600 };

/** The card's rectangle on screen through `view`. */
function onScreen(view: View) {
  const left = view.x + (card.x - card.width / 2) * view.k, top = view.y + (card.y - card.height / 2) * view.k;
  return { left, top, right: left + card.width * view.k, bottom: top + card.height * view.k };
}

describe('zoomKeeping', () => {
  it('keeps a card near the edge of the screen whole on screen through five zooms in', () => {
    let view: View = { x: 0, y: 0, k: 1 };
    for (let step = 0; step < 5; step++) {
      view = zoomKeeping(view, 1.4, card, screen.width, screen.height, extent)!;
      const rect = onScreen(view);
      expect(rect.left).toBeGreaterThanOrEqual(-1e-9);
      expect(rect.right).toBeLessThanOrEqual(screen.width + 1e-9);
      expect(rect.top).toBeGreaterThanOrEqual(-1e-9);
      expect(rect.bottom).toBeLessThanOrEqual(screen.height + 1e-9);
    }
    expect(view.k).toBe(4); // 1.4⁵ is past the zoom's extent
  });

  it('keeps the card\'s centre where it is when the card stays inside the screen', () => {
    const view = zoomKeeping({ x: -400, y: 0, k: 1 }, 1.4, card, screen.width, screen.height, extent)!;
    expect(view.x + card.x * view.k).toBeCloseTo(500, 9);
    expect(view.y + card.y * view.k).toBeCloseTo(300, 9);
  });

  it('centres a card too large for the screen, holds the zoom to its extent, and leaves a card off screen to the caller', () => {
    // 180 wide at zoom 4 is 720 px, on a 600 px screen.
    const big = zoomKeeping({ x: -2400, y: -600, k: 3 }, 1.4, card, 600, screen.height, extent)!;
    expect(big.k).toBe(4);
    expect(big.x + card.x * big.k).toBeCloseTo(300, 9);
    expect(zoomKeeping({ x: -2000, y: 0, k: 1 }, 1.4, card, screen.width, screen.height, extent)).toBeNull();
  });
});

describe('presence: the moment of the plan shown', () => {
  const base = { user: { name: 'Ada', colour: '#123456' }, selection: null, view: 'canvas' };
  it('carries the moment a presenter shows, for followers', () => {
    const parsed = presenceStateSchema.parse({ ...base, asOf: { key: 'point:abc', label: 'W03 weekly', at: 1 } });
    expect(parsed.asOf).toEqual({ key: 'point:abc', label: 'W03 weekly', at: 1 });
  });
  it('reads a moment that does not parse as none, keeping the rest of the presence', () => {
    const parsed = presenceStateSchema.parse({ ...base, asOf: { key: 5 } });
    expect(parsed.asOf).toBeNull();
    expect(parsed.user.name).toBe('Ada');
  });
});
