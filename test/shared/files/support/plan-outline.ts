// Reads a plan back as indented text lines, so an import's result is compared as a person reads it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as Y from 'yjs';
import { ROOT_ID, type Plan } from '../../../../shared/model/index.js';
import { exportPlanFile } from '../../../../shared/files/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));

export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(here, '..', 'fixtures', name)));
}

/** One line per live node: indent, kind, title, then the fields that were set, references by name. */
export function outlineLines(plan: Plan, now: number): string[] {
  plan.index.refresh(now);
  const people = new Map<string, string>(plan.index.people().map((person) => [person.id, person.email ? `${person.name} <${person.email}>` : person.name]));
  const teams = new Map<string, string>(plan.index.teams().map((team) => [team.id, team.name]));
  const periods = new Map(plan.index.periods().map((period) => [period.id, `${period.name} ${period.start}..${period.end}`]));
  const lines: string[] = [];
  const walk = (parent: string, depth: number) => {
    for (const id of plan.index.children(parent)) {
      const node = plan.index.node(id)!;
      const { owner, team, period, ...rest } = node.fields;
      const parts = [`${'  '.repeat(depth)}${node.kind}: ${node.title}`];
      if (owner) parts.push(`owner ${people.get(owner)}`);
      if (team) parts.push(`team ${teams.get(team)}`);
      if (period) parts.push(`period ${periods.get(period)}`);
      for (const [name, value] of Object.entries(rest).sort(([a], [b]) => a.localeCompare(b))) parts.push(`${name} ${value}`);
      const checkIns = plan.index.checkIns(id);
      for (const checkIn of checkIns) parts.push(`check-in${checkIn.value !== null ? ` value ${checkIn.value}` : ''}${checkIn.confidence !== null ? ` confidence ${checkIn.confidence}` : ''}${checkIn.status ? ` ${checkIn.status}` : ''}`);
      lines.push(parts.join(' | '));
      walk(id, depth + 1);
    }
  };
  walk(ROOT_ID, 0);
  return lines;
}

/** The whole doc as its plan file JSON: equal before and after = nothing written. */
export function docState(doc: Y.Doc): string {
  return JSON.stringify(exportPlanFile(doc)) + Buffer.from(Y.encodeStateVector(doc)).toString('base64');
}
