/**
 * Judging a paste reads the period's unit ids once, not once per pasted cell: at 40 000 units a
 * paste of 1 000 cells checked 40 million ids before it was written.
 */
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION, cellKey, type Cell, type Period, type Workbook } from '../../src/model';
import { judgeEdits } from '../../src/service/judgeEdits';

describe('judgeEdits', () => {
  it('a paste of 1 000 cells reads each unit id a bounded number of times, and judges every cell', () => {
    let idReads = 0;
    const units = Array.from({ length: 5000 }, (_, i) => {
      const id = `u${i}`;
      return { get id() { idReads++; return id; }, name: `单位${i}`, aliases: [] };
    });
    const cells: Record<string, Cell> = {};
    const p: Period = { id: 'p', year: 2024, quarter: 1, asOf: '', area: '', units, cells, indicators: [{ id: 'a', name: '指标', aliases: [], unit: '家', group: '', points: 10, rule: { kind: 'proportional' }, decimals: 0, padDecimals: false }] };
    const workbook: Workbook = { schemaVersion: SCHEMA_VERSION, id: 'w', name: '工作簿', periods: [p] };
    const edits = Array.from({ length: 1000 }, (_, k) => ({ unitId: `u${k * 5}`, indicatorId: 'a', before: null, after: { state: 'value' as const, target: 10, actual: k } }));
    edits.push({ unitId: 'gone', indicatorId: 'a', before: null, after: { state: 'value', target: 1, actual: 1 } });
    const out = judgeEdits(workbook, p, edits, {}, () => undefined);
    expect(out.changes).toHaveLength(1000);
    expect(out.changes[999]).toMatchObject({ unitId: 'u4995', indicatorId: 'a', after: { state: 'value', target: 10, actual: 999 } });
    expect(cells[cellKey('u0', 'a')]).toBeUndefined(); // judged, not written
    expect(out.messages).toEqual(['gone/a 已不在该考核期中（可能已在另一窗口中删除）']);
    // Each id read a few times (the positions made and checked), not once per pasted cell.
    expect(idReads).toBeLessThanOrEqual(3 * 5000);
  });
});
