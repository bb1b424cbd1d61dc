/** A Chart.js chart bound to a canvas and a config that may change (Chart.js loaded on the first chart). */
import type { Chart } from 'chart.js';
import { createEffect, onCleanup } from 'solid-js';
import type { Config } from './chartConfig';
import { loadChart } from './chartLibrary';

/**
 * Charts are drawn one per frame: three charts of a province (500 bars each) drawn in one task
 * kept the page from answering for 60–70 ms; one at a time, each task stays short. Each is drawn
 * in a task of its own just after a frame (a timer set in the frame's callback), not inside it:
 * drawn in the frame, a chart measured the page that had just been rendered (the ranking of 500
 * rows) and its task came to 73 ms; after the frame has laid the page out, it is the chart alone.
 */
const waiting: (() => void)[] = [];
const afterFrame = (fn: () => void) => requestAnimationFrame(() => setTimeout(fn, 0));
function inTurn(draw: () => void): void {
  waiting.push(draw);
  if (waiting.length === 1) afterFrame(next);
}
function next(): void {
  waiting.shift()?.();
  if (waiting.length) afterFrame(next);
}

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
