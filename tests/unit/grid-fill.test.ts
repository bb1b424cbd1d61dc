/** Fill down (Ctrl+D and the fill handle), in Node: what is copied where, and what is refused. */
import { describe, expect, it } from 'vitest';
import { ScoreModel, buildGridView } from '../../src/engine';
import { samplePeriod } from '../../src/sample/daye-2023q1';
import { type GridData } from '../../src/ui/entry/grid/cellView';
import { fill, fillDownRange, handleRange } from '../../src/ui/entry/grid/gridFill';
import { gridKey } from '../../src/ui/entry/grid/gridKeys';
import { gridColumns } from '../../src/ui/entry/grid/layout';
import type { LoadedGrid } from '../../src/ui/entry/grid/gridWindow';

const p = samplePeriod();
const gv = buildGridView(p, ScoreModel.build(p), 5);
const view: LoadedGrid = { ...gv, units: gv.units!, workbookId: 'wb' };
const columns = gridColumns(view);
const data: GridData = { view, columns, pending: {}, unsaved: new Set() };
const col = (indicatorId: string, kind: string) => columns.findIndex((c) => c.kind === kind && view.indicators[c.indicator]?.id === indicatorId);

describe('fill down', () => {
  it('Ctrl+D copies the first row into the five under it (full precision); a single row takes the one above', () => {
    const c = col('tech_sme', 'target');
    expect(gridKey({ key: 'd', ctrl: true, shift: false, alt: false }, { row: 0, col: c }, 14, columns.length, 10, true)).toEqual({ kind: 'fillDown' });
    const plan = fillDownRange({ top: 0, bottom: 5, left: c, right: c })!;
    const r = fill(data, plan.source, plan.target);
    expect(r.kind).toBe('apply');
    if (r.kind !== 'apply') return;
    expect(r.changes.map((x) => [x.unitId, x.before?.target, x.after?.target])).toEqual(
      view.units.slice(1, 6).map((u) => [u.id, p.cells[`${u.id}|tech_sme`]!.target, 111]),
    );
    expect(r.label).toBe('向下填充 5 行');
    expect(fillDownRange({ top: 3, bottom: 3, left: c, right: c })).toEqual({ source: { top: 2, bottom: 2, left: c, right: c }, target: { top: 3, bottom: 3, left: c, right: c } });
    expect(fillDownRange({ top: 0, bottom: 0, left: c, right: c })).toBeNull();
  });

  it('the fill handle repeats the selected rows; computed columns in the selection are skipped', () => {
    const left = col('tech_sme', 'target');
    const right = col('tech_sme', 'score');
    const plan = handleRange({ top: 0, bottom: 1, left, right }, 5)!;
    const r = fill(data, plan.source, plan.target);
    if (r.kind !== 'apply') throw new Error(r.text);
    const byUnit = new Map(r.changes.map((x) => [x.unitId, [x.after?.target, x.after?.actual]]));
    const at = (i: number) => view.units[i]!.id;
    // Rows 2..5 get rows 0,1,0,1: 111/149 and 26/30.
    expect([2, 3, 4, 5].map((i) => byUnit.get(at(i)))).toEqual([[111, 149], [26, 30], [111, 149], [26, 30]]);
    expect(handleRange({ top: 0, bottom: 1, left, right }, 1)).toBeNull();
  });

  it('a computed column alone cannot be filled', () => {
    const rate = col('tech_sme', 'rate');
    expect(fill(data, { top: 0, bottom: 0, left: rate, right: rate }, { top: 1, bottom: 3, left: rate, right: rate })).toEqual({ kind: 'message', text: '所选的列都是计算结果，不能填充。', level: 'error' });
  });
});
