/**
 * The cell editor bound to its cell (issue 18, case 2) and the paste preview's count (case 1), in
 * Node: what an open editor does when the grid changes under it, and what a paste lists.
 */
import { describe, expect, it } from 'vitest';
import { decideCommit, editorChange, editorFate, editorKey, type Editing } from '../../src/ui/entry/grid/editorState';
import { gridKey } from '../../src/ui/entry/grid/gridKeys';
import { enterFrom, tabFrom } from '../../src/ui/entry/grid/tabRun';
import { gridColumns } from '../../src/ui/entry/grid/layout';
import { samplePeriod } from '../../src/sample/daye-2023q1';
import { pasteCells } from '../../src/ui/entry/grid/clipboard';
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

describe('the editor as a state machine: keys and commits', () => {
  const shownSame = shown('wb-1', 'q2', ['gxq']);
  const always = exists(['q2']);
  it('Enter commits and moves down, Shift+Enter up, Tab right, Esc cancels; arrows commit only when typing over a cell', () => {
    expect(editorKey(editing(), 'Enter', false)).toEqual({ kind: 'commit', dRow: 1, dCol: 0 });
    expect(editorKey(editing(), 'Enter', true)).toEqual({ kind: 'commit', dRow: -1, dCol: 0 });
    expect(editorKey(editing(), 'Tab', false)).toEqual({ kind: 'commit', dRow: 0, dCol: 1 });
    expect(editorKey(editing(), 'Escape', false)).toEqual({ kind: 'cancel' });
    expect(editorKey(editing({ mode: 'enter' }), 'ArrowLeft', false)).toEqual({ kind: 'commit', dRow: 0, dCol: -1 });
    expect(editorKey(editing({ mode: 'edit' }), 'ArrowLeft', false)).toEqual({ kind: 'none' });
    expect(editorKey(editing(), 'Enter', false, true)).toEqual({ kind: 'none' }); // an input method is composing
  });

  it('pagehide (the tab closing) commits what was typed to the cell it was opened on', () => {
    expect(decideCommit(editing(), shownSame, always, where, null)).toEqual({ kind: 'commit', change: editorChange(editing()), label: '输入 高新区 规上企业新招引科技人才 实绩数' });
  });

  it('text the policy refuses stays in the editor (and its draft), nothing is written', () => {
    expect(decideCommit(editing({ text: 'abc' }), shownSame, always, where, '实绩数“abc”不是数字')).toEqual({ kind: 'refuse', problem: '实绩数“abc”不是数字' });
  });

  it('another window changed the cell underneath: still committed from the value it began on (the worker then asks which to keep)', () => {
    const d = decideCommit(editing(), shownSame, always, where, null);
    expect(d.kind === 'commit' && d.change.before).toEqual(before);
  });

  it('a re-sort moved the row: committed to its own unit; its period deleted: closed, nothing written', () => {
    const resorted = decideCommit(editing(), shown('wb-1', 'q2', ['lx', 'gxq']), always, where, null);
    expect(resorted.kind === 'commit' && resorted.change.unitId).toBe('gxq');
    expect(decideCommit(editing(), shown('wb-1', 'q1', ['gxq']), exists(['q1']), where, null).kind).toBe('close');
  });

  it('typing the value that is there already closes without a change', () => {
    expect(decideCommit(editing({ text: '156' }), shownSame, always, where, null)).toEqual({ kind: 'unchanged' });
  });
});

const samplePeriodForTabs = () => samplePeriod();

describe('grid keys when no editor is open', () => {
  const at = { row: 3, col: 5 };
  const key = (k: string, mods: Partial<{ ctrl: boolean; shift: boolean; alt: boolean }> = {}, editable = true) => gridKey({ key: k, ctrl: false, shift: false, alt: false, ...mods }, at, 14, 67, 20, editable);
  it('moves, extends, jumps and pages as Excel does', () => {
    expect(key('ArrowDown')).toEqual({ kind: 'go', dRow: 1, dCol: 0, extend: false });
    expect(key('ArrowRight', { shift: true })).toEqual({ kind: 'go', dRow: 0, dCol: 1, extend: true });
    expect(key('ArrowDown', { ctrl: true })).toEqual({ kind: 'jump', row: 13, col: 5, extend: false });
    expect(key('Home')).toEqual({ kind: 'jump', row: 3, col: 3, extend: false, scrollHome: true });
    expect(key('End', { ctrl: true })).toEqual({ kind: 'jump', row: 13, col: 66, extend: false });
    expect(key('PageDown')).toEqual({ kind: 'go', dRow: 20, dCol: 0, extend: false });
    expect(key('Enter', { shift: true })).toEqual({ kind: 'enter', back: true });
    expect(key('Tab')).toEqual({ kind: 'tab', back: false });
  });
  it('Tab skips computed columns (to the next row at the end); Enter after Tabs returns to the column the run began in', () => {
    const p = samplePeriodForTabs();
    const cols = gridColumns({ indicators: p.indicators.map((i) => ({ ...i, ruleKind: i.rule.kind, decimals: 2 })) });
    const target = (ind: string) => cols.findIndex((c) => c.kind === 'target' && p.indicators[c.indicator]!.id === ind);
    const first = target(p.indicators[0]!.id);
    // 任务数 → 实绩数 → (完成率, 得分 skipped) → the next indicator's 任务数.
    expect(tabFrom(cols, { row: 2, col: first }, 14, false)).toEqual({ row: 2, col: first + 1 });
    expect(tabFrom(cols, { row: 2, col: first + 1 }, 14, false)).toEqual({ row: 2, col: target(p.indicators[1]!.id) });
    expect(tabFrom(cols, { row: 2, col: target(p.indicators[1]!.id) }, 14, true)).toEqual({ row: 2, col: first + 1 });
    const lastEntry = cols.map((c, i) => (c.field ? i : -1)).filter((i) => i >= 0).at(-1)!;
    expect(tabFrom(cols, { row: 2, col: lastEntry }, 14, false)).toEqual({ row: 3, col: first });
    expect(enterFrom({ row: 2, col: first + 5 }, first, 14, false)).toEqual({ row: 3, col: first });
    expect(enterFrom({ row: 2, col: first + 5 }, null, 14, false)).toEqual({ row: 3, col: first + 5 });
  });
  it('types over an entry cell, not over a computed one; F2, Delete, Ctrl+A, Ctrl+F', () => {
    expect(key('7')).toEqual({ kind: 'type', text: '7' });
    expect(key('7', {}, false)).toEqual({ kind: 'computed' });
    expect(key('F2')).toEqual({ kind: 'edit' });
    expect(key('Delete')).toEqual({ kind: 'clear' });
    expect(key('a', { ctrl: true })).toEqual({ kind: 'selectAll' });
    expect(key('f', { ctrl: true })).toEqual({ kind: 'find' });
    expect(key('Process')).toEqual({ kind: 'compose' });
  });
});
