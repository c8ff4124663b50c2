// The schemas are built on first use (z.lazy), not while the app starts (its start-up task built
// ~70 of them, ~30–45 ms): each stays the same boundary, refusing what it refused before.
import { describe, expect, it } from 'vitest';
import { checkInSchema, createNodeSchema, personPatchSchema } from '../../../shared/model/inputs.js';
import { nodeIdSchema, parentIdSchema } from '../../../shared/model/ids.js';
import { settingSchemas } from '../../../shared/model/settings.js';
import { tokenPayloadSchema } from '../../../shared/sync/token.js';
import { parseFirstScreen } from '../../../shared/model/first-screen.js';
import { serverConnectionSchema } from '../../../renderer/src/sync/server-connections.js';
import { planEntrySchema } from '../../../renderer/src/library/plan-library.js';

describe('schemas built on first use', () => {
  it('are not built when their module loads', () => {
    for (const schema of [checkInSchema, createNodeSchema, personPatchSchema, nodeIdSchema, parentIdSchema, tokenPayloadSchema, serverConnectionSchema, planEntrySchema, settingSchemas.paceAtRisk]) {
      expect(schema.def.type).toBe('lazy');
    }
  });

  it('still refuse bad input and take good input, nested and derived ones too', () => {
    expect(checkInSchema.safeParse({ confidence: 11 }).success).toBe(false);
    expect(checkInSchema.safeParse({ confidence: Number.NaN }).success).toBe(false);
    expect(checkInSchema.safeParse({ confidence: 7, note: 'fine', unknown: 1 }).success).toBe(false);
    expect(checkInSchema.safeParse({ confidence: 7, note: 'fine' }).success).toBe(true);
    expect(createNodeSchema.safeParse({ kind: 'objective', parent: 'root', title: 'x'.repeat(10_000) }).success).toBe(false);
    expect(createNodeSchema.safeParse({ kind: 'objective', parent: 'root', title: 'Grow' }).success).toBe(true);
    // Derived from a lazy schema: still strict, every field optional.
    expect(personPatchSchema.safeParse({ nickname: 'x' }).success).toBe(false);
    expect(personPatchSchema.safeParse({ role: 'Lead' }).success).toBe(true);
    expect(nodeIdSchema.safeParse('../etc').success).toBe(false);
    expect(parentIdSchema.safeParse('root').success).toBe(true);
    expect(settingSchemas.paceAtRisk.safeParse(2).success).toBe(false);
    expect(settingSchemas.paceAtRisk.safeParse(0.5).success).toBe(true);
    expect(serverConnectionSchema.safeParse({ server: 'http://example.test', workspace: 'w', token: 't', savedAt: 1 }).success).toBe(false);
    expect(planEntrySchema.safeParse({ id: 'a/b', name: 'x', createdAt: 1, openedAt: 1 }).success).toBe(false);
    expect(tokenPayloadSchema.safeParse({ role: 'owner' }).success).toBe(false);
    const hostile = parseFirstScreen({ planId: 'p', rows: [{ title: '<img>', progress: 1e9 }] }, 'p');
    expect(hostile.ok).toBe(false);
    if (!hostile.ok) expect(hostile.reason).toMatch(/not valid/);
  });
});
