/** 查找 in the grid: names compared as staff type them, matches walked in row order with wrapping. */
import { describe, expect, it } from 'vitest';
import { findPlace, findRows, nextMatch } from '../../src/ui/entry/grid/find';
import { samplePeriod } from '../../src/sample/daye-2023q1';

describe('grid find', () => {
  const units = samplePeriod().units;
  it('matches part of a name, full-width, spaced or without the middle dot, and the full name', () => {
    const names = (t: string) => findRows(units, t).map((i) => units[i]!.name);
    expect(names('刘仁')).toEqual(['刘仁八镇']);
    expect(names('临空区还地桥')).toEqual(['临空区·还地桥镇']);
    expect(names('高 新')).toEqual(['高新区']);
    expect(names('　灵乡　')).toEqual(['灵乡镇']);
    expect(findRows(units, '街道').length).toBeGreaterThan(1);
    expect(findRows(units, '   ')).toEqual([]);
    expect(findRows([{ name: '高新区', fullName: '大冶湖高新区' }], '大冶湖')).toEqual([0]);
  });
  it('goes to the next match after the row, or back, wrapping around', () => {
    expect(nextMatch([2, 5, 9], 5)).toBe(9);
    expect(nextMatch([2, 5, 9], 9)).toBe(2);
    expect(nextMatch([2, 5, 9], 5, true)).toBe(2);
    expect(nextMatch([2, 5, 9], 2, true)).toBe(9);
    expect(nextMatch([], 0)).toBeNull();
  });
});

describe('Ctrl+F as a 名称框: townships, indicators and columns by name', () => {
  const units = [{ name: '高新区' }, { name: '陈贵镇' }, { name: '灵乡镇' }];
  const indicators = [{ name: '规上企业研发投入' }, { name: '规上企业研发人员' }, { name: '科技型中小企业入库数', aliases: ['科小'] }];
  it('陈贵镇 研发投入 实绩数 → 陈贵镇, 研发投入, 实绩数; an indicator alone keeps the row; a column word defaults to 任务数', () => {
    expect(findPlace(units, indicators, '陈贵镇 研发投入 实绩数')).toEqual({ rows: [1], indicator: 0, kind: 'actual' });
    expect(findPlace(units, indicators, '研发人员')).toEqual({ rows: [], indicator: 1, kind: null });
    expect(findPlace(units, indicators, '灵乡·科小 完成率')).toEqual({ rows: [2], indicator: 2, kind: 'rate' });
    expect(findPlace(units, indicators, '镇')).toEqual({ rows: [1, 2], indicator: null, kind: null });
    expect(findPlace(units, indicators, '不存在')).toEqual({ rows: [], indicator: null, kind: null });
    // A spaced township name is still the township.
    expect(findPlace(units, indicators, '陈 贵')).toEqual({ rows: [1], indicator: null, kind: null });
  });
});
