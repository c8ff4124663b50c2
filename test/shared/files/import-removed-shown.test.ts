// leftovers39: the import preview's tree read "Carla" on the rows whose owner is Carla, removed, though
// the question above it said the rows would name "Carla (removed)" (and the outline then shows that).
// `importedPersonShown` names her as the rows will: "(removed)" while they keep naming her as removed.
import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildImportPreview, detectMapping, importedPersonShown, readCsv, type RemovedChoice } from '../../../shared/files/index.js';
import { openPlan } from '../../../shared/model/index.js';
import { peopleText } from '../../../renderer/src/files/ImportPreviewTree.js';
import { T0, TestContext } from '../model/support.js';

describe('the import preview names a removed owner as the rows will (leftovers39)', () => {
  it('"Carla (removed)" by name or e-mail while kept removed; plain once restore or a new one is chosen, or she is live', () => {
    const plan = openPlan(new Y.Doc(), new TestContext(T0, 'ada', 'a'));
    const carla = plan.addPerson({ name: 'Carla', email: 'carla@example.com' });
    plan.addPerson({ name: 'Dan' });
    plan.removePerson(carla);
    plan.index.refresh(plan.index.now);
    const read = readCsv(strToU8('Objective,Key result,Owner\nGrow,Revenue,Carla\nGrow,Signups,Dan\nGrow,Churn,carla@example.com\n'));
    if (!read.ok) throw new Error(read.problem.message);
    const preview = buildImportPreview(read.table, detectMapping(read.table), { strategyTitle: 'Imported' });
    const owners = (choices: ReadonlyMap<string, RemovedChoice>) => {
      const shown = importedPersonShown(plan.index, choices);
      return [...preview.nodes.values()].filter((node) => node.kind === 'key_result').map((node) => peopleText(node, shown));
    };
    expect(owners(new Map())).toEqual(['Carla (removed)', 'Dan', 'Carla (removed)']);
    expect(owners(new Map([[carla, 'restore']]))).toEqual(['Carla', 'Dan', 'carla@example.com']);
    expect(owners(new Map([[carla, 'add-new']]))).toEqual(['Carla', 'Dan', 'carla@example.com']);
    plan.restorePerson(carla);
    plan.index.refresh(plan.index.now);
    expect(owners(new Map())).toEqual(['Carla', 'Dan', 'carla@example.com']);
  });
});
