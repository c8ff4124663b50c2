// inputs36, thirty-second session: the plan's refusals reached people beginning with the operation's code
// name ("UpdateTeam: name must not be empty.", "StartDate 2027-02-01 is after dueDate …", "Link: …",
// "UpdateSettings: cadenceDays …"). This walks every refusal a person can cause through the app's
// operations — each as the app shows it (the renderer's `sentence`) — and fails on one that starts with,
// or holds outside quotes, an identifier-like code name; and it reads the model's sources so a new
// message written as "opName: …" fails too.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isPlanError, ROOT_ID, type NodeId, type PersonId, type TeamId } from '../../../shared/model/index.js';
import { sentence } from '../../../renderer/src/session/plan-operations.js';
import { newPlan, smallCascade } from './support.js';

/** What a person reads, quoted values ("…", “…”) aside: the words the app itself chose. */
const ownWords = (message: string) => message.replace(/"(?:[^"\\]|\\.)*"|“[^”]*”/g, '""');
const CODE_NAME_FIRST = /^(?:[A-Za-z]+[A-Z][A-Za-z]*|\w+\(\)|[a-z]+_[a-z_]+)\b|^\w+:/;
const CAMEL_CASE = /\b[a-z]+[A-Z][a-zA-Z]*\b/;

function refusal(run: () => unknown, index: number): string {
  try {
    run();
  } catch (error) {
    if (!isPlanError(error)) throw error;
    return sentence(error.message);
  }
  return `not refused: ${index} ${run.toString()}`;
}

