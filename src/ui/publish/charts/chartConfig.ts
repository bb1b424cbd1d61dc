/**
 * What the charts draw, as Chart.js configurations (pure: tested in Node).
 *
 * - Totals start at 0 and end at 100. A y-axis starting at 74 made a 2-point gap look like half
 *   the chart.
 * - Completion rates are drawn against 100 %, the period's own target. A period's targets are its
 *   own (a quarter's task is due by the quarter's end), so a 25 % 序时进度 line told the wrong
 *   story.
 * - Null: nothing to draw (a period without data); the view says so instead of an empty chart.
 */
import type { ChartConfiguration, ChartType, Plugin } from 'chart.js';
import type { CompletionTable, PeriodView, RankPoint } from '../../../service/protocol';
import { formatNumber } from '../../../model/format';

export type Config = ChartConfiguration<'bar' | 'line', number[], string>;

const FONT = { family: "'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif" };

/** What the value labels draw: the text size (px of the chart) and how a value reads. */
export interface ValueLabelOptions {
  size: number;
  /** 'total': 85.06; 'percent': 104.64% (the data are percents). */
  as: 'total' | 'percent';
}

declare module 'chart.js' {
  // The value labels' options, as Chart.js types its own plugins' (chart.options.plugins.valueLabels).
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- merged with Chart.js's own declaration, which has it
  interface PluginOptionsByType<TType extends ChartType> {
    valueLabels?: Partial<ValueLabelOptions>;
  }
}

/**
 * Each bar's value written above it (as the 通报's charts are printed), through the one formatter
 * (two decimals, as the tables show totals and rates); drawn only while the bars are wide enough to
 * hold their label.
 */
const valueLabels: Plugin<'bar' | 'line', ValueLabelOptions> = {
  id: 'valueLabels',
  defaults: { size: 12, as: 'total' },
  afterDatasetsDraw(chart, _args, options) {
    const g = chart.ctx;
    g.save();
    g.fillStyle = '#222';
    g.textAlign = 'center';
    g.textBaseline = 'bottom';
    const text = (v: number) => (options.as === 'percent' ? `${formatNumber(v, 2)}%` : formatNumber(v, 2));
    chart.data.datasets.forEach((ds, i) => {
      const meta = chart.getDatasetMeta(i);
      if (meta.type !== 'bar' || meta.hidden) return;
      const bars = meta.data as unknown as { x: number; y: number; width: number }[];
      const values = (ds.data as number[]).map((v) => (typeof v === 'number' && Number.isFinite(v) ? text(v) : ''));
      // As large as asked, but no wider than a bar's share of the axis: neighbours never overprint.
      const slot = (chart.chartArea.right - chart.chartArea.left) / Math.max(1, bars.length);
      g.font = `${options.size}px ${FONT.family}`;
      const widest = Math.max(1, ...values.map((t) => g.measureText(t).width));
      const size = Math.min(options.size, Math.floor((options.size * slot * 0.92) / widest));
      if (size < 9) return;
      g.font = `${size}px ${FONT.family}`;
      bars.forEach((bar, j) => {
        if (values[j]) g.fillText(values[j]!, bar.x, bar.y - 2);
      });
    });
    g.restore();
  },
};

/** A readable chart holds a few dozen bars: beyond that, the first ones. */
export const TOTAL_BARS = 50;
export const RATE_BARS = 100;

export function totalsChartConfig(ranking: PeriodView['ranking']): Config | null {
  const ranked = ranking.filter((r) => r.total !== null).slice(0, TOTAL_BARS);
  if (!ranked.length) return null;
  return {
    type: 'bar',
    data: {
      labels: ranked.map((r) => `${r.rank}. ${r.name}`),
      datasets: [{ label: '考核得分', data: ranked.map((r) => r.total!), backgroundColor: '#1f4e79' }],
    },
    plugins: [valueLabels],
    options: { animation: false, maintainAspectRatio: false, plugins: { legend: { display: false } }, scales: { y: { min: 0, max: 100, ticks: { font: FONT } }, x: { ticks: uprightWhenMany(ranked.length) } } },
  };
}

/** Above this many bars the screen's labels stand upright, each under its own bar. */
export const UPRIGHT_FROM = 21;

/**
 * X labels of a bar chart on screen. Up to 20 bars: as Chart.js lays them out. More (a province's
 * 50 totals): every label upright under its bar, none skipped (auto-skip hid every other township),
 * which also spares Chart.js its rotation and skip passes over the labels in the first chart's task
 * (a 55 ms task at open, at province scale). 50 labels of 12 px fit a chart 600 px wide.
 */
