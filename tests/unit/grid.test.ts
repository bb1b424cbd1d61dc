import { describe, expect, it } from 'vitest';
import { applyInput, inputProblem, setRemark, setState } from '../../src/ui/state/cellInput';
import { copiedKinds, copyPayload, planPaste } from '../../src/ui/entry/grid/clipboard';
import { gridColumns, move, rangeOf } from '../../src/ui/entry/grid/layout';
import { parseTsv, toTsv } from '../../src/ui/entry/grid/tsv';

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
  const shownNothing = () => '';
  it('trailing blank lines of a clipboard are not data: a row with a trailing tab and two CRLF lines clears no township below (issue 26)', () => {
    expect(parseTsv('5\t6\t\r\n\r\n\r\n')).toEqual([['5', '6', '']]);
    expect(parseTsv('5\t6\n \t\n\t\n')).toEqual([['5', '6']]);
    // A blank row between rows is a row (it clears the township it lands on, as in Excel).
    expect(parseTsv('1\r\n\r\n2\r\n')).toEqual([['1'], [''], ['2']]);
    // One empty cell copied from Excel still clears the cell it is pasted on.
    expect(parseTsv('\r\n')).toEqual([['']]);
    const sel = { anchor: { row: 0, col: 3 }, focus: { row: 0, col: 3 } };
    const plan = planPaste(cols, sel, parseTsv('5\t6\t\r\n\r\n\r\n'), 14, null, shownNothing);
    expect(plan).toEqual({ ok: true, targets: [{ row: 0, col: 3, text: '5' }, { row: 0, col: 4, text: '6' }] });
  });
  it('case 1: a block copied from the grid (任务数, 实绩数, 完成率, 得分) pastes back in its shape, nothing shifted', () => {
    const sel = { anchor: { row: 1, col: 3 }, focus: { row: 1, col: 3 } };
    const block = [['111', '149', '134.23%', '9.4']];
    const plan = planPaste(cols, sel, block, 14, ['target', 'actual', 'rate', 'score'], shownNothing);
    expect(plan).toEqual({ ok: true, targets: [{ row: 1, col: 3, text: '111' }, { row: 1, col: 4, text: '149' }] });
  });
  it('the same block from Excel (no kinds) is refused when its rate and score would land on computed columns with other values', () => {
    const sel = { anchor: { row: 1, col: 3 }, focus: { row: 1, col: 3 } };
    const plan = planPaste(cols, sel, [['111', '149', '134.23%', '9.4']], 14, null, () => '115.38%');
    expect(plan.ok).toBe(false);
    expect(!plan.ok && plan.message).toMatch(/其中有数值会落在“完成率、得分”列上.*未粘贴/);
  });
  it('an Excel block whose rate column repeats what the grid shows pastes its entry columns', () => {
    const sel = { anchor: { row: 0, col: 3 }, focus: { row: 0, col: 3 } };
    const plan = planPaste(cols, sel, [['4700', '4917', '104.62%']], 14, null, (_r, c) => (c === 5 ? '104.62%' : ''));
    expect(plan).toEqual({ ok: true, targets: [{ row: 0, col: 3, text: '4700' }, { row: 0, col: 4, text: '4917' }] });
  });
  it('a grid block pasted where the columns do not line up is refused, naming both', () => {
    const sel = { anchor: { row: 0, col: 4 }, focus: { row: 0, col: 4 } };
    const plan = planPaste(cols, sel, [['1', '2']], 14, ['target', 'actual'], shownNothing);
    expect(!plan.ok && plan.message).toBe('复制的是“任务数、实绩数”2 列，而粘贴位置起的列是“实绩数、完成率”，列不对应，未粘贴。请点在与复制时相同的列（如“任务数”）再粘贴。');
  });
  it('a single value fills the selection, editable cells only', () => {
    const sel = { anchor: { row: 0, col: 3 }, focus: { row: 1, col: 5 } };
    const plan = planPaste(cols, sel, [['7']], 14, null, shownNothing);
    expect(plan.ok && plan.targets.map((x) => `${x.row}:${x.col}`)).toEqual(['0:3', '0:4', '1:3', '1:4']);
  });
  it('rows past the last unit refuse the paste instead of being dropped', () => {
    const sel = { anchor: { row: 13, col: 3 }, focus: { row: 13, col: 3 } };
    expect(planPaste(cols, sel, [['1'], ['2']], 14, null, shownNothing)).toEqual({ ok: false, message: '粘贴的区域有 2 行，从第 14 个单位起超出了表格（共 14 个单位），未粘贴。' });
  });
  it('copy carries the column kinds in HTML and reads them back', () => {
    const p = copyPayload(['target', 'actual', 'rate'], [['4700', '4917', '104.62%']]);
    expect(p.text).toBe('4700\t4917\t104.62%\r\n');
    expect(copiedKinds(p.html)).toEqual(['target', 'actual', 'rate']);
    expect(copiedKinds('<table><tr><td>1</td></tr></table>')).toBeNull();
  });
});

describe('input checks (typing and pasting)', () => {
  const count = { unit: '家', points: 10, decimals: 0 };
  it.each([
    ['target', 'abc', count, '任务数“abc”不是数字（可填数字，“/”表示不适用）'],
    ['actual', 'abc', count, '实绩数“abc”不是数字（可填数字，“/”表示不适用，“未出”表示数据未出）'],
    ['actual', '101.99%', count, '实绩数“101.99%”是百分数，而该指标的单位是“家”，不能填百分数'],
    ['target', '0', count, '任务数为 0，必须大于 0'],
    ['target', '-4700', count, '任务数为 -4700，必须大于 0'],
    ['actual', '-1', count, '实绩数为 -1，不能为负数'],
    ['actual', '1e308', count, '实绩数为 1e308，超出合理范围（绝对值应小于 1 万亿）'],
    ['target', '0.4', count, '任务数为 0.4，太小：按该指标的 0 位小数会显示为 0（至少应为 0.5）'],
    ['target', 'Infinity', count, '任务数“Infinity”不是数字（可填数字，“/”表示不适用）'],
    ['manualScore', '11', count, '手工得分为 11，应在 0 到 10 分之间'],
    ['target', '未出', count, '任务数“未出”不是数字（可填数字，“/”表示不适用）'],
  ] as const)('%s “%s” is refused', (field, text, ind, why) => expect(inputProblem(field, text, ind)).toBe(why));
  it.each([
    ['target', '4700'],
    ['actual', '未出'],
    ['actual', '/'],
    ['target', ''],
    ['actual', '1,234.5'],
  ] as const)('%s “%s” is accepted', (field, text) => expect(inputProblem(field, text, count)).toBeNull());
  it('a percent into a percent indicator is fine', () => expect(inputProblem('actual', '2.5%', { unit: '%', points: 5, decimals: 2 })).toBeNull());
});
