/** What the grid shows and what a paste does, in Node: the pure parts of the data-entry grid. */
import { describe, expect, it } from 'vitest';
import { ScoreModel, buildGridView } from '../../src/engine';
import { samplePeriod } from '../../src/sample/daye-2023q1';
import { cellEditText, cellOf, cellText, rowLook, type GridData } from '../../src/ui/entry/grid/cellView';
import { pasteInto, PREVIEW_PASTE_OVER } from '../../src/ui/entry/grid/gridPaste';
import { gridColumns, rangeOf } from '../../src/ui/entry/grid/layout';
import type { LoadedGrid } from '../../src/ui/entry/grid/gridWindow';

const p = samplePeriod();
const gv = buildGridView(p, ScoreModel.build(p), 5);
const view: LoadedGrid = { ...gv, units: gv.units!, workbookId: 'wb' };
const columns = gridColumns(view);
const data = (over: Partial<GridData> = {}): GridData => ({ view, columns, pending: {}, unsaved: new Set(), ...over });
const col = (indicatorId: string, kind: string) => columns.findIndex((c) => c.kind === kind && view.indicators[c.indicator]?.id === indicatorId);
const row = (unitId: string) => view.units.findIndex((u) => u.id === unitId);

describe('cells as the grid shows them', () => {
  it('高新区 规上企业新招引科技人才: 40 / 156, its rate and score as printed; the total and rank', () => {
    const r = row('gxq');
    expect([cellText(data(), r, col('talent', 'target')), cellText(data(), r, col('talent', 'actual')), cellText(data(), r, col('talent', 'rate')), cellText(data(), r, col('talent', 'score'))]).toEqual(['40', '156', '390.00%', '5']);
    expect([cellText(data(), r, 1), cellText(data(), r, 2)]).toEqual(['85.06', '1']);
  });

  it('"/" and 未出 as typed; the editor opens with the stored value, not its display', () => {
    const na = view.units.findIndex((u) => p.cells[`${u.id}|rd_staff`]?.state === 'na');
    const pending = view.units.findIndex((u) => p.cells[`${u.id}|hitech_output`]?.state === 'pending');
    if (na >= 0) expect(cellText(data(), na, col('rd_staff', 'actual'))).toBe('/');
    expect(cellText(data(), pending, col('hitech_output', 'actual'))).toBe('未出');
    expect(cellEditText(data(), pending, col('hitech_output', 'actual'))).toBe('未出');
    expect(cellEditText(data(), row('yz'), col('new_product_sales', 'actual'))).toBe('0.60115');
  });

  it('a value typed here shows at once ("…" in its computed cells) until the worker’s view has it', () => {
    const r = row('gxq');
    const d = data({ pending: { 'gxq|talent': { cell: { state: 'value', target: 40, actual: 7 }, until: null } } });
    expect(cellOf(d, r, view.indicators.findIndex((i) => i.id === 'talent'))).toEqual({ state: 'value', target: 40, actual: 7 });
    expect([cellText(d, r, col('talent', 'actual')), cellText(d, r, col('talent', 'rate'))]).toEqual(['7', '…']);
    const look = rowLook(d, r, [col('talent', 'actual'), col('talent', 'rate')], rangeOf({ anchor: { row: r, col: col('talent', 'actual') }, focus: { row: r, col: col('talent', 'actual') } }), { row: r, col: col('talent', 'actual') });
    expect(look[col('talent', 'actual')]!.cls).toBe('cell actual num selected active saving');
    // Answered with version 6: the view of version 5 still shows the typed cell, version 6 its own.
    const answered = data({ pending: { 'gxq|talent': { cell: { state: 'value', target: 40, actual: 7 }, until: 6 } } });
    expect(cellText(answered, r, col('talent', 'actual'))).toBe('7');
  });

  it('a rate short of 100 % is marked behind; an unsaved entry says so', () => {
    const r = row('cg');
    const look = rowLook(data({ unsaved: new Set(['cg|talent']) }), r, [col('talent', 'target'), col('talent', 'rate')], rangeOf({ anchor: { row: 0, col: 0 }, focus: { row: 0, col: 0 } }), { row: 0, col: 0 });
    expect(look[col('talent', 'rate')]!.cls).toContain('behind');
    expect(look[col('talent', 'target')]!.title).toBe('尚未写入浏览器存储（正在重试）');
  });
});

describe('a paste into the grid', () => {
  const at = (unitId: string, indicatorId: string, kind: string) => ({ anchor: { row: row(unitId), col: col(indicatorId, kind) }, focus: { row: row(unitId), col: col(indicatorId, kind) } });
  it('14 rows × (任务数, 实绩数) from Excel: 28 cells, more than the threshold, previewed', () => {
    const block = view.units.map((_, i) => [String(50 + i), String(60 + i)]);
    const r = pasteInto(data(), at(view.units[0]!.id, 'talent', 'target'), block, null);
    expect(r.kind).toBe('preview');
    expect(r.kind === 'preview' && [r.cells.length, r.changes.length, r.label]).toEqual([28, 14, '粘贴 14 行 × 2 列']);
    expect(PREVIEW_PASTE_OVER).toBe(20);
  });
  it('a few cells go straight in; one bad value refuses the whole paste, naming it', () => {
    const ok = pasteInto(data(), at('gxq', 'talent', 'target'), [['41', '157']], null);
    expect(ok.kind === 'apply' && ok.changes).toEqual([{ unitId: 'gxq', indicatorId: 'talent', before: { state: 'value', target: 40, actual: 156 }, after: { state: 'value', target: 41, actual: 157 }, input: [{ field: 'target', text: '41' }, { field: 'actual', text: '157' }] }]);
    const bad = pasteInto(data(), at('gxq', 'talent', 'target'), [['41', '-3']], null);
    expect(bad).toEqual({ kind: 'message', level: 'error', text: '粘贴未执行，工作簿未改动。1 个值不能填入：高新区 规上企业新招引科技人才：实绩数为 -3，不能为负数。' });
  });
});
