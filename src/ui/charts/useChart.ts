/** A Chart.js chart bound to a canvas and a config that may change (Chart.js, bundled into the single file). */
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { createEffect, onCleanup } from 'solid-js';
import type { Config } from './chartConfig';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Tooltip, Legend);


export function useChart(canvas: () => HTMLCanvasElement | undefined, config: () => Config | null) {
  let chart: Chart<'bar' | 'line', number[], string> | null = null;
  createEffect(() => {
    const el = canvas();
    const cfg = config();
    chart?.destroy();
    chart = el && cfg ? new Chart(el, cfg) : null;
  });
  onCleanup(() => chart?.destroy());
}
