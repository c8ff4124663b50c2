import { describe, expect, it } from 'vitest';
import { parsePlanId } from '../../../shared/model/ids.js';
import { parseRoute, routeHash } from '../../../renderer/src/session/routes.js';

describe('routes in the URL hash', () => {
  it('reads plan views and defaults to the outline', () => {
    expect(parseRoute('#/plan/abc_1/pulse')).toEqual({ kind: 'plan', planId: 'abc_1', view: 'pulse' });
    expect(parseRoute('#/plan/abc_1')).toEqual({ kind: 'plan', planId: 'abc_1', view: 'outline' });
    expect(parseRoute('#/plan/abc_1/nonsense')).toEqual({ kind: 'plan', planId: 'abc_1', view: 'outline' });
  });

  it('treats anything else as the library', () => {
    for (const hash of ['', '#/', '#/plan/', '#/plan/a b/outline', '#/plan/root%2F/outline', `#/plan/${'x'.repeat(65)}/outline`, '#join?x=1']) expect(parseRoute(hash)).toEqual({ kind: 'library' });
  });

  it('round-trips', () => {
    expect(parseRoute(routeHash({ kind: 'plan', planId: parsePlanId('p'), view: 'mywork' }))).toEqual({ kind: 'plan', planId: 'p', view: 'mywork' });
    expect(routeHash({ kind: 'library' })).toBe('#/');
  });
});
