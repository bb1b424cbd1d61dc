/** What the charts draw: totals from 0 to 100, rates against the period's own 100 %, nothing when there is no data. */
import { describe, expect, it } from 'vitest';
import { buildPeriodView } from '../../src/engine';
import { periodFrom } from '../../src/engine/periods';
import { samplePeriod } from '../../src/sample/daye-2023q1';
import { ratesChartConfig, totalsChartConfig } from '../../src/ui/chartConfig';

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

  it('rates: against 100 % only (no 序时进度 line), the units below it in red', () => {
    const t = view.completion.find((x) => x.annexNo === 5)!;
    const c = ratesChartConfig(t)!;
    expect(c.data.datasets.map((d) => d.label)).toEqual(['完成率 %', '目标 100%']);
    const i = (c.data.labels as string[]).indexOf('东岳街道');
    expect(i).toBeGreaterThanOrEqual(0);
    expect((c.data.datasets[0]!.backgroundColor as string[])[i]).toBe('#c00000');
    expect((c.data.datasets[0]!.backgroundColor as string[]).filter((x) => x === '#c00000')).toHaveLength(1);
  });

  it('a new period without data draws nothing (the view says so instead)', () => {
    const next = periodFrom(p, 'q2', 2023, 2);
    const v = buildPeriodView(next);
    expect(totalsChartConfig(v.ranking)).toBeNull();
    for (const t of v.completion) expect(ratesChartConfig(t)).toBeNull();
  });
});
