import { describe, expect, it } from 'vitest';
import { scorePeriod, summarizeIndicator } from '../../src/engine';
import { samplePeriod } from '../../src/sample/daye-2023q1';

const period = samplePeriod();
const result = scorePeriod(period);
const names = (ids: readonly string[]) => ids.map((id) => period.units.find((u) => u.id === id)!.name);
const summary = (id: string) => summarizeIndicator(period, result, period.indicators.find((i) => i.id === id)!);

describe('per-indicator facts as seed 000 §一 states them', () => {
  it.each([
    ['rd_investment', ['高新区', '临空区·还地桥镇', '灵乡镇']],
    ['rd_staff', ['高新区', '金湖街道', '临空区·还地桥镇']],
    ['new_product_sales', ['高新区', '临空区·还地桥镇', '金湖街道']],
    ['tech_sme', ['高新区', '临空区·还地桥镇', '陈贵镇']],
    ['tech_contract', ['高新区', '灵乡镇', '陈贵镇']],
  ])('%s: 完成较高的为 %j', (id, top) => {
    expect(names(summary(id).topUnitIds)).toEqual(top);
  });

  it('all 14 units completed 研发投入, 研发人员, 新产品销售收入 and 科技型中小企业入库', () => {
    for (const id of ['rd_investment', 'rd_staff', 'new_product_sales', 'tech_sme']) {
      expect(summary(id).completedUnitIds).toHaveLength(14);
      expect(summary(id).notCompletedUnitIds).toEqual([]);
    }
  });

  it('13 units completed 技术合同成交额; 东岳街道 did not', () => {
    const s = summary('tech_contract');
    expect(s.completedUnitIds).toHaveLength(13);
    expect(names(s.notCompletedUnitIds)).toEqual(['东岳街道']);
  });

  it('city-wide actual and rate: 257255.4 万元 104.64%, 8340 人 105.72%, 360.36 亿元 115.54%, 332 家 132.8%, 94087 万元 117.61%', () => {
    const got = ['rd_investment', 'rd_staff', 'new_product_sales', 'tech_sme', 'tech_contract'].map((id) => {
      const s = summary(id);
      return [Math.round(s.sumActual * 100) / 100, Math.round(s.rate! * 10000) / 100];
    });
    expect(got).toEqual([
      [257255.4, 104.64],
      [8340, 105.72],
      [360.36, 115.54],
      [332, 132.8],
      [94087.4, 117.61],
    ]);
  });
});
