import { describe, expect, it } from 'vitest';
import { applyInput, setRemark, setState } from '../../src/ui/grid/cellInput';
import { gridColumns, move, pasteTargets, rangeOf } from '../../src/ui/grid/layout';
import { parseTsv, toTsv } from '../../src/ui/grid/tsv';

describe('clipboard TSV as Excel/WPS write it', () => {
  it('rows, tabs, CRLF, trailing newline, blank cells', () => {
    expect(parseTsv('1,234.5\t101.99%\r\n/\t\r\n')).toEqual([['1,234.5', '101.99%'], ['/', '']]);
    expect(parseTsv('a\tb\nc\td')).toEqual([['a', 'b'], ['c', 'd']]);
  });
  it('quoted fields with tabs, newlines and quotes', () => {
    expect(parseTsv('"x\ty"\t"he said ""hi"""\r\n"two\nlines"\t3\r\n')).toEqual([['x\ty', 'he said "hi"'], ['two\nlines', '3']]);
  });
  it('round-trips', () => {
    const rows = [['高新区', '1,234.5', 'a\tb'], ['', '"q"', '']];
    expect(parseTsv(toTsv(rows))).toEqual(rows);
  });
});

describe('typing into a cell', () => {
  it('numbers as staff write them', () => {
    expect(applyInput(null, 'target', '1,234.5')).toEqual({ state: 'value', target: 1234.5, actual: null });
    expect(applyInput({ state: 'value', target: 10, actual: null }, 'actual', '１２')).toEqual({ state: 'value', target: 10, actual: 12 });
  });
  it('"/" makes the cell not applicable; a number makes it a value again', () => {
    const na = applyInput({ state: 'value', target: 10, actual: 3, remark: 'r' }, 'actual', '/');
    expect(na).toEqual({ state: 'na', target: null, actual: null, remark: 'r' });
    expect(applyInput(na, 'target', '5')).toEqual({ state: 'value', target: 5, actual: null, remark: 'r' });
  });
  it('"未出" marks pending; typing the actual later ends it', () => {
    const p = applyInput({ state: 'value', target: 3, actual: null }, 'actual', '未出');
    expect(p).toEqual({ state: 'pending', target: 3, actual: null });
    expect(applyInput(p, 'actual', '2.5')).toEqual({ state: 'value', target: 3, actual: 2.5 });
  });
  it('text that is not a number is kept as typed', () => {
    expect(applyInput(null, 'target', ' 约100 ')).toEqual({ state: 'value', target: '约100', actual: null });
  });
  it('clearing everything leaves no cell', () => {
    expect(applyInput({ state: 'value', target: 3, actual: null }, 'target', '')).toBeNull();
  });
  it('remark and state', () => {
    expect(setRemark(null, '迟报材料')).toEqual({ state: 'missing', target: null, actual: null, remark: '迟报材料' });
    expect(setState({ state: 'value', target: 2, actual: 1 }, 'pending')).toEqual({ state: 'pending', target: 2, actual: null });
  });
});

describe('grid layout and movement', () => {
  const view = { indicators: [{ id: 'a', name: 'A', unit: '', points: 5, ruleKind: 'rankDual' as const, decimals: 0 }, { id: 'm', name: 'M', unit: '', points: 3, ruleKind: 'manual' as const, decimals: 0 }] };
  const cols = gridColumns(view);
  it('unit, total and rank (frozen), then target/actual/rate/score per indicator', () => {
    expect(cols.map((c) => c.kind)).toEqual(['unit', 'total', 'rank', 'target', 'actual', 'rate', 'score', 'target', 'actual', 'rate', 'score']);
    expect(cols.map((c) => c.field)).toEqual([null, null, null, 'target', 'actual', null, null, 'target', 'actual', null, 'manualScore']);
  });
  it('moves clamp at the edges; Shift extends from the anchor', () => {
    const s = { anchor: { row: 0, col: 3 }, focus: { row: 0, col: 3 } };
    expect(move(s, -1, 0, 14, 11, false).focus).toEqual({ row: 0, col: 3 });
    expect(move(s, 0, 9, 14, 11, false).focus).toEqual({ row: 0, col: 10 });
    const ext = move(move(s, 1, 0, 14, 11, true), 0, 2, 14, 11, true);
    expect(rangeOf(ext)).toEqual({ top: 0, left: 3, bottom: 1, right: 5 });
  });
  it('a pasted 3×4 block skips computed columns', () => {
    const sel = { anchor: { row: 2, col: 3 }, focus: { row: 2, col: 3 } };
    const block = [['1', '2', '3', '4'], ['5', '6', '7', '8'], ['9', '10', '11', '12']];
    const t = pasteTargets(cols, sel, block, 14);
    expect(t.filter((x) => x.row === 2).map((x) => [x.col, x.text])).toEqual([[3, '1'], [4, '2'], [7, '3'], [8, '4']]);
    expect(t).toHaveLength(12);
  });
  it('a single value fills the selection, editable cells only', () => {
    const sel = { anchor: { row: 0, col: 3 }, focus: { row: 1, col: 5 } };
    expect(pasteTargets(cols, sel, [['7']], 14).map((x) => `${x.row}:${x.col}`)).toEqual(['0:3', '0:4', '1:3', '1:4']);
  });
  it('rows past the last unit are dropped', () => {
    const sel = { anchor: { row: 13, col: 3 }, focus: { row: 13, col: 3 } };
    expect(pasteTargets(cols, sel, [['1'], ['2']], 14)).toEqual([{ row: 13, col: 3, text: '1' }]);
  });
});
