/**
 * 图表: totals with ranks, and completion rates of an indicator against the period's target (what
 * is drawn: chartConfig.ts). Chart.js, bundled into the single file.
 */
import { reached } from '../engine/decimal';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { createEffect, createSignal, For, onCleanup, Show } from 'solid-js';
import type { PeriodView } from '../engine/view';
import { ratedRows, ratesChartConfig, totalsChartConfig, type Config } from './chartConfig';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Tooltip, Legend);


function useChart(canvas: () => HTMLCanvasElement | undefined, config: () => Config | null) {
  let chart: Chart<'bar' | 'line', number[], string> | null = null;
  createEffect(() => {
    const el = canvas();
    const cfg = config();
    chart?.destroy();
    chart = el && cfg ? new Chart(el, cfg) : null;
  });
  onCleanup(() => chart?.destroy());
}

/** Bar chart of the ranked totals, labelled with their ranks (总览 and 图表); a line instead when none. */
export function TotalsChart(props: { ranking: PeriodView['ranking'] }) {
  let canvas: HTMLCanvasElement | undefined;
  const config = () => totalsChartConfig(props.ranking);
  useChart(() => canvas, config);
  return (
    <Show when={config()} fallback={<p class="muted" data-testid="totals-chart-empty">本期尚无考核得分，暂无图表。</p>}>
      <div class="chart-box">
        <canvas ref={canvas} aria-label="考核得分柱状图" role="img" />
      </div>
    </Show>
  );
}

export function ChartsView(props: { view: PeriodView }) {
  let rates: HTMLCanvasElement | undefined;
  const [annex, setAnnex] = createSignal<number | null>(null);
  const table = () => props.view.completion.find((c) => c.annexNo === (annex() ?? props.view.completion[0]?.annexNo)) ?? null;
  const config = () => {
    const t = table();
    return t ? ratesChartConfig(t) : null;
  };
  const behind = () => {
    const t = table();
    return t ? ratedRows(t).filter((r) => !reached(r.rate)) : [];
  };
  useChart(() => rates, config);

  return (
    <section class="sheet">
      <h2 class="title">考核得分与排名</h2>
      <TotalsChart ranking={props.view.ranking} />
      <h2 class="title">
        完成率（对照本期目标任务 100%）：
        <select aria-label="图表指标" value={table()?.annexNo ?? ''} onChange={(e) => setAnnex(Number(e.currentTarget.value))}>
          <For each={props.view.completion}>{(c) => <option value={c.annexNo} selected={c.annexNo === table()?.annexNo}>{c.header}</option>}</For>
        </select>
      </h2>
      <Show when={config()} fallback={<p class="muted" data-testid="rates-chart-empty">本期尚无该指标的实绩数据，暂无图表。</p>}>
        <div class="chart-box">
          <canvas ref={rates} aria-label="完成率柱状图" role="img" />
        </div>
        <Show when={behind().length > 0} fallback={<p>所有单位均完成本期目标任务。</p>}>
          <p class="flag" data-testid="behind">
            未完成本期目标任务：{behind().slice(0, 50).map((r) => `${r.name}（${r.rateText}）`).join('、')}
            {behind().length > 50 ? `……等 ${behind().length} 个单位` : ''}
          </p>
        </Show>
      </Show>
    </section>
  );
}
