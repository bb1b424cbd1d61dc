/**
 * 图表: totals with ranks, and completion rates of an indicator against 100 % and the time
 * progress (序时进度: a quarter is 25 % of the year). Chart.js, bundled into the single file.
 */
import { reached } from '../engine/decimal';
import { BarController, BarElement, CategoryScale, Chart, type ChartConfiguration, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { createEffect, createSignal, For, onCleanup, Show } from 'solid-js';
import type { PeriodView } from '../engine/view';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Tooltip, Legend);

const FONT = { family: "'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif" };

type Config = ChartConfiguration<'bar' | 'line', number[], string>;

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

/** Bar chart of the ranked totals, labelled with their ranks (总览 and 图表). */
export function TotalsChart(props: { ranking: PeriodView['ranking'] }) {
  let canvas: HTMLCanvasElement | undefined;
  useChart(
    () => canvas,
    () => {
      // A readable chart holds a few dozen bars: beyond that, the top 50.
      const ranked = props.ranking.filter((r) => r.total !== null).slice(0, 50);
      return {
        type: 'bar',
        data: {
          labels: ranked.map((r) => `${r.rank}. ${r.name}`),
          datasets: [{ label: '考核得分', data: ranked.map((r) => r.total!), backgroundColor: '#1f4e79' }],
        },
        options: { animation: false, maintainAspectRatio: false, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: false, ticks: { font: FONT } }, x: { ticks: { font: FONT } } } },
      };
    },
  );
  return (
    <div class="chart-box">
      <canvas ref={canvas} aria-label="考核得分柱状图" role="img" />
    </div>
  );
}

export function ChartsView(props: { view: PeriodView; quarter: number }) {
  let rates: HTMLCanvasElement | undefined;
  const [annex, setAnnex] = createSignal<number | null>(null);
  const progress = () => props.quarter * 25;
  const table = () => props.view.completion.find((c) => c.annexNo === (annex() ?? props.view.completion[0]?.annexNo)) ?? null;
  const behind = () => table()?.rows.filter((r) => !reached(r.rate, progress() / 100)) ?? [];

  useChart(
    () => rates,
    () => {
      const table0 = table();
      if (!table0) return null;
      // As with the totals: a readable chart holds the first 100 bars (a province table has thousands).
      const t = { ...table0, rows: table0.rows.slice(0, 100) };
      return {
        type: 'bar',
        data: {
          labels: t.rows.map((r) => r.name),
          datasets: [
            { type: 'bar', label: '完成率 %', data: t.rows.map((r) => Math.round(r.rate * 10000) / 100), backgroundColor: t.rows.map((r) => (r.rate * 100 < progress() ? '#c00000' : r.rate < 1 ? '#e0a800' : '#2e7d32')) },
            { type: 'line', label: '100%', data: t.rows.map(() => 100), borderColor: '#333', borderDash: [6, 4], pointRadius: 0 },
            { type: 'line', label: `序时进度 ${progress()}%`, data: t.rows.map(() => progress()), borderColor: '#c00000', borderDash: [2, 3], pointRadius: 0 },
          ],
        },
        options: { animation: false, maintainAspectRatio: false, scales: { y: { beginAtZero: true, ticks: { font: FONT } }, x: { ticks: { font: FONT } } } },
      };
    },
  );

  return (
    <section class="sheet">
      <h2 class="title">考核得分与排名</h2>
      <TotalsChart ranking={props.view.ranking} />
      <h2 class="title">
        完成率（对照 100% 与序时进度 {progress()}%）：
        <select aria-label="图表指标" value={table()?.annexNo ?? ''} onChange={(e) => setAnnex(Number(e.currentTarget.value))}>
          <For each={props.view.completion}>{(c) => <option value={c.annexNo} selected={c.annexNo === table()?.annexNo}>{c.header}</option>}</For>
        </select>
      </h2>
      <div class="chart-box">
        <canvas ref={rates} aria-label="完成率柱状图" role="img" />
      </div>
      <Show when={behind().length > 0} fallback={<p>所有单位均达到序时进度。</p>}>
        <p class="flag" data-testid="behind">落后于序时进度：{behind().map((r) => `${r.name}（${r.rateText}）`).join('、')}</p>
      </Show>
    </section>
  );
}
