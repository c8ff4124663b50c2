// review40b F8: Ben, offline, and Ada, online, each took a point named "Weekly review"; the pickers and the
// report showed two identical "Weekly review"s. A point called like another also says when and by whom.
import { describe, expect, it } from 'vitest';
import type { ReviewPoint } from '../../../shared/model/history/index.js';
import { asOfWords, momentLabelText, pointLabelText, reviewPointLabels } from '../../../renderer/src/review/point-labels.js';

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

// fix41a's "not done": the as-of banner (and the read-only reason) named a point by its name alone, so the two
// "Weekly review"s read alike there. It names the moment as the pickers do.
describe('the moment the plan is shown as of', () => {
  const points = [point('p0', 'Offsite start', 'ada'), point('p1', 'Weekly review', 'ben'), point('p2', 'Weekly review', 'ada', 3)];
  const labels = reviewPointLabels(points, 'UTC', (actor) => names[actor] ?? actor);
  const moment = (id: string, name: string, minutes = 0) => ({ key: `point:${id}`, label: name, at: at + minutes * 60_000 });

  it('a point called like another: its label as the pickers show it, no second time', () => {
    const words = asOfWords(moment('p1', 'Weekly review'), labels, 'UTC');
    expect(words.label).toBe(pointLabelText(labels.get('p1'), 'Weekly review'));
    expect(plain(words.label)).toMatch(/^Weekly review — .*09:12.* by Ben Marsh$/u);
    expect(words.time).toBeNull();
    expect(plain(asOfWords(moment('p2', 'Weekly review', 3), labels, 'UTC').label)).toMatch(/by Ada Host$/u);
  });

  it('a point with a name of its own: the name, isolated, and the time; a day mark: its date and time', () => {
    const words = asOfWords(moment('p0', 'Offsite start'), labels, 'UTC');
    expect(words.label).toBe('\u2068Offsite start\u2069');
    expect(words.time).toMatch(/09:12/u);
    const day = asOfWords({ key: 'day:2027-03-01', label: 'Mar 1, 2027', at }, labels, 'UTC');
    expect(day).toEqual({ label: 'Mar 1, 2027', time: expect.stringMatching(/09:12/u) });
    expect(momentLabelText(moment('p1', 'Weekly review'), labels)).toBe(pointLabelText(labels.get('p1'), 'Weekly review'));
  });
});
