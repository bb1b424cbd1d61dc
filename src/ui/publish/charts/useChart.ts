/** A Chart.js chart bound to a canvas and a config that may change (Chart.js loaded on the first chart). */
import type { Chart } from 'chart.js';
import { createEffect, onCleanup } from 'solid-js';
import type { Config } from './chartConfig';
import { loadChart } from './chartLibrary';
import { inTurn } from '../../shared/frameTurns';

/*
 * Charts are drawn one per frame, each in a turn of its own (shared/frameTurns.ts): three charts of
 * a province (500 bars each) drawn in one task kept the page from answering for 60–70 ms; drawn in
 * the frame, a chart measured the page that had just been rendered (73 ms).
 */
export function useChart(canvas: () => HTMLCanvasElement | undefined, config: () => Config | null) {
  let chart: Chart<'bar' | 'line', number[], string> | null = null;
  let asked = 0;
  let gone = false;
  createEffect(() => {
    const el = canvas();
    const cfg = config();
    const mine = ++asked;
    void loadChart().then((ChartClass) =>
      inTurn(() => {
        // Latest wins: a config asked for after this one draws instead; a closed view draws nothing.
        if (mine !== asked || gone) return;
        chart?.destroy();
        chart = el && cfg ? new ChartClass(el, cfg) : null;
      }),
    );
  });
  onCleanup(() => {
    gone = true;
    chart?.destroy();
  });
}
