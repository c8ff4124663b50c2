// The signing secret was made with writeFileSync(…, { flag: 'wx' }): the file exists (empty) before its
// 64 hex digits are written, so a second process starting on the same new folder at that moment (two
// servers, or a server and the CLI's `token`) read it half-made and refused to start ("does not hold a
// 64-character hex secret; delete it"). Now the secret is written aside and linked into place: the file
// never exists without its whole content. Real processes on a fresh folder each round.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Racer } from './support/racer.js';

describe('two processes making the signing secret of a new data folder at once', () => {
  let racers: Racer[] = [];
  beforeAll(async () => { racers = await Promise.all([Racer.start(), Racer.start()]); }, 60_000);
  afterAll(() => { for (const racer of racers) racer.stop(); });

  it('both get the same whole secret, every round', async () => {
    const outcomes = new Map<string, number>();
    for (let round = 0; round < 400; round += 1) {
      const folder = mkdtempSync(path.join(tmpdir(), 'throughline-secret-'));
      try {
        const start = Date.now() + 40;
        const answers = await Promise.all(racers.map((racer) => racer.run(`secret ${folder} ${start}`)));
        const outcome = answers.every((answer) => answer.startsWith('secret ')) && answers[0] === answers[1] ? 'same secret' : answers.find((answer) => !answer.startsWith('secret ')) ?? 'different secrets';
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    }
    expect(Object.fromEntries(outcomes)).toEqual({ 'same secret': 400 });
  }, 120_000);
});
