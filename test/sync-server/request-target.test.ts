import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRequestTarget, previewTarget } from '../../sync-server/http/request-target.js';

/**
 * A join link's `?token=` is a credential. What the server quotes of a request target — in a refusal it
 * logs and answers, or in the log line of a handler that failed — must never carry it (review46a F5).
 */
const secret = 'eyJzZWNyZXQiOiJkby1ub3QtbG9nIn0';
const targetCharacters = fc.constantFrom(...'/:[]@%.\\ab9z-_~!$&\'()*+,;='.split(''), '%zz', '//', '::', '[::1]', ':99999', 'http://', 'ftp://', '*');
const target = fc.array(targetCharacters, { maxLength: 16 }).map((parts) => parts.join(''));
const withToken = fc.tuple(target, fc.constantFrom('?token=', '?x=1&token=', '#token=')).map(([path, query]) => `${path}${query}${secret}`);

describe('request targets quoted without their query', () => {
  it('previewTarget keeps the path and drops the query and fragment', () => {
    expect(previewTarget(`/acme/plan?token=${secret}`)).toBe('/acme/plan');
    expect(previewTarget(`http://[/a/b?token=${secret}`)).toBe('http://[/a/b');
    expect(previewTarget('/acme/plan')).toBe('/acme/plan');
  });

  it('property: no refusal reason and no preview of a target carries its token', () => {
    fc.assert(fc.property(withToken, (raw) => {
      expect(previewTarget(raw)).not.toContain(secret);
      const parsed = parseRequestTarget(raw);
      if (!parsed.ok) expect(parsed.refusal.reason).not.toContain(secret);
    }), { numRuns: 500 });
  });

  it('an absolute target that does not parse is refused naming its path, not its token', () => {
    const parsed = parseRequestTarget(`http://[/a/b?token=${secret}`);
    expect(parsed).toEqual({ ok: false, refusal: { status: 400, reason: '"http://[/a/b" is not a valid absolute URL' } });
  });
});
