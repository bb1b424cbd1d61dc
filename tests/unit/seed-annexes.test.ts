import { describe, expect, it } from 'vitest';
import { completionTables, scorePeriod } from '../../src/engine';
import { samplePeriod } from '../../src/sample/daye-2023q1';
import { printedAnnexes } from './seed-fixtures';

const period = samplePeriod();
const tables = completionTables(period, scorePeriod(period));
const printed = printedAnnexes();

describe('seed 000 附件1–5 are reproduced figure by figure', () => {
  it('has the five annexes, in order', () => {
    expect(printed.map((p) => p.no)).toEqual([1, 2, 3, 4, 5]);
    expect(tables.map((t) => t.annexNo)).toEqual([1, 2, 3, 4, 5]);
  });

  const rowCases = printed.flatMap((a) => a.rows.map((r) => ({ label: `附件${a.no} 第${r.no}行 ${r.name}`, annex: a.no, row: r })));
  it.each(rowCases)('$label', ({ annex, row }) => {
    const t = tables.find((x) => x.annexNo === annex)!;
    const mine = t.rows[Number(row.no) - 1]!;
    expect({ no: String(mine.no), name: mine.name, actual: mine.actualText, target: mine.targetText, rate: mine.rateText }).toEqual(row);
  });

  it.each(printed.map((a) => ({ label: `附件${a.no} 合计`, a })))('$label', ({ a }) => {
    const t = tables.find((x) => x.annexNo === a.no)!;
    expect({ actual: t.sum.actualText, target: t.sum.targetText, rate: t.sum.rateText }).toEqual(a.sum);
    expect(t.rows).toHaveLength(a.rows.length);
  });

  it('titles and headers name the indicator and its measure unit', () => {
    expect(tables[0]!.title).toBe('各乡镇 2023 年规上企业研发投入完成情况表');
    expect(tables[0]!.header).toBe('规上企业研发投入（万元）');
    expect(tables[3]!.header).toBe('科技型中小企业入库（家）');
    expect(tables[0]!.asOf).toBe('2023 年 3 月 31 日下午 17:00');
  });
});
