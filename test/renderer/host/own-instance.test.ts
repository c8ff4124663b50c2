import { describe, expect, it } from 'vitest';
import { ownAppInstance } from '../../../renderer/src/host/own-instance.js';
import { instanceOfAppKey } from '../../../sync-server/workspace/workspace-host.js';

describe('the host screen\'s own app instance', () => {
  it('is the instance the server binds this app\'s connections to', () => {
    for (const key of ['vera-app-key-00000000000001', 'A_b-0123456789abcdefghijklmnopqrstuvwxyz']) expect(ownAppInstance(key)).toBe(instanceOfAppKey(key));
  });
});
