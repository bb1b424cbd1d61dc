/**
 * One round trip per edit (issue 20): the edit's reply carries the rows of the caller's grid
 * window with the new totals and ranks, answered from memory; the write is the queue's next task,
 * and the page hears of it by a 'written' event naming its journal id (or the failure).
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { createService } from '../../src/service/service';
import type { WorkerEvent } from '../../src/service/protocol';
import { cellKey } from '../../src/model';
import { ScoreModel } from '../../src/engine/scoring/scoreModel';
import { formatTotal } from '../../src/model/format';
import { samplePeriod } from '../../src/sample/daye-2023q1';

const P = 'daye-2023-q1';

async function tab(factory: IDBFactory) {
  const s = createService({ indexedDB: factory });
  await s.init();
  const heard: WorkerEvent[] = [];
  s.subscribe((ev) => heard.push(ev));
  return { s, heard };
}

const realPut = IDBObjectStore.prototype.put;
afterEach(() => {
  IDBObjectStore.prototype.put = realPut;
});

describe('one round trip per edit', () => {
  it('the reply holds the window’s rows at the new version, totals and ranks as the engine scores them; then the write lands', async () => {
    const factory = new IDBFactory();
    const { s, heard } = await tab(factory);
    // 高新区 (row 0) 人才 实绩数 156 → 10: it falls from first place to fifth (85.06 → 80.65).
    const reply = await s.editCells(P, [{ unitId: 'gxq', indicatorId: 'talent', after: { state: 'value', target: 40, actual: 10 } }], '输入', { clientId: 'j1', window: { from: 0, to: 14 } });
    expect(reply.ok).toBe(true);
    expect(reply.saved).toBe(false);
    const g = reply.grid!;
    expect(g.version).toBe(reply.state.version);
    expect([g.from, g.total.length, g.rowCount]).toEqual([0, 14, 14]);
    // The same figures as a fresh scoring of the edited period.
    const period = samplePeriod();
    period.cells[cellKey('gxq', 'talent')] = { state: 'value', target: 40, actual: 10 };
    const model = ScoreModel.build(period);
    const shown = (t: number | null) => (t === null || Number.isNaN(t) ? '' : formatTotal(t));
    expect(g.total.map(shown)).toEqual(Array.from(model.totalRounded.slice(0, 14), shown));
    expect(g.rank).toEqual(Array.from(model.totals.ranks.slice(0, 14), (r, i) => (model.complete[i] ? r : null)));
    expect(formatTotal(g.total[0]!)).toBe('80.65');
    expect(g.rank[0]).toBe(5);
    // Nothing is marked unsaved while the write is merely under way.
    expect(g.unsaved).toEqual([]);
    const state = await s.whenWritten();
    expect(state.unsaved).toBe(0);
    expect(heard.find((e) => e.type === 'written')).toMatchObject({ type: 'written', written: ['j1'] });
    // On disk: another tab reads it.
    expect((await tab(factory)).s.cell(P, 'gxq', 'talent')).toEqual({ state: 'value', target: 40, actual: 10 });
  });

  it('a write that fails is said by the event (保存中 becomes 未保存 on the page), and the cells are marked', async () => {
    const factory = new IDBFactory();
    const { s, heard } = await tab(factory);
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    const reply = await s.editCells(P, [{ unitId: 'cg', indicatorId: 'talent', after: { state: 'value', target: 4.25, actual: 9 } }], '输入', { clientId: 'j2', window: { from: 0, to: 14 } });
    expect(reply.state.saveError).toBeNull();
    await s.whenWritten();
    const written = heard.find((e) => e.type === 'written') as Extract<WorkerEvent, { type: 'written' }>;
    expect(written.written).toEqual([]);
    expect(written.state.unsaved).toBe(1);
    expect(written.state.saveError).toContain('存储空间');
    expect(s.gridView(P, 0, 14, false).unsaved).toEqual(['cg|talent']);
  });
});
