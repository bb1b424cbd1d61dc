/**
 * 打开文件 … 替换 of the workbook already open makes no automatic version when the file holds the
 * same (issue 30 compares by column at province scale): the comparison must still see one changed
 * cell anywhere, a changed scheme or name, and must not see what the store does not keep (an empty
 * cell, a blank remark).
 */
import { describe, expect, it } from 'vitest';
import { sameWorkbook } from '../../src/engine/workbook/commands';
import { sampleWorkbook } from '../../src/sample/daye-2023q1';
import type { CellColumns, Workbook } from '../../src/model';

function columnsOf(wb: Workbook): Map<string, CellColumns> {
  return new Map(wb.periods.map((p) => [p.id, new Map(p.indicators.map((ind) => [ind.id, p.units.map((u) => p.cells[`${u.id}|${ind.id}`])]))]));
}

/** The answer keyed, by columns on both sides, and by columns on one side only. */
function same(a: Workbook, b: Workbook): boolean[] {
  const ca = columnsOf(a);
  const cb = columnsOf(b);
  return [sameWorkbook(a, b), sameWorkbook(a, b, (id) => ca.get(id), cb), sameWorkbook(a, b, (id) => ca.get(id)), sameWorkbook(a, b, undefined, cb)];
}

describe('sameWorkbook', () => {
  const a = sampleWorkbook();
  const p = a.periods[0]!;
  const lastKey = `${p.units.at(-1)!.id}|${p.indicators.at(-1)!.id}`;

  it('a copy is the same; what the store does not keep (an empty cell, a blank remark) makes no difference', () => {
    expect(same(a, structuredClone(a))).toEqual([true, true, true, true]);
    const without = structuredClone(a);
    const someKey = Object.keys(p.cells)[3]!;
    delete without.periods[0]!.cells[someKey];
    const b = structuredClone(without);
    b.periods[0]!.cells[someKey] = { state: 'missing', target: null, actual: null };
    const plain = Object.keys(p.cells).find((k) => !p.cells[k]!.remark)!;
    b.periods[0]!.cells[plain] = { ...b.periods[0]!.cells[plain]!, remark: '' };
    expect(same(without, b)).toEqual([true, true, true, true]);
  });

  it('one changed cell — the last unit’s last indicator — is a difference, by key and by column', () => {
    const b = structuredClone(a);
    const cell = b.periods[0]!.cells[lastKey]!;
    b.periods[0]!.cells[lastKey] = { ...cell, actual: cell.actual === 999999 ? 999998 : 999999 };
    expect(same(a, b)).toEqual([false, false, false, false]);
    const c = structuredClone(a);
    c.periods[0]!.cells[lastKey] = { ...cell, remark: '补报' };
    expect(same(a, c)).toEqual([false, false, false, false]);
    const d = structuredClone(a);
    delete d.periods[0]!.cells[lastKey];
    expect(same(a, d)).toEqual([false, false, false, false]);
  });

  it('a renamed indicator, a renamed workbook or another period is a difference', () => {
    const b = structuredClone(a);
    b.periods[0]!.indicators[0]!.name += '（修订）';
    expect(same(a, b)).toEqual([false, false, false, false]);
    expect(same(a, { ...structuredClone(a), name: '另一个' })).toEqual([false, false, false, false]);
    expect(same(a, { ...structuredClone(a), periods: [] })).toEqual([false, false, false, false]);
  });
});
