/** What the charts draw: totals from 0 to 100, rates against the period's own 100 %, nothing when there is no data. */
import { describe, expect, it } from 'vitest';
import { buildPeriodView } from '../../src/engine';
import { periodFrom } from '../../src/engine/workbook/periods';
import { samplePeriod } from '../../src/sample/daye-2023q1';
import { UPRIGHT_FROM, forPicture, rankHistoryConfig, ratesChartConfig, totalsChartConfig } from '../../src/ui/publish/charts/chartConfig';
import { rankHistory } from '../../src/engine/views/rankHistory';
import { scorePeriod } from '../../src/engine/scoring/score';
import { buildPeriodViewFrom } from '../../src/engine/views/view';

describe('chart configurations', () => {
  const p = samplePeriod();
  const view = buildPeriodView(p);

  it('totals: the ten ranked units, their ranks in the labels, on an axis from 0 to 100', () => {
    const c = totalsChartConfig(view.ranking)!;
    expect(c.data.labels).toHaveLength(10);
    expect(c.data.labels![0]).toBe('1. 高新区');
    expect(c.data.datasets[0]!.data[0]).toBe(85.06);
    expect(c.options!.scales!.y).toMatchObject({ min: 0, max: 100 });
  });

  it('totals of many units on screen: every label upright under its bar, none skipped; a county’s left to Chart.js', () => {
    const many = Array.from({ length: 60 }, (_, i) => ({ ...view.ranking[0]!, rank: i + 1, name: `单位${i + 1}`, total: 90 - i / 2 }));
    const c = totalsChartConfig(many)!;
    expect(c.data.labels).toHaveLength(50);
    expect(c.data.labels![49]).toBe('50. 单位50');
    expect(c.options!.scales!.x!.ticks).toMatchObject({ autoSkip: false, minRotation: 90, maxRotation: 90 });
    expect(totalsChartConfig(many.slice(0, UPRIGHT_FROM - 1))!.options!.scales!.x!.ticks).not.toHaveProperty('autoSkip');
    expect(totalsChartConfig(many.slice(0, UPRIGHT_FROM))!.options!.scales!.x!.ticks).toMatchObject({ autoSkip: false });
  });

  it('rates: against 100 % only (no 序时进度 line), the units below it in red', () => {
    const t = view.completion.find((x) => x.annexNo === 5)!;
    const c = ratesChartConfig(t)!;
    expect(c.data.datasets.map((d) => d.label)).toEqual(['完成率 %', '目标 100%']);
    const i = (c.data.labels as string[]).indexOf('东岳街道');
    expect(i).toBeGreaterThanOrEqual(0);
    expect((c.data.datasets[0]!.backgroundColor as string[])[i]).toBe('#c00000');
    expect((c.data.datasets[0]!.backgroundColor as string[]).filter((x) => x === '#c00000')).toHaveLength(1);
  });

  it('for the Word 通报: no label skipped, each upright under its bar, type of 20 px of 960 (≈ 9 pt at 156 mm); the screen’s config untouched', () => {
    const c = totalsChartConfig(view.ranking)!;
    const pic = forPicture(c);
    expect(pic.options!.scales!.x!.ticks).toMatchObject({ autoSkip: false, minRotation: 90, maxRotation: 90, font: { size: 20 } });
    expect(pic.options!.scales!.y).toMatchObject({ min: 0, max: 100, ticks: { font: { size: 20 } } });
    expect(pic.options).toMatchObject({ responsive: false, animation: false, devicePixelRatio: 2 });
    expect(c.options!.scales!.x!.ticks).not.toHaveProperty('autoSkip');
    const rates = forPicture(ratesChartConfig(view.completion[0]!)!);
    expect(rates.options!.plugins!.valueLabels).toEqual({ as: 'percent', size: 17 });
  });

  it('a new period without data draws nothing (the view says so instead)', () => {
    const next = periodFrom(p, 'q2', 2023, 2);
    const v = buildPeriodView(next);
    expect(totalsChartConfig(v.ranking)).toBeNull();
    for (const t of v.completion) expect(ratesChartConfig(t)).toBeNull();
  });

  it('名次变化: a unit\'s rank in time order (periods stored out of order), a gap where it has none, 1st at the top', () => {
    const q4 = periodFrom(p, 'q4', 2022, 4);
    for (const [k, c] of Object.entries(p.cells)) q4.cells[k] = structuredClone(c);
    // 刘仁八镇's 科小 actual 18 in 2023 Q2: 8th → 7th.
    const q2 = periodFrom(p, 'q2', 2023, 2);
    for (const [k, c] of Object.entries(p.cells)) q2.cells[k] = structuredClone(c);
    q2.cells['lrb|tech_sme'] = { ...q2.cells['lrb|tech_sme']!, actual: 18 };
    const q3 = periodFrom(p, 'q3', 2023, 3); // no data yet
    const periods = [p, q2, q3, q4];
    const results = new Map(periods.map((x) => [x.id, scorePeriod(x)]));
    const pts = rankHistory(periods, (id) => results.get(id)!, 'lrb');
    expect(pts.map((x) => [x.label, x.rank, x.total, x.ranked])).toEqual([
      ['2022年四季度', 8, 77.59, 10],
      ['2023年一季度', 8, 77.59, 10],
      ['2023年二季度', 7, results.get('q2')!.unitResult('lrb')!.totalRounded, 10],
      ['2023年三季度', null, null, 0],
    ]);
    const c = rankHistoryConfig(pts, '刘仁八镇')!;
    expect(c.data.labels).toEqual(['2022年四季度', '2023年一季度', '2023年二季度', '2023年三季度']);
    expect(c.data.datasets[0]!.data.slice(0, 3)).toEqual([8, 8, 7]);
    expect(Number.isNaN(c.data.datasets[0]!.data[3])).toBe(true);
    expect(c.options!.scales!.y).toMatchObject({ reverse: true, min: 1, max: 10 });
    expect(rankHistoryConfig(rankHistory([q3], (id) => results.get(id)!, 'lrb'), '刘仁八镇')).toBeNull();
    // 考核得分明细 carries the same move: 第7名 ↑1 against 2023年一季度.
    const detail = buildPeriodViewFrom(q2, results.get('q2')!, 'detail', 0, { label: '2023年一季度', result: results.get(p.id)! });
    const lrb = detail.scoreSheet.find((b) => b.unitId === 'lrb')!;
    expect([lrb.rank, lrb.rankChange]).toEqual([7, 1]);
    expect(lrb.totalChange).toBe(Math.round((results.get('q2')!.unitResult('lrb')!.totalRounded! - 77.59) * 100) / 100);
  });

  it('名次变化 of a province: whole places, but not a tick per place (at 40 000 Chart.js made and measured 1 000 tick labels, and warned)', () => {
    const points = [
      { periodId: 'q1', label: '2024年一季度', rank: 17_321, total: 61.2, ranked: 40_000 },
      { periodId: 'q2', label: '2024年二季度', rank: 9_004, total: 70.1, ranked: 39_998 },
    ];
    const y = rankHistoryConfig(points, '单位17')!.options!.scales!.y as { min: number; max: number; ticks: { stepSize?: number; precision?: number; maxTicksLimit?: number } };
    expect([y.min, y.max, y.ticks.precision]).toEqual([1, 40_000, 0]);
    // Chart.js makes (max − min) / stepSize + 1 ticks when a step is given: at most a screenful.
    expect(y.ticks.stepSize === undefined ? y.ticks.maxTicksLimit ?? 11 : (y.max - y.min) / y.ticks.stepSize + 1).toBeLessThanOrEqual(21);
    // A county's chart keeps a tick for every place.
    const county = rankHistoryConfig([{ periodId: 'q1', label: '2024年一季度', rank: 3, total: 80, ranked: 14 }], '高新区')!.options!.scales!.y as { ticks: { stepSize?: number } };
    expect(county.ticks.stepSize).toBe(1);
  });
});
