// review34 finding 6 (inputs34, thirty-first session): zod's z.email() took ASCII only, so People & teams
// refused "ben@münchen.de" and "josé@firma.de", addresses delivered today.
import { describe, expect, it } from 'vitest';
import { isEmailAddress } from '../../../shared/text/email-address.js';
import { newPlan } from '../model/support.js';

describe('e-mail addresses', () => {
  it('takes international addresses', () => {
    for (const address of ['ben@münchen.de', 'josé@firma.de', 'ada@example.com', 'a.b+c@sub.example.co.uk', '用户@例子.广告', 'x@xn--mnchen-3ya.de']) {
      expect(isEmailAddress(address), address).toBe(true);
    }
  });

  it('refuses what is not an address', () => {
    for (const address of ['', 'ada', 'ada@', '@example.com', 'ada@example', 'ada@@example.com', 'a da@example.com', 'ada@exa mple.com',
      'ada@-example.com', 'ada@example..com', '.ada@example.com', 'ada@example.c\u0007m', `${'a'.repeat(65)}@example.com`, 'ada@1.2']) {
      expect(isEmailAddress(address), address).toBe(false);
    }
  });

  it('the plan stores a person with one', () => {
    const { plan } = newPlan();
    const id = plan.addPerson({ name: 'Ben', email: 'ben@münchen.de' });
    expect(() => plan.updatePerson(id, { email: 'josé@firma.de' })).not.toThrow();
    expect(() => plan.updatePerson(id, { email: 'not an address' })).toThrow(/the person's e-mail address must be an e-mail address/);
  });
});
