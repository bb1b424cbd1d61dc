import { describe, expect, it } from 'vitest';
import { cellKey } from '../../src/model';
import { convertMeasure, formatScore, formatTotal, rankingTable, scorePeriod } from '../../src/engine';
import { parseNumeric } from '../../src/model/numeric';
import { samplePeriod } from '../../src/sample/daye-2023q1';
import { bareIndicatorName, printedRanking, printedScoreSheet } from './seed-fixtures';

const period = samplePeriod();
const result = scorePeriod(period);
const blocks = printedScoreSheet();

const unitByName = (name: string) => {
  const u = period.units.find((x) => x.name === name || x.fullName === name || x.aliases.includes(name));
  if (!u) throw new Error(`unknown unit ${name}`);
  return u;
};
const indicatorByLabel = (label: string) => {
  const bare = bareIndicatorName(label);
  const ind = period.indicators.find((i) => i.name === bare || i.aliases.includes(bare));
  if (!ind) throw new Error(`unknown indicator ${label}`);
  return ind;
};

describe('seed 000 考核得分明细: every printed score', () => {
  it('the transcription holds the eleven printed blocks', () => {
    expect(blocks.map((b) => b.unit)).toEqual([
      '大冶湖高新区', '陈贵镇', '灵乡镇', '金湖街道', '临空区·还地桥镇', '大箕铺镇', '金山店镇', '刘仁八镇', '保安镇', '殷祖镇', '茗山乡',
    ]);
    expect(blocks.reduce((n, b) => n + b.lines.length, 0)).toBe(16 * 9 + 10 + 9);
  });

  const lines = blocks.flatMap((b) => b.lines.map((l) => ({ label: `${l.unit} ${l.indicator} = ${l.score}`, line: l })));
  it.each(lines)('$label', ({ line }) => {
    const unit = unitByName(line.unit);
    const ind = indicatorByLabel(line.indicator);
    const c = result.cells[cellKey(unit.id, ind.id)]!;
    expect(c.error).toBeUndefined();
    expect(c.score).not.toBeNull();
    expect(formatScore(c.score!)).toBe(line.score);
    expect(formatScore(ind.points)).toBe(line.points);
    // The values scored are the values printed (in the score sheet's measure unit).
    const shown = ind.detailUnit ?? ind.unit;
    for (const [field, text] of [['target', line.target], ['actual', line.actual]] as const) {
      const p = parseNumeric(text);
      if (p.kind === 'na') expect(c.state).toBe('na');
      else {
        expect(p.kind).toBe('number');
        expect(convertMeasure(c[field]!, ind.unit, shown)).toBeCloseTo((p as { value: number }).value, 9);
      }
    }
  });

  it('rank-dual arithmetic of 高新区 研发投入: actual #1 → 2.5, rate #12 → 1.95, score 4.45', () => {
    const c = result.cells[cellKey('gxq', 'rd_investment')]!;
    expect([c.rankByActual, c.actualPart, c.rankByRate, c.ratePart, c.score]).toEqual([1, 2.5, 12, 1.95, 4.45]);
  });

  it('殷祖镇 新产品销售收入 3.8 needs the rates of the units printed only rounded (东风农场 100.27% > 100.19%)', () => {
    const c = result.cells[cellKey('yz', 'new_product_sales')]!;
    expect([c.rankByActual, c.rankByRate, c.score]).toEqual([12, 14, 3.8]);
  });

  it('陈贵镇 人才 is proportional: 4 / 4.25 × 5 = 4.71', () => {
    expect(result.cells[cellKey('cg', 'talent')]!.score).toBeCloseTo((4 / 4.25) * 5, 12);
  });
});

describe('seed 000 附件6: totals and ranks', () => {
  const printed = printedRanking();
  const rows = rankingTable(period, result);
  const detailed = new Set(blocks.filter((b) => b.unit !== '茗山乡').map((b) => unitByName(b.unit).id));

  it('the scheme has 85 points and 14 units are printed', () => {
    expect(result.schemePoints).toBe(85);
    expect(printed).toHaveLength(14);
  });

  const cases = printed.map((p) => ({ label: `${p.rank} ${p.name} ${p.score}`, p }));
  it.each(cases)('$label', ({ p }) => {
    const unit = unitByName(p.name);
    const row = rows.find((r) => r.unitId === unit.id)!;
    expect(row.publishedText).toBe(p.score);
    if (detailed.has(unit.id)) {
      expect(row.complete).toBe(true);
      expect(row.totalText).toBe(p.score);
      expect(row.rank).toBe(p.rank);
    } else {
      // Detail not printed: never invented, so the unit is flagged and not ranked.
      expect(row.complete).toBe(false);
      expect(row.totalText).toBe('数据不全');
      expect(row.rank).toBeNull();
    }
  });

  it('高新区: Σ 72.3 of 85 points → 85.06', () => {
    const u = result.units.find((x) => x.unitId === 'gxq')!;
    expect(u.rawSum).toBeCloseTo(72.3, 10);
    expect(formatTotal(u.total!)).toBe('85.06');
  });

  it('茗山乡 lacks exactly the four indicators its printed block omits', () => {
    const u = result.units.find((x) => x.unitId === 'msx')!;
    expect(u.missingIndicatorIds.sort()).toEqual(['hitech_output', 'rd_service_firms', 'rd_service_revenue', 'rd_service_wages']);
  });
});
