// The import preview names who each row names: the owner, and a task's assignee (csv3, review25a U4:
// a tracker's "Assignee" sheet showed nobody on its task rows, though the import adds those people).
import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildImportPreview, detectMapping, readSpreadsheet } from '../../../shared/files/index.js';
import { peopleText } from '../../../renderer/src/files/ImportPreviewTree.js';

describe('import preview people', () => {
  it('shows a task\'s assignee, an objective\'s owner, and both when a task has both', async () => {
    const read = await readSpreadsheet('plan.csv', strToU8('Type,Title,Owner,Assignee\r\nObjective,Win,Ana Lima,\r\nKey result,K,,\r\nInitiative,I,,\r\nTask,Fix login,,bo@example.com\r\nTask,Ship,Ana Lima,Chen Wu\r\n'));
    if (!read.ok) throw new Error(read.problem.message);
    const preview = buildImportPreview(read.table, detectMapping(read.table), { strategyTitle: 'Imported' });
    expect([...preview.nodes.values()].filter((node) => node.row > 0).map((node) => `${node.title}: ${peopleText(node)}`)).toEqual([
      'Win: Ana Lima', 'K: ', 'I: ', 'Fix login: assigned to bo@example.com', 'Ship: Ana Lima · assigned to Chen Wu',
    ]);
  });
});
