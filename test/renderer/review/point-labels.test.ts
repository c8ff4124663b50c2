// review40b F8: Ben, offline, and Ada, online, each took a point named "Weekly review"; the pickers and the
// report showed two identical "Weekly review"s. A point called like another also says when and by whom.
import { describe, expect, it } from 'vitest';
import type { ReviewPoint } from '../../../shared/model/history/index.js';
import { pointLabelText, reviewPointLabels } from '../../../renderer/src/review/point-labels.js';

const at = Date.UTC(2027, 2, 1, 9, 12);
const point = (id: string, name: string, by: string, minutes = 0): ReviewPoint => ({ id, name, at: at + minutes * 60_000, by, snapshot: null, legacy: null, baseline: false });
const names: Record<string, string> = { ada: 'Ada Host', ben: 'Ben Marsh' };
const plain = (text: string) => text.replace(/[\u2068\u2069]/gu, '');

describe('review point labels', () => {
  it('a unique name alone; two alike with when and by whom (isolated); twins in time and taker numbered', () => {
    const points = [point('p0', 'Offsite start', 'ada'), point('p1', 'Weekly review', 'ben'), point('p2', 'weekly  Review', 'ada', 3), point('p3', 'Weekly review', 'ada', 3)];
    const labels = reviewPointLabels(points, 'UTC', (actor) => names[actor] ?? actor);
    expect(labels.get('p0')).toEqual({ name: 'Offsite start', taken: null });
    expect(pointLabelText(labels.get('p0'), 'Offsite start')).toBe('Offsite start');
    const texts = ['p1', 'p2', 'p3'].map((id) => pointLabelText(labels.get(id), id));
    expect(new Set(texts).size).toBe(3);
    expect(texts[0]).toContain('\u2068Ben Marsh\u2069');
    expect(plain(texts[0]!)).toMatch(/^Weekly review — .*09:12.* by Ben Marsh$/u);
    expect(plain(texts[1]!)).toMatch(/^weekly {2}Review — .*09:15.* by Ada Host \(2 of 3\)$/u);
    expect(plain(texts[2]!)).toMatch(/^Weekly review — .*09:15.* by Ada Host \(3 of 3\)$/u);
  });
});
