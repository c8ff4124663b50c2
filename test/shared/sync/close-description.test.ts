import { describe, expect, it } from 'vitest';
import { closeCodes, describeClose, describeCloseCode, tokenRevokedReason } from '../../../shared/sync/index.js';

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
});
