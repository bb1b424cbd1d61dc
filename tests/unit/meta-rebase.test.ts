/**
 * Two settings changed one after the other in one window, the second sent before the first's
 * reply came back (表名 left by clicking 日期, 日期 kept with Enter on a busy machine): the page
 * sends the whole scheme as it saw it, so the second would write the first back. The worker
 * rebases a change on what it holds: only what the user changed is applied, the rest is kept.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createService } from '../../src/service/service';
import { mergeThreeWay } from '../../src/engine/workbook/mergeThreeWay';

const P = 'daye-2023-q1';

async function service() {
  const s = createService({ indexedDB: new IDBFactory() });
  await s.init();
  return s;
}

describe('a setting changed from a view older than the worker’s', () => {
  it('表名 then 日期 sent from the same view: both are kept, and Ctrl+Z takes back only the 日期', async () => {
    const s = await service();
    const layout = { ids: ['tech_sme'], source: 'targets', title: '', display: {}, order: [], orderFrom: '', date: '' };
    // The page shows a table not yet kept with the empty layout: that is what the user saw.
    const seen = { ...s.periodMeta(P), decompositionTable: layout };
    const { version } = s.state();
    await s.setMeta(P, { ...seen, decompositionTable: { ...layout, title: '2024年科技创新赋能行动“开门红”目标分解表' } }, '修改分解表表名', { baseVersion: version, seenMeta: seen });
    await s.setMeta(P, { ...seen, decompositionTable: { ...layout, date: '2024年1月' } }, '修改分解表日期', { baseVersion: version, seenMeta: seen });
    expect(s.periodMeta(P).decompositionTable).toMatchObject({ title: '2024年科技创新赋能行动“开门红”目标分解表', date: '2024年1月' });
    await s.undo();
    expect(s.periodMeta(P).decompositionTable).toMatchObject({ title: '2024年科技创新赋能行动“开门红”目标分解表', date: '' });
  });

  it('two indicators’ 分值 changed in 规则 from the same view: both kept', async () => {
    const s = await service();
    const seen = s.periodMeta(P);
    const { version } = s.state();
    const withPoints = (j: number, points: number) => ({ ...seen, indicators: seen.indicators.map((i, k) => (k === j ? { ...i, points } : i)) });
    await s.setMeta(P, withPoints(0, 21), '改分值', { baseVersion: version, seenMeta: seen });
    await s.setMeta(P, withPoints(1, 22), '改分值', { baseVersion: version, seenMeta: seen });
    expect(s.periodMeta(P).indicators.slice(0, 2).map((i) => i.points)).toEqual([21, 22]);
  });
});

describe('mergeThreeWay', () => {
  it('takes what either side changed; where both changed one value, the newer change wins', () => {
    const base = { a: 1, b: { c: 2, d: 3 }, list: [{ id: 'x', v: 1 }, { id: 'y', v: 1 }], tags: ['p'] };
    const theirs = { a: 1, b: { c: 5, d: 3 }, list: [{ id: 'x', v: 2 }, { id: 'y', v: 1 }], tags: ['p'] };
    const mine = { a: 9, b: { c: 2, d: 4 }, list: [{ id: 'x', v: 1 }, { id: 'y', v: 3 }], tags: ['q'] };
    expect(mergeThreeWay(base, mine, theirs)).toEqual({ a: 9, b: { c: 5, d: 4 }, list: [{ id: 'x', v: 2 }, { id: 'y', v: 3 }], tags: ['q'] });
    // A key removed by one side stays removed; one added by the other is kept.
    expect(mergeThreeWay({ a: 1, b: 2 }, { a: 1 }, { a: 1, b: 2, c: 3 })).toEqual({ a: 1, c: 3 });
    // Lists whose members differ are taken whole from the newer change.
    expect(mergeThreeWay({ l: [{ id: 'x' }] }, { l: [{ id: 'x' }, { id: 'z' }] }, { l: [{ id: 'y' }] })).toEqual({ l: [{ id: 'x' }, { id: 'z' }] });
    expect(mergeThreeWay(base, base, theirs)).toBe(theirs);
  });
});
