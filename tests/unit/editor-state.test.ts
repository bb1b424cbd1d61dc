/**
 * The cell editor bound to its cell (issue 18, case 2) and the paste preview's count (case 1), in
 * Node: what an open editor does when the grid changes under it, and what a paste lists.
 */
import { describe, expect, it } from 'vitest';
import { editorChange, editorFate, type Editing } from '../../src/ui/grid/editorState';
import { pasteCells } from '../../src/ui/grid/clipboard';
import type { Cell } from '../../src/model';

const before: Cell = { state: 'value', target: 40, actual: 156 };
const editing = (over: Partial<Editing> = {}): Editing => ({
  row: 0,
  col: 4,
  workbookId: 'wb-1',
  periodId: 'q2',
  unitId: 'gxq',
  indicatorId: 'talent',
  field: 'actual',
  text: '123',
  mode: 'enter',
  before,
  baseVersion: 7,
  ...over,
});
const where = () => '高新区 规上企业新招引科技人才 实绩数';
const shown = (workbookId: string, periodId: string, units: string[]) => ({ workbookId, periodId, unitAt: (row: number) => units[row] });
const exists = (periods: string[]) => (wb: string, p: string) => wb === 'wb-1' && periods.includes(p);

describe('an open editor when the grid changes under it', () => {
  it('another window saved (same workbook, period and rows): stays open', () => {
    expect(editorFate(editing(), shown('wb-1', 'q2', ['gxq', 'lx']), exists(['q1', 'q2']), where)).toEqual({ kind: 'keep' });
  });

  it('re-sorted: committed to the unit it was begun on', () => {
    expect(editorFate(editing(), shown('wb-1', 'q2', ['lx', 'gxq']), exists(['q1', 'q2']), where)).toEqual({ kind: 'commit' });
  });

  it('its period deleted in another window and 一季度 shown instead: closed, saying the typed text was not saved, nothing written', () => {
    expect(editorFate(editing(), shown('wb-1', 'q1', ['gxq', 'lx']), exists(['q1']), where)).toEqual({
      kind: 'close',
      message: '您正在输入的“123”（高新区 规上企业新招引科技人才 实绩数）没有保存：该考核期已在另一窗口中删除。为免写进别的考核期，未作任何改动。',
    });
  });

  it('its workbook deleted and the copy shown (same unit, another workbook): closed, nothing written', () => {
    expect(editorFate(editing({ text: '4321' }), shown('wb-copy', 'q2-copy', ['gxq']), exists([]), where)).toEqual({
      kind: 'close',
      message: '您正在输入的“4321”（高新区 规上企业新招引科技人才 实绩数）没有保存：表格已换成另一个工作簿（原工作簿可能已在另一窗口中删除）。为免写错地方，未作任何改动。',
    });
  });

  it('another period shown while its own still exists: closed too, never written into the one shown', () => {
    expect(editorFate(editing(), shown('wb-1', 'q1', ['gxq']), exists(['q1', 'q2']), where).kind).toBe('close');
  });

  it('the change it commits is its own cell, from the value it began on, with the text typed', () => {
    expect(editorChange(editing())).toEqual({
      unitId: 'gxq',
      indicatorId: 'talent',
      before,
      after: { state: 'value', target: 40, actual: 123 },
      input: [{ field: 'actual', text: '123' }],
    });
  });
});

describe('the paste preview counts grid cells', () => {
  const names = { unit: (id: string) => ({ gxq: '高新区', lx: '灵乡镇' })[id] ?? id, ind: () => '人才' };
  it('14 rows × (任务数, 实绩数) are 28 cells, each listed with its old and new text', () => {
    const changes = Array.from({ length: 14 }, (_, i) => ({
      unitId: i === 0 ? 'gxq' : `u${i}`,
      indicatorId: 'talent',
      before: { state: 'value' as const, target: 40 + i, actual: 100 + i },
      after: { state: 'value' as const, target: 41 + i, actual: 101 + i },
    }));
    const cells = pasteCells(changes, names.unit, names.ind);
    expect(cells).toHaveLength(28);
    expect(cells.slice(0, 2)).toEqual([
      { where: '高新区 人才 任务数', before: '40', after: '41' },
      { where: '高新区 人才 实绩数', before: '100', after: '101' },
    ]);
  });

  it('a field that does not change is not counted; 未出 and / are shown as typed', () => {
    const cells = pasteCells(
      [
        { unitId: 'gxq', indicatorId: 'talent', before: { state: 'value', target: 40, actual: 1 }, after: { state: 'pending', target: 40, actual: null } },
        { unitId: 'lx', indicatorId: 'talent', before: { state: 'value', target: 5, actual: 1 }, after: { state: 'na', target: null, actual: null } },
      ],
      names.unit,
      names.ind,
    );
    expect(cells).toEqual([
      { where: '高新区 人才 实绩数', before: '1', after: '未出' },
      { where: '灵乡镇 人才 任务数', before: '5', after: '/' },
      { where: '灵乡镇 人才 实绩数', before: '1', after: '/' },
    ]);
  });
});
