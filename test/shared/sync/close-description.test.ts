import { describe, expect, it } from 'vitest';
import { closeCodes, describeClose, describeCloseCode, tokenRevokedReason } from '../../../shared/sync/index.js';
import { planRemovedBy, planRemovedReason } from '../../../shared/sync/protocol.js';

describe('the sentence for a closed connection', () => {
  it('adds the server reason in brackets when it says something the sentence does not', () => {
    expect(describeClose(closeCodes.messageTooBig, 'message too big: more than 8388608 bytes')).toBe(
      `${describeCloseCode(closeCodes.messageTooBig)} (message too big: more than 8388608 bytes.)`,
    );
  });

  it('says a revoked link once, not again in the server reason', () => {
    const said = describeClose(closeCodes.tokenRevoked, tokenRevokedReason);
    expect(said).toBe('The host revoked the link you joined with; ask for a new join link.');
    expect(said).not.toContain(tokenRevokedReason);
  });

  it('keeps another reason given with the revoked code, and an unknown code with no reason has only its sentence', () => {
    expect(describeClose(closeCodes.tokenRevoked, 'workspace removed')).toContain('(workspace removed.)');
    expect(describeClose(4999, '')).toBe('The connection closed (code 4999).');
  });

  it('names who took a plan out of its workspace, and reads the name back from the reason (removed37)', () => {
    expect(planRemovedReason('Ada')).toBe('taken out of the workspace by Ada');
    expect(planRemovedBy(planRemovedReason('Ada'))).toBe('Ada');
    expect(planRemovedReason('  ')).toBe('taken out of the workspace');
    expect(planRemovedBy(planRemovedReason(''))).toBeNull();
    // A long name is cut by whole characters to the 123 bytes a close reason may have.
    expect(planRemovedBy(planRemovedReason('B'.repeat(60)))).toBe('B'.repeat(40));
    const emoji = planRemovedReason('😀'.repeat(50));
    expect(new TextEncoder().encode(emoji).byteLength).toBeLessThanOrEqual(123);
    expect(planRemovedBy(emoji)).toBe('😀'.repeat(23));
    expect(describeClose(closeCodes.planRemoved, planRemovedReason('Ada'))).toBe(`${describeCloseCode(closeCodes.planRemoved)} (taken out of the workspace by Ada.)`);
  });
});