describe('every refusal a person can cause', () => {
  it('is in plain words, naming the field, never a code name', () => {
    const { plan } = newPlan();
    const { period, strategy, objective, keyResult, initiative, task } = smallCascade(plan);
    const team = plan.addTeam({ name: 'Sales' });
    const sub = plan.addTeam({ name: 'Sales DACH', parent: team });
    const person = plan.addPerson({ name: 'Ada' });
    const long = 'x'.repeat(201);
    const refusals: (() => unknown)[] = [
      // People, teams, periods (the People & teams page)
      () => plan.addPerson({ name: '' }), () => plan.addPerson({ name: long }), () => plan.addPerson({ name: 'Bo', email: 'not an address' }),
      () => plan.addPerson({ name: 'Bo', team: 'ghost' }), () => plan.updatePerson(person, { name: null as never }),
      () => plan.updatePerson(person, { name: '\u200b' }), () => plan.updatePerson(person, { role: long }), () => plan.updatePerson('ghost' as PersonId, { name: 'X' }),
      () => plan.addTeam({ name: '' }), () => plan.addTeam({ name: long }), () => plan.addTeam({ name: 'T', parent: 'ghost' }),
      () => plan.updateTeam(team, { name: '' }), () => plan.updateTeam(team, { name: long }), () => plan.updateTeam(team, { parent: sub }),
      () => plan.updateTeam('ghost' as TeamId, { name: 'X' }),
      () => plan.addPeriod({ name: '', start: '2027-01-01', end: '2027-03-31' }), () => plan.addPeriod({ name: long, start: '2027-01-01', end: '2027-03-31' }),
      () => plan.addPeriod({ name: 'Q', start: '', end: '2027-03-31' }), () => plan.addPeriod({ name: 'Q', start: '2027-01-01', end: '2027-02-30' }),
      () => plan.addPeriod({ name: 'Q', start: '2027-04-01', end: '2027-03-01' }), () => plan.updatePeriod(period, { name: '' }),
      () => plan.updatePeriod(period, { end: '2026-01-01' }), () => plan.updatePeriod('ghost', { name: 'X' }),
      () => plan.updateSettings({ cadenceDays: 0 }), () => plan.updateSettings({ cadenceDays: Number.NaN }), () => plan.updateSettings({ nonsense: 1 } as never),
      () => plan.setTimeZone('Mars/Olympus_Mons'), () => plan.renamePlan(''), () => plan.renamePlan(long), () => plan.renamePlan('a\u0007b'), () => plan.renamePlan('\u200b'),
      // Items and their fields (the outline, the detail panel)
      () => plan.createNode({ kind: 'strategy', parent: task, title: 'x' }), () => plan.createNode({ kind: 'objective', parent: 'ghost' as NodeId, title: 'x' }),
      () => plan.createNode({ kind: 'task', parent: initiative, title: 'x'.repeat(501) }), () => plan.setTitle(objective, 'x'.repeat(501)),
      () => plan.setTitle(objective, 'a\u0007b'), () => plan.setTitle(objective, '   '), () => plan.setDescription(objective, 'a\u0000b'),
      () => plan.updateNode(task, { target: 5 }), () => plan.updateNode(keyResult, { target: Number.NaN }), () => plan.updateNode(keyResult, { target: 'lots' as never }),
      () => plan.updateNode(keyResult, { target: -5 }), () => plan.updateNode(keyResult, { target: 0 }), () => plan.updateNode(objective, { weight: -1 }),
      () => plan.updateNode(initiative, { manualProgress: 1.5 }), () => plan.updateNode(task, { dueDate: '2027-02-30' }),
      () => plan.updateNode(initiative, { startDate: '2027-05-01', dueDate: '2027-04-01' }), () => plan.updateNode(task, { status: 'finished' as never }),
      () => plan.updateNode(task, { assignee: 'ghost' }), () => plan.updateNode(objective, { team: 'ghost' }), () => plan.updateNode(objective, { period: 'ghost' }),
      () => plan.updateNode(keyResult, { unit: 'x'.repeat(41) }), () => plan.updateNode(keyResult, { rangeLow: 50, rangeHigh: 10, direction: 'range' }),
      () => plan.updateNode(keyResult, { healthyLow: 50, healthyHigh: 10 }), () => plan.updateNode(task, { priority: 'urgent' as never }),
      () => plan.updateNode(objective, { archived: 'yes' as never }), () => plan.updateNode(keyResult, { blockedReason: 'a\u0000b' } as never),
      () => plan.changeKind(task, 'epic' as never), () => plan.moveNode(strategy, { parent: task }), () => plan.moveNode(task, { parent: 'ghost' as NodeId }),
      () => plan.restoreNode(task), () => plan.purgeNode(task), () => plan.restoreRemovedNode(task), () => plan.takeLostMove(task, 'nope'),
      // Check-ins (the check-in form)
      () => plan.addCheckIn(keyResult, { value: -Infinity }), () => plan.addCheckIn(keyResult, { confidence: 11 }), () => plan.addCheckIn(keyResult, { value: 1e300 }),
      () => plan.addCheckIn(keyResult, {}), () => plan.addCheckIn(keyResult, { note: '\u200b' }), () => plan.addCheckIn(keyResult, { value: 5, note: 'x'.repeat(100_000) }),
      () => plan.addCheckIn(keyResult, { value: 5, clears: ['nope'] }), () => plan.addCheckIn('ghost' as NodeId, { value: 5 }),
      // Links (the detail panel's links)
      () => plan.link(initiative, 'contributes_to', initiative), () => plan.link(task, 'contributes_to', strategy), () => plan.link(initiative, 'contributes_to', 'ghost' as NodeId),
      () => plan.link(initiative, 'nonsense' as never, keyResult), () => plan.unlink(initiative, 'contributes_to', keyResult),
    ];
    const messages = refusals.map(refusal);
    if (process.env.SHOW_MESSAGES) console.log(messages.join('\n'));
    expect(messages.filter((message) => message.startsWith('not refused'))).toEqual([]);
    const codeNamed = messages.filter((message) => CODE_NAME_FIRST.test(message) || CAMEL_CASE.test(ownWords(message)));
    expect(codeNamed).toEqual([]);
    // The fields are named as the panel names them.
    expect(messages).toContain('The team\'s name must not be empty.');
    expect(messages).toContain(`The team's name must be at most 200 characters; this one is 201.`);
    expect(messages).toContain('The team "Sales" cannot be placed under its own sub-team "Sales DACH".');
    expect(messages).toContain('The period\'s end date 2027-03-01 is before its start date 2027-04-01.');
    expect(messages).toContain('The start date 2027-05-01 is after the due date 2027-04-01.');
    expect(messages.some((message) => message.startsWith('The setting “check-in cadence (days)”'))).toBe(true);
    void ROOT_ID;
  });

  it('is written in the model without an operation\'s code name in front', () => {
    const folder = join(__dirname, '../../../shared/model');
    const found: string[] = [];
    for (const file of readdirSync(folder).filter((name) => name.endsWith('.ts'))) {
      const source = readFileSync(join(folder, file), 'utf8');
      for (const match of source.matchAll(/new PlanError\(\s*[^,]+,\s*([`'"])((?:\\.|(?!\1)[^\\])*)\1/g)) {
        const text = match[2]!;
        if (/^(?:[a-z]+[A-Z]\w*|\$\{\w+\})\s*:|^[a-z]+[A-Z]\w*\b/.test(text)) found.push(`${file}: ${text.slice(0, 60)}`);
      }
    }
    expect(found).toEqual([]);
  });
});
