// leftovers42: a sheet without a Start column says once for the sheet that its key results' progress cannot be
// measured (import-preview.ts noStartColumnNote), not on every row; each key result's row in the preview still
// marks it, "no start → 40", where it showed "? → 40".
import { describe, expect, it } from 'vitest';
import { buildImportPreview, detectMapping, readCsv } from '../../../shared/files/index.js';
import { metricText } from '../../../renderer/src/files/ImportPreviewTree.js';

describe('the import preview row of a key result without a start', () => {
  it('says "no start" where the start goes, with or without a Start column; a start of 0 and a KPI read as before', () => {
    const read = readCsv(new TextEncoder().encode('Type,Title,Start,Target,Current,Unit\nObjective,Grow,,,,\nKey result,Churn,,2,5,%\nKey result,Logos,0,45,10,\nKPI,NPS,,,40,\n'));
    if (!read.ok) throw new Error(read.problem.message);
    const preview = buildImportPreview(read.table, detectMapping(read.table), { strategyTitle: 'Imported' });
    const metric = (title: string) => metricText([...preview.nodes.values()].find((node) => node.title === title)!);
    expect(metric('Churn')).toBe('no start → 2 % · now 5');
    expect(metric('Logos')).toBe('0 → 45 · now 10');
    expect(metric('NPS')).toBe('now 40');
    const noColumn = readCsv(new TextEncoder().encode('Objective,Key result,Target\nGrow,Revenue,5\n'));
    if (!noColumn.ok) throw new Error(noColumn.problem.message);
    const sheet = buildImportPreview(noColumn.table, detectMapping(noColumn.table), { strategyTitle: 'Imported' });
    expect(metricText([...sheet.nodes.values()].find((node) => node.title === 'Revenue')!)).toBe('no start → 5');
  });
});
