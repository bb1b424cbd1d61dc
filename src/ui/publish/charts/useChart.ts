/** A Chart.js chart bound to a canvas and a config that may change (Chart.js loaded on the first chart). */
import type { Chart } from 'chart.js';
import { createEffect, onCleanup } from 'solid-js';
import type { Config } from './chartConfig';
import { loadChart } from './chartLibrary';
import { inTurn } from '../../shared/frameTurns';

/** The config without its data: the chart's frame (canvas sized, axes set up) costs a third of a whole chart. */
export function withoutData(cfg: Config): Config {
  return { ...cfg, data: { ...cfg.data, labels: [], datasets: cfg.data.datasets.map((d) => ({ ...d, data: [] })) } };
}

/*
 * Charts are drawn one per frame, each in a turn of its own (shared/frameTurns.ts): three charts of
 * a province (500 bars each) drawn in one task kept the page from answering for 60–70 ms; drawn in
 * the frame, a chart measured the page that had just been rendered (73 ms). A chart is made in two
 * turns: its frame (sizing the canvas reads the page's layout), then its data (labels measured,
 * bars and values drawn); made at once it was a 35–55 ms task at province scale. A chart already
 * on its canvas is updated in place.
 */
export function useChart(canvas: () => HTMLCanvasElement | undefined, config: () => Config | null) {
  let chart: Chart<'bar' | 'line', number[], string> | null = null;
  /** The type the chart was made as (a bar chart is not turned into a line chart in place). */
  let madeType: string | null = null;
  let asked = 0;
  let gone = false;
  createEffect(() => {
    const el = canvas();
    const cfg = config();
    const mine = ++asked;
    // Latest wins: a config asked for after this one draws instead; a closed view draws nothing.
    const current = () => mine === asked && !gone;
    void loadChart().then((ChartClass) =>
      inTurn(() => {
        if (!current()) return;
        // The same kind of chart on the same canvas (another indicator, an edit): its data and
        // options replaced in one turn, without showing empty axes for a frame in between.
        if (chart && el && cfg && chart.canvas === el && madeType === cfg.type) {
          chart.data = cfg.data;
          chart.options = cfg.options ?? {};
          chart.update('none');
          return;
        }
        chart?.destroy();
        chart = el && cfg ? new ChartClass(el, withoutData(cfg)) : null;
        madeType = cfg?.type ?? null;
        if (!chart || !cfg) return;
        const made = chart;
        inTurn(() => {
          if (!current() || chart !== made) return;
          made.data = cfg.data;
          made.update('none');
        });
      }),
    );
  });
  onCleanup(() => {
    gone = true;
    chart?.destroy();
  });
}