function uprightWhenMany(bars: number) {
  return bars >= UPRIGHT_FROM ? { font: FONT, autoSkip: false, minRotation: 90, maxRotation: 90 } : { font: FONT };
}

/** Rows with a rate to draw. */
export const ratedRows = (t: CompletionTable) => t.rows.filter((r): r is typeof r & { rate: number } => r.rate !== null);

export function ratesChartConfig(t: CompletionTable): Config | null {
  const rows = ratedRows(t).slice(0, RATE_BARS);
  if (!rows.length) return null;
  // A cumulative period is drawn against 序时进度 (the year's target is not due yet); others against 100 %.
  const line = t.timeProgress ? Number(t.timeProgress.replace('%', '')) : 100;
  const good = (r: (typeof rows)[number]) => (r.behind === null ? r.reached : !r.behind);
  return {
    type: 'bar',
    data: {
      labels: rows.map((r) => r.name),
      datasets: [
        { type: 'bar', label: t.timeProgress ? '完成年度任务 %' : '完成率 %', data: rows.map((r) => Math.round(r.rate * 10000) / 100), backgroundColor: rows.map((r) => (good(r) ? '#2e7d32' : '#c00000')) },
        { type: 'line', label: t.timeProgress ? `序时进度 ${t.timeProgress}` : '目标 100%', data: rows.map(() => line), borderColor: '#333', borderDash: [6, 4], pointRadius: 0 },
      ],
    },
    plugins: [valueLabels],
    options: {
      animation: false,
      maintainAspectRatio: false,
      plugins: { valueLabels: { as: 'percent' } },
      scales: { y: { beginAtZero: true, ticks: { font: FONT } }, x: { ticks: { font: FONT } } },
    },
  };
}

/** Places up to which the rank axis has a tick for each. */
const EVERY_PLACE_UP_TO = 20;

/**
 * A unit's rank over the periods: a line with 1st at the top (the axis reversed), whole places
 * only, up to the most units ranked in any period. Null with fewer than one rank to draw.
 */
export function rankHistoryConfig(points: readonly RankPoint[], unitName: string): Config | null {
  if (!points.some((p) => p.rank !== null)) return null;
  const most = Math.max(1, ...points.map((p) => p.ranked));
  return {
    type: 'line',
    data: {
      labels: points.map((p) => p.label),
      // A period without a rank is a gap in the line (Chart.js skips NaN), not a drop to 0.
      datasets: [{ type: 'line', label: `${unitName} 名次`, data: points.map((p) => p.rank ?? Number.NaN), borderColor: '#1f4e79', backgroundColor: '#1f4e79', pointRadius: 4, spanGaps: false }],
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      // A tick for every place only while they fit: at 40 000 places Chart.js made 1 000 of them
      // (measuring each label) and warned; beyond, it picks whole-number steps itself.
      scales: { y: { reverse: true, min: 1, max: most, ticks: { ...(most <= EVERY_PLACE_UP_TO ? { stepSize: 1 } : {}), precision: 0, font: FONT } }, x: { ticks: { font: FONT } } },
    },
  };
}

/** Pixels of a chart placed in the Word 通报: drawn at this size, at twice the pixels, as wide as the text. */
export const PICTURE = { width: 960, height: 600 };

/**
 * A chart as it is printed in the Word 通报, 156 mm wide: every township's label shown (none
 * skipped; upright-rotated so each sits under its own bar), text large enough to read at that
 * width (20 px of 960 ≈ 9 pt), the values on the bars. The screen's chart is left as it is.
 */
export function forPicture(cfg: Config): Config {
  const font = { ...FONT, size: 20 };
  const scales = cfg.options?.scales ?? {};
  const x = scales.x ?? {};
  const y = scales.y ?? {};
  const plugins = cfg.options?.plugins ?? {};
  const labels = plugins.valueLabels ?? {};
  return {
    ...cfg,
    options: {
      ...cfg.options,
      responsive: false,
      animation: false,
      devicePixelRatio: 2,
      layout: { padding: { top: 4, right: 12, bottom: 10, left: 4 } },
      plugins: { ...plugins, legend: { ...(plugins.legend ?? {}), labels: { font } }, valueLabels: { ...labels, size: 17 } },
      scales: {
        ...scales,
        x: { ...x, ticks: { ...(x.ticks ?? {}), font, autoSkip: false, minRotation: 90, maxRotation: 90 } },
        y: { ...y, ticks: { ...(y.ticks ?? {}), font } },
      } as NonNullable<Config['options']>['scales'],
    },
  };
}
