import { describe, expect, it } from 'vitest';
import { revokeAnswerSchema } from '../../../shared/workspace/host-api.js';
import { describeRevocations } from '../../../renderer/src/host/HostPanel.js';

/** usercheck6 F7: the host screen's notice after revoking says so when the server did not make the link. */
describe('the host screen\'s words after revoking', () => {
  it('passes on the server\'s note about a link it did not make, and says nothing more about one it did', () => {
    const made = revokeAnswerSchema.parse({ linkId: 'aaaaaaaaaaaaaaaa', revoked: true, closed: 1, known: true });
    const typo = revokeAnswerSchema.parse({ linkId: '0123456789abcdef', revoked: true, closed: 0, known: false, note: 'no link 0123456789abcdef was made by this server since 2026-12-06 11:00 UTC: check the id (a typo?).' });
    expect(describeRevocations([made], ['aaaaaaaaaaaaaaaa'])).toBe('Revoked the link they joined with (aaaaaaaaaaaaaaaa): it no longer opens the workspace.');
    expect(describeRevocations([typo], ['0123456789abcdef'])).toContain('Careful: no link 0123456789abcdef was made by this server since 2026-12-06 11:00 UTC: check the id (a typo?).');
    // An answer from a server before this change (no `known`) is read as a link it made.
    expect(revokeAnswerSchema.parse({ linkId: 'aaaaaaaaaaaaaaaa', revoked: true, closed: 0 }).known).toBe(true);
  });
});
