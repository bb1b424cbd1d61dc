/** Weights and targets pasted by name (issue 21, fault 2): seed 001's column lands on the right townships. */
import { describe, expect, it } from 'vitest';
import { samplePeriod } from '../../src/sample/daye-2023q1';
import { readPastedColumn } from '../../src/engine/import/pastedColumn';

const units = samplePeriod().units;
/** Seed 001's 科技型中小企业入库 (the 开门红 plan), in the plan's order, with its names and its header and 合计. */
const SEED001 = `序号\t乡镇\t科技型中小企业入库(家)
1\t大冶湖高新区\t137
2\t临空区•还地桥镇\t28
3\t灵乡镇\t23
4\t陈贵镇\t23
5\t金湖街道\t17
6\t保安镇\t15
7\t大箕铺镇\t13
8\t金山店镇\t10
9\t金牛镇\t6
10\t东岳街道\t7
11\t刘仁八镇\t7
12\t殷祖镇\t6
13\t茗山乡\t6
14\t东风农场\t2
合计\t\t300
`;
const byUnit = (text: string) => Object.fromEntries(readPastedColumn(text, units).lines.map((l) => [l.unitId, l.value]));

describe('a pasted column read by name', () => {
  it('seed 001 with its 序号, header and 合计, in the plan’s order: 14 of 14 on the right townships', () => {
    const r = readPastedColumn(SEED001, units);
    expect(r.byName).toBe(true);
    expect([r.unknown, r.missing, r.twice, r.notNumbers]).toEqual([[], [], [], []]);
    expect(byUnit(SEED001)).toEqual({ gxq: 137, lkq: 28, lx: 23, cg: 23, jh: 17, ba: 15, djp: 13, jsd: 10, jn: 6, dy: 7, lrb: 7, yz: 6, msx: 6, dfnc: 2 });
  });

  it('two columns the other way round (数值 then 乡镇) land the same', () => {
    const flipped = SEED001.split('\n').slice(1, 15).map((l) => l.split('\t').slice(1).reverse().join('\t')).join('\n');
    expect(byUnit(flipped)).toEqual(byUnit(SEED001));
  });

  it('an unknown name and a missing township are listed, a name twice is taken from neither line', () => {
    const text = '高新区\t137\n某某镇\t5\n陈贵镇\t23\n陈贵镇\t24';
    const r = readPastedColumn(text, units);
    expect(r.unknown).toEqual(['第 2 行“某某镇”']);
    expect(r.twice).toEqual(['陈贵镇']);
    expect(r.lines.map((l) => [l.unitId, l.value])).toEqual([['gxq', 137]]);
    // The other 12 are missing (陈贵镇 is told apart: named twice).
    expect(r.missing).toHaveLength(12);
    expect(r.missing).not.toContain('陈贵镇');
  });

  it('a single column has no names: by position from the box it was pasted in, header left out', () => {
    const r = readPastedColumn('权重\n1\n2\n3', units, 2);
    expect(r.byName).toBe(false);
    expect(r.lines.map((l) => [l.unitId, l.value])).toEqual([['lx', 1], ['jh', 2], ['cg', 3]]);
  });

  it('a value that is not a number is named with its line', () => {
    expect(readPastedColumn('1\nabc', units).notNumbers).toEqual(['第 2 行“abc”不是数字']);
  });
});
